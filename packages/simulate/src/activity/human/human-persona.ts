import type { Human } from '../../org/people.ts';
import { HOUR, MINUTE } from '../../time.ts';
import type { Day, Persona } from '../day.ts';
import { employed, joinDay, leaveDay } from '../lifecycle.ts';
import { athenaQueries, awsCli, awsConsole, terraformPlan } from './aws-work.ts';
import { azureCli, azurePortal } from './azure-work.ts';
import { type HumanContext, humanContext, keyRotationDay } from './context.ts';
import { officeDay } from './entra.ts';
import { bigQuerySession, gcloudSession, gcpConsole } from './gcp-work.ts';
import { firstLogin, offboard, onboard, rotateOwnKey } from './lifecycle-work.ts';
import { type Channel, planDay, type WorkSession } from './plan.ts';

const CHANNELS: Record<Channel, (ctx: HumanContext, session: WorkSession) => void> = {
  'aws-console': awsConsole,
  'aws-cli': awsCli,
  terraform: terraformPlan,
  athena: athenaQueries,
  'azure-portal': azurePortal,
  'azure-cli': azureCli,
  'gcp-console': gcpConsole,
  gcloud: gcloudSession,
  bigquery: bigQuerySession,
};

/** The admin who handles starters and leavers: the first one on the roster. */
function isPeopleAdmin(human: Human, day: Day): boolean {
  return day.org.people.find((p) => p.role === 'admin') === human;
}

function lifecycleDuties(human: Human, day: Day): { joiners: Human[]; leavers: Human[] } {
  if (!isPeopleAdmin(human, day)) return { joiners: [], leavers: [] };
  const people = day.org.people;
  return {
    joiners: people.filter((p) => joinDay(p, day) === day.index),
    leavers: people.filter((p) => leaveDay(p, day) === day.index),
  };
}

/** A member of staff: their working days across the clouds they use. */
export function humanPersona(human: Human): Persona {
  return {
    id: `human/${human.key}`,
    zone: human.location.city.zone,
    day(day) {
      if (!employed(human, day)) return;
      const joins = joinDay(human, day);
      const firstDay = joins !== undefined && day.index === joins + 1;
      const duties = lifecycleDuties(human, day);
      const busy = firstDay || duties.joiners.length > 0 || duties.leavers.length > 0;
      const plan = planDay(human, day, busy);
      if (plan === undefined) return;
      const ctx = humanContext(human, day, plan);
      officeDay(ctx);
      let t = plan.start + 20 * MINUTE;
      if (firstDay) t = firstLogin(ctx, t);
      for (const joiner of duties.joiners) t = onboard(ctx, joiner, t);
      for (const leaver of duties.leavers) t = offboard(ctx, leaver, t + HOUR);
      // The rotation happens between sessions, so that calls before it use the old key.
      let rotation = keyRotationDay(human, day) === day.index ? plan.start + 2 * HOUR : undefined;
      for (const session of plan.sessions) {
        if (rotation !== undefined && session.start >= rotation) {
          rotateOwnKey(ctx, rotation);
          rotation = undefined;
        }
        CHANNELS[session.channel](ctx, session);
      }
      if (rotation !== undefined) rotateOwnKey(ctx, rotation);
    },
  };
}
