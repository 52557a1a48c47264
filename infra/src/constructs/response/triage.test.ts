import {
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { ListAccessKeysCommand, ListUserTagsCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { fixtureFinding } from '@vigil/response/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { busEvent, type Harness, RESPONDER, startHarness } from './response-harness.test-helper.ts';

const SG = 'sg-0a1b2c3d4e5f60718';
const SG_RULES = [
  {
    SecurityGroupRuleId: 'sgr-ssh-world',
    GroupId: SG,
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    CidrIpv4: '0.0.0.0/0',
    Description: 'debug',
  },
  {
    SecurityGroupRuleId: 'sgr-ssh-office',
    GroupId: SG,
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    CidrIpv4: '10.0.0.0/8',
  },
  {
    SecurityGroupRuleId: 'sgr-https-world',
    GroupId: SG,
    IsEgress: false,
    IpProtocol: 'tcp',
    FromPort: 443,
    ToPort: 443,
    CidrIpv4: '0.0.0.0/0',
  },
  {
    SecurityGroupRuleId: 'sgr-egress',
    GroupId: SG,
    IsEgress: true,
    IpProtocol: '-1',
    FromPort: -1,
    ToPort: -1,
    CidrIpv4: '0.0.0.0/0',
  },
];

describe('triage state machine (synthesized definition, real task code)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  }, 120_000);
  afterAll(async () => h?.stop());
  beforeEach(() => {
    h.reset();
    h.ec2
      .on(DescribeSecurityGroupsCommand, { GroupIds: [SG] })
      .resolves({ SecurityGroups: [{ GroupId: SG, Tags: [] }] });
    h.ec2.on(DescribeSecurityGroupRulesCommand).resolves({ SecurityGroupRules: SG_RULES });
    h.ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
  });

  it('revokes exactly the world-open admin rule, audits it and notifies decision and outcome', async () => {
    const { audit, local } = await h.setup();
    const finding = fixtureFinding('aws-security-group-admin-port-open');
    const out = (await local.run('vigil-triage', busEvent(finding))) as Record<string, unknown>;

    // Plan and execute each assume the responder role in the member account.
    const assume = ['AssumeRole', { ...RESPONDER, RoleSessionName: `vigil-${finding.finding_info.uid}` }];
    expect(h.callsOf(h.sts)).toEqual([assume, assume]);
    expect(h.mutations()).toEqual([
      ['RevokeSecurityGroupIngress', { GroupId: SG, SecurityGroupRuleIds: ['sgr-ssh-world'] }],
    ]);
    expect(out.outcome).toMatchObject({
      findingUid: finding.finding_info.uid,
      playbook: 'block-sg-exposure',
      status: 'succeeded',
    });
    const record = await audit.get(finding.finding_info.uid, 'block-sg-exposure');
    expect(record).toMatchObject({ status: 'succeeded', actor: 'vigil:auto', account: '123456789012' });
    expect((record?.plan as { before?: unknown } | undefined)?.before).toEqual({
      rules: [expect.objectContaining({ SecurityGroupRuleId: 'sgr-ssh-world', Description: 'debug' })],
    });
    expect(local.published.map((p) => p.Subject)).toEqual([
      'Vigil response decision',
      'Vigil response outcome',
    ]);
    expect(JSON.parse(local.published[1]!.Message)).toMatchObject({ status: 'succeeded' });
  });

  it('decides on the finding as detected when enrichment fails', async () => {
    const { local } = await h.setup(
      {},
      {
        enrich: async () => {
          throw new Error('intel unavailable');
        },
      },
    );
    const out = (await local.run(
      'vigil-triage',
      busEvent(fixtureFinding('aws-security-group-admin-port-open')),
    )) as {
      enrichError: { Error: string; Cause: string };
    };
    expect(out.enrichError).toEqual({ Error: 'Error', Cause: 'intel unavailable' });
    expect(h.mutations()).toEqual([
      ['RevokeSecurityGroupIngress', { GroupId: SG, SecurityGroupRuleIds: ['sgr-ssh-world'] }],
    ]);
  });

  it('in dry-run reads but makes no mutating call, and records the plan', async () => {
    const { audit, local } = await h.setup({ dryRun: true });
    const finding = fixtureFinding('aws-security-group-admin-port-open');
    const out = (await local.run('vigil-triage', busEvent(finding))) as Record<string, unknown>;
    expect(h.mutations()).toEqual([]);
    expect(h.callsOf(h.ec2).map(([name]) => name)).toEqual([
      'DescribeSecurityGroups',
      'DescribeSecurityGroupRules',
    ]);
    expect(out.outcome).toMatchObject({ status: 'dry-run' });
    const record = await audit.get(finding.finding_info.uid, 'block-sg-exposure');
    expect(record?.status).toBe('dry-run');
    expect((record?.plan as { calls?: unknown } | undefined)?.calls).toEqual([
      {
        service: 'ec2',
        name: 'RevokeSecurityGroupIngress',
        input: { GroupId: SG, SecurityGroupRuleIds: ['sgr-ssh-world'] },
      },
    ]);
  });

  it('makes no call at all for a protected principal', async () => {
    const { audit, local } = await h.setup({
      protected: { ...h.shipped.protected, principals: ['arn:aws:iam::*:user/carol'] },
    });
    const finding = fixtureFinding('aws-sts-federation-token-issued');
    const out = (await local.run('vigil-triage', busEvent(finding))) as {
      decision: { mode: string; reason: string };
    };
    expect(out.decision).toMatchObject({
      mode: 'none',
      reason: 'arn:aws:iam::123456789012:user/carol is protected (arn:aws:iam::*:user/carol)',
    });
    expect([...h.callsOf(h.sts), ...h.callsOf(h.iam), ...h.callsOf(h.ec2)]).toEqual([]);
    expect(local.published).toEqual([]);
    expect(await audit.get(finding.finding_info.uid, 'revoke-access-key')).toBeUndefined();
  });

  it('leaves a principal carrying the protected tag alone after reading its tags', async () => {
    h.iam
      .on(ListUserTagsCommand, { UserName: 'svc-reporting' })
      .resolves({ Tags: [{ Key: 'vigil:protected', Value: 'true' }] });
    const { audit, local, answer } = await h.setup();
    const finding = fixtureFinding('aws-iam-access-key-created-for-another-user');
    const running = local.run('vigil-triage', busEvent(finding));
    await until(() => local.approver.requested.length === 1);
    await answer(finding.finding_info.uid, true, 'analyst@contoso.example');
    const out = (await running) as Record<string, unknown>;
    expect(h.mutations()).toEqual([]);
    expect(out.outcome).toMatchObject({ status: 'skipped' });
    expect(await audit.get(finding.finding_info.uid, 'revoke-access-key')).toMatchObject({
      status: 'skipped',
      reason: 'arn:aws:iam::123456789012:user/svc-reporting is protected by tag vigil:protected=true',
    });
  });

  describe('approval', () => {
    const finding = () => fixtureFinding('aws-iam-access-key-created-for-another-user');
    beforeEach(() => {
      h.iam.on(ListUserTagsCommand).resolves({ Tags: [] });
      h.iam.on(ListAccessKeysCommand).resolves({
        AccessKeyMetadata: [
          { UserName: 'svc-reporting', AccessKeyId: 'AKIAY34FZKBOREPORT1K', Status: 'Active' },
        ],
      });
    });

    it('acts once an analyst approves, and audits who approved', async () => {
      const { audit, local, answer } = await h.setup();
      const f = finding();
      const running = local.run('vigil-triage', busEvent(f));
      await until(() => local.approver.requested.length === 1);
      const token = local.approver.requested[0]!;
      expect(await audit.get(f.finding_info.uid, 'revoke-access-key')).toMatchObject({
        status: 'awaiting-approval',
        taskToken: token,
      });
      expect(h.mutations()).toEqual([]);
      await answer(f.finding_info.uid, true, 'analyst@contoso.example');
      await running;
      expect(h.mutations().map(([name]) => name)).toEqual(['UpdateAccessKey', 'PutUserPolicy']);
      expect(await audit.get(f.finding_info.uid, 'revoke-access-key')).toMatchObject({
        status: 'succeeded',
        actor: 'analyst@contoso.example',
      });
    });

    it('does nothing when the analyst denies, and records the denial', async () => {
      const { audit, local, answer } = await h.setup();
      const f = finding();
      const running = local.run('vigil-triage', busEvent(f));
      await until(() => local.approver.requested.length === 1);
      await answer(f.finding_info.uid, false, 'analyst@contoso.example');
      const out = (await running) as Record<string, unknown>;
      expect(h.mutations()).toEqual([]);
      expect(h.callsOf(h.sts)).toEqual([]);
      expect(out.outcome).toMatchObject({ status: 'denied' });
      expect(await audit.get(f.finding_info.uid, 'revoke-access-key')).toMatchObject({
        status: 'denied',
        error: { name: 'Vigil.ApprovalDenied', cause: 'denied by analyst@contoso.example' },
      });
      expect(local.published.at(-1)?.Subject).toBe('Vigil response outcome');
    });

    it('gives up when nobody answers before the guardrails timeout', async () => {
      const { audit, local } = await h.setup();
      const f = finding();
      const out = (await local.run('vigil-triage', busEvent(f))) as Record<string, unknown>;
      expect(local.approver.requested).toHaveLength(1);
      expect(h.mutations()).toEqual([]);
      expect(out.outcome).toMatchObject({ status: 'timed-out' });
      expect(await audit.get(f.finding_info.uid, 'revoke-access-key')).toMatchObject({
        status: 'timed-out',
        error: { name: 'States.Timeout' },
      });
    });
  });

  it('retries a throttled IAM call, then fails into an audited, notified failure', async () => {
    h.iam.on(ListUserTagsCommand).resolves({ Tags: [] });
    h.iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [{ UserName: 'carol', AccessKeyId: 'AKIAY34FZKBOCAROLK01', Status: 'Active' }],
    });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    h.iam.on(UpdateAccessKeyCommand).rejects(throttled);
    const { audit, local } = await h.setup({
      responses: h.shipped.responses.map((r) =>
        r.playbook === 'revoke-access-key' ? { ...r, mode: 'auto' as const } : r,
      ),
    });
    const finding = fixtureFinding('aws-sts-federation-token-issued');
    await expect(local.run('vigil-triage', busEvent(finding))).rejects.toThrow(/Fail state/);
    expect(h.callsOf(h.iam).filter(([name]) => name === 'UpdateAccessKey')).toHaveLength(4);
    expect(await audit.get(finding.finding_info.uid, 'revoke-access-key')).toMatchObject({
      status: 'failed',
      error: {
        name: 'ResponseThrottledError',
        cause: expect.stringContaining('iam:UpdateAccessKey: Throttling: Rate exceeded'),
      },
    });
    const failure = local.published.find((p) => p.Subject === 'Vigil revoke-access-key failed');
    expect(JSON.parse(failure!.Message)).toMatchObject({
      status: 'failed',
      playbook: 'revoke-access-key',
      error: { name: 'ResponseThrottledError', cause: expect.stringContaining('Throttling: Rate exceeded') },
    });
  });

  it('stops acting in an account once its hourly budget is spent', async () => {
    const { audit, local } = await h.setup({ budget: { actionsPerHourPerAccount: 1 } });
    const first = fixtureFinding('aws-security-group-admin-port-open');
    const second = fixtureFinding('aws-security-group-admin-port-open');
    second.finding_info.uid = 'b7e1c0de5a5a4f0e9d3c2b1a09876543';
    await local.run('vigil-triage', busEvent(first));
    expect(h.mutations()).toHaveLength(1);
    const out = (await local.run('vigil-triage', busEvent(second))) as {
      decision: { mode: string; reason: string };
    };
    expect(out.decision).toMatchObject({
      mode: 'none',
      reason: 'hourly action budget of 1 for account 123456789012 is spent',
    });
    expect(h.mutations()).toHaveLength(1);
    expect(await audit.actionsThisHour('123456789012')).toBe(1);
  });

  it('does nothing the second time the same finding arrives', async () => {
    const { audit, local } = await h.setup();
    const finding = fixtureFinding('aws-security-group-admin-port-open');
    await local.run('vigil-triage', busEvent(finding));
    h.reset();
    const again = (await local.run('vigil-triage', busEvent(finding))) as {
      decision: { mode: string; reason: string };
    };
    expect(again.decision).toMatchObject({
      mode: 'none',
      reason: `block-sg-exposure already ran for finding ${finding.finding_info.uid}`,
    });
    expect([...h.callsOf(h.sts), ...h.mutations()]).toEqual([]);
    // A run that raced past decide is stopped by the claim: the playbook finds the action taken.
    const raced = (await local.run('vigil-playbook-block-sg-exposure', {
      decision: {
        ...again.decision,
        mode: 'auto',
        playbook: 'block-sg-exposure',
        account: '123456789012',
        region: 'us-east-1',
        findingUid: finding.finding_info.uid,
      },
      approval: { approved: true, by: 'vigil:auto' },
      runId: 'another-run',
    })) as Record<string, unknown>;
    expect(raced).toMatchObject({ status: 'duplicate' });
    expect([...h.callsOf(h.sts), ...h.mutations()]).toEqual([]);
    expect((await audit.get(finding.finding_info.uid, 'block-sg-exposure'))?.status).toBe('succeeded');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error('the execution never asked for approval');
    await new Promise((r) => setTimeout(r, 5));
  }
}
