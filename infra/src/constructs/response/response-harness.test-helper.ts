import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createTasks, intelEnrich, type TaskDeps } from '@vigil/fn-respond';
import {
  AuditStore,
  answerApproval,
  createResponder,
  DEFAULT_GUARDRAILS_FILE,
  type Guardrails,
  loadGuardrails,
  MUTATING_CALLS,
  PLAYBOOKS,
} from '@vigil/response';
import type { DetectionFinding } from '@vigil/schema';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { type LocalRun, localRun, machinesOf, synthResponseStack } from './local-machines.test-helper.ts';

export const NOW = Date.parse('2026-11-22T10:00:00Z');
export const EXTERNAL_ID = 'vigil-test-external-id';
type Stub = { calls(): { args: unknown[] }[] };
const MUTATING = new Set(Object.values(MUTATING_CALLS).flatMap((calls) => Object.keys(calls)));

export interface Harness {
  iam: AwsClientStub<IAMClient>;
  ec2: AwsClientStub<EC2Client>;
  autoscaling: AwsClientStub<AutoScalingClient>;
  sts: AwsClientStub<STSClient>;
  ddb: Loopback<DynamoDBClient>;
  shipped: Guardrails;
  /** A fresh audit table and local runner with these guardrails (live by default). */
  setup(
    overrides?: Partial<Guardrails>,
    options?: { enrich?: TaskDeps['enrich'] },
  ): Promise<{
    audit: AuditStore;
    local: LocalRun;
    /** Answers the pending approval of a finding the way the analyst API does (`answerApproval`). */
    answer(findingUid: string, approve: boolean, by: string): Promise<void>;
  }>;
  /** Every mutating AWS call made, in order, as [command, input]. */
  mutations(): [string, Record<string, unknown>][];
  /** Every call to one mock, as [command, input]. */
  callsOf(stub: Stub): [string, Record<string, unknown>][];
  reset(): void;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  // The tasks' Powertools loggers read this when created; test output stays readable.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const machines = machinesOf(synthResponseStack().template as never);
  const ddb = await startDynalite();
  const shipped = await loadGuardrails(DEFAULT_GUARDRAILS_FILE);
  const enrich = await intelEnrich({ clock: () => NOW });
  const stubs = {
    iam: mockClient(IAMClient),
    ec2: mockClient(EC2Client),
    autoscaling: mockClient(AutoScalingClient),
    sts: mockClient(STSClient),
  };
  const callsOf = (stub: Stub) => stub.calls().map((c) => named(c.args[0]));
  // Step Functions' task-token API, answered by the local runner of the current test.
  const sfn = mockClient(SFNClient);
  let current: LocalRun | undefined;
  const reset = () => {
    for (const s of Object.values(stubs)) s.reset();
    sfn.reset();
    sfn.on(SendTaskSuccessCommand).callsFake(async (input: { taskToken: string; output: string }) => {
      current?.approver.succeed(input.taskToken, input.output);
      return {};
    });
    sfn
      .on(SendTaskFailureCommand)
      .callsFake(async (input: { taskToken: string; error: string; cause: string }) => {
        current?.approver.fail(input.taskToken, input.error, input.cause);
        return {};
      });
    stubs.sts.on(AssumeRoleCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAVIGILRESPONDER01',
        SecretAccessKey: 'local',
        SessionToken: 'local',
        Expiration: new Date(NOW + 900_000),
      },
    });
  };
  reset();
  let tables = 0;
  return {
    ...stubs,
    ddb,
    shipped,
    async setup(overrides = {}, options = {}) {
      const table = await createTable(ddb.client, 'audit', `audit-${++tables}`);
      const guardrails: Guardrails = { ...shipped, dryRun: false, ...overrides };
      const audit = new AuditStore(ddb.client, table, () => NOW);
      const tasks = createTasks({
        responder: createResponder({
          audit,
          guardrails,
          sts: new STSClient({ region: 'us-east-1' }),
          externalId: EXTERNAL_ID,
          clock: () => NOW,
        }),
        enrich: options.enrich ?? enrich,
      });
      const local = localRun(machines, tasks);
      current = local;
      // The pending action is the one record of this finding awaiting approval.
      const answer = async (findingUid: string, approve: boolean, by: string) => {
        for (const playbook of PLAYBOOKS) {
          if ((await audit.get(findingUid, playbook))?.status !== 'awaiting-approval') continue;
          return answerApproval(new SFNClient({ region: 'us-east-1' }), audit, {
            findingUid,
            playbook,
            approve,
            by,
          });
        }
        throw new Error(`finding ${findingUid} has no approval pending`);
      };
      return { audit, local, answer };
    },
    mutations() {
      return ([stubs.iam, stubs.ec2, stubs.autoscaling] as Stub[])
        .flatMap((s) => s.calls())
        .sort((a, b) => callIndex(a) - callIndex(b))
        .map((c) => named(c.args[0]))
        .filter(([name]) => MUTATING.has(name));
    },
    callsOf,
    reset,
    async stop() {
      await ddb.stop();
      for (const s of Object.values(stubs)) s.restore();
      sfn.restore();
    },
  };
}

function named(command: unknown): [string, Record<string, unknown>] {
  const c = command as { constructor: { name: string }; input: Record<string, unknown> };
  return [c.constructor.name.replace(/Command$/, ''), c.input];
}

/** sinon records a global call id on every call, which orders calls across the three stubs. */
function callIndex(call: unknown): number {
  return (call as { callId: number }).callId;
}

/** The findings bus event that starts triage, as EventBridge delivers it. */
export function busEvent(finding: DetectionFinding) {
  return {
    version: '0',
    id: `event-${finding.finding_info.uid}`,
    'detail-type': 'Detection Finding',
    source: 'vigil.detect',
    account: '999999999999',
    time: new Date(finding.time).toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: finding,
  };
}

export const RESPONDER = {
  RoleArn: 'arn:aws:iam::123456789012:role/vigil-responder',
  ExternalId: EXTERNAL_ID,
  DurationSeconds: 900,
};
