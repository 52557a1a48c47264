import { CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PLAYBOOK_TASKS_ROLE_NAME, ResponderRole } from '../constructs/response/index.ts';

/**
 * The member-account half of automated response: the `vigil-responder` role. Deployed to every
 * member account with a service-managed StackSet; the security account and ExternalId are
 * parameters so one template serves the whole organization.
 */
export class ResponderRoleStack extends Stack {
  readonly responder: ResponderRole;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const securityAccountId = new CfnParameter(this, 'SecurityAccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'Account where Vigil runs its playbooks',
    });
    const externalId = new CfnParameter(this, 'ExternalId', {
      type: 'String',
      minLength: 16,
      description: 'ExternalId the playbooks present when assuming vigil-responder',
    });
    this.responder = new ResponderRole(this, 'Responder', {
      securityAccountId: securityAccountId.valueAsString,
      trustedRoleName: PLAYBOOK_TASKS_ROLE_NAME,
      externalId: externalId.valueAsString,
    });
  }
}
