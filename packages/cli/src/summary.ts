import type { PipelineStats } from '@vigil/detect';
import { type DetectionFinding, SEVERITY_NAME } from '@vigil/schema';

const TOP = 10;

interface TopEntry {
  severity_id: number;
  risk: number;
  title: string;
  message: string;
  count: number;
}

/** Counts findings as they stream past, keeping only what the summary prints. */
export class FindingTally {
  readonly bySeverity = new Map<number, number>();
  readonly bySource = new Map<string, number>();
  readonly byTechnique = new Map<string, number>();
  readonly top: TopEntry[] = [];

  add(f: DetectionFinding): void {
    bump(this.bySeverity, f.severity_id);
    for (const source of f.finding_info.data_sources ?? []) bump(this.bySource, source);
    // One finding maps a technique once per tactic: count each technique once per finding.
    const techniques = new Set<string>();
    for (const a of f.finding_info.attacks ?? []) {
      const t = a.sub_technique ?? a.technique;
      if (t) techniques.add(`${t.uid} ${t.name ?? ''}`.trim());
    }
    for (const t of techniques) bump(this.byTechnique, t);
    this.top.push({
      severity_id: f.severity_id,
      risk: f.risk_score,
      title: f.finding_info.title,
      message: f.message ?? '',
      count: f.count ?? 1,
    });
    this.top.sort((a, b) => b.severity_id - a.severity_id || b.risk - a.risk);
    if (this.top.length > TOP) this.top.length = TOP;
  }
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** `label count · …`, most frequent first unless the caller's order matters (severities). */
function list<K>(map: Map<K, number>, label: (k: K) => string, keepOrder = false): string {
  if (map.size === 0) return 'none';
  return [...map.entries()]
    .sort((a, b) => (keepOrder ? 0 : b[1] - a[1]))
    .map(([k, n]) => `${label(k)} ${n}`)
    .join(' · ');
}

const n = (v: number) => v.toLocaleString('en-US');

export interface SummaryInput {
  files: number;
  stats: PipelineStats;
  tally: FindingTally;
  elapsedMs: number;
  findingsTarget?: string;
  rejectsTarget?: string;
}

/** The person-readable report printed at the end of a run. */
export function renderSummary(s: SummaryInput): string {
  const { stats, tally } = s;
  const lines = [
    `Vigil detect: ${n(s.files)} file(s), ${n(stats.records)} records → ${n(stats.events)} events → ${n(stats.findings)} finding(s) in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  events by source:     ${list(new Map(Object.entries(stats.eventsBySource).filter(([, v]) => v > 0)), (k) => k)}`,
    `  findings by severity: ${list(new Map([...tally.bySeverity].sort((a, b) => b[0] - a[0])), (k) => (SEVERITY_NAME[k] ?? String(k)).toLowerCase(), true)}`,
    `  findings by source:   ${list(tally.bySource, (k) => k)}`,
    `  ATT&CK techniques:    ${list(tally.byTechnique, (k) => k)}`,
  ];
  if (stats.suppressed.size > 0) {
    lines.push(`  suppressed:           ${list(stats.suppressed, (k) => k)}`);
  }
  if (stats.rejected > 0 || stats.skipped > 0) {
    const where = s.rejectsTarget ? ` (written to ${s.rejectsTarget})` : ' (use --rejects FILE to keep them)';
    lines.push(
      `  rejected ${n(stats.rejected)} record(s)${where}; skipped ${n(stats.skipped)} (no data, control messages, headers)`,
    );
    const reasons = [...stats.rejectReasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
    for (const [reason, count] of reasons) lines.push(`    ${String(count).padStart(6)}  ${reason}`);
  }
  if (tally.top.length > 0) {
    lines.push('  top findings:');
    for (const t of tally.top) {
      const sev = (SEVERITY_NAME[t.severity_id] ?? '').toUpperCase().padEnd(8);
      const events = t.count === 1 ? '1 event' : `${n(t.count)} events`;
      lines.push(`    ${sev} ${t.title} — ${t.message} (${events})`);
    }
  }
  if (s.findingsTarget)
    lines.push(`  findings written to ${s.findingsTarget === '-' ? 'stdout' : s.findingsTarget}`);
  else if (stats.findings > 0) lines.push('  (findings not written: use --out FILE, or pipe stdout)');
  return `${lines.join('\n')}\n`;
}
