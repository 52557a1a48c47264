import type { Decision } from '../decide.ts';
import type { Guardrails, PlaybookName } from '../guardrails.ts';
import { planBlockIp, rollbackBlockIp } from './block-ip.ts';
import { planBlockSgExposure, rollbackBlockSgExposure } from './block-sg-exposure.ts';
import { planDisableAccount, rollbackDisableAccount } from './disable-account.ts';
import { planIsolateInstance, rollbackIsolateInstance } from './isolate-instance.ts';
import { planRevokeAccessKey, rollbackRevokeAccessKey } from './revoke-access-key.ts';
import type { AwsCall, Describer, Plan } from './types.ts';

/** Plans the decided playbook; the decision must name a playbook and a target. */
export function planFor(
  decision: Decision,
  guardrails: Guardrails,
  describe: Describer,
  now: number,
): Promise<Plan> {
  const { playbook, target, account, region } = decision;
  if (!playbook || !target || !account || !region) {
    throw new TypeError(
      `finding ${decision.findingUid}: decision "${decision.mode}" names no playbook to plan`,
    );
  }
  const ctx = {
    findingUid: decision.findingUid,
    account,
    region,
    describe,
    now,
    protectedTags: guardrails.protected.tags,
  };
  switch (playbook) {
    case 'revoke-access-key':
      return planRevokeAccessKey(target, ctx);
    case 'block-sg-exposure':
      return planBlockSgExposure(target, ctx);
    case 'block-ip':
      return planBlockIp(target, ctx, guardrails.blockIp);
    case 'isolate-instance':
      return planIsolateInstance(target, ctx);
    case 'disable-account':
      return planDisableAccount(target, ctx);
  }
}

const ROLLBACKS: Record<PlaybookName, (plan: Plan) => AwsCall[]> = {
  'revoke-access-key': rollbackRevokeAccessKey,
  'block-sg-exposure': rollbackBlockSgExposure,
  'block-ip': rollbackBlockIp,
  'isolate-instance': rollbackIsolateInstance,
  'disable-account': rollbackDisableAccount,
};

/** The calls that restore the before-state an executed plan recorded. */
export function rollbackCalls(plan: Plan): AwsCall[] {
  return ROLLBACKS[plan.playbook](plan);
}
