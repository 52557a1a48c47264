/** A Sigma rule that cannot be compiled; only thrown for rules that did not come from `parseSigmaRule`. */
export class SigmaRuleError extends Error {
  override name = 'SigmaRuleError';
}
