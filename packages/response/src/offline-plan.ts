import type { DetectionFinding } from '@vigil/schema';
import { type Decision, decide } from './decide.ts';
import type { Guardrails } from './guardrails.ts';
import { offlineDescriber } from './offline-describer.ts';
import { planFor, rollbackCalls } from './playbooks/index.ts';
import type { AwsCall, Plan } from './playbooks/types.ts';

export interface OfflinePlan {
  finding: DetectionFinding;
  decision: Decision;
  plan?: Plan;
  rollback?: AwsCall[];
  /** A plan that could not be made offline (e.g. no network interface named). */
  error?: string;
}

/**
 * What the response would do for a finding, with no AWS call: decide, then plan against the
 * offline describer. Always a dry run; the guardrails' own dry-run flag only shows in the decision.
 */
export async function planOffline(
  finding: DetectionFinding,
  guardrails: Guardrails,
  now: number,
): Promise<OfflinePlan> {
  const decision = decide(finding, guardrails);
  if (decision.mode === 'none') return { finding, decision };
  try {
    const plan = await planFor(decision, guardrails, offlineDescriber(), now);
    return { finding, decision, plan, rollback: rollbackCalls(plan) };
  } catch (error) {
    return { finding, decision, error: (error as Error).message };
  }
}

function modeLabel(d: Decision): string {
  if (d.mode === 'none') return 'no action';
  if (d.dryRun) return 'dry run';
  return d.mode === 'approval' ? 'after approval' : 'automatic';
}

const call = (c: AwsCall) => `${c.service}:${c.name} ${JSON.stringify(c.input)}`;

/** A readable plan: one block per finding that a playbook answers, then a count of the rest by reason. */
export function renderOfflinePlans(plans: readonly OfflinePlan[], guardrailsDryRun: boolean): string {
  const lines: string[] = [
    `Response plan (local dry run; guardrails dry-run is ${guardrailsDryRun ? 'on' : 'off'}, no AWS call made)`,
    '',
  ];
  const skipped = new Map<string, number>();
  for (const p of plans) {
    const f = p.finding;
    if (p.decision.mode === 'none' && !p.decision.playbook) {
      const key = p.decision.reason.startsWith('no response is configured')
        ? 'no response configured'
        : p.decision.reason;
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
      continue;
    }
    lines.push(
      `${f.finding_info.uid} ${p.decision.analytic} (severity ${f.severity_id}, confidence ${f.confidence_score}) account ${p.decision.account ?? '-'} ${p.decision.region ?? ''}`.trimEnd(),
      `  decision: ${p.decision.playbook ?? '-'} ${modeLabel(p.decision)} — ${p.decision.reason}`,
    );
    if (p.error) lines.push(`  cannot plan: ${p.error}`);
    if (p.plan) {
      if (p.plan.skip) lines.push(`  nothing to do: ${p.plan.skip}`);
      for (const c of p.plan.calls) lines.push(`  would call ${call(c)}`);
      if (p.plan.expiresAt) lines.push(`  expires ${p.plan.expiresAt}`);
      for (const c of p.rollback ?? []) lines.push(`  rollback ${call(c)}`);
      for (const m of p.plan.manual ?? []) lines.push(`  manual: ${m}`);
    }
    lines.push('');
  }
  const acted = plans.filter((p) => p.decision.mode !== 'none').length;
  lines.push(
    `${acted} finding(s) with a response, ${plans.length - acted} without${skipped.size > 0 ? ':' : ''}`,
  );
  for (const [reason, n] of [...skipped].sort((a, b) => b[1] - a[1])) lines.push(`  ${n} × ${reason}`);
  return `${lines.join('\n')}\n`;
}
