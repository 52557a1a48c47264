import type { SourceKind } from '@vigil/decode';
import type { Built } from '../formats/cloudtrail.ts';
import type { Organisation } from '../org/organisation.ts';
import type { Random } from '../random.ts';
import { HOUR } from '../time.ts';

/** One persona's view of one calendar day, and where its records go. */
export interface Day {
  /** 0 for the start date; -1 only produces the spill-over into the first day. */
  index: number;
  /** Days in the simulated range. */
  days: number;
  /** UTC instant the range starts (day 0, 00:00 UTC). */
  start: number;
  /** UTC instant of local midnight in the persona's zone. */
  midnight: number;
  /** 0 Sunday … 6 Saturday, in the persona's zone. */
  weekday: number;
  /** Activity multiplier of the run. */
  scale: number;
  /** The run's seed, for streams that span days (`Random.derive(day.seed, …)`). */
  seed: number;
  rng: Random;
  org: Organisation;
  /** `persona` names another actor when this one causes it (a service acting on a deploy). */
  emit(source: SourceKind, time: number, principal: string, built: Built, persona?: string): void;
}

/** Something that acts: a person, a pipeline, a service, the network. */
export interface Persona {
  /** `human/maya.okafor`, `ci/orders-api`… (the records' `persona`). */
  id: string;
  /** IANA zone its days follow. */
  zone: string;
  day(day: Day): void;
}

export function isWorkday(day: Day): boolean {
  return day.weekday >= 1 && day.weekday <= 5;
}

/** `hours` after local midnight (fractional hours allowed). */
export function at(day: Day, hours: number): number {
  return day.midnight + Math.round(hours * HOUR);
}

/** A Poisson count of a rate given for scale 1. */
export function count(day: Day, mean: number): number {
  return day.rng.poisson(mean * day.scale);
}
