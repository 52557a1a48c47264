import { CfnParameter, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { PLAYBOOK_TASKS_ROLE_NAME, ResponderRole } from '../constructs/response/index.ts';

/**
 * The member-account half of automated response: the `vigil-responder` role. Deployed to every
 * member account with a service-managed StackSet; the security account is a parameter so one
 * template serves the whole organization.
 */
export interface ResponderRoleStackProps extends StackProps {
  /** The ExternalId the response stack presents (not a secret: it guards against confused deputies). */
  externalId: string;
}

export class ResponderRoleStack extends Stack {
  readonly responder: ResponderRole;

  constructor(scope: Construct, id: string, props: ResponderRoleStackProps) {
    super(scope, id, props);
    const securityAccountId = new CfnParameter(this, 'SecurityAccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      description: 'Account where Vigil runs its playbooks',
    });
    this.responder = new ResponderRole(this, 'Responder', {
      securityAccountId: securityAccountId.valueAsString,
      trustedRoleName: PLAYBOOK_TASKS_ROLE_NAME,
      externalId: props.externalId,
    });
  }
}
