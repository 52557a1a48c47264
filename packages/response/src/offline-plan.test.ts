import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS_FILE, loadGuardrails } from './guardrails.ts';
import { planOffline, renderOfflinePlans } from './offline-plan.ts';
import { fixtureFinding, fixtureFindings } from './testing/index.ts';

const guardrails = await loadGuardrails(DEFAULT_GUARDRAILS_FILE);
const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('offline plans', () => {
  it('shows the exact call for what the finding names and marks what AWS would be asked', async () => {
    const p = await planOffline(
      fixtureFinding('aws-iam-access-key-created-for-another-user'),
      guardrails,
      NOW,
    );
    expect(p.plan?.calls.map((c) => [c.name, c.input])).toEqual([
      [
        'UpdateAccessKey',
        { UserName: 'svc-reporting', AccessKeyId: 'AKIAY34FZKBOREPORT1K', Status: 'Inactive' },
      ],
      [
        'PutUserPolicy',
        {
          UserName: 'svc-reporting',
          PolicyName: 'AWSRevokeOlderSessions',
          PolicyDocument: expect.stringContaining('"aws:TokenIssueTime":"2026-11-22T10:00:00Z"'),
        },
      ],
    ]);
    const sg = await planOffline(fixtureFinding('aws-security-group-admin-port-open'), guardrails, NOW);
    expect(sg.plan?.calls[0]?.input.SecurityGroupRuleIds).toEqual([
      '⟨ingress rules of sg-0a1b2c3d4e5f60718 open to the internet on an admin port⟩',
    ]);
  });

  it('renders every finding: plans for the answered ones, counted reasons for the rest', async () => {
    const findings = [...fixtureFindings().values()];
    const plans = await Promise.all(findings.map((f) => planOffline(f, guardrails, NOW)));
    const text = renderOfflinePlans(plans, guardrails.dryRun);
    expect(text).toContain('guardrails dry-run is on, no AWS call made');
    expect(text).toContain('would call ec2:RevokeSecurityGroupIngress');
    expect(text).toContain('would call ec2:CreateNetworkAclEntry');
    expect(text).toContain('would call ec2:ModifyNetworkInterfaceAttribute');
    expect(text).toContain(
      'would call iam:AttachUserPolicy {"UserName":"ci-deploy","PolicyArn":"arn:aws:iam::aws:policy/AWSDenyAll"}',
    );
    expect(text).toContain('rollback ec2:AuthorizeSecurityGroupIngress');
    expect(text).toMatch(/2 × no response configured/);
    expect(text).toContain('(live, it would run after approval)');
  });
});
