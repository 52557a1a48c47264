export { APPROVAL_DENIED_ERROR, type ApprovalAnswer, answerApproval } from './approvals.ts';
export { type ActionRecord, type ActionStatus, AuditStore } from './audit-store.ts';
export { awsDescriber, type ResponderClients } from './aws-describer.ts';
export { assumeResponder, RESPONDER_ROLE_NAME, responderRoleArn } from './clients.ts';
export { type ActionHistory, type Decision, decide } from './decide.ts';
export * from './errors.ts';
export {
  type CallResult,
  classifyAwsError,
  type ExecuteProgress,
  executeCalls,
  MUTATING_CALLS,
} from './executor.ts';
export {
  DEFAULT_GUARDRAILS_FILE,
  type Guardrails,
  globMatches,
  loadGuardrails,
  PLAYBOOKS,
  type PlaybookName,
  parseGuardrails,
} from './guardrails.ts';
export { offlineDescriber } from './offline-describer.ts';
export { type OfflinePlan, planOffline, renderOfflinePlans } from './offline-plan.ts';
export { DENY_ALL_POLICY_ARN } from './playbooks/disable-account.ts';
export { planFor, rollbackCalls } from './playbooks/index.ts';
export { ISOLATED_TAG, QUARANTINE_GROUP_NAME } from './playbooks/isolate-instance.ts';
export { REVOKE_SESSIONS_POLICY, revokeSessionsDocument } from './playbooks/revoke-access-key.ts';
export type { AwsCall, Describer, Plan } from './playbooks/types.ts';
export {
  type Approval,
  createResponder,
  type ExecuteOutput,
  type PlanOutput,
  type PlaybookInput,
  type Responder,
  type ResponderDeps,
} from './responder.ts';
export { type Principal, principalFromArn, type Target } from './targets.ts';
