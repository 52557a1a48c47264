import { parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { compileDetection } from './detection.ts';
import { type SigmaRule, sigmaRuleSchema } from './rule-schema.ts';

export type ParseResult = { ok: true; rule: SigmaRule } | { ok: false; error: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : '(rule)';
  // Type errors already say what was received; value and format errors do not.
  const got =
    issue.code === 'invalid_value' || issue.code === 'invalid_format'
      ? `, got ${JSON.stringify(issue.input)}`
      : '';
  return `${path}: ${issue.message}${got}`;
}

/** Statuses whose rules their authors say must not run. */
const NOT_FOR_USE = new Set(['deprecated', 'unsupported']);

/**
 * Parses and validates one Sigma rule file: YAML, the rule schema, then the detection (every
 * selection, modifier, regular expression and the condition are compiled once here so that a
 * rule that loads is a rule that runs). Every error names the file and the field.
 */
export function parseSigmaRule(text: string, file: string): ParseResult {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length === 0)
    return { ok: false, error: `${file}: empty file, expected one Sigma rule` };
  if (docs.length > 1) {
    return {
      ok: false,
      error: `${file}: found ${docs.length} YAML documents; rule collections (multi-document files) are not supported, put one rule per file`,
    };
  }
  const doc = docs[0]!;
  const yamlError = doc.errors[0];
  if (yamlError) return { ok: false, error: `${file}: invalid YAML: ${yamlError.message.split('\n')[0]}` };
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      error: `${file}: expected a YAML map with title, id, logsource and detection, got ${Array.isArray(data) ? 'a list' : String(data)}`,
    };
  }
  const parsed = sigmaRuleSchema.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return { ok: false, error: `${file}: ${parsed.error.issues.map(describeIssue).join('; ')}` };
  }
  if (parsed.data.status && NOT_FOR_USE.has(parsed.data.status)) {
    return {
      ok: false,
      error: `${file}: status: rule is ${parsed.data.status}, expected stable, test or experimental`,
    };
  }
  const detection = compileDetection(parsed.data);
  if (!detection.ok) return { ok: false, error: `${file}: ${detection.error}` };
  return { ok: true, rule: { ...parsed.data, file } };
}
