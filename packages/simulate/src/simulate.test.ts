import { beforeAll, describe, expect, it } from 'vitest';
import { SimulateOptionsError } from './errors.ts';
import { organisation } from './org/organisation.ts';
import { simulate } from './simulate.ts';
import type { SimRecord } from './types.ts';

function take(options: Parameters<typeof simulate>[0], n: number): SimRecord[] {
  const out: SimRecord[] = [];
  for (const record of simulate(options)) {
    out.push(record);
    if (out.length === n) break;
  }
  return out;
}

describe('simulate determinism', () => {
  it('gives the same first 1,000 records, byte for byte, for the same seed', () => {
    // Act
    const a = take({ seed: 42 }, 1000);
    const b = take({ seed: 42 }, 1000);
    // Assess
    expect(a).toHaveLength(1000);
    expect(b).toEqual(a);
  });

  it('gives different records for a different seed', () => {
    // Act
    const a = take({ seed: 42 }, 1000).map((r) => r.text);
    const b = take({ seed: 43 }, 1000).map((r) => r.text);
    // Assess
    const shared = new Set(a);
    expect(b.filter((text) => shared.has(text)).length).toBeLessThan(10);
  });

  it('keeps the same organisation whatever the seed', () => {
    // Act
    const principals = (seed: number) =>
      new Set(
        take({ seed, days: 2 }, 20_000)
          .filter((r) => r.persona.startsWith('human/'))
          .map((r) => r.persona),
      );
    const a = principals(1);
    const b = principals(2);
    // Assess: both runs draw their active people from the one roster
    const roster = new Set(organisation().people.map((p) => `human/${p.key}`));
    expect([...a, ...b].every((p) => roster.has(p))).toBe(true);
    expect([...a].filter((p) => b.has(p)).length).toBeGreaterThan(25);
  });
});

describe('simulate options', () => {
  it('keeps every record inside the requested range', () => {
    // Act
    const records = [...simulate({ seed: 3, start: '2026-11-02T06:00:00Z', days: 1, scale: 0.3 })];
    // Assess
    expect(records.length).toBeGreaterThan(500);
    expect(records[0]!.time).toBeGreaterThanOrEqual(Date.parse('2026-11-02T06:00:00Z'));
    expect(records.at(-1)!.time).toBeLessThan(Date.parse('2026-11-03T06:00:00Z'));
  });

  it('scales the volume with `scale`', () => {
    // Act
    const small = [...simulate({ seed: 5, days: 2, scale: 0.5 })].length;
    const large = [...simulate({ seed: 5, days: 2, scale: 1 })].length;
    // Assess
    expect(small / large).toBeGreaterThan(0.35);
    expect(small / large).toBeLessThan(0.7);
  });

  it.each([
    [{ seed: -1 }, 'seed must be a non-negative integer, got -1'],
    [{ seed: 1.5 }, 'seed must be a non-negative integer, got 1.5'],
    [{ seed: 1, days: 0 }, 'days must be an integer from 1 to 366, got 0'],
    [{ seed: 1, scale: 0 }, 'scale must be a number above 0 and at most 100, got 0'],
    [
      { seed: 1, start: '01/10/2026' },
      'start must be a date (2026-10-01) or an ISO time with a zone, got "01/10/2026"',
    ],
    [
      { seed: 1, start: '2026-10-01T09:00:00' },
      'start must be a date (2026-10-01) or an ISO time with a zone',
    ],
    [{ seed: 1, dayz: 3 }, 'unknown option "dayz"'],
  ])('refuses %j before generating anything', (options, message) => {
    // Act
    const run = () => simulate(options as never).next();
    // Assess
    expect(run).toThrow(SimulateOptionsError);
    expect(run).toThrow(message);
  });
});

interface Stats {
  total: number;
  bySource: Record<string, number>;
  outOfOrder: number;
  humanRecords: number;
  humanInWorkingHours: number;
  ciRecords: number;
  ciNotFromOidc: string[];
  deployRoleOutsideCi: string[];
  consoleLogins: { time: number; user: string; ok: boolean; mfa: string }[];
  worldOpenPorts: number[];
  rejectPortsBySource: Map<string, Set<number>>;
  scannerHours: Set<number>;
  roleAssignmentRoles: Set<string>;
}

const OIDC = 'oidc-provider/token.actions.githubusercontent.com';
const zones = new Map(organisation().people.map((p) => [`human/${p.key}`, p.location.city.zone]));
const formatters = new Map<string, Intl.DateTimeFormat>();

function localHourAndDay(zone: string, time: number): { hour: number; weekday: string } {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      hour: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  const parts = f.formatToParts(time);
  return {
    hour: Number(parts.find((p) => p.type === 'hour')!.value),
    weekday: parts.find((p) => p.type === 'weekday')!.value,
  };
}

