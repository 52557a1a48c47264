import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS_FILE, globMatches, loadGuardrails, parseGuardrails } from './guardrails.ts';

describe('guardrails', () => {
  it('ships with dry-run on and every playbook reachable', async () => {
    const g = await loadGuardrails(DEFAULT_GUARDRAILS_FILE);
    expect(g.dryRun).toBe(true);
    expect(new Set(g.responses.map((r) => r.playbook))).toEqual(
      new Set(['revoke-access-key', 'block-sg-exposure', 'block-ip', 'isolate-instance', 'disable-account']),
    );
  });

  it('defaults dry-run to on when the file leaves it out', () => {
    const g = parseGuardrails(
      'version: 1\ndefaultRegion: eu-west-1\nprotected: {}\nbudget: {actionsPerHourPerAccount: 1}\napproval: {timeoutSeconds: 60}\nblockIp: {ruleNumbers: {from: 1, to: 2}, expiresAfterHours: 1}\nadminPorts: [22]\nresponses: []\n',
      'g.yml',
    );
    expect(g.dryRun).toBe(true);
  });

  it('names the file and the field of a bad value, and rejects unknown keys', () => {
    expect(() => parseGuardrails('version: 1\ndryrun: false\n', 'bad.yml')).toThrow(
      /bad\.yml: invalid guardrails:.*dryrun/,
    );
    expect(() =>
      parseGuardrails(
        'version: 1\ndefaultRegion: eu-west-1\nprotected: {accounts: ["12"]}\nbudget: {actionsPerHourPerAccount: 1}\napproval: {timeoutSeconds: 60}\nblockIp: {ruleNumbers: {from: 5, to: 2}, expiresAfterHours: 1}\nadminPorts: [22]\nresponses: []\n',
        'bad.yml',
      ),
    ).toThrow(
      /protected\.accounts\.0: a 12-digit AWS account id.*blockIp: blockIp\.ruleNumbers\.from must be <= to/,
    );
    expect(() => parseGuardrails('version: [', 'broken.yml')).toThrow(/broken\.yml: not valid YAML/);
  });

  it('matches principal patterns with * as any run of characters, nothing else special', () => {
    expect(globMatches('arn:aws:iam::*:role/vigil-*', 'arn:aws:iam::123456789012:role/vigil-responder')).toBe(
      true,
    );
    expect(globMatches('arn:aws:iam::*:role/vigil-*', 'arn:aws:iam::123456789012:role/vigilant')).toBe(false);
    expect(globMatches('arn:aws:iam::*:root', 'arn:aws:iam::123456789012:root')).toBe(true);
    expect(globMatches('a.b', 'axb')).toBe(false);
  });
});
