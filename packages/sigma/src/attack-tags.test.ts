import { describe, expect, it } from 'vitest';
import { attacksFromTags } from './attack-tags.ts';

describe('attacksFromTags', () => {
  it('pairs each tactic with each technique, splitting sub-techniques and naming known ids', () => {
    // Act
    const attacks = attacksFromTags(['attack.defense_evasion', 'attack.t1562.008']);
    // Assess
    expect(attacks).toEqual([
      {
        tactic: { uid: 'TA0005', name: 'Defense Evasion' },
        technique: { uid: 'T1562', name: 'Impair Defenses' },
        sub_technique: { uid: 'T1562.008', name: 'Disable or Modify Cloud Logs' },
        version: 'v17',
      },
    ]);
  });

  it('gives unknown technique ids without a name', () => {
    // Act
    const attacks = attacksFromTags(['attack.impact', 'attack.t1685', 'attack.t1685.002']);
    // Assess
    expect(attacks.map((a) => [a.technique, a.sub_technique])).toEqual([
      [{ uid: 'T1685' }, undefined],
      [{ uid: 'T1685' }, { uid: 'T1685.002' }],
    ]);
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
        technique: { uid: 'T1078', name: 'Valid Accounts' },
        sub_technique: { uid: 'T1078.004', name: 'Cloud Accounts' },
        version: 'v17',
      },
    ]);
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
