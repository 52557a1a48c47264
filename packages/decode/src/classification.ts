import type { SourceKind } from './types.ts';

/** Which normalizer a record goes to, or why it goes to none. */
export type Classification = { source: SourceKind; variant: string } | { reason: string };
