/** JSON text of a parsed value, or undefined when it nests too deeply for JSON.stringify's recursion. */
export function serialize(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
