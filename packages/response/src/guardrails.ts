import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { GuardrailsError } from './errors.ts';

export const PLAYBOOKS = [
  'revoke-access-key',
  'block-sg-exposure',
  'block-ip',
  'isolate-instance',
  'disable-account',
] as const;
export type PlaybookName = (typeof PLAYBOOKS)[number];

const response = z.strictObject({
  analytics: z.array(z.string().min(1)).min(1),
  playbook: z.enum(PLAYBOOKS),
  /** Whose identity an identity playbook acts on: the finding's actor or the user it names. */
  target: z.enum(['actor', 'user']).default('actor'),
  mode: z.enum(['auto', 'approval']),
  minSeverity: z.number().int().min(1).max(6).default(1),
  minConfidence: z.number().int().min(0).max(100).default(0),
});

export const guardrailsSchema = z.strictObject({
  version: z.number().int().positive(),
  dryRun: z.boolean().default(true),
  defaultRegion: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name'),
  protected: z.strictObject({
    principals: z.array(z.string().min(1)).default([]),
    accounts: z.array(z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id')).default([]),
    tags: z.record(z.string().min(1), z.string()).default({}),
  }),
  budget: z.strictObject({ actionsPerHourPerAccount: z.number().int().min(0) }),
  approval: z.strictObject({
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(86_400 * 7),
  }),
  blockIp: z
    .strictObject({
      ruleNumbers: z.strictObject({
        from: z.number().int().min(1).max(32_766),
        to: z.number().int().min(1).max(32_766),
      }),
      expiresAfterHours: z
        .number()
        .positive()
        .max(24 * 365),
    })
    .refine((b) => b.ruleNumbers.from <= b.ruleNumbers.to, 'blockIp.ruleNumbers.from must be <= to'),
  adminPorts: z.array(z.number().int().min(0).max(65_535)).min(1),
  responses: z.array(response),
});

export type Guardrails = z.infer<typeof guardrailsSchema>;
export type ResponseRule = z.infer<typeof response>;

/** Parses and validates guardrails YAML; `origin` names the file in errors. */
export function parseGuardrails(text: string, origin: string): Guardrails {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new GuardrailsError(`${origin}: not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = guardrailsSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new GuardrailsError(`${origin}: invalid guardrails: ${issues.join('; ')}`);
  }
  return result.data;
}

export async function loadGuardrails(path: string | URL): Promise<Guardrails> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GuardrailsError(`${String(path)}: cannot read guardrails: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseGuardrails(text, String(path));
}

/** Where the package's own guardrails file sits, for the CLI and tests (Lambdas get theirs by path). */
export const DEFAULT_GUARDRAILS_FILE = new URL('../guardrails.yml', import.meta.url);

/** `*` matches any run of characters; everything else is literal, case-sensitive like ARNs. */
export function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(value);
}
