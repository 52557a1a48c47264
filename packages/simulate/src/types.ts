import type { SourceKind } from '@vigil/decode';

/** One simulated record: the native text as the source writes it, and who produced it. */
export interface SimRecord {
  source: SourceKind;
  /** The record in its native format on one line: JSON text, or a VPC flow log line. */
  text: string;
  /** Epoch milliseconds of the event (flows: the start of the capture window). */
  time: number;
  /**
   * The source's own id, as the normalizer keeps it in `metadata.uid`: CloudTrail `eventID`,
   * GCP `insertId`, Entra `id`, Activity `correlationId` (shared by an operation's records),
   * SHA-256 hex of the line for flows.
   */
  uid: string;
  /** Who or what the record belongs to, e.g. `human/maya.okafor`, `ci/orders-api`, `network/web-tier`. */
  persona: string;
  /** The identity the source names (ARN, UPN, object id, service-account email) or, for flows, the ENI. */
  principal: string;
  label: 'benign' | 'attack';
  /** Attack records: the campaign, its Stratus Red Team technique id and who ran it. */
  campaign?: string;
  technique?: string;
  actor?: CampaignActor;
}

/** Who runs an attack campaign. */
export type CampaignActor = 'stolen-credential' | 'insider' | 'compromised-workload';

/** A campaign to run; unset fields are drawn from the run's seed. */
export interface CampaignSpec {
  /** A technique id of the campaign catalog (`CAMPAIGN_TECHNIQUES`). */
  technique?: string;
  actor?: CampaignActor;
  /** When it starts: an ISO time with zone, inside the simulated range. */
  at?: string;
}

export interface SimulateOptions {
  /** Same seed and options, byte-identical output. */
  seed: number;
  /** First instant simulated: a date (`2026-10-01`) or an ISO time with zone. Default 2026-10-01. */
  start?: string;
  /** Length of the simulated range in days. Default 14. */
  days?: number;
  /** Multiplies every activity rate (1 ≈ 5,300 records a day). Default 1. */
  scale?: number;
  /**
   * Attack campaigns mixed into the benign activity: a number (drawn from the catalog by the
   * seed) or explicit specs. Default none, and then the output is the benign run, byte for byte.
   */
  campaigns?: number | readonly CampaignSpec[];
}
