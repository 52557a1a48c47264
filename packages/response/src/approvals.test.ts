import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createTable, type Loopback, startDynalite } from '@vigil/store/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerApproval } from './approvals.ts';
import { AuditStore } from './audit-store.ts';

describe('answerApproval', () => {
  let ddb: Loopback<DynamoDBClient>;
  let audit: AuditStore;
  const sfn = mockClient(SFNClient);
  const action = {
    playbook: 'disable-account' as const,
    actor: 'vigil:triage',
    account: '123456789012',
    region: 'us-east-1',
    runId: 'run-1',
  };
  beforeAll(async () => {
    ddb = await startDynalite();
    await createTable(ddb.client, 'audit');
    audit = new AuditStore(ddb.client, 'audit', () => Date.parse('2026-11-22T10:00:00Z'));
  });
  afterAll(async () => {
    sfn.restore();
    await ddb?.stop();
  });
  beforeEach(() => sfn.reset());

  async function pending(findingUid: string) {
    await audit.claim({ ...action, findingUid });
    await audit.record(findingUid, 'disable-account', 'awaiting-approval', 'vigil:triage', {
      taskToken: `token-${findingUid}`,
    });
  }

  it('resumes triage with the approver named, and audits who approved', async () => {
    await pending('f-approve');
    await answerApproval(new SFNClient({ region: 'us-east-1' }), audit, {
      findingUid: 'f-approve',
      playbook: 'disable-account',
      approve: true,
      by: 'analyst@contoso.example',
    });
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: 'token-f-approve', output: '{"approved":true,"by":"analyst@contoso.example"}' },
    ]);
    expect(await audit.get('f-approve', 'disable-account')).toMatchObject({
      status: 'approved',
      actor: 'analyst@contoso.example',
    });
  });

  it('fails the task with the denial error triage catches', async () => {
    await pending('f-deny');
    await answerApproval(new SFNClient({ region: 'us-east-1' }), audit, {
      findingUid: 'f-deny',
      playbook: 'disable-account',
      approve: false,
      by: 'U024BE7LH',
      reason: 'break-glass user, expected',
    });
    expect(sfn.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
      {
        taskToken: 'token-f-deny',
        error: 'Vigil.ApprovalDenied',
        cause: 'denied by U024BE7LH: break-glass user, expected',
      },
    ]);
  });

  it('refuses to answer what is not waiting for an answer', async () => {
    await expect(
      answerApproval(new SFNClient({ region: 'us-east-1' }), audit, {
        findingUid: 'f-none',
        playbook: 'disable-account',
        approve: true,
        by: 'x',
      }),
    ).rejects.toThrow('no approval is pending for disable-account on finding f-none (status none)');
    expect(sfn.calls()).toHaveLength(0);
  });
});
