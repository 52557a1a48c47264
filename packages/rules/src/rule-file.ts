import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OcsfEvent } from '@vigil/schema';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type ConditionOptions, compileCondition } from './condition.ts';
import { compileFirstString, compilePath, compileScalarList } from './path.ts';
import { defineRule, type EventKey, type RuleDefinition, RuleDefinitionError } from './rule.ts';

/**
 * The rule file format (YAML, one rule per file). Everything but `where`, `steps` and `when`
 * blocks (see condition.ts) is plain data; field names are OCSF paths, `native.<path>` for the
 * source record, or `@name` for a derived field.
 */
const fieldList = z.array(z.string().min(1)).min(1);
const record = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);
const testCase = z.strictObject({
  name: z.string().min(1),
  format: z.enum(['cloudtrail', 'azure', 'gcp', 'vpcflow']).optional(),
  records: z.array(record).min(1),
});

const fileSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  confidence: z.number(),
  status: z.enum(['experimental', 'stable']),
  attack: z.union([
    z.strictObject({ tactics: z.array(z.string()), techniques: z.array(z.string()) }),
    z.strictObject({ pairs: z.array(z.tuple([z.string(), z.string()])).min(1) }),
  ]),
  references: z.array(z.string()),
  runbook: z.array(z.string()),
  falsePositives: z.array(z.string()),
  classes: z.array(z.number()),
  operations: z.array(z.string()).optional(),
  providers: z.array(z.enum(['AWS', 'Azure', 'GCP'])).optional(),
  where: z.unknown(),
  summary: z.string().optional(),
  dedup: z.strictObject({ key: fieldList, periodMinutes: z.number() }),
  threshold: z
    .strictObject({
      count: z.number(),
      windowMinutes: z.number().positive(),
      groupBy: fieldList,
      distinct: fieldList.optional(),
    })
    .optional(),
  firstSeen: z
    .strictObject({
      entity: fieldList,
      value: fieldList,
      learningDays: z.number(),
      maxValues: z.number().optional(),
    })
    .optional(),
  sequence: z
    .strictObject({ by: fieldList, withinMinutes: z.number(), steps: z.array(z.unknown()).min(2) })
    .optional(),
  severityIf: z
    .array(z.strictObject({ when: z.unknown(), severity: z.enum(['low', 'medium', 'high', 'critical']) }))
    .optional(),
  tests: z.strictObject({
    /** Set contents the cases assume, for rules that read `inSet`: `{tor_exit: [185.220.101.1]}`. */
    sets: z.record(z.string(), z.array(z.string().min(1))).optional(),
    positive: z.array(testCase),
    negative: z.array(testCase),
  }),
});

export type RuleFile = z.infer<typeof fileSchema>;

/** Catalog folders and the provider their rules read, when a rule does not say. */
const AREA_PROVIDER: Readonly<Record<string, 'AWS' | 'Azure' | 'GCP'>> = {
  aws: 'AWS',
  azure: 'Azure',
  entra: 'Azure',
  gcp: 'GCP',
  vpcflow: 'AWS',
};

/**
 * The providers a rule reads: as declared, else a top-level `cloud.provider` condition, else the
 * catalog folder it lives in. Routing on them keeps every rule off other clouds' events.
 */
function providersOf(f: RuleFile, file: string): { providers?: ('AWS' | 'Azure' | 'GCP')[] } {
  if (f.providers) return { providers: f.providers };
  const declared = (f.where as Record<string, unknown> | undefined)?.['cloud.provider'];
  const values = (Array.isArray(declared) ? declared : [declared]).filter(
    (v): v is 'AWS' | 'Azure' | 'GCP' => v === 'AWS' || v === 'Azure' || v === 'GCP',
  );
  if (values.length > 0) return { providers: values };
  const area = AREA_PROVIDER[path.basename(path.dirname(file))];
  return area ? { providers: [area] } : {};
}

/** A key from several fields, `-` standing in for a missing one, so keys stay positional. */
function keyOf(fields: readonly string[]): EventKey {
  const readers = fields.map(compileFirstString);
  if (readers.length === 1) return readers[0]!;
  return (event, native) => {
    let key = '';
    let found = false;
    for (let i = 0; i < readers.length; i++) {
      const part = readers[i]!(event, native);
      if (part !== undefined) found = true;
      key = i === 0 ? (part ?? '-') : `${key}|${part ?? '-'}`;
    }
    return found ? key : undefined;
  };
}

/**
 * Distinct values for a threshold: with one field, every scalar it holds counts (a call naming
 * ten parameters is ten values); with several, their combined key.
 */
function distinctOf(
  fields: readonly string[],
): (event: OcsfEvent, native?: Readonly<Record<string, unknown>>) => string | string[] | undefined {
  if (fields.length > 1) return keyOf(fields);
  const read = compilePath(fields[0]!);
  return (event, native) => {
    const values = read({ event, native })
      .filter((v) => typeof v === 'string' || typeof v === 'number')
      .map(String);
    return values.length > 0 ? values : undefined;
  };
}

