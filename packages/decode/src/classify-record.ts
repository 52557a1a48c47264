import type { Classification } from './classification.ts';
import { classifyAws } from './classify-aws.ts';
import { classifyAzure } from './classify-azure.ts';
import { classifyGcp } from './classify-gcp.ts';
import { describeValue, isJsonObject } from './describe-value.ts';
import type { InputFormat } from './types.ts';

function classifyAny(value: unknown): Classification {
  if (!isJsonObject(value)) return { reason: `expected a JSON object, found ${describeValue(value)}` };
  return (
    classifyAws(value) ??
    classifyGcp(value) ??
    classifyAzure(value) ?? { reason: `unrecognized JSON record: ${describeValue(value)}` }
  );
}

/** `a cloudtrail`, `an azure`: the forced family as a reason names it. */
export function formatName(format: InputFormat): string {
  return `${format === 'azure' ? 'an' : 'a'} ${format}`;
}

/**
 * Says which source family and variant a parsed JSON record belongs to, or why it belongs to
 * none. With a forced `format`, records of any other family are refused.
 */
export function classifyRecord(value: unknown, format: InputFormat = 'auto'): Classification {
  const found = classifyAny(value);
  if (format === 'auto') return found;
  if ('reason' in found)
    return { reason: `expected ${formatName(format)} record (--format ${format}): ${found.reason}` };
  if (found.source !== format) {
    return {
      reason: `expected ${formatName(format)} record (--format ${format}), found ${found.source} ${found.variant}`,
    };
  }
  return found;
}
