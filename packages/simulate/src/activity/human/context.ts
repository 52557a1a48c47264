import type { RoleSession } from '../../formats/aws-identity.ts';
import { iamId } from '../../org/aws.ts';
import type { Human } from '../../org/people.ts';
import { Random } from '../../random.ts';
import type { Day } from '../day.ts';
import type { HumanPlan } from './plan.ts';

/** What a person's day remembers between sessions: sign-ins and sessions still valid. */
export interface HumanContext {
  day: Day;
  human: Human;
  plan: HumanPlan;
  persona: string;
  /** Today's AWS console sign-in: its session key and the roles switched into. */
  console?: { signedInAt: number; key: string; roles: Map<string, RoleSession> };
  /** CLI role sessions by `account/role`, each valid for an hour. */
  cli: Map<string, RoleSession>;
  /** Entra apps signed in to interactively today, and the day's browser session id. */
  entra: { sessionId: string; apps: Set<string> };
  /** The long-term access key in use today (it changes when the person rotates it). */
  accessKey: string;
}

/** The day (1…days-1) a person rotates their access key in this run, if they do. */
export function keyRotationDay(human: Human, day: Day): number | undefined {
  if (!human.clouds.aws || human.role === 'analyst' || day.days < 3) return undefined;
  const rng = Random.derive(day.seed, 'key-rotation', human.key);
  return rng.chance(0.2) ? rng.int(1, day.days - 2) : undefined;
}

/** The replacement key a rotation creates. */
export function rotatedKey(human: Human, day: Day): string {
  return iamId(Random.derive(day.seed, 'rotated-key', human.key), 'AKIA', 16);
}

export function humanContext(human: Human, day: Day, plan: HumanPlan): HumanContext {
  const rotation = keyRotationDay(human, day);
  return {
    day,
    human,
    plan,
    persona: `human/${human.key}`,
    cli: new Map(),
    entra: { sessionId: day.rng.uuid(), apps: new Set() },
    accessKey:
      rotation !== undefined && day.index > rotation ? rotatedKey(human, day) : human.aws.accessKeyId,
  };
}
