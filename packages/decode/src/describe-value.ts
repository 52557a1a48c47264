const SHOWN_KEYS = 8;
const SHOWN_KEY_CHARS = 40;

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON type name for "must be X, got Y" reasons. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function shortKey(key: string): string {
  return key.length > SHOWN_KEY_CHARS ? `${key.slice(0, SHOWN_KEY_CHARS)}…` : key;
}

/** A short description of what was found, for reject reasons (`object with keys [a, b]`). */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return `array of ${value.length} items`;
  if (!isJsonObject(value)) return jsonTypeName(value);
  const keys = Object.keys(value);
  const shown = keys.slice(0, SHOWN_KEYS).map(shortKey).join(', ');
  return `object with keys [${shown}${keys.length > SHOWN_KEYS ? ', …' : ''}]`;
}
