import { fileURLToPath } from 'node:url';

export { compileSigmaRule } from './compile-rule.ts';
export { compileCondition } from './condition.ts';
export { type ConditionAst, parseCondition } from './condition-parser.ts';
export { SigmaRuleError } from './errors.ts';
export { loadSigmaDirectory, type SigmaDirectory } from './load-directory.ts';
export { SUPPORTED_LOGSOURCES } from './logsource.ts';
export { type ParseResult, parseSigmaRule } from './parse-rule.ts';
export type { SigmaLevel, SigmaRule, SigmaStatus } from './rule-schema.ts';

/** Vigil's own Sigma rules, shipped with this package. */
export const VIGIL_SIGMA_RULES_DIR = fileURLToPath(new URL('../rules/', import.meta.url));
