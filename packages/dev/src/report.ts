import type { DetectionFinding } from '@vigil/schema';
import type { EventSourceStats } from '@vigil/store/testing';

/** One line per finding, highest severity first, then the counts that say nothing was lost. */
export function renderReport(
  findings: readonly DetectionFinding[],
  stats: EventSourceStats,
  dlq: { quarantined: number; onFailure: number },
): string {
  const lines = findings.map(
    (f) =>
      `  ${(f.severity ?? String(f.severity_id)).toUpperCase().padEnd(8)} ${f.finding_info.analytic.uid} — ${f.message ?? f.finding_info.title} (${f.count ?? 1} event${f.count === 1 ? '' : 's'})`,
  );
  return [
    `${findings.length} finding(s) in the findings table:`,
    ...lines,
    `stream: ${stats.succeeded} record(s) acknowledged, ${stats.discarded} sent on-failure; ${stats.invocations} invocation(s), ${stats.retries} retr${stats.retries === 1 ? 'y' : 'ies'}, ${stats.bisections} bisection(s)`,
    `DLQ: ${dlq.quarantined} quarantined record(s), ${dlq.onFailure} on-failure notice(s)`,
  ].join('\n');
}
