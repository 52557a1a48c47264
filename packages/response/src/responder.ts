import type { STSClient } from '@aws-sdk/client-sts';
import type { DetectionFinding } from '@vigil/schema';
import type { AuditStore } from './audit-store.ts';
import { awsDescriber, type ResponderClients } from './aws-describer.ts';
import { assumeResponder } from './clients.ts';
import { type Decision, decide } from './decide.ts';
import { AuditError } from './errors.ts';
import { type ExecuteProgress, executeCalls } from './executor.ts';
import type { Guardrails, PlaybookName } from './guardrails.ts';
import { planFor, rollbackCalls } from './playbooks/index.ts';
import type { Plan } from './playbooks/types.ts';

export interface ResponderDeps {
  audit: AuditStore;
  guardrails: Guardrails;
  sts: STSClient;
  /** Shared secret of the responder role's trust policy (confused-deputy guard). */
  externalId: string;
  clock: () => number;
}

/** Who approved: the analyst's id from the approval, or Vigil itself for automatic actions. */
export interface Approval {
  approved: boolean;
  by: string;
}

export interface PlaybookInput {
  decision: Decision;
  approval: Approval;
  runId: string;
}

export type PlanStatus = 'planned' | 'duplicate' | 'skipped' | 'dry-run' | 'over-budget';

export interface PlanOutput {
  status: PlanStatus;
  plan?: Plan;
  reason?: string;
}

export interface ExecuteOutput {
  status: 'succeeded';
  results: ExecuteProgress['results'];
}

const req = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new TypeError(`playbook input has no ${what}`);
  return value;
};

/**
 * The response steps the Lambda tasks run, in the order the state machines call them:
 * decide, plan (claim, read, plan, budget), execute (resumable), audit, rollback.
 */
