import { compileCondition } from './condition.ts';
import { resolveLogsource, type SigmaLogsource, type SupportedLogsource } from './logsource.ts';
import { compileSelection } from './selection.ts';
import { fail, ok, type Predicate, type Result } from './types.ts';

export interface CompiledDetection {
  readonly logsource: SupportedLogsource;
  readonly matches: Predicate;
}

/** Compiles a rule's logsource, selections and condition into closures, or says what is unsupported. */
export function compileDetection(rule: {
  logsource: SigmaLogsource;
  detection: Record<string, unknown>;
}): Result<CompiledDetection> {
  const logsource = resolveLogsource(rule.logsource);
  if (!logsource.ok) return logsource;
  const selections = new Map<string, Predicate>();
  for (const [name, item] of Object.entries(rule.detection)) {
    if (name === 'condition') continue;
    if (name === 'timeframe') {
      return fail(`detection.timeframe: only used by aggregations, which are not supported; remove it`);
    }
    const compiled = compileSelection(name, item, logsource.value.source);
    if (!compiled.ok) return compiled;
    selections.set(name, compiled.value);
  }
  const condition = compileCondition(rule.detection.condition as string | string[], selections);
  if (!condition.ok) return fail(`detection.${condition.error}`);
  return ok({ logsource: logsource.value, matches: condition.value });
}
