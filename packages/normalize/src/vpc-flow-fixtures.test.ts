import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { DecodeItem, SourceRecord } from '@vigil/decode';
import { createDecoder } from '@vigil/decode';
import type { NetworkActivity } from '@vigil/schema';
import { validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeVpcFlow } from './vpc-flow.ts';

const EVENTS = new URL('../../../events/', import.meta.url);
const FLOW_DIR = new URL('aws/vpcflow/', EVENTS);

interface FlowFixture {
  records: SourceRecord[];
  skipped: number;
  rejected: string[];
}

/** Decodes a fixture file as the CLI does: text with or without header, S3 gzip, CloudWatch Logs payloads. */
function readFlowFixture(url: URL): FlowFixture {
  const items: DecodeItem[] = [];
  const decoder = createDecoder({ file: url.pathname }, (item) => items.push(item));
  decoder.write(readFileSync(url));
  decoder.end();
  const fixture: FlowFixture = { records: [], skipped: 0, rejected: [] };
  for (const item of items) {
    if (item.kind === 'record') fixture.records.push(item.value);
    else if (item.kind === 'skip') fixture.skipped++;
    else fixture.rejected.push(item.value.reason);
  }
  return fixture;
}

function normalizeFixture(fixture: FlowFixture): NetworkActivity[] {
  return fixture.records.map((record) => {
    const result = normalizeVpcFlow(record);
    if (!result.ok) throw new Error(`${record.location.file}: ${result.reason}`);
    return result.event as NetworkActivity;
  });
}

/** Per fixture: events, and inputs the decoder skips as carrying no flow (header, NODATA, SKIPDATA, control message). */
const EXPECTED: Readonly<Record<string, { events: number; skipped: number }>> = {
  'v2-default.log': { events: 9, skipped: 3 },
  'v5-custom-with-header.log': { events: 7, skipped: 2 },
  '123456789012_vpcflowlogs_us-east-1_fl-0a1b2c3d4e5f60718_20240305T1405Z_8f3a9c21.log.gz': {
    events: 5,
    skipped: 3,
  },
  'cloudwatch-subscription.json': { events: 3, skipped: 1 },
  'cloudwatch-subscription.json.gz': { events: 2, skipped: 0 },
  'cloudwatch-subscription.gz.b64': { events: 2, skipped: 1 },
  'lambda-awslogs-event.json': { events: 2, skipped: 0 },
  'cloudwatch-control-message.json': { events: 0, skipped: 1 },
};

describe('VPC flow fixtures', () => {
  it('cover every fixture file but the malformed ones', () => {
    // Assess
    const files = readdirSync(FLOW_DIR).filter((name) => !name.includes('malformed'));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    '%s normalizes to valid Network Activity keyed by the line hash',
    (name, expected) => {
      // Prepare
      const fixture = readFlowFixture(new URL(name, FLOW_DIR));

      // Act
      const events = normalizeFixture(fixture);

      // Assess
      expect({ events: events.length, skipped: fixture.skipped, rejected: fixture.rejected }).toEqual({
        ...expected,
        rejected: [],
      });
      events.forEach((event, i) => {
        const validation = validateEvent(event);
        expect(validation.ok ? [] : validation.issues).toEqual([]);
        const raw = fixture.records[i]!.raw;
        expect(event.metadata.uid).toBe(createHash('sha256').update(raw).digest('hex'));
        expect(event.raw_data).toBe(raw);
        expect(event.activity_id).toBe(fixture.records[i]!.record.action === 'REJECT' ? 5 : 6);
      });
    },
  );

  it('reject every malformed line with a reason', () => {
    // Prepare
    const fixture = readFlowFixture(new URL('malformed-lines.log', FLOW_DIR));

    // Act
    const outcomes = [
      ...fixture.rejected,
      ...fixture.records.map((record) => {
        const result = normalizeVpcFlow(record);
        return result.ok ? 'accepted' : result.reason;
      }),
    ];

    // Assess
    expect(outcomes).toHaveLength(7);
    for (const outcome of outcomes) {
      expect(outcome).not.toBe('accepted');
      expect(outcome.length).toBeGreaterThan(0);
    }
  });
});

describe('aws-vpc-port-scan scenario', () => {
  it('has one external source probing at least 50 ports of one target within 60 s, mostly refused, beside benign traffic', () => {
    // Prepare
    const fixture = readFlowFixture(new URL('scenarios/aws-vpc-port-scan.log', EVENTS));

    // Act
    const events = normalizeFixture(fixture);

    // Assess
    const probes = events.filter(
      (e) => e.src_endpoint?.ip === '203.0.113.66' && e.dst_endpoint?.ip === '10.0.1.25',
    );
    const ports = new Set(probes.map((e) => e.dst_endpoint?.port));
    const times = probes.map((e) => e.time);
    const refused = probes.filter((e) => e.activity_id === 5).length;
    expect(ports.size).toBeGreaterThanOrEqual(50);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(60_000);
    expect(refused / probes.length).toBeGreaterThan(0.9);
    const others = events.filter((e) => e.src_endpoint?.ip !== '203.0.113.66');
    expect(others.length).toBeGreaterThan(5);
    const otherPortsPerSource = new Map<string, Set<number | undefined>>();
    for (const e of others) {
      const key = e.src_endpoint?.ip ?? '';
      otherPortsPerSource.set(key, (otherPortsPerSource.get(key) ?? new Set()).add(e.dst_endpoint?.port));
    }
    expect(Math.max(...[...otherPortsPerSource.values()].map((s) => s.size))).toBeLessThan(10);
  });
});
