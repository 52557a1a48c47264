import { type AwsCall, type AwsCaller, cloudTrailRecord } from '../formats/cloudtrail.ts';
import type { Day } from './day.ts';

/** The principal a label names for a CloudTrail identity: its ARN, else its id or service. */
export function principalOf(identity: Record<string, unknown>): string {
  const arn = identity.arn ?? identity.principalId ?? identity.invokedBy ?? identity.accountId;
  return typeof arn === 'string' ? arn : 'unknown';
}

/** Writes one call as a CloudTrail record of `account` in `region`. */
export function emitAws(
  day: Day,
  time: number,
  caller: AwsCaller,
  call: AwsCall,
  account: string,
  region: string,
  persona?: string,
): void {
  day.emit(
    'cloudtrail',
    time,
    principalOf(caller.identity),
    cloudTrailRecord(day.rng, time, caller, call, account, region),
    persona,
  );
}

/** A caller bound to an account and region: the calls of one working session. */
export interface AwsActor {
  day: Day;
  caller: AwsCaller;
  account: string;
  region: string;
  /** CLI and SDK user agents name the command that made the call. */
  agent?: (command: string) => string;
  /** Records on behalf of another persona (an AWS service acting for a deployment). */
  persona?: string;
}

/** One call of `actor`; `command` (`ec2.describe-instances`) shapes CLI user agents. */
export function act(actor: AwsActor, time: number, call: AwsCall, command?: string): void {
  const caller =
    actor.agent !== undefined && command !== undefined
      ? { ...actor.caller, userAgent: actor.agent(command) }
      : actor.caller;
  emitAws(actor.day, time, caller, call, actor.account, actor.region, actor.persona);
}
