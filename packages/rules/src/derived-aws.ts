import type { Derived } from './derived.ts';

/** Derived fields for the aws rules (see FORMAT.md); each one has a unit test. */
export const AWS_DERIVED: Readonly<Record<string, Derived>> = {};
