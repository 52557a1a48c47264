import type { Step } from '../run-steps.ts';
import type { ReplayBase } from '../technique.ts';

/** The victim project and who calls it from where. */
export interface GcpContext extends ReplayBase {
  project: string;
  projectNumber: string;
  organization: string;
  zone: string;
  /** The operator's Google account. */
  principal: string;
  /** User agents of Go REST clients and of gRPC clients, with Stratus's correlation id. */
  restAgent: string;
  grpcAgent: string;
  /** Terraform's random suffix for the warm-up resources' names. */
  suffix: string;
}

export type GcpPlan = (ctx: GcpContext) => Step<Record<string, unknown>>[];

/** The real Google account Stratus shares resources with (from its documentation). */
export const STRATUS_ATTACKER = 'stratusredteam@gmail.com';

export function gcpContext(base: ReplayBase): GcpContext {
  return {
    ...base,
    project: 'contoso-prod-4821',
    projectNumber: '418290311723',
    organization: '123456789012',
    zone: 'us-central1-a',
    principal: 'it.admin@contoso.example',
    restAgent: `${base.stratusAgent} google-api-go-client/0.5,gzip(gfe)`,
    grpcAgent: `${base.stratusAgent} grpc-go/1.70.0,gzip(gfe)`,
    suffix: base.rng.lowerAlnum(4),
  };
}

/** A numeric id as GCP gives resources and service accounts (19 and 21 digits). */
export const numericId = (ctx: GcpContext, digits: number): string =>
  `${ctx.rng.int(1, 9)}${ctx.rng.digits(digits - 1)}`;

/** A service account of the project, with its unique id. */
export function serviceAccount(ctx: GcpContext, accountId: string) {
  return { email: `${accountId}@${ctx.project}.iam.gserviceaccount.com`, uniqueId: numericId(ctx, 21) };
}
