export { ATTACK_VERSION, AttackMappingError, toAttacks } from './attack.ts';
export { compileRule, createWindowCounter } from './engine.ts';
export {
  defineRule,
  type RuleDefinition,
  RuleDefinitionError,
  type RuleSeverity,
  type RuleTestCase,
  type ThresholdSpec,
} from './rule.ts';
export { starterRules } from './starter/index.ts';
