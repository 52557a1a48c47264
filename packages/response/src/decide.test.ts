import { describe, expect, it } from 'vitest';
import { decide } from './decide.ts';
import { DEFAULT_GUARDRAILS_FILE, type Guardrails, loadGuardrails } from './guardrails.ts';
import { fixtureFinding } from './testing/index.ts';

const shipped = await loadGuardrails(DEFAULT_GUARDRAILS_FILE);
const live: Guardrails = { ...shipped, dryRun: false };

describe('decide', () => {
  it('answers an admin port opened to the world with block-sg-exposure, dry-run by default', () => {
    const d = decide(fixtureFinding('aws-security-group-admin-port-open'), shipped);
    expect(d).toMatchObject({
      mode: 'auto',
      dryRun: true,
      playbook: 'block-sg-exposure',
      account: '123456789012',
      region: 'us-east-1',
      target: { kind: 'security-group', groupId: 'sg-0a1b2c3d4e5f60718', ports: shipped.adminPorts },
    });
  });

  it('asks for approval where the guardrails say so once dry-run is off', () => {
    const d = decide(fixtureFinding('aws-iam-access-key-created-for-another-user'), live);
    expect(d.mode).toBe('approval');
    expect(d.target).toEqual({
      kind: 'principal',
      principal: {
        arn: 'arn:aws:iam::123456789012:user/svc-reporting',
        account: '123456789012',
        kind: 'user',
        name: 'svc-reporting',
        accessKeyId: 'AKIAY34FZKBOREPORT1K',
      },
    });
  });

  it('never touches protected principals or accounts', () => {
    const root = decide(fixtureFinding('aws-root-account-usage'), live);
    expect(root.mode).toBe('none');
    const protectedUser = decide(fixtureFinding('aws-sts-federation-token-issued'), {
      ...live,
      protected: { ...live.protected, principals: ['arn:aws:iam::*:user/carol'] },
    });
    expect(protectedUser).toMatchObject({
      mode: 'none',
      reason: expect.stringMatching(/carol is protected/),
    });
    const account = decide(fixtureFinding('aws-security-group-admin-port-open'), {
      ...live,
      protected: { ...live.protected, accounts: ['123456789012'] },
    });
    expect(account).toMatchObject({ mode: 'none', reason: 'account 123456789012 is protected' });
  });

  it('does nothing twice, nor beyond the hourly budget', () => {
    const f = fixtureFinding('aws-security-group-admin-port-open');
    expect(decide(f, live, { alreadyHandled: () => true, actionsThisHour: () => 0 }).reason).toMatch(
      /already ran/,
    );
    const budget = live.budget.actionsPerHourPerAccount;
    expect(decide(f, live, { alreadyHandled: () => false, actionsThisHour: () => budget }).reason).toMatch(
      /budget of \d+ for account 123456789012 is spent/,
    );
    expect(decide(f, live, { alreadyHandled: () => false, actionsThisHour: () => budget - 1 }).mode).toBe(
      'auto',
    );
  });

  it('says why a finding gets no response', () => {
    expect(decide(fixtureFinding('azure-nsg-admin-port-open-to-internet'), live).reason).toMatch(
      /no response is configured/,
    );
    const weak = { ...fixtureFinding('aws-security-group-admin-port-open'), confidence_score: 10 };
    expect(decide(weak, live).reason).toBe('confidence 10 is below 60 for block-sg-exposure');
    const noGroup = { ...fixtureFinding('aws-security-group-admin-port-open'), message: 'opened' };
    expect(decide(noGroup, live).reason).toBe('block-sg-exposure not applicable: no security group named');
  });

  it('finds the instance behind instance-role credentials and the scanner behind a port scan', () => {
    expect(decide(fixtureFinding('aws-ec2-instance-credentials-used-from-another-ip'), live).target).toEqual({
      kind: 'instance',
      instanceId: 'i-0abc1234def567890',
    });
    expect(decide(fixtureFinding('vpc-port-scan'), live).target).toEqual({
      kind: 'ip',
      ip: '203.0.113.66',
      networkInterfaceId: 'eni-0f1e2d3c4b5a69788',
    });
  });
});