export function createResponder(deps: ResponderDeps) {
  const { audit, guardrails } = deps;
  const clientsFor = (account: string, region: string, findingUid: string): Promise<ResponderClients> =>
    assumeResponder(deps.sts, {
      account,
      region,
      sessionName: `vigil-${findingUid}`,
      externalId: deps.externalId,
    });

  return {
    async decide(finding: DetectionFinding): Promise<Decision> {
      const uid = finding.finding_info.uid;
      const first = decide(finding, guardrails);
      if (first.mode === 'none' || !first.playbook || !first.account) return first;
      const handled = await audit.handled(uid, first.playbook);
      const spent = await audit.actionsThisHour(first.account);
      return decide(finding, guardrails, {
        alreadyHandled: () => handled,
        actionsThisHour: () => spent,
      });
    },

    async plan(input: PlaybookInput): Promise<PlanOutput> {
      const d = input.decision;
      const playbook = req(d.playbook, 'playbook');
      const account = req(d.account, 'account');
      const region = req(d.region, 'region');
      const actor = input.approval.by;
      const claimed = await audit.claim({
        findingUid: d.findingUid,
        playbook,
        actor,
        account,
        region,
        runId: input.runId,
        reason: d.reason,
      });
      if (!claimed)
        return { status: 'duplicate', reason: `${playbook} already handled for finding ${d.findingUid}` };
      const clients = await clientsFor(account, region, d.findingUid);
      const plan = await planFor(d, guardrails, awsDescriber(clients), deps.clock());
      if (plan.skip) {
        await audit.record(d.findingUid, playbook, 'skipped', actor, { plan, reason: plan.skip });
        return { status: 'skipped', plan, reason: plan.skip };
      }
      if (d.dryRun) {
        await audit.record(d.findingUid, playbook, 'dry-run', actor, { plan });
        return { status: 'dry-run', plan };
      }
      if (!(await audit.spend(account, guardrails.budget.actionsPerHourPerAccount))) {
        const reason = `hourly action budget for ${account} is spent`;
        await audit.record(d.findingUid, playbook, 'over-budget', actor, { plan, reason });
        return { status: 'over-budget', plan, reason };
      }
      await audit.record(d.findingUid, playbook, 'planned', actor, {
        plan,
        progress: { done: 0, saved: {}, results: [] },
      });
      return { status: 'planned', plan };
    },

    async execute(input: PlaybookInput & { planned: PlanOutput }): Promise<ExecuteOutput> {
      const d = input.decision;
      const plan = req(input.planned.plan, 'plan');
      const record = await audit.get(d.findingUid, plan.playbook);
      if (!record || record.runId !== input.runId) {
        throw new AuditError(`run ${input.runId} does not own ${plan.playbook} on finding ${d.findingUid}`);
      }
      const clients = await clientsFor(plan.account, plan.region, d.findingUid);
      const start = (record.progress as ExecuteProgress | undefined) ?? { done: 0, saved: {}, results: [] };
      const done = await executeCalls(plan.calls, clients, start, (progress) =>
        audit.record(d.findingUid, plan.playbook, 'planned', input.approval.by, { progress }),
      );
      await audit.record(d.findingUid, plan.playbook, 'succeeded', input.approval.by, { progress: done });
      return { status: 'succeeded', results: done.results };
    },

    /**
     * Records an outcome the state machine decided: failure, denial, approval timeout, a
     * pending approval (with its task token, for the analyst API to answer).
     */
    async record(input: {
      decision: Pick<Decision, 'findingUid' | 'playbook'> & Partial<Decision>;
      status: 'failed' | 'denied' | 'timed-out' | 'awaiting-approval' | 'rollback-failed';
      actor: string;
      runId?: string;
      error?: { Error?: string; Cause?: string };
      taskToken?: string;
    }): Promise<{
      findingUid: string;
      playbook: PlaybookName;
      status: string;
      error?: { name: string; cause: string };
    }> {
      const d = input.decision;
      const playbook = req(d.playbook, 'playbook');
      const fields = {
        ...(input.error
          ? { error: { name: input.error.Error ?? 'Error', cause: String(input.error.Cause ?? '') } }
          : {}),
        ...(input.taskToken ? { taskToken: input.taskToken } : {}),
      };
      if (!(await audit.get(d.findingUid, playbook))) {
        await audit.claim({
          findingUid: d.findingUid,
          playbook,
          actor: input.actor,
          account: req(d.account, 'account'),
          region: req(d.region, 'region'),
          runId: req(input.runId, 'runId'),
          reason: req(d.reason, 'reason'),
        });
      }
      await audit.record(d.findingUid, playbook, input.status, input.actor, fields);
      // The outcome is what the state machine notifies: the error travels with it.
      return {
        findingUid: d.findingUid,
        playbook,
        status: input.status,
        ...(fields.error ? { error: fields.error } : {}),
      };
    },

    /** Restores the before-state an executed action recorded. */
    async rollback(input: { findingUid: string; playbook: PlaybookName; requestedBy: string }) {
      const record = await audit.get(input.findingUid, input.playbook);
      if (record?.status !== 'succeeded') {
        throw new AuditError(
          `rollback of ${input.playbook} on finding ${input.findingUid}: needs a succeeded action, found ${record?.status ?? 'none'}`,
        );
      }
      const plan = record.plan as Plan;
      const progress = record.progress as ExecuteProgress;
      // Only calls that ran have something to undo; a plan is rolled back as a whole once it succeeded.
      const calls = rollbackCalls({ ...plan, calls: plan.calls.slice(0, progress.done) });
      const clients = await clientsFor(plan.account, plan.region, input.findingUid);
      const done = await executeCalls(
        calls,
        clients,
        { done: 0, saved: progress.saved, results: [] },
        async () => {},
      );
      await audit.record(input.findingUid, input.playbook, 'rolled-back', input.requestedBy, {
        rollback: { calls, results: done.results },
      });
      return {
        findingUid: input.findingUid,
        playbook: input.playbook,
        status: 'rolled-back' as const,
        calls,
      };
    },
  };
}

export type Responder = ReturnType<typeof createResponder>;
