import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { AuditStore } from './audit-store.ts';
import { AuditError } from './errors.ts';
import type { PlaybookName } from './guardrails.ts';

/** The error name triage catches as a denial. */
export const APPROVAL_DENIED_ERROR = 'Vigil.ApprovalDenied';

export interface ApprovalAnswer {
  findingUid: string;
  playbook: PlaybookName;
  approve: boolean;
  /** Who answered: the analyst's identity from the API's authorizer or Slack's user id. */
  by: string;
  reason?: string;
}

/**
 * Answers a pending approval for the analyst API or a Slack button: finds the task token on
 * the action record, audits who answered, and resumes the triage execution waiting on it.
 */
export async function answerApproval(
  sfn: SFNClient,
  audit: AuditStore,
  answer: ApprovalAnswer,
): Promise<void> {
  const record = await audit.get(answer.findingUid, answer.playbook);
  if (record?.status !== 'awaiting-approval' || !record.taskToken) {
    throw new AuditError(
      `no approval is pending for ${answer.playbook} on finding ${answer.findingUid} (status ${record?.status ?? 'none'})`,
    );
  }
  const reason = answer.reason ? `: ${answer.reason}` : '';
  await audit.record(answer.findingUid, answer.playbook, answer.approve ? 'approved' : 'denying', answer.by, {
    ...(answer.reason ? { reason: answer.reason } : {}),
  });
  if (answer.approve) {
    await sfn.send(
      new SendTaskSuccessCommand({
        taskToken: record.taskToken,
        output: JSON.stringify({ approved: true, by: answer.by }),
      }),
    );
  } else {
    await sfn.send(
      new SendTaskFailureCommand({
        taskToken: record.taskToken,
        error: APPROVAL_DENIED_ERROR,
        cause: `denied by ${answer.by}${reason}`,
      }),
    );
  }
}
