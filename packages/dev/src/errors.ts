/** A bad `pnpm dev` command line: the message says which argument and why. */
export class DevUsageError extends Error {
  override name = 'DevUsageError';
}