function observe(stats: Stats, r: SimRecord, previous: number): void {
  stats.total++;
  stats.bySource[r.source] = (stats.bySource[r.source] ?? 0) + 1;
  if (r.time < previous) stats.outOfOrder++;
  const zone = zones.get(r.persona);
  if (zone !== undefined) {
    stats.humanRecords++;
    const { hour, weekday } = localHourAndDay(zone, r.time);
    if (weekday !== 'Sat' && weekday !== 'Sun' && hour >= 7 && hour < 20) stats.humanInWorkingHours++;
  }
  if (r.source === 'vpcflow') {
    if (r.text.endsWith('REJECT OK')) {
      const fields = r.text.split(' ');
      const ports = stats.rejectPortsBySource.get(fields[3]!) ?? new Set<number>();
      ports.add(Number(fields[6]));
      stats.rejectPortsBySource.set(fields[3]!, ports);
    }
    return;
  }
  if (r.source === 'azure') {
    if (
      r.text.includes('"MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE"') &&
      r.text.includes('requestbody')
    ) {
      const body = JSON.parse(JSON.parse(r.text).properties.requestbody) as {
        Properties: { RoleDefinitionId: string };
      };
      stats.roleAssignmentRoles.add(body.Properties.RoleDefinitionId.split('/').pop()!);
    }
    return;
  }
  if (r.source !== 'cloudtrail') return;
  const ct = JSON.parse(r.text);
  const identity = ct.userIdentity;
  if (r.persona.startsWith('ci/')) {
    stats.ciRecords++;
    const federated =
      identity.sessionContext?.webIdFederationData?.federatedProvider ?? identity.identityProvider;
    if (typeof federated !== 'string' || !federated.endsWith(OIDC)) stats.ciNotFromOidc.push(r.principal);
  } else if (String(identity.arn ?? '').includes('/github-actions-'))
    stats.deployRoleOutsideCi.push(r.persona);
  if (ct.eventName === 'ConsoleLogin')
    stats.consoleLogins.push({
      time: r.time,
      user: identity.userName,
      ok: ct.responseElements.ConsoleLogin === 'Success',
      mfa: ct.additionalEventData.MFAUsed,
    });
  if (ct.eventName === 'AuthorizeSecurityGroupIngress')
    for (const permission of ct.requestParameters.ipPermissions.items)
      for (const range of permission.ipRanges.items)
        if (range.cidrIp === '0.0.0.0/0') stats.worldOpenPorts.push(permission.fromPort);
  if (r.persona === 'scanner/inventory') stats.scannerHours.add(new Date(r.time).getUTCHours());
}

describe('simulate with the default options', () => {
  const stats: Stats = {
    total: 0,
    bySource: {},
    outOfOrder: 0,
    humanRecords: 0,
    humanInWorkingHours: 0,
    ciRecords: 0,
    ciNotFromOidc: [],
    deployRoleOutsideCi: [],
    consoleLogins: [],
    worldOpenPorts: [],
    rejectPortsBySource: new Map(),
    scannerHours: new Set(),
    roleAssignmentRoles: new Set(),
  };

  beforeAll(() => {
    // Act: one streaming pass; nothing but the statistics is kept
    let previous = 0;
    for (const record of simulate({ seed: 7 })) {
      observe(stats, record, previous);
      previous = record.time;
    }
  });

  it('produces at least 60,000 records, in roughly the intended mix of sources', () => {
    // Assess
    expect(stats.total).toBeGreaterThanOrEqual(60_000);
    const share = (source: string) => (stats.bySource[source] ?? 0) / stats.total;
    expect(share('cloudtrail')).toBeGreaterThan(0.3);
    expect(share('cloudtrail')).toBeLessThan(0.5);
    expect(share('azure')).toBeGreaterThan(0.12);
    expect(share('gcp')).toBeGreaterThan(0.1);
    expect(share('vpcflow')).toBeGreaterThan(0.18);
  });

  it('yields records in time order', () => {
    // Assess
    expect(stats.outOfOrder).toBe(0);
  });

  it('keeps people to their working hours, mostly', () => {
    // Assess
    expect(stats.humanRecords).toBeGreaterThan(10_000);
    expect(stats.humanInWorkingHours / stats.humanRecords).toBeGreaterThan(0.9);
  });

  it('has CI pipelines act only through their GitHub OIDC sessions, and nobody else use those roles', () => {
    // Assess
    expect(stats.ciRecords).toBeGreaterThan(1000);
    expect(stats.ciNotFromOidc).toEqual([]);
    expect(stats.deployRoleOutsideCi).toEqual([]);
  });

  it('signs people in to the console with MFA, a mistyped password followed by a success', () => {
    // Assess
    const { consoleLogins: logins } = stats;
    const failures = logins.filter((l) => !l.ok);
    expect(logins.filter((l) => l.ok).every((l) => l.mfa === 'Yes')).toBe(true);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.length / logins.length).toBeLessThan(0.1);
    for (const failure of failures) {
      const next = logins.find((l) => l.user === failure.user && l.time > failure.time);
      expect(next?.ok).toBe(true);
      expect(next!.time - failure.time).toBeLessThan(60_000);
    }
  });

  it('opens only HTTPS to the internet', () => {
    // Assess
    expect(stats.worldOpenPorts.length).toBeGreaterThan(0);
    expect(new Set(stats.worldOpenPorts)).toEqual(new Set([443]));
  });

  it('has internet scanners try a handful of ports each, never a sweep', () => {
    // Assess
    expect(stats.rejectPortsBySource.size).toBeGreaterThan(50);
    expect(
      Math.max(...[...stats.rejectPortsBySource.values()].map((ports) => ports.size)),
    ).toBeLessThanOrEqual(6);
  });

  it('runs the inventory scanner only at its fixed times', () => {
    // Assess
    expect(stats.scannerHours).toEqual(new Set([2, 14]));
  });

  it('assigns only read-only or narrowly scoped Azure roles', () => {
    // Assess
    const privileged = [
      '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
      'b24988ac-6180-42a0-ab88-20f7382dd24c',
      '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    ];
    expect(stats.roleAssignmentRoles.size).toBeGreaterThan(0);
    expect([...stats.roleAssignmentRoles].filter((id) => privileged.includes(id))).toEqual([]);
  });
});
