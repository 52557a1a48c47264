import type { Derived } from './derived.ts';

/** Derived fields for the flow rules (see FORMAT.md); each one has a unit test. */
export const FLOW_DERIVED: Readonly<Record<string, Derived>> = {};
