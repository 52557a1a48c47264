import { ATTACK_TACTICS, ATTACK_VERSION, techniqueName } from '@vigil/rules';
import type { Attack } from '@vigil/schema';

/** Sigma tags name tactics in snake case (`attack.defense_evasion`). */
const TACTICS = ATTACK_TACTICS.map((t) => [t.uid, t.name, t.name.toLowerCase().replace(/ /g, '_')] as const);

const TACTIC_BY_TAG = new Map(TACTICS.map(([uid, name, tag]) => [tag, { uid, name }]));
const TACTIC_BY_UID = new Map(TACTICS.map(([uid, name]) => [uid.toLowerCase(), { uid, name }]));

const TECHNIQUE = /^t\d{4}(?:\.\d{3})?$/;

function entity(uid: string): { uid: string; name?: string } {
  const name = techniqueName(uid);
  return name ? { uid, name } : { uid };
}

/**
 * Sigma `attack.*` tags as OCSF `attacks`: each tactic paired with each technique (as
 * @vigil/rules does), a technique alone when no tactic is tagged. Group (`attack.g…`) and
 * software (`attack.s…`) tags and tactic names outside the table are not ATT&CK techniques or
 * tactics OCSF can carry, so they are left out.
 */
export function attacksFromTags(tags: readonly string[]): Attack[] {
  const tactics = new Map<string, { uid: string; name: string }>();
  const techniques = new Set<string>();
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const value = lower.slice('attack.'.length).replaceAll('-', '_');
    if (TECHNIQUE.test(value)) techniques.add(value.toUpperCase());
    const tactic = TACTIC_BY_TAG.get(value) ?? TACTIC_BY_UID.get(value);
    if (tactic) tactics.set(tactic.uid, tactic);
  }
  const techniqueParts = [...techniques].map((id) => {
    const dot = id.indexOf('.');
    return dot < 0
      ? { technique: entity(id) }
      : { technique: entity(id.slice(0, dot)), sub_technique: entity(id) };
  });
  const attacks: Attack[] = [];
  for (const tactic of tactics.values()) {
    if (techniqueParts.length === 0) attacks.push({ tactic, version: ATTACK_VERSION });
    for (const part of techniqueParts) attacks.push({ tactic, ...part, version: ATTACK_VERSION });
  }
  if (tactics.size === 0)
    for (const part of techniqueParts) attacks.push({ ...part, version: ATTACK_VERSION });
  return attacks;
}
