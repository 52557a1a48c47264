import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { RespondTask } from './respond-functions.ts';
import { acknowledgeIntegrationWildcards, stateMachineLogging } from './state-machine-defaults.ts';

/** Error name of an approver's SendTaskFailure (functions/respond `APPROVAL_DENIED`). */
export const APPROVAL_DENIED = 'Vigil.ApprovalDenied';

export interface TriageStateMachineProps {
  functions: Readonly<Record<RespondTask, IFunction>>;
  topic: ITopic;
  /** Playbook name → its state machine. */
  playbooks: Readonly<Record<string, sfn.IStateMachine>>;
  findingsBus: events.IEventBus;
  /**
   * How long an approval request waits: the guardrails' `approval.timeoutSeconds`, read at
   * synth (Step Functions evaluates TimeoutSecondsPath inconsistently between implementations).
   */
  approvalTimeout: Duration;
  /** Findings bus event pattern (defaults: source `vigil.detect`, detail-type `Detection Finding`). */
  findingSource?: string;
  findingDetailType?: string;
}

/**
 * One execution per finding from the findings bus: enrich → decide → notify → optional
 * approval (task token, timeout from the guardrails) → playbook → notify the outcome.
 */
export class TriageStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: TriageStateMachineProps) {
    super(scope, id);
    const fn = props.functions;
    const notifyOutcome = new tasks.SnsPublish(this, 'NotifyOutcome', {
      topic: props.topic,
      subject: 'Vigil response outcome',
      message: sfn.TaskInput.fromJsonPathAt('States.JsonToString($.outcome)'),
      resultPath: sfn.JsonPath.DISCARD,
    });
    const record = (name: string, status: string, actor: string) =>
      new tasks.LambdaInvoke(this, name, {
        lambdaFunction: fn.record,
        payloadResponseOnly: true,
        payload: sfn.TaskInput.fromObject({
          'decision.$': '$.decision',
          status,
          actor,
          'runId.$': '$$.Execution.Id',
          'error.$': '$.error',
        }),
        resultPath: '$.outcome',
      }).next(notifyOutcome);

    const decide = new tasks.LambdaInvoke(this, 'Decide', {
      lambdaFunction: fn.decide,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({ 'finding.$': '$.finding' }),
      resultPath: '$.decision',
    });
    const enrich = new tasks.LambdaInvoke(this, 'Enrich', {
      lambdaFunction: fn.enrich,
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject({ 'finding.$': '$.detail' }),
      resultSelector: { 'finding.$': '$.finding' },
      taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
    }).addCatch(
      // Enrichment is best effort: without it the decision uses the finding as detected.
      new sfn.Pass(this, 'WithoutEnrichment', {
        parameters: { 'finding.$': '$.detail', 'enrichError.$': '$.enrichError' },
      }).next(decide),
      { errors: [sfn.Errors.ALL], resultPath: '$.enrichError' },
    );

    const choosePlaybook = new sfn.Choice(this, 'Which playbook?');
    for (const [name, machine] of Object.entries(props.playbooks)) {
      const run = new tasks.StepFunctionsStartExecution(this, `Run ${name}`, {
        stateMachine: machine,
        integrationPattern: sfn.IntegrationPattern.RUN_JOB,
        associateWithParent: true,
        input: sfn.TaskInput.fromObject({
          'decision.$': '$.decision',
          'approval.$': '$.approval',
          'runId.$': '$$.Execution.Id',
        }),
        resultSelector: { 'result.$': '$.Output' },
        resultPath: '$.playbook',
      })
        .addCatch(new sfn.Fail(this, `${name} failed`, { error: 'Vigil.PlaybookFailed' }), {
          errors: [sfn.Errors.ALL],
          resultPath: '$.error',
        })
        .next(
          new sfn.Pass(this, `${name} outcome`, { inputPath: '$.playbook.result', resultPath: '$.outcome' }),
        )
        .next(notifyOutcome);
      choosePlaybook.when(sfn.Condition.stringEquals('$.decision.playbook', name), run);
    }
    choosePlaybook.otherwise(new sfn.Fail(this, 'UnknownPlaybook', { error: 'Vigil.UnknownPlaybook' }));

    const requestApproval = new tasks.LambdaInvoke(this, 'RequestApproval', {
      lambdaFunction: fn.requestApproval,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        taskToken: sfn.JsonPath.taskToken,
        'decision.$': '$.decision',
        'runId.$': '$$.Execution.Id',
      }),
      taskTimeout: sfn.Timeout.duration(props.approvalTimeout),
      resultPath: '$.approval',
    })
      .addCatch(record('RecordDenied', 'denied', 'vigil:approval'), {
        errors: [APPROVAL_DENIED],
        resultPath: '$.error',
      })
      .addCatch(record('RecordTimedOut', 'timed-out', 'vigil:approval'), {
        errors: [sfn.Errors.TIMEOUT],
        resultPath: '$.error',
      })
      .next(choosePlaybook);

    const autoApproved = new sfn.Pass(this, 'AutoApproved', {
      result: sfn.Result.fromObject({ approved: true, by: 'vigil:auto' }),
      resultPath: '$.approval',
    }).next(choosePlaybook);

    const notifyDecision = new tasks.SnsPublish(this, 'NotifyDecision', {
      topic: props.topic,
      subject: 'Vigil response decision',
      message: sfn.TaskInput.fromJsonPathAt('States.JsonToString($.decision)'),
      resultPath: sfn.JsonPath.DISCARD,
    }).next(
      new sfn.Choice(this, 'Approval needed?')
        .when(sfn.Condition.stringEquals('$.decision.mode', 'approval'), requestApproval)
        .otherwise(autoApproved),
    );

    decide.next(
      new sfn.Choice(this, 'Respond?')
        .when(sfn.Condition.stringEquals('$.decision.mode', 'none'), new sfn.Succeed(this, 'NoAction'))
        .otherwise(notifyDecision),
    );

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: 'vigil-triage',
      definitionBody: sfn.DefinitionBody.fromChainable(enrich.next(decide)),
      ...stateMachineLogging(this, 'StateMachine'),
    });
    acknowledgeIntegrationWildcards(
      this.stateMachine,
      [fn.enrich, fn.decide, fn.requestApproval, fn.record],
      Object.values(props.playbooks),
    );

    this.rule = new events.Rule(this, 'OnFinding', {
      eventBus: props.findingsBus,
      description: 'Starts one triage execution per new Detection Finding',
      eventPattern: {
        source: [props.findingSource ?? 'vigil.detect'],
        detailType: [props.findingDetailType ?? 'Detection Finding'],
      },
      targets: [new targets.SfnStateMachine(this.stateMachine)],
    });
  }
}
