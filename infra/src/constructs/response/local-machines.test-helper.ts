import type { Tasks } from '@vigil/fn-respond';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ResponseStack } from '../../stacks/response-stack.ts';

// aws-local-stepfunctions 3 targets Node 22; Node 20 lacks Promise.withResolvers, which it uses for task timeouts.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
const { StateMachine } = await import('aws-local-stepfunctions');

const ENV = { account: '999999999999', region: 'us-east-1' };
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': ENV.region,
  'AWS::AccountId': ENV.account,
  'AWS::URLSuffix': 'amazonaws.com',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Synthesizes the response stack as `cdk synth` would, without bundling the Lambda code. */
export function synthResponseStack(): { template: ReturnType<Template['toJSON']>; stack: ResponseStack } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const base = new Stack(app, 'Base', { env: ENV });
  const stack = new ResponseStack(app, 'Response', {
    env: ENV,
    findingsBus: new EventBus(base, 'Findings', { eventBusName: 'vigil-findings' }),
    auditTable: new Table(base, 'Audit', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
    }),
    responderExternalId: 'vigil-test-external-id',
    // Short, so the test of an unanswered approval waits one second.
    approvalTimeout: Duration.seconds(1),
  });
  return { template: Template.fromStack(stack).toJSON(), stack };
}

function arnOf(id: string, resources: Resources): string {
  const type = resources[id]?.Type;
  if (type === 'AWS::Lambda::Function') return `arn:aws:lambda:${ENV.region}:${ENV.account}:function:${id}`;
  if (type === 'AWS::StepFunctions::StateMachine') {
    const name = resources[id]?.Properties?.StateMachineName as string;
    return `arn:aws:states:${ENV.region}:${ENV.account}:stateMachine:${name}`;
  }
  if (type === 'AWS::SNS::Topic') return `arn:aws:sns:${ENV.region}:${ENV.account}:${id}`;
  throw new Error(`no local ARN for ${id} (${type})`);
}

function resolve(value: unknown, resources: Resources): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if ('Fn::Join' in v) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => resolve(p, resources)).join(sep);
  }
  if ('Fn::GetAtt' in v) return arnOf((v['Fn::GetAtt'] as [string])[0], resources);
  if ('Ref' in v) return PSEUDO[v.Ref as string] ?? arnOf(v.Ref as string, resources);
  throw new Error(`cannot resolve ${JSON.stringify(value)}`);
}

export interface Machines {
  /** State machine name → ASL definition, tokens resolved to local ARNs. */
  definitions: Map<string, Json>;
  byArn: Map<string, string>;
  /** Lambda ARN → handler export (the `index.<name>` of the function's Handler). */
  handlers: Map<string, keyof Tasks>;
}

/** Reads every state machine definition and Lambda handler from the synthesized template. */
export function machinesOf(template: { Resources: Resources }): Machines {
  const resources = template.Resources;
  const definitions = new Map<string, Json>();
  const byArn = new Map<string, string>();
  const handlers = new Map<string, keyof Tasks>();
  for (const [id, r] of Object.entries(resources)) {
    if (r.Type === 'AWS::StepFunctions::StateMachine') {
      const name = r.Properties?.StateMachineName as string;
      definitions.set(name, JSON.parse(resolve(r.Properties?.DefinitionString, resources)) as Json);
      byArn.set(arnOf(id, resources), name);
    }
    if (r.Type === 'AWS::Lambda::Function') {
      handlers.set(
        arnOf(id, resources),
        String(r.Properties?.Handler).replace(/^index\./, '') as keyof Tasks,
      );
    }
  }
  return { definitions, byArn, handlers };
}

/**
 * Stands in for Step Functions' task-token API: a `.waitForTaskToken` task waits here until
 * SendTaskSuccess or SendTaskFailure (sent by `answerApproval` through a mocked SFN client)
 * settles it, or until the state's timeout.
 */
export class Approver {
  private readonly waiting = new Map<string, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  readonly requested: string[] = [];

  wait(token: string): Promise<Json> {
    this.requested.push(token);
    return new Promise((resolve, reject) => this.waiting.set(token, { resolve, reject }));
  }

  succeed(token: string, output: string): void {
    this.take(token).resolve(JSON.parse(output) as Json);
  }

  fail(token: string, error: string, cause: string): void {
    const failure = new Error(cause);
    failure.name = error;
    this.take(token).reject(failure);
  }

