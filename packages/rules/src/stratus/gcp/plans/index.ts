import type { GcpPlan } from '../context.ts';
import { gcpComputePlans } from './compute.ts';
import { gcpDefenseEvasionPlans } from './defense-evasion.ts';
import { gcpIamPlans } from './iam.ts';
import { gcpStoragePlans } from './storage.ts';

/** Replay plans of the GCP techniques, by id. */
export const gcpPlans: Readonly<Record<string, GcpPlan>> = {
  ...gcpComputePlans,
  ...gcpDefenseEvasionPlans,
  ...gcpIamPlans,
  ...gcpStoragePlans,
};
