import type { ProviderKeys } from './registry.ts';

export type SecretReader = (secretId: string) => Promise<string | undefined>;

export interface LoadedKeys {
  keys: ProviderKeys;
  /** Providers whose secret could not be used, and why (never the value). */
  problems: { name: string; reason: string }[];
}

/**
 * Reads provider keys from secrets (in a Lambda, `read` is Powertools' `getSecret`). A secret
 * holds the key as text, or JSON `{"apiKey": "…"}`; X-Force's holds `{"key": "…", "password": "…"}`.
 * A secret that is unset, empty, malformed or unreadable leaves its provider off: enrichment
 * runs with the others rather than failing.
 */
export async function loadProviderKeys(
  read: SecretReader,
  secretIds: Readonly<Partial<Record<'virustotal' | 'abuseipdb' | 'otx' | 'shodan' | 'xforce', string>>>,
): Promise<LoadedKeys> {
  const keys: ProviderKeys = {};
  const problems: LoadedKeys['problems'] = [];
  for (const [name, id] of Object.entries(secretIds)) {
    if (!id) continue;
    let text: string | undefined;
    try {
      text = (await read(id))?.trim();
    } catch (error) {
      problems.push({ name, reason: `secret ${id} unreadable: ${(error as Error).name}` });
      continue;
    }
    if (!text) {
      problems.push({ name, reason: `secret ${id} is empty` });
      continue;
    }
    const parsed = text.startsWith('{') ? safeJson(text) : undefined;
    if (text.startsWith('{') && !parsed) {
      problems.push({ name, reason: `secret ${id} is not valid JSON` });
      continue;
    }
    if (name === 'xforce') {
      const key = parsed?.key;
      const password = parsed?.password;
      if (typeof key !== 'string' || typeof password !== 'string' || !key || !password) {
        problems.push({ name, reason: `secret ${id} must be JSON {"key", "password"}` });
        continue;
      }
      keys.xforce = key;
      keys.xforcePassword = password;
      continue;
    }
    const key = parsed ? parsed.apiKey : text;
    if (typeof key !== 'string' || key === '') {
      problems.push({ name, reason: `secret ${id} has no apiKey` });
      continue;
    }
    keys[name as 'virustotal' | 'abuseipdb' | 'otx' | 'shodan'] = key;
  }
  return { keys, problems };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
