import { toAttacks } from '@vigil/rules';
import { describe, expect, it } from 'vitest';
import { attacksFromTags } from './attack-tags.ts';

describe('attacksFromTags', () => {
  it('pairs each tactic with each technique, splitting sub-techniques, named and linked', () => {
    // Act
    const attacks = attacksFromTags(['attack.defense_evasion', 'attack.t1562.008']);
    // Assess
    expect(attacks).toEqual([
      {
        tactic: {
          uid: 'TA0005',
          name: 'Defense Evasion',
          src_url: 'https://attack.mitre.org/tactics/TA0005/',
        },
        technique: {
          uid: 'T1562',
          name: 'Impair Defenses',
          src_url: 'https://attack.mitre.org/techniques/T1562/',
        },
        sub_technique: {
          uid: 'T1562.008',
          name: 'Disable or Modify Cloud Logs',
          src_url: 'https://attack.mitre.org/techniques/T1562/008/',
        },
        version: 'v17',
      },
    ]);
  });

  it('names and links a plain technique, with no sub-technique', () => {
    // Act
    const [attack] = attacksFromTags(['attack.discovery', 'attack.t1046']);
    // Assess
    expect(attack).toEqual({
      tactic: { uid: 'TA0007', name: 'Discovery', src_url: 'https://attack.mitre.org/tactics/TA0007/' },
      technique: {
        uid: 'T1046',
        name: 'Network Service Discovery',
        src_url: 'https://attack.mitre.org/techniques/T1046/',
      },
      version: 'v17',
    });
  });

  it('gives the same attacks as a catalog rule with the same tactics and techniques', () => {
    // Act
    const sigma = attacksFromTags([
      'attack.initial_access',
      'attack.privilege_escalation',
      'attack.t1078.004',
      'attack.t1098',
    ]);
    // Assess
    expect(sigma).toEqual(toAttacks(['TA0001', 'TA0004'], ['T1078.004', 'T1098']));
  });

  it('keeps only the uid of technique ids @vigil/rules does not know, without a name or link', () => {
    // Act: T1685 is not in Vigil's ATT&CK v17 table.
    const attacks = attacksFromTags(['attack.impact', 'attack.t1685', 'attack.t1685.002']);
    // Assess
    expect(attacks.map((a) => [a.technique, a.sub_technique])).toEqual([
      [{ uid: 'T1685' }, undefined],
      [{ uid: 'T1685' }, { uid: 'T1685.002' }],
    ]);
    expect(attacks[0]?.tactic).toEqual({
      uid: 'TA0040',
      name: 'Impact',
      src_url: 'https://attack.mitre.org/tactics/TA0040/',
    });
  });

  it.each([
    ['attack.privilege_escalation', 'TA0004'],
    ['attack.privilege-escalation', 'TA0004'],
    ['attack.ta0004', 'TA0004'],
    ['attack.command_and_control', 'TA0011'],
    ['attack.reconnaissance', 'TA0043'],
    ['ATTACK.Lateral_Movement', 'TA0008'],
  ])('reads the tactic tag %s as %s', (tag, uid) => {
    // Act
    const [attack] = attacksFromTags([tag]);
    // Assess
    expect(attack?.tactic?.uid).toBe(uid);
  });

  it('counts a tactic tagged by name and by id once, and keeps a technique without a tactic', () => {
    // Act
    const both = attacksFromTags(['attack.defense_evasion', 'attack.ta0005']);
    const alone = attacksFromTags(['attack.t1078.004']);
    // Assess
    expect(both).toHaveLength(1);
    expect(alone).toEqual([
      {
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
      },
    ]);
  });

  it('does not let one rule’s attacks change another’s', () => {
    // Prepare
    const first = attacksFromTags(['attack.exfiltration']);
    // Act
    if (first[0]?.tactic) first[0].tactic.name = 'changed';
    const second = attacksFromTags(['attack.exfiltration']);
    // Assess
    expect(second[0]?.tactic?.name).toBe('Exfiltration');
  });

  it('leaves out groups, software, unknown tactic names and other namespaces', () => {
    // Act
    const attacks = attacksFromTags([
      'attack.g0016',
      'attack.s0002',
      'attack.stealth',
      'cve.2021-44228',
      'detection.threat_hunting',
    ]);
    // Assess
    expect(attacks).toEqual([]);
  });
});
