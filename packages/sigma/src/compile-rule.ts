import type { Analytic, AnalyticInfo, SeverityId, Signal } from '@vigil/detect';
import type { Evidence, OcsfEvent } from '@vigil/schema';
import { attacksFromTags } from './attack-tags.ts';
import { compileDetection } from './detection.ts';
import { SigmaRuleError } from './errors.ts';
import { accountOf, actorOf, operationOf } from './event-fields.ts';
import { pathsFor, type SourceKind } from './field-aliases.ts';
import { compileFieldResolver, valuesOf } from './field-path.ts';
import type { SigmaLevel, SigmaRule, SigmaStatus } from './rule-schema.ts';

const SEVERITY: Readonly<Record<SigmaLevel, SeverityId>> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
  critical: 5,
};

/** How far a rule's own status says it can be trusted; a rule without one is taken as experimental. */
const CONFIDENCE: Readonly<Record<Exclude<SigmaStatus, 'deprecated' | 'unsupported'>, number>> = {
  stable: 80,
  test: 60,
  experimental: 40,
};

const DEDUP_PERIOD_MS = 60 * 60_000;

/** Classes the normalizers give cloud audit records; flows (4001) never reach a Sigma rule. */
const CLASS_UIDS = [3001, 3002, 6003] as const;

function description(rule: SigmaRule): string {
  const parts = [rule.description?.trim() || rule.title];
  if (rule.falsepositives?.length) parts.push(`False positives: ${rule.falsepositives.join('; ')}`);
  if (rule.references?.length) parts.push(`References: ${rule.references.join(' ')}`);
  return parts.join('\n');
}

/** The rule's `fields`, read from the native record, as one evidence for the analyst. */
function fieldsEvidence(
  rule: SigmaRule,
  source: SourceKind,
): ((event: OcsfEvent, native: Readonly<Record<string, unknown>>) => Evidence[] | undefined) | undefined {
  if (!rule.fields?.length) return undefined;
  const resolvers = rule.fields.map((f) => compileFieldResolver(f, pathsFor(source, f)));
  return (event, native) => {
    const data: Record<string, unknown> = {};
    for (const r of resolvers) {
      const values = valuesOf(native, r);
      if (values.length > 0) data[r.field] = values.length === 1 ? values[0] : values;
    }
    return Object.keys(data).length > 0
      ? [{ uid: event.metadata.uid, name: 'Sigma rule fields', data }]
      : undefined;
  };
}

/**
 * Turns a parsed Sigma rule into an analytic: per event, a string compare on the logsource,
 * then the compiled selections on the native record (`ctx.native`). Events without a native
 * record are not evaluated, since Sigma fields are the source's own.
 */
const PROVIDER: Readonly<Record<SourceKind, string>> = {
  aws: 'AWS',
  'azure-activity': 'Azure',
  'azure-signin': 'Azure',
  'azure-audit': 'Azure',
  gcp: 'GCP',
};

export function compileSigmaRule(rule: SigmaRule): Analytic {
  const detection = compileDetection(rule);
  if (!detection.ok) throw new SigmaRuleError(`${rule.file}: ${detection.error}`);
  const { logsource, matches } = detection.value;
  const info: AnalyticInfo = { uid: `sigma-${rule.id}`, name: rule.title, type_id: 1, category: 'sigma' };
  const version = rule.modified ?? rule.date;
  if (version) info.version = version;
  const severity = SEVERITY[rule.level ?? 'medium'];
  const confidence = CONFIDENCE[(rule.status as keyof typeof CONFIDENCE | undefined) ?? 'experimental'];
  const attacks = attacksFromTags(rule.tags ?? []);
  const desc = description(rule);
  const evidence = fieldsEvidence(rule, logsource.source);

  function signal(event: OcsfEvent, native: Readonly<Record<string, unknown>>): Signal {
    const actor = actorOf(event);
    const account = accountOf(event);
    const operation = operationOf(event);
    const evidences = evidence?.(event, native);
    return {
      analytic: info,
      title: rule.title,
      desc,
      events: [event],
      severity_id: severity,
      confidence,
      attacks,
      dedupKey: `${rule.id}\u0000${account ?? ''}\u0000${actor ?? ''}`,
      dedupPeriodMs: DEDUP_PERIOD_MS,
      summary: `Sigma rule "${rule.title}" matched ${operation ?? 'an event'} by ${actor ?? 'an unknown actor'}${account ? ` in ${account}` : ''}`,
      ...(evidences ? { evidences } : {}),
    };
  }

  return {
    info,
    classUids: CLASS_UIDS,
    // The detector routes on the cloud, so AWS rules never see Azure or GCP events and the reverse.
    providers: [PROVIDER[logsource.source]],
    evaluate(event, ctx) {
      if (!logsource.accepts(event)) return undefined;
      const native = ctx.native;
      if (!native) return undefined;
      if (!matches({ record: native, raw: event.raw_data ?? '' })) return undefined;
      return signal(event, native);
    },
  };
}
