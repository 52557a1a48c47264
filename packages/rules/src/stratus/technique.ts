import type { Clock } from './clock.ts';
import type { Random } from './random.ts';

/** The fields of a Stratus Red Team technique (`packages/rules/stratus/stratus-techniques.json`) the replay reads. */
export interface StratusTechnique {
  id: string;
  platform: string;
  /** CloudTrail events a real detonation produced, by `service:EventName`; null when not measured. */
  observed_cloudtrail_events?: Readonly<Record<string, number>> | null;
}

export interface ReplayOptions {
  /** Same seed, same records (default 1). */
  seed?: number;
  /** Time of the first record, ISO-8601 with a zone (default 2026-03-10T13:00:00Z). */
  start?: string;
}

/** What every platform's replay shares: its random stream, its clock and Stratus's correlation id. */
export interface ReplayBase {
  rng: Random;
  clock: Clock;
  /** `stratus-red-team_<uuid>`: Stratus puts its per-run correlation id in every user agent. */
  stratusAgent: string;
  /** The operator's address: a Tor exit in 185.220.101.0/24, as attackers often use. */
  attackerIp: string;
}
