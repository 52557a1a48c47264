import { z } from 'zod';

const text = z.string().min(1);
const textList = z.array(z.string());
/** SigmaHQ rules write dates as 2024-01-31 and, in older rules, 2024/01/31. */
const date = z.string().regex(/^\d{4}[-/]\d{2}[-/]\d{2}$/, { error: 'expected a date like 2024-01-31' });

export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export const SIGMA_STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;

/**
 * A Sigma detection rule (SigmaHQ rules specification 2.0). Unknown top-level keys are kept
 * out, not refused: the specification allows custom attributes.
 */
export const sigmaRuleSchema = z.object({
  title: text.max(256),
  id: z.guid({ error: 'expected a UUID like 929a690e-bef0-4204-a928-ef5e620d6fcc' }),
  name: text.optional(),
  status: z.enum(SIGMA_STATUSES).optional(),
  description: z.string().optional(),
  references: textList.optional(),
  author: z.string().optional(),
  date: date.optional(),
  modified: date.optional(),
  tags: z.array(text).optional(),
  logsource: z.object({
    product: text.optional(),
    service: text.optional(),
    category: text.optional(),
    definition: z.string().optional(),
  }),
  detection: z.record(z.string(), z.unknown()).check((ctx) => {
    const condition = ctx.value.condition;
    const valid =
      (typeof condition === 'string' && condition.trim() !== '') ||
      (Array.isArray(condition) && condition.length > 0 && condition.every((c) => typeof c === 'string'));
    if (!valid) {
      ctx.issues.push({
        code: 'custom',
        input: condition,
        path: ['condition'],
        message: `expected a condition string or a non-empty list of strings, got ${condition === undefined ? 'nothing' : JSON.stringify(condition)}`,
      });
    }
  }),
  falsepositives: z.union([z.string().transform((s) => [s]), textList]).optional(),
  level: z.enum(SIGMA_LEVELS).optional(),
  fields: textList.optional(),
});

export type SigmaLevel = (typeof SIGMA_LEVELS)[number];
export type SigmaStatus = (typeof SIGMA_STATUSES)[number];

/** A validated rule and the file it came from (named in every later error). */
export type SigmaRule = z.infer<typeof sigmaRuleSchema> & { file: string };
