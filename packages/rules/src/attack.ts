import type { Attack } from '@vigil/schema';

/** MITRE ATT&CK Enterprise names for the ids the rules use (attack.mitre.org, v17). */
export const ATTACK_VERSION = 'v17';

const TACTICS: Readonly<Record<string, string>> = {
  TA0001: 'Initial Access',
  TA0003: 'Persistence',
  TA0004: 'Privilege Escalation',
  TA0005: 'Defense Evasion',
  TA0006: 'Credential Access',
  TA0007: 'Discovery',
  TA0009: 'Collection',
  TA0010: 'Exfiltration',
  TA0040: 'Impact',
};

const TECHNIQUES: Readonly<Record<string, string>> = {
  T1046: 'Network Service Discovery',
  T1078: 'Valid Accounts',
  'T1078.004': 'Cloud Accounts',
  T1098: 'Account Manipulation',
  'T1098.003': 'Additional Cloud Roles',
  T1530: 'Data from Cloud Storage',
  T1562: 'Impair Defenses',
  'T1562.007': 'Disable or Modify Cloud Firewall',
  'T1562.008': 'Disable or Modify Cloud Logs',
};

export class AttackMappingError extends Error {
  override name = 'AttackMappingError';
}

export function isKnownTactic(id: string): boolean {
  return id in TACTICS;
}

export function isKnownTechnique(id: string): boolean {
  return id in TECHNIQUES;
}

/**
 * Expands a rule's tactic and technique ids into OCSF `attacks`, one per tactic, with the
 * parent technique and sub-technique split as OCSF wants them.
 */
export function toAttacks(tactics: readonly string[], techniques: readonly string[]): Attack[] {
  const attacks: Attack[] = [];
  for (const tacticId of tactics) {
    const tacticName = TACTICS[tacticId];
    if (!tacticName) throw new AttackMappingError(`unknown ATT&CK tactic ${tacticId}`);
    for (const id of techniques) {
      const name = TECHNIQUES[id];
      if (!name) throw new AttackMappingError(`unknown ATT&CK technique ${id}`);
      const [parent] = id.split('.');
      const attack: Attack = { tactic: { uid: tacticId, name: tacticName }, version: ATTACK_VERSION };
      if (parent !== id) {
        attack.technique = { uid: parent!, name: TECHNIQUES[parent!] ?? parent! };
        attack.sub_technique = { uid: id, name };
      } else {
        attack.technique = { uid: id, name };
      }
      attacks.push(attack);
    }
  }
  return attacks;
}
