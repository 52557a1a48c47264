/** The function's environment is missing or malformed: fails the cold start with the variable's name. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
