/** Base class of the respond Lambdas' own errors. */
export class RespondError extends Error {
  override name = 'RespondError';
}

/** A VIGIL_* variable is missing or malformed. */
export class ConfigError extends RespondError {
  override name = 'ConfigError';
}

/** A task got input its state machine should never send. */
export class TaskInputError extends RespondError {
  override name = 'TaskInputError';
}

/**
 * The error an approver's SendTaskFailure carries (the analyst API and the Slack button send
 * it); the triage state machine catches it by this name.
 */
export const APPROVAL_DENIED = 'Vigil.ApprovalDenied';