  private take(token: string) {
    const w = this.waiting.get(token);
    if (!w) throw new Error(`no task is waiting for token ${token}`);
    this.waiting.delete(token);
    return w;
  }
}

export interface LocalRun {
  published: { TopicArn: string; Subject?: string; Message: string }[];
  /** Executions started without waiting (block-ip's expiry), to await in tests. */
  started: Promise<Json>[];
  approver: Approver;
  run(machine: string, input: unknown): Promise<Json>;
}

const fakeContext = (name: string) => ({
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${ENV.region}:${ENV.account}:function:${name}`,
  memoryLimitInMB: '512',
  awsRequestId: `local-${name}`,
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'local',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/**
 * Runs the synthesized definitions with aws-local-stepfunctions. Lambda tasks run the real
 * handlers; `.waitForTaskToken` calls the handler, then waits for the Approver; SNS publishes
 * are recorded; nested executions run the nested definitions with the same bindings.
 */
export function localRun(machines: Machines, tasks: Tasks): LocalRun {
  const published: LocalRun['published'] = [];
  const started: Promise<Json>[] = [];
  const approver = new Approver();
  let executions = 0;

  const invoke = async (arn: string, payload: Json): Promise<Json> => {
    const name = machines.handlers.get(arn);
    if (!name) throw new Error(`no handler bound to ${arn}`);
    const handler = tasks[name] as unknown as (e: Json, c: unknown) => Promise<Json>;
    return JSON.parse(JSON.stringify((await handler(payload, fakeContext(name))) ?? null)) as Json;
  };

  function bindings(definition: { States: Record<string, { Type: string; Resource?: string }> }) {
    const handlers: Record<string, (input: Json) => Promise<Json>> = {};
    for (const [stateName, state] of Object.entries(definition.States)) {
      if (state.Type !== 'Task' || !state.Resource) continue;
      const resource = state.Resource;
      if (resource.startsWith('arn:aws:lambda:')) handlers[stateName] = (input) => invoke(resource, input);
      else if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
        handlers[stateName] = async (input) => {
          const { FunctionName, Payload } = input as { FunctionName: string; Payload: { taskToken: string } };
          await invoke(FunctionName, Payload as unknown as Json);
          return approver.wait(Payload.taskToken);
        };
      } else if (resource === 'arn:aws:states:::sns:publish') {
        handlers[stateName] = async (input) => {
          published.push(input as unknown as LocalRun['published'][number]);
          return { MessageId: `m-${published.length}` };
        };
      } else if (resource.startsWith('arn:aws:states:::states:startExecution')) {
        const sync = resource.endsWith('.sync:2');
        handlers[stateName] = async (input): Promise<Json> => {
          const { StateMachineArn, Input } = input as { StateMachineArn: string; Input: Json };
          const child = machines.byArn.get(StateMachineArn);
          if (!child) throw new Error(`no state machine ${StateMachineArn}`);
          const execution = run(child, Input);
          if (!sync) {
            started.push(execution);
            return { ExecutionArn: `${StateMachineArn}:async` };
          }
          try {
            return { Output: await execution, Status: 'SUCCEEDED' };
          } catch (error) {
            const failed = new Error((error as Error).message);
            failed.name = 'States.TaskFailed';
            throw failed;
          }
        };
      } else throw new Error(`state ${stateName}: no local binding for ${resource}`);
    }
    return handlers;
  }

  async function run(machine: string, input: unknown): Promise<Json> {
    const definition = machines.definitions.get(machine) as {
      States: Record<string, { Type: string; Resource?: string }>;
    };
    if (!definition) throw new Error(`no state machine named ${machine}`);
    const n = ++executions;
    const sm = new StateMachine(definition as never, { validationOptions: { checkPaths: false } });
    const execution = sm.run(input as Json, {
      overrides: {
        taskResourceLocalHandlers: bindings(definition) as never,
        retryIntervalOverrides: { Plan: 0, Execute: 0, Rollback: 0 },
        waitTimeOverrides: { WaitUntilExpiry: 0 },
      },
      context: {
        Execution: {
          Id: `arn:aws:states:${ENV.region}:${ENV.account}:execution:${machine}:run-${n}`,
          Input: input as Json,
          StartTime: new Date(0).toISOString(),
        },
        Task: { Token: `token-${machine}-${n}` },
      },
    });
    return (await execution.result) as Json;
  }

  return { published, started, approver, run };
}
