import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Approval, Decision, PlanOutput, PlaybookName, Responder } from '@vigil/response';
import { type DetectionFinding, validateFinding } from '@vigil/schema';
import type { Context } from 'aws-lambda';
import { TaskInputError } from './errors.ts';

export interface TaskDeps {
  responder: Responder;
  /** Threat-intel enrichment (`@vigil/intel`); returns every finding, enriched as far as it could. */
  enrich: (findings: readonly DetectionFinding[]) => Promise<{ findings: DetectionFinding[] }>;
  logger?: Logger;
}

interface PlaybookEvent {
  decision: Decision;
  approval: Approval;
  runId: string;
}

function finding(input: { finding?: unknown }): DetectionFinding {
  const v = validateFinding(input.finding);
  if (!v.ok)
    throw new TaskInputError(
      `respond: input is not an OCSF Detection Finding: ${v.issues.slice(0, 5).join('; ')}`,
    );
  return input.finding as DetectionFinding;
}

/**
 * The Lambda tasks of the triage, playbook and rollback state machines. Each is a Middy
 * handler: Powertools logging around one call into `@vigil/response`.
 */
export function createTasks(deps: TaskDeps) {
  const logger = deps.logger ?? new Logger({ serviceName: 'vigil-respond' });
  const r = deps.responder;
  const wrap = <I, O>(name: string, run: (input: I) => Promise<O>) =>
    middy(async (input: I, _context: Context): Promise<O> => {
      const out = await run(input);
      logger.info(`${name} done`, { status: (out as { status?: unknown } | undefined)?.status });
      return out;
    }).use(injectLambdaContext(logger, { resetKeys: true }));

  return {
    enrich: wrap('enrich', async (input: { finding?: unknown }) => {
      const { findings } = await deps.enrich([finding(input)]);
      return { finding: findings[0] };
    }),
    decide: wrap('decide', (input: { finding?: unknown }) => r.decide(finding(input))),
    requestApproval: wrap(
      'requestApproval',
      (input: { taskToken: string; decision: Decision; runId: string }) => {
        if (!input.taskToken) throw new TaskInputError('requestApproval: no task token in the input');
        return r.record({ ...input, status: 'awaiting-approval', actor: 'vigil:triage' });
      },
    ),
    plan: wrap('plan', (input: PlaybookEvent) => r.plan(input)),
    execute: wrap('execute', (input: PlaybookEvent & { planned: PlanOutput }) => r.execute(input)),
    record: wrap('record', (input: Parameters<Responder['record']>[0]) => r.record(input)),
    rollback: wrap('rollback', (input: { findingUid: string; playbook: PlaybookName; requestedBy: string }) =>
      r.rollback(input),
    ),
  };
}

export type Tasks = ReturnType<typeof createTasks>;
export const TASK_NAMES = [
  'enrich',
  'decide',
  'requestApproval',
  'plan',
  'execute',
  'record',
  'rollback',
] as const;
