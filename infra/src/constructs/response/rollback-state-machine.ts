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

export interface RollbackStateMachineProps {
  functions: Readonly<Record<RespondTask, IFunction>>;
  topic: ITopic;
}

/**
 * Restores the before-state of one executed action: `{findingUid, playbook, requestedBy,
 * notBefore?}`. With `notBefore` (an expiring block) it waits until then. Analysts start it
 * through the API; block-ip starts it for its expiry.
 */
export class RollbackStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: RollbackStateMachineProps) {
    super(scope, id);
    const fn = props.functions;
    const recordFailure = new tasks.LambdaInvoke(this, 'RecordRollbackFailure', {
      lambdaFunction: fn.record,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        decision: { 'findingUid.$': '$.findingUid', 'playbook.$': '$.playbook' },
        status: 'rollback-failed',
        'actor.$': '$.requestedBy',
        'error.$': '$.error',
      }),
      resultPath: '$.outcome',
    });
    recordFailure
      .next(
        new tasks.SnsPublish(this, 'NotifyRollbackFailure', {
          topic: props.topic,
          subject: 'Vigil rollback failed',
          message: sfn.TaskInput.fromJsonPathAt('States.JsonToString($.outcome)'),
          resultPath: sfn.JsonPath.DISCARD,
        }),
      )
      .next(
        new sfn.Fail(this, 'RollbackFailed', { error: 'Vigil.RollbackFailed', causePath: '$.error.Cause' }),
      );

    const rollback = new tasks.LambdaInvoke(this, 'Rollback', {
      lambdaFunction: fn.rollback,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({
        'findingUid.$': '$.findingUid',
        'playbook.$': '$.playbook',
        'requestedBy.$': '$.requestedBy',
      }),
      resultPath: '$.outcome',
    })
      .addRetry(THROTTLE_RETRY)
      .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.error' });
    rollback.next(
      new tasks.SnsPublish(this, 'NotifyRolledBack', {
        topic: props.topic,
        subject: 'Vigil rolled back an action',
        message: sfn.TaskInput.fromJsonPathAt('States.JsonToString($.outcome)'),
        resultPath: sfn.JsonPath.DISCARD,
      }),
    );

    const definition = new sfn.Choice(this, 'Scheduled?')
      .when(
        sfn.Condition.isPresent('$.notBefore'),
        new sfn.Wait(this, 'WaitUntilExpiry', { time: sfn.WaitTime.timestampPath('$.notBefore') }).next(
          rollback,
        ),
      )
      .otherwise(rollback);

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: 'vigil-rollback',
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      ...stateMachineLogging(this, 'StateMachine'),
    });
    acknowledgeIntegrationWildcards(this.stateMachine, [fn.rollback, fn.record]);
  }
}
