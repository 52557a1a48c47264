import { assumedRoleIdentity, assumeRoleCall, iamUserIdentity } from '../../formats/aws-identity.ts';
import { type AwsAccount, iamId, role } from '../../org/aws.ts';
import { MINUTE, SECOND } from '../../time.ts';
import { type AwsActor, emitAws } from '../aws-emit.ts';
import type { HumanContext } from './context.ts';

const LOGIN_TO =
  'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_';

/** People sign in to the security (identity) account as IAM users, then switch roles. */
function identityAccount(ctx: HumanContext): AwsAccount {
  return ctx.day.org.aws.security;
}

function mfaSerial(ctx: HumanContext): string {
  return `arn:aws:iam::${identityAccount(ctx).id}:mfa/${ctx.human.key}`;
}

function consoleLogin(ctx: HumanContext, time: number, success: boolean): void {
  const { human, day } = ctx;
  const account = identityAccount(ctx);
  const identity = iamUserIdentity(account.id, human.key, human.aws.principalId, '');
  const additional: Record<string, unknown> = {
    LoginTo: `${LOGIN_TO}${day.rng.hex(16)}`,
    MobileVersion: 'No',
    MFAUsed: success ? 'Yes' : 'No',
  };
  if (success) additional.MFAIdentifier = mfaSerial(ctx);
  emitAws(
    day,
    time,
    { identity, sourceIp: ctx.plan.where.ip, userAgent: human.client.browser, tls: true },
    {
      source: 'signin.amazonaws.com',
      name: 'ConsoleLogin',
      readOnly: false,
      eventType: 'AwsConsoleSignIn',
      noRequestId: true,
      response: { ConsoleLogin: success ? 'Success' : 'Failure' },
      additional,
      error: success ? undefined : { message: 'Failed authentication' },
    },
    account.id,
    'us-east-1',
  );
}

/**
 * Signs in to the console if the person has not yet today: now and then a mistyped password
 * first, then the password and MFA code. Returns when the console is ready.
 */
export function ensureConsole(ctx: HumanContext, time: number): number {
  if (ctx.console !== undefined) return time;
  const { rng } = ctx.day;
  let t = time;
  if (rng.chance(0.04)) {
    consoleLogin(ctx, t, false);
    t += rng.int(8, 40) * SECOND;
  }
  consoleLogin(ctx, t, true);
  ctx.console = { signedInAt: t, key: iamId(rng, 'ASIA', 16), roles: new Map() };
  return t + rng.int(3, 15) * SECOND;
}

/** The console session of `roleName` in `account`, switching to it first if needed. */
export function consoleRole(
  ctx: HumanContext,
  account: AwsAccount,
  roleName: string,
  region: string,
  time: number,
): { actor: AwsActor; time: number } {
  let t = ensureConsole(ctx, time);
  const key = `${account.name}/${roleName}`;
  const consoleState = ctx.console!;
  let session = consoleState.roles.get(key);
  if (session === undefined) {
    const { rng } = ctx.day;
    session = {
      role: role(account, roleName),
      name: ctx.human.key,
      accessKeyId: iamId(rng, 'ASIA', 16),
      created: t,
      mfa: true,
    };
    consoleState.roles.set(key, session);
    emitAws(
      ctx.day,
      t,
      {
        identity: assumedRoleIdentity(session),
        sourceIp: ctx.plan.where.ip,
        userAgent: ctx.human.client.browser,
        tls: true,
      },
      {
        source: 'signin.amazonaws.com',
        name: 'SwitchRole',
        readOnly: false,
        eventType: 'AwsConsoleSignIn',
        noRequestId: true,
        response: { SwitchRole: 'Success' },
        additional: {
          SwitchFrom: `arn:aws:iam::${identityAccount(ctx).id}:user/${ctx.human.key}`,
          RedirectTo: `https://${region}.console.aws.amazon.com/console/home?region=${region}`,
        },
      },
      account.id,
      region,
    );
    t += rng.int(2, 6) * SECOND;
  }
  const actor: AwsActor = {
    day: ctx.day,
    caller: {
      identity: assumedRoleIdentity(session),
      sourceIp: ctx.plan.where.ip,
      userAgent: ctx.human.client.browser,
      tls: true,
      console: true,
    },
    account: account.id,
    region,
  };
  return { actor, time: t };
}

/** The person's IAM user acting directly in the identity account's console (own credentials page). */
export function consoleSelf(ctx: HumanContext, time: number): { actor: AwsActor; time: number } {
  const t = ensureConsole(ctx, time);
  const account = identityAccount(ctx);
  const consoleState = ctx.console!;
  return {
    actor: {
      day: ctx.day,
      caller: {
        identity: iamUserIdentity(account.id, ctx.human.key, ctx.human.aws.principalId, consoleState.key, {
          created: consoleState.signedInAt,
          mfa: true,
        }),
        sourceIp: ctx.plan.where.ip,
        userAgent: 'AWS Internal',
        tls: true,
        console: true,
      },
      account: account.id,
      region: 'us-east-1',
    },
    time: t,
  };
}

/**
 * A CLI (or SDK) role session: the profile assumes the role with the person's access key and
 * an MFA code, and the cached credentials serve for an hour.
 */
export function cliRole(
  ctx: HumanContext,
  account: AwsAccount,
  roleName: string,
  region: string,
  userAgent: string,
  time: number,
): { actor: AwsActor; time: number } {
  const { rng } = ctx.day;
  const key = `${account.name}/${roleName}`;
  let session = ctx.cli.get(key);
  let t = time;
  if (session === undefined || t > session.created + 55 * MINUTE) {
    const home = identityAccount(ctx);
    session = {
      role: role(account, roleName),
      name: ctx.human.key,
      accessKeyId: iamId(rng, 'ASIA', 16),
      created: t,
      mfa: true,
    };
    ctx.cli.set(key, session);
    emitAws(
      ctx.day,
      t,
      {
        identity: iamUserIdentity(home.id, ctx.human.key, ctx.human.aws.principalId, ctx.accessKey),
        sourceIp: ctx.plan.where.ip,
        userAgent,
        tls: true,
      },
      assumeRoleCall(rng, session, 3600, mfaSerial(ctx)),
      account.id,
      region,
    );
    t += rng.int(1, 4) * SECOND;
  }
  return {
    actor: {
      day: ctx.day,
      caller: { identity: assumedRoleIdentity(session), sourceIp: ctx.plan.where.ip, userAgent, tls: true },
      account: account.id,
      region,
    },
    time: t,
  };
}
