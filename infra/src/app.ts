import { type App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.ts';
import { ResponderRoleStack } from './stacks/responder-role-stack.ts';
import { ResponseStack } from './stacks/response-stack.ts';
import { VigilStack } from './stacks/vigil-stack.ts';

export interface VigilAppOptions {
  /** Detect handler entry; tests may substitute one, deployments never do. */
  detectEntry?: string;
}

export interface VigilApp {
  core: VigilStack;
  response: ResponseStack;
  /** The member-account role, for a StackSet (parameter SecurityAccountId); not deployed with the rest. */
  responderRole: ResponderRoleStack;
}

/**
 * Builds every Vigil stack into `app` from its context. Environment-agnostic (no account or region
 * lookups), so synth needs no credentials; cdk-nag's AwsSolutions pack checks every stack at synth.
 */
export function createVigilApp(app: App, options: VigilAppOptions = {}): VigilApp {
  const config = readConfig(app.node);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  Tags.of(app).add('project', 'vigil');
  const core = new VigilStack(app, 'Vigil', {
    config,
    description:
      'Vigil threat detection: ingestion, raw-events stream, detect, findings, state and operations',
    analyticsReporting: false,
    ...options,
  });
  const response = new ResponseStack(app, 'VigilResponse', {
    findingsBus: core.findingsBus,
    auditTable: core.tables.audit,
    responderExternalId: config.responderExternalId,
    dryRun: config.dryRun,
    intel: { secrets: core.secrets.intel, cacheTable: core.tables.intelCache, feeds: core.intel },
    description: 'Vigil automated response: triage, playbooks with guardrails, audit and rollback',
    analyticsReporting: false,
  });
  const responderRole = new ResponderRoleStack(app, 'VigilResponderRole', {
    externalId: config.responderExternalId,
    description: 'Vigil responder role for member accounts (deploy with a StackSet)',
    analyticsReporting: false,
  });
  return { core, response, responderRole };
}
