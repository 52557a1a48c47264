import type { Node } from 'constructs';
import { z } from 'zod';
import { InfraConfigError } from './errors.ts';

/** Sources whose AWS-side ingestion this app can create. */
export const INGEST_SOURCES = ['cloudtrail', 'vpc-flow'] as const;
export type IngestSource = (typeof INGEST_SOURCES)[number];

/** Prefix of every context key Vigil reads, so `cdk.json` stays readable next to CDK's own flags. */
export const CONTEXT_PREFIX = 'vigil:';

/** `-c key=value` on the command line always gives strings; cdk.json gives JSON. Accept both. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((part) => part.trim())
            .filter((part) => part !== '')
        : value,
    z.array(item),
  );

const flag = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');

const configSchema = z.strictObject({
  organizationId: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, 'an organization id looks like o-abcd123456')
    .optional(),
  memberAccounts: list(accountId).default([]),
  enabledSources: list(z.enum(INGEST_SOURCES)).default([...INGEST_SOURCES]),
  dryRun: flag.default(true),
  notificationEmails: list(z.email()).default([]),
  streamShards: z.coerce.number().int().min(1).max(500).optional(),
  archiveRetentionDays: z.coerce.number().int().min(1).max(3650).default(365),
  responderExternalId: z
    .string()
    .min(16)
    .max(1224)
    .regex(/^[\w+=,.@:/-]+$/)
    .default('vigil-responder-external-id'),
});

/** Deployment settings, all optional in context; the defaults give a working single-account deploy. */
export type VigilConfig = z.infer<typeof configSchema>;

/** Reads every `vigil:*` context key; unknown keys are rejected so a typo cannot silently fall back to a default. */
export function readConfig(node: Node): VigilConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node.getAllContext())) {
    if (key.startsWith(CONTEXT_PREFIX)) raw[key.slice(CONTEXT_PREFIX.length)] = value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${CONTEXT_PREFIX}${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new InfraConfigError(`Invalid Vigil context in cdk.json or -c: ${problems}`);
  }
  if (parsed.data.enabledSources.length === 0) {
    throw new InfraConfigError(
      `${CONTEXT_PREFIX}enabledSources: expected at least one of ${INGEST_SOURCES.join(', ')}`,
    );
  }
  return parsed.data;
}
