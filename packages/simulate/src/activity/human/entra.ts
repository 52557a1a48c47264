import { signInRecord, type UserSignIn } from '../../formats/azure-signin.ts';
import { MS_APPS, MS_RESOURCES } from '../../org/azure.ts';
import { MINUTE, SECOND } from '../../time.ts';
import type { HumanContext } from './context.ts';

type App = { id: string; name: string };

const BACKGROUND: readonly (readonly [App, App])[] = [
  [MS_APPS.teams, MS_RESOURCES.graph],
  [MS_APPS.office, MS_RESOURCES.exchange],
  [MS_APPS.officeHome, MS_RESOURCES.graph],
];

function who(ctx: HumanContext, interactive: boolean, clientApp: UserSignIn['clientApp']): UserSignIn {
  const { human } = ctx;
  const signIn: UserSignIn = {
    kind: 'user',
    interactive,
    id: human.entraId,
    upn: human.upn,
    display: human.display,
    userAgent: human.client.browser,
    deviceOs: human.client.deviceOs,
    deviceBrowser: human.client.deviceBrowser,
    clientApp,
    sessionId: ctx.entra.sessionId,
  };
  if (interactive)
    signIn.mfaMethod = human.role === 'admin' ? 'FIDO2 security key' : 'Mobile app notification';
  return signIn;
}

function signIn(
  ctx: HumanContext,
  time: number,
  app: App,
  resource: App,
  interactive: boolean,
  errorCode = 0,
): void {
  const { day, plan } = ctx;
  const record = signInRecord(day.rng, time, {
    tenantId: day.org.azure.tenantId,
    app,
    resource,
    ip: plan.where.ip,
    place: plan.where.place,
    errorCode,
    failureReason:
      errorCode === 0 ? undefined : 'Error validating credentials due to invalid username or password.',
    who: who(ctx, interactive, app === MS_APPS.azureCli ? 'Mobile Apps and Desktop clients' : 'Browser'),
    correlationId: day.rng.uuid(),
  });
  day.emit('azure', time, ctx.human.entraId, record);
}

/**
 * The first interactive sign-in of an app today (password and MFA; now and then a mistyped
 * password a few seconds before), later ones are silent token refreshes.
 */
export function entraSignIn(ctx: HumanContext, time: number, app: App, resource: App): number {
  const { rng } = ctx.day;
  if (ctx.entra.apps.has(app.id)) {
    signIn(ctx, time, app, resource, false);
    return time + rng.int(1, 3) * SECOND;
  }
  let t = time;
  if (ctx.entra.apps.size === 0 && rng.chance(0.03)) {
    signIn(ctx, t, app, resource, true, 50126);
    t += rng.int(10, 45) * SECOND;
  }
  signIn(ctx, t, app, resource, true);
  ctx.entra.apps.add(app.id);
  return t + rng.int(5, 20) * SECOND;
}

/**
 * Office apps keep the person's tokens fresh all day: an interactive sign-in in the morning,
 * then non-interactive refreshes every half hour or so while the laptop is open.
 */
export function officeDay(ctx: HumanContext): void {
  const { rng } = ctx.day;
  const { start, end } = ctx.plan;
  let t = entraSignIn(ctx, start + rng.int(1, 10) * MINUTE, MS_APPS.officeHome, MS_RESOURCES.graph);
  if (!ctx.plan.workday) return;
  entraSignIn(ctx, t + rng.int(1, 5) * MINUTE, MS_APPS.teams, MS_RESOURCES.graph);
  const mean = 17 / ctx.day.scale;
  for (
    t += Math.round(rng.exponential(mean) * MINUTE);
    t < end;
    t += Math.round(rng.exponential(mean) * MINUTE)
  ) {
    const [app, resource] = rng.pick(BACKGROUND);
    signIn(ctx, t, app, resource, false);
  }
}
