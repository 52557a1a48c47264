import type { Derived } from './derived.ts';

/** Derived fields for the azure rules (see FORMAT.md); each one has a unit test. */
export const AZURE_DERIVED: Readonly<Record<string, Derived>> = {};
