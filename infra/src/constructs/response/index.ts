export { RESPOND_PATHS } from './paths.ts';
export { PlaybookStateMachine, type PlaybookStateMachineProps } from './playbook-state-machine.ts';
export {
  PLAYBOOK_TASKS_ROLE_NAME,
  RESPOND_TASKS,
  RespondFunctions,
  type RespondFunctionsProps,
  type RespondIntel,
  type RespondTask,
} from './respond-functions.ts';
export { RESPONDER_ROLE_NAME, ResponderRole, type ResponderRoleProps } from './responder-role.ts';
export { ResponseTopic } from './response-topic.ts';
export { RollbackStateMachine, type RollbackStateMachineProps } from './rollback-state-machine.ts';
export { APPROVAL_DENIED, TriageStateMachine, type TriageStateMachineProps } from './triage-state-machine.ts';
