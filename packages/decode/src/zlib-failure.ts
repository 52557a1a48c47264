export interface ZlibFailure {
  /** zlib's code (`Z_DATA_ERROR`, `Z_BUF_ERROR`…) or Node's (`ERR_BUFFER_TOO_LARGE`). */
  readonly code: string;
  readonly message: string;
}

/** What a zlib error says, for a reject reason. */
export function zlibFailure(error: unknown): ZlibFailure {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'Z_ERROR',
    message: error instanceof Error ? error.message : String(error),
  };
}
