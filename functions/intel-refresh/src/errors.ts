/** A missing or malformed VIGIL_* variable, named in the message. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Every feed failed: nothing was refreshed, so the invocation fails and the Errors alarm fires. */
export class RefreshFailedError extends Error {
  override name = 'RefreshFailedError';
}
