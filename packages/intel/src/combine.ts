import { riskScore } from '@vigil/detect';
import { type DetectionFinding, SEVERITY_NAME } from '@vigil/schema';
import type { FoundIndicator } from './indicators.ts';
import type { Verdict } from './types.ts';

/** OCSF enrichment (1.8 `enrichment` object), as Vigil fills it. */
export interface Enrichment {
  name: string;
  value: string;
  type: string;
  provider: string;
  created_time: number;
  short_desc: string;
  desc?: string;
  src_url?: string;
  data: Record<string, unknown>;
}

/** A finding carries at most this many enrichments; the worst are kept. */
export const MAX_ENRICHMENTS = 50;

const RANK: Record<Verdict['verdict'], number> = {
  malicious: 4,
  suspicious: 3,
  unavailable: 2,
  unknown: 1,
  harmless: 0,
};

/**
 * Applies verdicts to one finding. Policy: a malicious verdict on any of its indicators, from
 * any provider or offline set, raises severity by exactly one level (capped at Critical) and
 * the risk score follows; suspicious, harmless and unknown verdicts are recorded but change
 * nothing, since one noisy source must not page anyone. Unavailable providers are recorded as
 * such so an analyst sees what could not be checked. A finding already enriched is returned
 * as is: enrichment is applied once.
 */
export function applyVerdicts(
  finding: DetectionFinding,
  found: readonly FoundIndicator[],
  verdictsOf: (f: FoundIndicator) => readonly Verdict[],
): DetectionFinding {
  const existing = (finding as { enrichments?: unknown[] }).enrichments;
  if (existing && existing.length > 0) return finding;
  const enrichments: (Enrichment & { rank: number })[] = [];
  let malicious = false;
  for (const f of found) {
    for (const v of verdictsOf(f)) {
      if (v.verdict === 'malicious') malicious = true;
      enrichments.push({
        rank: RANK[v.verdict] * 1000 + v.score,
        name: f.name,
        value: f.indicator.value,
        type:
          f.indicator.type === 'ipv4' || f.indicator.type === 'ipv6'
            ? 'ip_reputation'
            : `${f.indicator.type}_reputation`,
        provider: v.provider,
        created_time: v.time,
        short_desc: v.verdict === 'unavailable' ? 'unavailable' : `${v.verdict} (score ${v.score})`,
        ...(v.reason ? { desc: v.reason } : {}),
        ...(v.link ? { src_url: v.link } : {}),
        data: { verdict: v.verdict, score: v.score, ...(v.details ? { details: v.details } : {}) },
      });
    }
  }
  if (enrichments.length === 0) return finding;
  enrichments.sort((a, b) => b.rank - a.rank);
  const kept = enrichments.slice(0, MAX_ENRICHMENTS).map(({ rank: _rank, ...e }) => e);
  const out: DetectionFinding & { enrichments: Enrichment[] } = { ...finding, enrichments: kept };
  if (malicious && finding.severity_id < 5) {
    const raised = (finding.severity_id + 1) as DetectionFinding['severity_id'];
    out.severity_id = raised;
    out.severity = SEVERITY_NAME[raised];
    out.risk_score = riskScore(raised, finding.confidence_score);
    out.unmapped = { ...finding.unmapped, intel_raised_from_severity_id: finding.severity_id };
  }
  return out;
}
