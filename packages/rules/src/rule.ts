import type { SourceKind } from '@vigil/decode';
import type { OcsfEvent } from '@vigil/schema';
import { z } from 'zod';
import { isKnownTactic, isKnownTechnique } from './attack.ts';

export type RuleSeverity = 'low' | 'medium' | 'high' | 'critical';

/** An inline test: native input lines (JSON text or flow-log lines) fed through decode and normalize. */
export interface RuleTestCase {
  name: string;
  /** Only needed for header-less flow lines or to force a family; records are otherwise auto-detected. */
  format?: SourceKind;
  records: readonly string[];
  /** Contents of the named sets the rule reads (`inSet`), as the case assumes them: IPs, CIDRs, domains. */
  sets?: Readonly<Record<string, readonly string[]>>;
}

/** Fires when `count` events with the same `groupBy` value (and distinct `distinct` values) fall within `windowSeconds`. */
export interface ThresholdSpec {
  count: number;
  windowSeconds: number;
  groupBy: EventKey;
  /** Values counted once each; a list (one call naming ten secrets) counts every element. */
  distinct?: (event: OcsfEvent, native?: Native) => string | readonly string[] | undefined;
}

/** The native record is passed for rules that read the source's own fields (`native.` paths). */
type Native = Readonly<Record<string, unknown>> | undefined;
export type EventKey = (event: OcsfEvent, native?: Native) => string | undefined;

/**
 * Fires the first time an entity shows a value it never showed before (a new region for a
 * principal, a new user agent family), once the entity's learning period has passed.
 */
export interface FirstSeenSpec {
  entity: EventKey;
  value: EventKey;
  learningDays: number;
  /** Values remembered per entity; past it the oldest are forgotten. */
  maxValues?: number;
}

/** Fires when the steps happen in order, by the same `by` key, within `withinMinutes`. */
export interface SequenceSpec {
  by: EventKey;
  withinMinutes: number;
  steps: readonly ((event: OcsfEvent, native?: Native) => boolean)[];
}

/** Raises the finding's severity when the triggering event matches (root, admin policy, external IP). */
export interface SeverityRaise {
  when: (event: OcsfEvent, native?: Native) => boolean;
  severity: RuleSeverity;
}

/**
 * A detection as data, with a small predicate. Everything but the functions is validated at load,
 * unknown keys rejected, so a typo in a rule fails loudly instead of silently never firing.
 */
export interface RuleDefinition {
  id: string;
  title: string;
  description: string;
  severity: RuleSeverity;
  /** 0-100: how sure a match is malicious rather than an admin at work. */
  confidence: number;
  status: 'experimental' | 'stable';
  /** Tactics × techniques, or explicit `pairs` when a rule spans tactics whose techniques differ. */
  attack: {
    tactics: readonly string[];
    techniques: readonly string[];
    pairs?: readonly (readonly [tactic: string, technique: string])[];
  };
  references: readonly string[];
  runbook: readonly string[];
  falsePositives: readonly string[];
  /** OCSF class uids the rule reads. */
  classes: readonly number[];
  /** `api.operation` values the rule reads (exact); lets the engine skip everything else cheaply. */
  operations?: readonly string[];
  /** `cloud.provider` values the rule reads (`AWS`, `Azure`, `GCP`): events of others never reach it. */
  providers?: readonly ('AWS' | 'Azure' | 'GCP')[];
  match: (event: OcsfEvent, native?: Native) => boolean;
  /** A one-line specific description of a match, e.g. which trail, which group, by whom. */
  summary?: (event: OcsfEvent, native?: Native) => string;
  dedup: { key: (event: OcsfEvent, native?: Native) => string; periodMinutes: number };
  threshold?: ThresholdSpec;
  firstSeen?: FirstSeenSpec;
  sequence?: SequenceSpec;
  severityIf?: readonly SeverityRaise[];
  /** Where the rule was loaded from, for error messages (a rule file path). */
  source?: string;
  /** The same rule compiled against other sets (its test cases' own, a fresh download). */
  withSets?: (sets: ReadonlyMap<string, { contains(value: string): boolean }>) => RuleDefinition;
  tests: { positive: readonly RuleTestCase[]; negative: readonly RuleTestCase[] };
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function');
const testCase = z.strictObject({
  name: z.string().min(1),
  format: z.enum(['cloudtrail', 'azure', 'gcp', 'vpcflow']).optional(),
  records: z.array(z.string().min(1)).min(1),
  sets: z.record(z.string(), z.array(z.string().min(1))).optional(),
});

const ruleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case'),
    title: z.string().min(5),
    description: z.string().min(20),
    severity: z.enum(['low', 'medium', 'high', 'critical']),
    confidence: z.number().int().min(0).max(100),
    status: z.enum(['experimental', 'stable']),
    attack: z.strictObject({
      tactics: z.array(z.string().refine(isKnownTactic, 'unknown ATT&CK tactic id')).min(1),
      techniques: z.array(z.string().refine(isKnownTechnique, 'unknown ATT&CK technique id')).min(1),
      pairs: z
        .array(
          z.tuple([
            z.string().refine(isKnownTactic, 'unknown ATT&CK tactic id'),
            z.string().refine(isKnownTechnique, 'unknown ATT&CK technique id'),
          ]),
        )
        .min(1)
        .optional(),
    }),
    references: z.array(z.url()).min(1),
    runbook: z.array(z.string().min(1)).min(1),
    falsePositives: z.array(z.string().min(1)).min(1),
    classes: z.array(z.union([z.literal(3001), z.literal(3002), z.literal(4001), z.literal(6003)])).min(1),
    operations: z.array(z.string().min(1)).min(1).optional(),
    providers: z
      .array(z.enum(['AWS', 'Azure', 'GCP']))
      .min(1)
      .optional(),
    match: fn,
    summary: fn.optional(),
    dedup: z.strictObject({
      key: fn,
      periodMinutes: z
        .number()
        .positive()
        .max(7 * 24 * 60),
    }),
    threshold: z
      .strictObject({
        count: z.number().int().min(2),
        windowSeconds: z.number().positive(),
        groupBy: fn,
        distinct: fn.optional(),
      })
      .optional(),
    firstSeen: z
      .strictObject({
        entity: fn,
        value: fn,
        learningDays: z.number().positive().max(365),
        maxValues: z.number().int().positive().optional(),
      })
      .optional(),
    sequence: z
      .strictObject({ by: fn, withinMinutes: z.number().positive(), steps: z.array(fn).min(2) })
      .optional(),
    severityIf: z
      .array(z.strictObject({ when: fn, severity: z.enum(['low', 'medium', 'high', 'critical']) }))
      .optional(),
    source: z.string().optional(),
    withSets: fn.optional(),
    tests: z.strictObject({ positive: z.array(testCase).min(1), negative: z.array(testCase).min(1) }),
  })
  .refine((r) => [r.threshold, r.firstSeen, r.sequence].filter(Boolean).length <= 1, {
    message: 'a rule is at most one of threshold, firstSeen, sequence',
  });

export class RuleDefinitionError extends Error {
  override name = 'RuleDefinitionError';
}

/** Validates a rule definition at load; throws naming the rule and every problem found. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  const r = ruleSchema.safeParse(rule);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    const where = rule.source ? ` (${rule.source})` : '';
    throw new RuleDefinitionError(`rule ${String((rule as { id?: unknown }).id)}${where}: ${problems}`);
  }
  return rule;
}
