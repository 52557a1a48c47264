import type { HttpDeps, HttpPolicy } from '../http.ts';
import type { Provider } from '../types.ts';
import { createAbuseIpdb } from './abuseipdb.ts';
import { createOtx } from './otx.ts';
import { createShodan } from './shodan.ts';
import { createVirusTotal } from './virustotal.ts';
import { createXForce } from './xforce.ts';

/** API keys by provider; in the cloud from Secrets Manager, locally from `VIGIL_*_API_KEY`. */
export interface ProviderKeys {
  virustotal?: string;
  abuseipdb?: string;
  otx?: string;
  shodan?: string;
  xforce?: string;
  xforcePassword?: string;
}

export const PROVIDER_NAMES = ['virustotal', 'abuseipdb', 'otx', 'shodan', 'xforce'] as const;

export interface ProviderSetup {
  providers: Provider[];
  /** Providers left off, with why (never the key itself). */
  off: { name: string; reason: string }[];
}

/** Builds a client for every provider that has a key; the rest are reported off, not errors. */
export function createProviders(
  keys: ProviderKeys,
  http: HttpDeps,
  opts: {
    baseUrls?: Partial<Record<(typeof PROVIDER_NAMES)[number], string>>;
    policy?: Partial<HttpPolicy>;
  } = {},
): ProviderSetup {
  const providers: Provider[] = [];
  const off: ProviderSetup['off'] = [];
  const common = (name: (typeof PROVIDER_NAMES)[number], apiKey: string) => ({
    apiKey,
    http,
    ...(opts.baseUrls?.[name] ? { baseUrl: opts.baseUrls[name] } : {}),
    ...(opts.policy ? { policy: opts.policy } : {}),
  });
  const has = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';
  if (has(keys.virustotal)) providers.push(createVirusTotal(common('virustotal', keys.virustotal)));
  else off.push({ name: 'virustotal', reason: 'no API key' });
  if (has(keys.abuseipdb)) providers.push(createAbuseIpdb(common('abuseipdb', keys.abuseipdb)));
  else off.push({ name: 'abuseipdb', reason: 'no API key' });
  if (has(keys.otx)) providers.push(createOtx(common('otx', keys.otx)));
  else off.push({ name: 'otx', reason: 'no API key' });
  if (has(keys.shodan)) providers.push(createShodan(common('shodan', keys.shodan)));
  else off.push({ name: 'shodan', reason: 'no API key' });
  if (has(keys.xforce) && has(keys.xforcePassword))
    providers.push(createXForce({ ...common('xforce', keys.xforce), password: keys.xforcePassword }));
  else off.push({ name: 'xforce', reason: has(keys.xforce) ? 'no API password' : 'no API key' });
  return { providers, off };
}
