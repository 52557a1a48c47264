import { join } from 'node:path';
import { TASK_NAMES } from '@vigil/fn-respond';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, type IFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { RESPOND_PATHS } from './paths.ts';

/** The exports of functions/respond/src/handler.ts, one Lambda each. */
export const RESPOND_TASKS = TASK_NAMES;
export type RespondTask = (typeof RESPOND_TASKS)[number];

/** Single-quoted for bash, so a checkout path with spaces or quotes still copies. */
const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** What the bundle needs next to index.mjs: the guardrails and the offline intel sets (see config.ts). */
export function respondBundleCommands(output: string): string[] {
  return [
    `cp ${quote(RESPOND_PATHS.guardrails)} ${quote(join(output, 'guardrails.yml'))}`,
    `cp -RL ${quote(RESPOND_PATHS.intelSets)} ${quote(join(output, 'intel-sets'))}`,
  ];
}

function acknowledgeTracing(role: iam.IRole): void {
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray PutTraceSegments and PutTelemetryRecords (active tracing) support no resource-level permissions.',
  });
}

/** Tasks that assume the responder role in member accounts. */
const ACTING_TASKS: readonly RespondTask[] = ['plan', 'execute', 'rollback'];

/** Name of the role the acting tasks share; member accounts' responder roles trust exactly this role. */
export const PLAYBOOK_TASKS_ROLE_NAME = 'vigil-playbook-tasks';

export interface RespondFunctionsProps {
  auditTable: ITable;
  /** ExternalId the responder roles require (confused-deputy guard, not a secret). */
  responderExternalId: string;
  /** The deployment's dry-run switch; playbooks act only when this and the guardrails both say live. */
  dryRun: boolean;
  /** What the enrich task looks indicators up with; without it, enrich matches the bundled sets only. */
  intel?: RespondIntel;
}

/** The intel wiring of the enrich task, and only of it. */
export interface RespondIntel {
  /** One secret per provider (`IntegrationSecrets.intel`). */
  secrets: Readonly<Record<string, ISecret>>;
  /** `TABLES.intelCache`. */
  cacheTable: ITable;
  /** The sets intel-refresh writes (`IntelFeeds`). */
  feeds: { grantRead(grantee: iam.IGrantable): iam.Grant; readerEnvironment(): Record<string, string> };
}

/**
 * The respond Lambdas: one bundle, seven handlers. Only plan, execute and rollback may assume
 * `vigil-responder` in member accounts, through one fixed-name role the member accounts trust.
 */
export class RespondFunctions extends Construct {
  readonly functions: Readonly<Record<RespondTask, IFunction>>;
  readonly actingRole: iam.Role;

  constructor(scope: Construct, id: string, props: RespondFunctionsProps) {
    super(scope, id);
    this.actingRole = new iam.Role(this, 'PlaybookTasksRole', {
      roleName: PLAYBOOK_TASKS_ROLE_NAME,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Vigil playbook tasks: plan, execute and roll back responses through vigil-responder',
    });
    this.actingRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: ['arn:aws:iam::*:role/vigil-responder'],
      }),
    );
    const functions = {} as Record<RespondTask, IFunction>;
    for (const task of RESPOND_TASKS) {
      const acting = ACTING_TASKS.includes(task);
      const role = acting
        ? this.actingRole
        : new iam.Role(this, `${task}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      const logGroup = new LogGroup(this, `${task}Logs`, { retention: RetentionDays.ONE_YEAR });
      const intel = task === 'enrich' ? props.intel : undefined;
      const fn = new NodejsFunction(this, task, {
        entry: RESPOND_PATHS.entry,
        handler: task,
        projectRoot: RESPOND_PATHS.repoRoot,
        depsLockFilePath: RESPOND_PATHS.lockFile,
        runtime: Runtime.NODEJS_22_X,
        architecture: Architecture.ARM_64,
        memorySize: 512,
        timeout: Duration.seconds(task === 'enrich' ? 30 : 60),
        tracing: Tracing.ACTIVE,
        role,
        logGroup,
        environment: {
          VIGIL_AUDIT_TABLE: props.auditTable.tableName,
          VIGIL_RESPONDER_EXTERNAL_ID: props.responderExternalId,
          VIGIL_DRY_RUN: String(props.dryRun),
          POWERTOOLS_SERVICE_NAME: 'vigil-respond',
          NODE_OPTIONS: '--enable-source-maps',
          ...(intel
            ? {
                VIGIL_INTEL_SECRETS: Stack.of(this).toJsonString(
                  Object.fromEntries(Object.entries(intel.secrets).map(([name, s]) => [name, s.secretArn])),
                ),
                VIGIL_INTEL_CACHE_TABLE: intel.cacheTable.tableName,
                ...intel.feeds.readerEnvironment(),
              }
            : {}),
        },
        bundling: {
          format: OutputFormat.ESM,
          target: 'node22',
          mainFields: ['module', 'main'],
          sourceMap: true,
          banner:
            "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (_input: string, output: string) => respondBundleCommands(output),
          },
        },
      });
      logGroup.grantWrite(role);
      props.auditTable.grantReadWriteData(fn);
      if (intel) {
        // Only enrich reads the provider keys, the verdict cache and the refreshed sets.
        for (const secret of Object.values(intel.secrets)) secret.grantRead(role);
        intel.cacheTable.grantReadWriteData(role);
        intel.feeds.grantRead(role);
      }
      Validations.of(fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime this code base is built and tested for (esbuild target node22); it is supported by Lambda until 2027.',
      });
      if (!acting) acknowledgeTracing(role);
      functions[task] = fn;
    }
    acknowledgeTracing(this.actingRole);
    Validations.of(this.actingRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:aws:iam::*:role/vigil-responder]',
      reason:
        'The playbooks act in whichever member account a finding names; they may assume only the vigil-responder role there, which in turn trusts only this role by ARN and ExternalId.',
    });
    this.functions = functions;
  }
}