/** `{api.operation} by {actor_label}`: each placeholder is a field path; lists are joined. */
function template(text: string): (event: OcsfEvent, native?: Readonly<Record<string, unknown>>) => string {
  const parts = text.split(/(\{[^}]+\})/);
  const readers = parts.map((p) =>
    p.startsWith('{') && p.endsWith('}') ? compileScalarList(p.slice(1, -1)) : undefined,
  );
  return (event, native) => {
    let out = '';
    for (let i = 0; i < parts.length; i++) {
      const read = readers[i];
      out += read ? (read(event, native) ?? '?') : parts[i]!;
    }
    return out;
  };
}

const asText = (r: string | Record<string, unknown>) => (typeof r === 'string' ? r : JSON.stringify(r));

/**
 * Parses and compiles one rule file; throws RuleDefinitionError naming the file and the problem.
 * `options.sets` are the named sets `inSet` conditions resolve against.
 */
export function parseRuleFile(text: string, file: string, options: ConditionOptions = {}): RuleDefinition {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new RuleDefinitionError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new RuleDefinitionError(`${file}: ${problems}`);
  }
  return compileRuleFile(parsed.data, file, options);
}

function compileRuleFile(f: RuleFile, file: string, options: ConditionOptions): RuleDefinition {
  const testSets = f.tests.sets ? { sets: f.tests.sets } : {};
  try {
    const where = compileCondition(f.where ?? {}, 'where', options);
    const steps = f.sequence?.steps.map((s, i) => compileCondition(s, `sequence.steps[${i}]`, options));
    const raises = f.severityIf?.map((r, i) => ({
      when: compileCondition(r.when, `severityIf[${i}].when`, options),
      severity: r.severity,
    }));
    const dedupKey = keyOf(f.dedup.key);
    return defineRule({
      id: f.id,
      title: f.title,
      description: f.description.trim(),
      severity: f.severity,
      confidence: f.confidence,
      status: f.status,
      attack:
        'pairs' in f.attack
          ? {
              tactics: [...new Set(f.attack.pairs.map((p) => p[0]))],
              techniques: [...new Set(f.attack.pairs.map((p) => p[1]))],
              pairs: f.attack.pairs,
            }
          : f.attack,
      references: f.references,
      runbook: f.runbook,
      falsePositives: f.falsePositives,
      classes: f.classes,
      ...(f.operations ? { operations: f.operations } : {}),
      ...providersOf(f, file),
      match: where,
      ...(f.summary ? { summary: template(f.summary) } : {}),
      dedup: {
        key: (event, native) => dedupKey(event, native) ?? 'all',
        periodMinutes: f.dedup.periodMinutes,
      },
      ...(f.threshold
        ? {
            threshold: {
              count: f.threshold.count,
              windowSeconds: f.threshold.windowMinutes * 60,
              groupBy: keyOf(f.threshold.groupBy),
              ...(f.threshold.distinct ? { distinct: distinctOf(f.threshold.distinct) } : {}),
            },
          }
        : {}),
      ...(f.firstSeen
        ? {
            firstSeen: {
              entity: keyOf(f.firstSeen.entity),
              value: keyOf(f.firstSeen.value),
              learningDays: f.firstSeen.learningDays,
              ...(f.firstSeen.maxValues ? { maxValues: f.firstSeen.maxValues } : {}),
            },
          }
        : {}),
      ...(f.sequence && steps
        ? {
            sequence: {
              by: keyOf(f.sequence.by),
              withinMinutes: f.sequence.withinMinutes,
              steps: steps.map((s) => s),
            },
          }
        : {}),
      ...(raises
        ? {
            severityIf: raises,
          }
        : {}),
      source: file,
      withSets: (sets) => compileRuleFile(f, file, { sets }),
      tests: {
        positive: f.tests.positive.map((t) => ({ ...t, ...testSets, records: t.records.map(asText) })),
        negative: f.tests.negative.map((t) => ({ ...t, ...testSets, records: t.records.map(asText) })),
      },
    });
  } catch (error) {
    if (error instanceof RuleDefinitionError) throw error;
    throw new RuleDefinitionError(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** Loads every `*.yml`/`*.yaml` under `dir`; duplicate ids are an error naming both files. */
export async function loadRuleDirectory(
  dir: string,
  options: ConditionOptions = {},
): Promise<RuleDefinition[]> {
  const files = await yamlFiles(dir);
  const rules: RuleDefinition[] = [];
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const file of files) {
    try {
      const rule = parseRuleFile(await fs.readFile(file, 'utf8'), file, options);
      const other = seen.get(rule.id);
      if (other) errors.push(`${file}: rule id ${rule.id} is already used by ${other}`);
      seen.set(rule.id, file);
      rules.push(rule);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length > 0)
    throw new RuleDefinitionError(`${errors.length} rule file(s) failed to load:\n${errors.join('\n')}`);
  return rules;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await yamlFiles(full)));
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}
