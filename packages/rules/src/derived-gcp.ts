import type { Derived } from './derived.ts';

/** Derived fields for the gcp rules (see FORMAT.md); each one has a unit test. */
export const GCP_DERIVED: Readonly<Record<string, Derived>> = {};
