/** Base class of every error the response package throws. */
export class ResponseError extends Error {
  override name = 'ResponseError';
}

/** The guardrails file is missing, unparseable or fails its schema. */
export class GuardrailsError extends ResponseError {
  override name = 'GuardrailsError';
}

/** A playbook cannot be planned: the finding does not name what the playbook needs. */
export class PlanError extends ResponseError {
  override name = 'PlanError';
}

/**
 * AWS throttled a call. The state machines retry on this name with backoff; any other
 * failure is not retried, because replaying a half-applied plan blindly could do harm.
 */
export class ThrottledError extends ResponseError {
  override name = 'ResponseThrottledError';
}

/** An AWS call of a plan failed for a reason other than throttling. */
export class CommandError extends ResponseError {
  override name = 'ResponseCommandError';
}

/** An audit record is missing or not in the state an operation needs (e.g. rollback of a dry-run). */
export class AuditError extends ResponseError {
  override name = 'AuditError';
}
