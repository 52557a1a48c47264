import { ATTACK_TACTICS, ATTACK_VERSION, attackUrl, techniqueName } from '@vigil/rules';
import type { Attack } from '@vigil/schema';

type AttackEntity = NonNullable<Attack['technique']>;

/** Tactics as catalog findings carry them: id, name and attack.mitre.org page. */
const TACTICS = ATTACK_TACTICS.map(({ uid, name }) => ({ uid, name, src_url: attackUrl(uid) }));

/** Sigma tags name tactics in snake case (`attack.defense_evasion`). */
const TACTIC_BY_TAG = new Map(TACTICS.map((t) => [t.name.toLowerCase().replace(/ /g, '_'), t]));
const TACTIC_BY_UID = new Map(TACTICS.map((t) => [t.uid.toLowerCase(), t]));

const TECHNIQUE = /^t\d{4}(?:\.\d{3})?$/;

/**
 * A technique as catalog findings carry it. An id @vigil/rules does not know (a newer ATT&CK
 * release, or a typo in the rule) keeps only its uid: a name or link Vigil cannot vouch for
 * could be wrong or dead.
 */
function entity(uid: string): AttackEntity {
  const name = techniqueName(uid);
  return name ? { uid, name, src_url: attackUrl(uid) } : { uid };
}

/**
 * Sigma `attack.*` tags as OCSF `attacks`: each tactic paired with each technique, with names
 * and links from @vigil/rules, so a known mapping is the same as `toAttacks` gives a catalog
 * rule; a technique alone when no tactic is tagged. Group (`attack.g…`) and software
 * (`attack.s…`) tags and tactic names outside the table are not ATT&CK techniques or tactics
 * OCSF can carry, so they are left out.
 */
export function attacksFromTags(tags: readonly string[]): Attack[] {
  const tactics = new Map<string, AttackEntity>();
  const techniques = new Set<string>();
  for (const tag of tags) {
    const lower = tag.toLowerCase();
    if (!lower.startsWith('attack.')) continue;
    const value = lower.slice('attack.'.length).replaceAll('-', '_');
    if (TECHNIQUE.test(value)) techniques.add(value.toUpperCase());
    const tactic = TACTIC_BY_TAG.get(value) ?? TACTIC_BY_UID.get(value);
    // A copy, so no finding shares (and could change) the module's table.
    if (tactic) tactics.set(tactic.uid, { ...tactic });
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
