import { readFileSync } from 'node:fs';
import { PLAYBOOKS, parseGuardrails } from '@vigil/response';
import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import {
  PlaybookStateMachine,
  RESPOND_PATHS,
  RespondFunctions,
  type RespondIntel,
  ResponseTopic,
  RollbackStateMachine,
  TriageStateMachine,
} from '../constructs/response/index.ts';

/** The playbooks of `@vigil/response`; block-ip's blocks expire through the rollback machine. */
export const RESPONSE_PLAYBOOKS = PLAYBOOKS;
const EXPIRING = new Set<string>(['block-ip']);

export interface ResponseStackProps extends StackProps {
  findingsBus: IEventBus;
  auditTable: ITable;
  /** ExternalId the member accounts' responder roles require (same value as ResponderRoleStack's). */
  responderExternalId: string;
  /** The deployment's dry-run switch (`vigil:dryRun`, default on); see RespondFunctions. */
  dryRun?: boolean;
  /** Provider keys, verdict cache and refreshed sets for the enrich step (the core stack's). */
  intel?: RespondIntel;
  /** Overrides the guardrails' approval timeout (tests). */
  approvalTimeout?: Duration;
}

/** Automated response in the security account: triage, one machine per playbook, rollback. */
export class ResponseStack extends Stack {
  readonly triage: TriageStateMachine;
  readonly playbooks: Readonly<Record<string, IStateMachine>>;
  readonly rollback: RollbackStateMachine;
  readonly functions: RespondFunctions;
  readonly topic: ResponseTopic;

  constructor(scope: Construct, id: string, props: ResponseStackProps) {
    super(scope, id, props);
    this.topic = new ResponseTopic(this, 'Notifications');
    this.functions = new RespondFunctions(this, 'Tasks', {
      auditTable: props.auditTable,
      responderExternalId: props.responderExternalId,
      dryRun: props.dryRun ?? true,
      ...(props.intel ? { intel: props.intel } : {}),
    });
    const common = { functions: this.functions.functions, topic: this.topic.topic };
    this.rollback = new RollbackStateMachine(this, 'Rollback', common);
    const playbooks: Record<string, IStateMachine> = {};
    for (const playbook of RESPONSE_PLAYBOOKS) {
      playbooks[playbook] = new PlaybookStateMachine(this, `Playbook-${playbook}`, {
        ...common,
        playbook,
        ...(EXPIRING.has(playbook) ? { expiry: this.rollback.stateMachine } : {}),
      }).stateMachine;
    }
    this.playbooks = playbooks;
    // The Lambdas bundle the same guardrails file, so the timeout and the decisions agree.
    const guardrails = parseGuardrails(
      readFileSync(RESPOND_PATHS.guardrails, 'utf8'),
      RESPOND_PATHS.guardrails,
    );
    this.triage = new TriageStateMachine(this, 'Triage', {
      ...common,
      playbooks,
      findingsBus: props.findingsBus,
      approvalTimeout: props.approvalTimeout ?? Duration.seconds(guardrails.approval.timeoutSeconds),
    });
  }
}
