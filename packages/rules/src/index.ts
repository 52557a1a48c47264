export {
  ATTACK_TACTICS,
  ATTACK_VERSION,
  AttackMappingError,
  attackUrl,
  techniqueName,
  toAttacks,
} from './attack.ts';
export { CATALOG_DIR, loadCatalog } from './catalog.ts';
export {
  type Condition,
  ConditionError,
  type ConditionOptions,
  compileCondition,
  type SetLookup,
} from './condition.ts';
export { DERIVED } from './derived.ts';
export { compileRule, createWindowCounter, ruleAttacks } from './engine.ts';
export { runRuleTest } from './harness.ts';
export { compilePath, UnknownFieldError } from './path.ts';
export {
  defineRule,
  type FirstSeenSpec,
  type RuleDefinition,
  RuleDefinitionError,
  type RuleSeverity,
  type RuleTestCase,
  type SequenceSpec,
  type ThresholdSpec,
} from './rule.ts';
export { loadRuleDirectory, parseRuleFile } from './rule-file.ts';
