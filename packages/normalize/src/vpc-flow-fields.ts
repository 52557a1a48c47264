/** A flow-log text token; `-` (and an empty or non-string value) means the field is absent. */
export function flowText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value !== '-' ? value : undefined;
}

/**
 * A flow-log count or id as a number: undefined when absent, NaN when it is not a decimal
 * integer in [0, max]. Scanned by hand because every line has several of these.
 */
export function flowInt(value: unknown, max: number): number | undefined {
  if (value === undefined || value === '-') return undefined;
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value <= max ? value : Number.NaN;
  if (typeof value !== 'string' || value.length === 0 || value.length > 15) return Number.NaN;
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = n * 10 + digit;
  }
  return n <= max ? n : Number.NaN;
}
