/** What the acceptance run returns that the evaluation reads (a subset of `labelledRun`'s result). */
export interface EvaluationRun {
  readonly findings: readonly {
    readonly label: 'benign' | 'attack';
    readonly campaigns: readonly string[];
    readonly ml: boolean;
    readonly finding: {
      readonly finding_info: { readonly analytic?: { readonly name?: string; readonly uid?: string } };
      readonly evidences?: readonly { readonly data?: unknown }[];
    };
  }[];
  readonly campaigns: readonly {
    readonly id: string;
    readonly actor?: string;
    readonly technique?: string;
  }[];
  readonly stats: { readonly benignEvents: number; readonly events: number };
}

export interface CampaignTypeResult {
  readonly type: string;
  readonly campaigns: number;
  /** Campaigns named by at least one finding, rule or ML. */
  readonly detected: number;
  readonly detectedByMl: number;
  /** Recall: detected / campaigns. */
  readonly recall: number;
  /** ML findings naming a campaign of this type. */
  readonly mlFindings: number;
  /** One-versus-benign ML precision: mlFindings / (mlFindings + benign ML findings). */
  readonly mlPrecision: number;
}

export interface ModelFindings {
  /** A model whose anomalous row is behind the finding. */
  readonly model: string;
  readonly benign: number;
  readonly attack: number;
  readonly benignPer100k: number;
}

export interface EvaluationReport {
  readonly events: number;
  readonly benignEvents: number;
  readonly campaigns: number;
  readonly detected: number;
  /** Campaigns named by a rule or Sigma finding: what detection would be without the models. */
  readonly detectedByRules: number;
  readonly detectionRate: number;
  readonly mlFindings: number;
  readonly mlBenignFindings: number;
  readonly mlBenignPer100k: number;
  readonly mlPrecision: number;
  readonly ruleFindings: number;
  readonly byType: readonly CampaignTypeResult[];
  /** Per technique: campaigns, detected by any finding, detected by ML. */
  readonly byTechnique: readonly {
    technique: string;
    campaigns: number;
    detected: number;
    detectedByMl: number;
  }[];
  readonly byModel: readonly ModelFindings[];
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** The models named by an ML finding's anomaly evidence (`evidences[].data.anomalies[].model`). */
function modelsOf(finding: EvaluationRun['findings'][number]['finding']): Set<string> {
  const out = new Set<string>();
  for (const e of finding.evidences ?? []) {
    const anomalies = (e.data as { anomalies?: unknown } | undefined)?.anomalies;
    if (Array.isArray(anomalies))
      for (const a of anomalies) if (typeof a?.model === 'string') out.add(a.model);
  }
  if (out.size === 0) out.add(finding.finding_info.analytic?.name ?? 'unknown');
  return out;
}

/** Campaign-level detection and ML false positives of a labelled run scored end to end. */
export function evaluateRun(run: EvaluationRun): EvaluationReport {
  const typeOf = new Map(run.campaigns.map((c) => [c.id, c.actor ?? c.technique ?? 'unknown']));
  const detected = new Set<string>();
  const detectedByMl = new Set<string>();
  const detectedByRules = new Set<string>();
  const mlByType = new Map<string, number>();
  const byModel = new Map<string, { benign: number; attack: number }>();
  let mlBenign = 0;
  let ml = 0;
  for (const f of run.findings) {
    for (const c of f.campaigns) detected.add(c);
    if (!f.ml) for (const c of f.campaigns) detectedByRules.add(c);
    if (!f.ml) continue;
    ml++;
    for (const model of modelsOf(f.finding)) {
      const a = byModel.get(model) ?? { benign: 0, attack: 0 };
      byModel.set(model, a);
      if (f.label === 'benign') a.benign++;
      else a.attack++;
    }
    if (f.label === 'benign') mlBenign++;
    const types = new Set<string>();
    for (const c of f.campaigns) {
      detectedByMl.add(c);
      types.add(typeOf.get(c) ?? 'unknown');
    }
    for (const t of types) mlByType.set(t, (mlByType.get(t) ?? 0) + 1);
  }
  const types = [...new Set(typeOf.values())].sort();
  const byType = types.map((type) => {
    const ids = run.campaigns.filter((c) => typeOf.get(c.id) === type).map((c) => c.id);
    const d = ids.filter((id) => detected.has(id)).length;
    const mlf = mlByType.get(type) ?? 0;
    return {
      type,
      campaigns: ids.length,
      detected: d,
      detectedByMl: ids.filter((id) => detectedByMl.has(id)).length,
      recall: ratio(d, ids.length),
      mlFindings: mlf,
      mlPrecision: ratio(mlf, mlf + mlBenign),
    };
  });
  return {
    events: run.stats.events,
    benignEvents: run.stats.benignEvents,
    campaigns: run.campaigns.length,
    detected: run.campaigns.filter((c) => detected.has(c.id)).length,
    detectedByRules: run.campaigns.filter((c) => detectedByRules.has(c.id)).length,
    detectionRate: ratio(run.campaigns.filter((c) => detected.has(c.id)).length, run.campaigns.length),
    mlFindings: ml,
    mlBenignFindings: mlBenign,
    mlBenignPer100k: ratio(mlBenign * 100_000, run.stats.benignEvents),
    mlPrecision: ratio(ml - mlBenign, ml),
    ruleFindings: run.findings.length - ml,
    byType,
    byTechnique: [...new Set(run.campaigns.map((c) => c.technique ?? 'unknown'))].sort().map((technique) => {
      const ids = run.campaigns.filter((c) => (c.technique ?? 'unknown') === technique).map((c) => c.id);
      return {
        technique,
        campaigns: ids.length,
        detected: ids.filter((id) => detected.has(id)).length,
        detectedByMl: ids.filter((id) => detectedByMl.has(id)).length,
      };
    }),
    byModel: [...byModel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([model, a]) => ({
        model,
        ...a,
        benignPer100k: ratio(a.benign * 100_000, run.stats.benignEvents),
      })),
  };
}
