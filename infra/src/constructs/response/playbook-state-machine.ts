import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { RespondTask } from './respond-functions.ts';
import {
  acknowledgeIntegrationWildcards,
  stateMachineLogging,
  THROTTLE_RETRY,
} from './state-machine-defaults.ts';

export interface PlaybookStateMachineProps {
  /** One of the playbooks of `@vigil/response` (`PLAYBOOKS`). */
  playbook: string;
  functions: Readonly<Record<RespondTask, IFunction>>;
  topic: ITopic;
  /** For playbooks whose action expires (block-ip): the rollback machine, started to wait for the expiry. */
  expiry?: sfn.IStateMachine;
}

/**
 * One playbook: plan (claim, read the before-state, budget) → execute the planned calls, with
 * throttled calls retried and resumed where they stopped → result. Any failure is audited and
 * notified before the execution fails. Input: `{decision, approval, runId}` from triage.
 */
export class PlaybookStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: PlaybookStateMachineProps) {
    super(scope, id);
    const fn = props.functions;
    const common = {
      'decision.$': '$.decision',
      'approval.$': '$.approval',
      'runId.$': '$.runId',
    };

    const recordFailure = new tasks.LambdaInvoke(this, 'RecordFailure', {
      lambdaFunction: fn.record,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        'decision.$': '$.decision',
        status: 'failed',
        actor: 'vigil:playbook',
        'runId.$': '$.runId',
        'error.$': '$.error',
      }),
      resultPath: '$.outcome',
    });
    const notifyFailure = new tasks.SnsPublish(this, 'NotifyFailure', {
      topic: props.topic,
      subject: `Vigil ${props.playbook} failed`,
      message: sfn.TaskInput.fromJsonPathAt('States.JsonToString($.outcome)'),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const failed = new sfn.Fail(this, 'Failed', {
      error: 'Vigil.PlaybookFailed',
      causePath: '$.error.Cause',
    });
    recordFailure.next(notifyFailure).next(failed);

    const plan = new tasks.LambdaInvoke(this, 'Plan', {
      lambdaFunction: fn.plan,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject(common),
      resultPath: '$.planned',
    })
      .addRetry(THROTTLE_RETRY)
      .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' });

    const execute = new tasks.LambdaInvoke(this, 'Execute', {
      lambdaFunction: fn.execute,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({ ...common, 'planned.$': '$.planned' }),
      resultPath: '$.executed',
    })
      .addRetry(THROTTLE_RETRY)
      .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' });

    const result = (name: string, statusPath: string) =>
      new sfn.Pass(this, name, {
        parameters: {
          'findingUid.$': '$.decision.findingUid',
          'playbook.$': '$.decision.playbook',
          'status.$': statusPath,
          'plan.$': '$.planned.plan',
        },
      });
    const notPlanned = new sfn.Pass(this, 'NotExecuted', {
      parameters: {
        'findingUid.$': '$.decision.findingUid',
        'playbook.$': '$.decision.playbook',
        'status.$': '$.planned.status',
        'planned.$': '$.planned',
      },
    });

    let afterExecute: sfn.IChainable = result('Executed', '$.executed.status');
    if (props.expiry) {
      const scheduleExpiry = new tasks.StepFunctionsStartExecution(this, 'ScheduleExpiry', {
        stateMachine: props.expiry,
        integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE,
        input: sfn.TaskInput.fromObject({
          'findingUid.$': '$.decision.findingUid',
          'playbook.$': '$.decision.playbook',
          requestedBy: 'vigil:expiry',
          'notBefore.$': '$.planned.plan.expiresAt',
        }),
        resultPath: sfn.JsonPath.DISCARD,
      });
      afterExecute = scheduleExpiry.next(afterExecute as sfn.Pass);
    }

    const definition = plan.next(
      new sfn.Choice(this, 'Planned?')
        .when(sfn.Condition.stringEquals('$.planned.status', 'planned'), execute.next(afterExecute))
        .otherwise(notPlanned),
    );

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: `vigil-playbook-${props.playbook}`,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      ...stateMachineLogging(this, 'StateMachine'),
    });
    acknowledgeIntegrationWildcards(this.stateMachine, [fn.plan, fn.execute, fn.record]);
  }
}
