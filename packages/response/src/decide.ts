import type { DetectionFinding } from '@vigil/schema';
import { type Guardrails, globMatches, type PlaybookName, type ResponseRule } from './guardrails.ts';
import {
  instanceOf,
  type Principal,
  principalOf,
  remoteAddressOf,
  securityGroupOf,
  type Target,
} from './targets.ts';

export interface Decision {
  findingUid: string;
  analytic: string;
  /** `none`: no playbook runs (see reason); `approval`: an analyst must approve first. */
  mode: 'auto' | 'approval' | 'none';
  reason: string;
  dryRun: boolean;
  playbook?: PlaybookName;
  account?: string;
  region?: string;
  target?: Target;
  approvalTimeoutSeconds: number;
}

/** What the caller knows about past actions, read from the audit table before deciding. */
export interface ActionHistory {
  /** This finding already has a record for this playbook (idempotence). */
  alreadyHandled: (playbook: PlaybookName) => boolean;
  /** Mutating runs started in the account during the current hour. */
  actionsThisHour: (account: string) => number;
}

const NO_HISTORY: ActionHistory = { alreadyHandled: () => false, actionsThisHour: () => 0 };

function ruleFor(finding: DetectionFinding, guardrails: Guardrails): ResponseRule | undefined {
  const uid = finding.finding_info.analytic.uid ?? '';
  return guardrails.responses.find((r) => r.analytics.includes(uid));
}

function targetFor(finding: DetectionFinding, rule: ResponseRule, guardrails: Guardrails): Target | string {
  switch (rule.playbook) {
    case 'revoke-access-key':
    case 'disable-account': {
      const principal = principalOf(finding, rule.target);
      if (!principal) return `the finding names no IAM principal (${rule.target})`;
      if (rule.playbook === 'disable-account' && principal.kind !== 'user') {
        return `disable-account acts on IAM users; the ${rule.target} is a ${principal.kind}`;
      }
      if (principal.kind === 'root' || principal.kind === 'federated') {
        return `${principal.kind} credentials cannot be revoked through IAM`;
      }
      return { kind: 'principal', principal };
    }
    case 'block-sg-exposure': {
      const groupId = securityGroupOf(finding);
      return groupId
        ? { kind: 'security-group', groupId, ports: guardrails.adminPorts }
        : 'no security group named';
    }
    case 'block-ip': {
      const remote = remoteAddressOf(finding);
      return remote ? { kind: 'ip', ...remote } : 'no public remote address in the evidence';
    }
    case 'isolate-instance': {
      const instanceId = instanceOf(finding);
      return instanceId ? { kind: 'instance', instanceId } : 'no EC2 instance named';
    }
  }
}

function protectedPrincipal(principal: Principal, guardrails: Guardrails): string | undefined {
  return guardrails.protected.principals.find((p) => globMatches(p, principal.arn));
}

/**
 * Decides what to do about one finding from the guardrails alone: which playbook, on what,
 * automatically or after approval, or nothing and why. No AWS call; tag-based protection is
 * checked by the playbook's plan, which reads the tags.
 */
export function decide(
  finding: DetectionFinding,
  guardrails: Guardrails,
  history: ActionHistory = NO_HISTORY,
): Decision {
  const base = {
    findingUid: finding.finding_info.uid,
    analytic: finding.finding_info.analytic.uid ?? finding.finding_info.analytic.name ?? 'unknown',
    dryRun: guardrails.dryRun,
    approvalTimeoutSeconds: guardrails.approval.timeoutSeconds,
  };
  const none = (reason: string, extra: Partial<Decision> = {}): Decision => ({
    ...base,
    ...extra,
    mode: 'none',
    reason,
  });
  const rule = ruleFor(finding, guardrails);
  if (!rule) return none(`no response is configured for ${base.analytic}`);
  const playbook = rule.playbook;
  if (finding.cloud.provider !== 'AWS')
    return none(`${playbook} acts on AWS; finding is from ${finding.cloud.provider}`);
  const account = finding.cloud.account?.uid;
  const region = finding.cloud.region ?? guardrails.defaultRegion;
  if (!account || !region) return none('the finding names no AWS account', { playbook });
  const where = { playbook, account, region };
  if (finding.severity_id < rule.minSeverity) {
    return none(`severity ${finding.severity_id} is below ${rule.minSeverity} for ${playbook}`, where);
  }
  if (finding.confidence_score < rule.minConfidence) {
    return none(
      `confidence ${finding.confidence_score} is below ${rule.minConfidence} for ${playbook}`,
      where,
    );
  }
  if (guardrails.protected.accounts.includes(account)) return none(`account ${account} is protected`, where);
  const target = targetFor(finding, rule, guardrails);
  if (typeof target === 'string') return none(`${playbook} not applicable: ${target}`, where);
  if (target.kind === 'principal') {
    const pattern = protectedPrincipal(target.principal, guardrails);
    if (pattern) return none(`${target.principal.arn} is protected (${pattern})`, { ...where, target });
  }
  if (history.alreadyHandled(playbook)) {
    return none(`${playbook} already ran for finding ${base.findingUid}`, { ...where, target });
  }
  if (!guardrails.dryRun && history.actionsThisHour(account) >= guardrails.budget.actionsPerHourPerAccount) {
    return none(
      `hourly action budget of ${guardrails.budget.actionsPerHourPerAccount} for account ${account} is spent`,
      { ...where, target },
    );
  }
  if (guardrails.dryRun) {
    const live = rule.mode === 'approval' ? 'after approval' : 'automatically';
    return {
      ...base,
      ...where,
      target,
      mode: 'auto',
      reason: `dry-run: ${playbook} is planned and audited only (live, it would run ${live})`,
    };
  }
  return {
    ...base,
    ...where,
    target,
    mode: rule.mode,
    reason:
      rule.mode === 'auto'
        ? `${base.analytic} may run ${playbook} automatically`
        : `${playbook} for ${base.analytic} needs an analyst's approval`,
  };
}
