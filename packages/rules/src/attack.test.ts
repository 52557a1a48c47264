import { describe, expect, it } from 'vitest';
import { AttackMappingError, attackUrl, toAttacks } from './attack.ts';

describe('toAttacks', () => {
  it('splits sub-techniques from their parent, one entry per tactic', () => {
    // The same technique under each tactic; only the tactic differs between the entries.
    const cloudAccounts = {
      technique: {
        uid: 'T1078',
        name: 'Valid Accounts',
        src_url: 'https://attack.mitre.org/techniques/T1078/',
      },
      sub_technique: {
        uid: 'T1078.004',
        name: 'Cloud Accounts',
        src_url: 'https://attack.mitre.org/techniques/T1078/004/',
      },
      version: 'v17',
    };
    expect(toAttacks(['TA0001', 'TA0004'], ['T1078.004'])).toEqual([
      {
        tactic: {
          uid: 'TA0001',
          name: 'Initial Access',
          src_url: 'https://attack.mitre.org/tactics/TA0001/',
        },
        ...cloudAccounts,
      },
      {
        tactic: {
          uid: 'TA0004',
          name: 'Privilege Escalation',
          src_url: 'https://attack.mitre.org/tactics/TA0004/',
        },
        ...cloudAccounts,
      },
    ]);
  });

  it('keeps a plain technique as the technique', () => {
    expect(toAttacks(['TA0007'], ['T1046'])[0]).toMatchObject({ technique: { uid: 'T1046' } });
    expect(toAttacks(['TA0007'], ['T1046'])[0]).not.toHaveProperty('sub_technique');
  });

  it('throws on ids it cannot name', () => {
    expect(() => toAttacks(['TA0007'], ['T9999'])).toThrow(AttackMappingError);
  });
});

describe('attackUrl', () => {
  it("points at attack.mitre.org's page for tactics, techniques and sub-techniques", () => {
    expect(attackUrl('TA0011')).toBe('https://attack.mitre.org/tactics/TA0011/');
    expect(attackUrl('T1090')).toBe('https://attack.mitre.org/techniques/T1090/');
    expect(attackUrl('T1090.003')).toBe('https://attack.mitre.org/techniques/T1090/003/');
  });
});
