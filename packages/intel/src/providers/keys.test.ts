import { describe, expect, it } from 'vitest';
import { loadProviderKeys } from './keys.ts';

describe('loadProviderKeys', () => {
  it('reads plain and JSON keys, X-Force key and password, and leaves broken secrets off with a reason', async () => {
    const secrets: Record<string, string> = {
      'vigil/intel/virustotal': 'vt-key\n',
      'vigil/intel/abuseipdb': '{"apiKey":"abuse-key"}',
      'vigil/intel/otx': '',
      'vigil/intel/xforce': '{"key":"xf","password":"pw"}',
    };
    const read = async (id: string) => {
      if (id === 'vigil/intel/shodan')
        throw Object.assign(new Error('denied: secret value sk-live'), { name: 'AccessDeniedException' });
      return secrets[id];
    };
    const { keys, problems } = await loadProviderKeys(read, {
      virustotal: 'vigil/intel/virustotal',
      abuseipdb: 'vigil/intel/abuseipdb',
      otx: 'vigil/intel/otx',
      shodan: 'vigil/intel/shodan',
      xforce: 'vigil/intel/xforce',
    });
    expect(keys).toEqual({
      virustotal: 'vt-key',
      abuseipdb: 'abuse-key',
      xforce: 'xf',
      xforcePassword: 'pw',
    });
    expect(problems).toEqual([
      { name: 'otx', reason: 'secret vigil/intel/otx is empty' },
      { name: 'shodan', reason: 'secret vigil/intel/shodan unreadable: AccessDeniedException' },
    ]);
  });

  it('rejects an X-Force secret without its password and JSON that does not parse', async () => {
    const { keys, problems } = await loadProviderKeys(async (id) => (id === 'x' ? '{"key":"k"}' : '{nope'), {
      xforce: 'x',
      otx: 'o',
    });
    expect(keys).toEqual({});
    expect(problems.map((p) => p.reason)).toEqual([
      'secret x must be JSON {"key", "password"}',
      'secret o is not valid JSON',
    ]);
  });
});
