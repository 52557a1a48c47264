import { decodeStream } from '@vigil/decode';
import { normalize } from '@vigil/normalize';
import { describe, expect, it } from 'vitest';
import { SimulateOptionsError } from '../errors.ts';
import { campaignsOf, simulate } from '../simulate.ts';
import { CAMPAIGN_TECHNIQUES } from './campaigns.ts';

const RUN = { seed: 5, start: '2026-11-01', days: 4 };

describe('attack campaigns', () => {
  it('leave the benign records of the run exactly as they are without campaigns', () => {
    const plain = [...simulate(RUN)].map((r) => r.text);
    const mixed = [...simulate({ ...RUN, campaigns: 6 })];
    expect(mixed.filter((r) => r.label === 'benign').map((r) => r.text)).toEqual(plain);
    expect(mixed.some((r) => r.label === 'attack')).toBe(true);
  });

  it('run every technique of the catalog as records the normalizer reads, labelled with campaign, technique and actor', async () => {
    const options = { ...RUN, campaigns: CAMPAIGN_TECHNIQUES.length };
    const infos = campaignsOf(options);
    expect(new Set(infos.map((c) => c.technique))).toEqual(
      new Set(CAMPAIGN_TECHNIQUES.map((e) => e.technique)),
    );
    const attacks = [...simulate(options)].filter((r) => r.label === 'attack');
    for (const info of infos) {
      const mine = attacks.filter((r) => r.campaign === info.id);
      expect(mine.length, info.id).toBe(info.records);
      expect(mine.length, info.id).toBeGreaterThan(0);
      expect(new Set(mine.map((r) => `${r.technique}/${r.actor}`))).toEqual(
        new Set([`${info.technique}/${info.actor}`]),
      );
    }
    for (const source of ['cloudtrail', 'azure', 'gcp', 'vpcflow'] as const) {
      const lines = attacks.filter((r) => r.source === source).map((r) => r.text);
      expect(lines.length, source).toBeGreaterThan(0);
      let events = 0;
      for await (const batch of decodeStream([`${lines.join('\n')}\n`], {
        file: source,
        format: source === 'vpcflow' ? 'vpcflow' : 'auto',
      }))
        for (const item of batch) {
          expect(item.kind, source).toBe('record');
          if (item.kind === 'record' && normalize(item.value).ok) events++;
        }
      expect(events, source).toBe(lines.length);
    }
  });

  it('come from networks and user agents the organisation never uses when a credential is stolen', () => {
    const options = {
      ...RUN,
      campaigns: [
        { technique: 'aws.persistence.iam-create-admin-user', actor: 'stolen-credential' as const },
      ],
    };
    const attack = [...simulate(options)].filter((r) => r.label === 'attack');
    const ips = new Set(
      attack.map((r) => (JSON.parse(r.text) as { sourceIPAddress: string }).sourceIPAddress),
    );
    for (const ip of ips) expect(ip.startsWith('198.18.') && Number(ip.split('.')[2]) >= 192).toBe(true);
    expect(attack.map((r) => (JSON.parse(r.text) as { eventName: string }).eventName)).toContain(
      'CreateAccessKey',
    );
  });

  it('refuse unknown techniques, actors a technique cannot have, and times outside the range', () => {
    expect(() => campaignsOf({ ...RUN, campaigns: [{ technique: 'aws.nope' }] })).toThrow(
      SimulateOptionsError,
    );
    expect(() =>
      campaignsOf({
        ...RUN,
        campaigns: [{ technique: 'network.exfiltration.bulk-transfer', actor: 'insider' }],
      }),
    ).toThrow(/compromised-workload/);
    expect(() => campaignsOf({ ...RUN, campaigns: [{ at: '2027-01-01T00:00:00Z' }] })).toThrow(
      /inside the simulated range/,
    );
    expect(() => campaignsOf({ ...RUN, campaigns: [{ when: 'now' } as never] })).toThrow(
      /unknown key "when"/,
    );
  });
});
