import { readdirSync, readFileSync } from 'node:fs';
import type { DecodeItem, SourceRecord } from '@vigil/decode';
import { createDecoder } from '@vigil/decode';
import type { AccountChange, ApiActivity, Authentication, OcsfEvent } from '@vigil/schema';
import { validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeCloudTrail } from './cloudtrail.ts';

const EVENTS = new URL('../../../events/', import.meta.url);
const CLOUDTRAIL_DIR = new URL('aws/cloudtrail/', EVENTS);
const SCENARIO_DIR = new URL('scenarios/', EVENTS);

/** Decodes a fixture file as the CLI does, whatever its delivery shape. */
function decodeFile(url: URL): DecodeItem[] {
  const items: DecodeItem[] = [];
  const decoder = createDecoder({ file: url.pathname }, (item) => items.push(item));
  decoder.write(readFileSync(url));
  decoder.end();
  return items;
}

function readRecords(url: URL): SourceRecord[] {
  const items = decodeFile(url);
  const other = items.filter((item) => item.kind !== 'record' || item.value.source !== 'cloudtrail');
  if (other.length > 0)
    throw new Error(`${url.pathname}: expected only CloudTrail records, got ${JSON.stringify(other[0])}`);
  return items.map((item) => item.value as SourceRecord);
}

function normalizeAll(url: URL): { record: SourceRecord; event: OcsfEvent }[] {
  return readRecords(url).map((record) => {
    const result = normalizeCloudTrail(record);
    if (!result.ok) throw new Error(`${url.pathname}: ${result.reason}`);
    return { record, event: result.event };
  });
}

const cloudTrailFiles = readdirSync(CLOUDTRAIL_DIR).filter((name) => !name.includes('malformed'));
const scenarioFiles = readdirSync(SCENARIO_DIR).filter(
  (name) => name.startsWith('aws-') && name.endsWith('.json'),
);
const allFixtures = [
  ...cloudTrailFiles.map((name) => new URL(name, CLOUDTRAIL_DIR)),
  ...scenarioFiles.map((name) => new URL(name, SCENARIO_DIR)),
];

/** The documented class mapping, for every eventName the fixtures contain: [class_uid, activity_id]. */
const EXPECTED_CLASS: Readonly<Record<string, readonly [number, number]>> = {
  ConsoleLogin: [3002, 1],
  AssumeRole: [3002, 1],
  AssumeRoleWithWebIdentity: [3002, 1],
  GetFederationToken: [3002, 1],
  GetSessionToken: [3002, 1],
  CreateUser: [3001, 1],
  CreateAccessKey: [3001, 1],
  CreateLoginProfile: [3001, 1],
  CreateRole: [3001, 1],
  ChangePassword: [3001, 3],
  UpdateLoginProfile: [3001, 4],
  UpdateAccessKey: [3001, 5],
  DeleteUser: [3001, 6],
  DeleteRole: [3001, 6],
  DeleteAccessKey: [3001, 6],
  AttachUserPolicy: [3001, 7],
  PutRolePolicy: [3001, 7],
  AddUserToGroup: [3001, 7],
  DetachRolePolicy: [3001, 8],
  EnableMFADevice: [3001, 10],
  DeactivateMFADevice: [3001, 11],
  RunInstances: [6003, 1],
  PutObject: [6003, 1],
  PutBucketPolicy: [6003, 1],
  CopyObject: [6003, 1],
  SendCommand: [6003, 1],
  CreateSecurityGroup: [6003, 1],
  CreateAccessEntry: [6003, 1],
  AuthorizeSecurityGroupIngress: [6003, 1],
  DescribeInstances: [6003, 2],
  DescribeSecurityGroups: [6003, 2],
  DescribeTrails: [6003, 2],
  DescribeTrustedAdvisorCheckResult: [6003, 2],
  GetObject: [6003, 2],
  GetCallerIdentity: [6003, 2],
  GetTrailStatus: [6003, 2],
  ListBuckets: [6003, 2],
  ListUsers: [6003, 2],
  BatchGetItem: [6003, 2],
  BatchGetSecretValue: [6003, 2],
  StartInstances: [6003, 3],
  StopLogging: [6003, 3],
  AssociateAccessPolicy: [6003, 3],
  DeleteBucket: [6003, 4],
  DeleteObject: [6003, 4],
  DeleteTrail: [6003, 4],
  TerminateInstances: [6003, 4],
  ScheduleKeyDeletion: [6003, 99],
};

describe('CloudTrail fixtures', () => {
  it('include every delivery shape', () => {
    // Assess
    expect(cloudTrailFiles.some((name) => name.endsWith('.json.gz'))).toBe(true);
    expect(cloudTrailFiles.some((name) => name.endsWith('.ndjson'))).toBe(true);
    expect(
      readRecords(new URL('eventbridge-mixed.ndjson', CLOUDTRAIL_DIR)).every(
        (r) => r.variant === 'eventbridge',
      ),
    ).toBe(true);
  });

  it.each(allFixtures.map((url) => [url.pathname.split('/events/')[1]!, url] as const))(
    '%s normalizes to valid OCSF with the documented class and the event id',
    (_name, url) => {
      // Act
      const normalized = normalizeAll(url);

      // Assess
      expect(normalized.length).toBeGreaterThan(0);
      for (const { record, event } of normalized) {
        const validation = validateEvent(event);
        expect(validation.ok ? [] : validation.issues).toEqual([]);
        const eventName = record.record.eventName as string;
        expect([eventName, event.class_uid, event.activity_id]).toEqual([
          eventName,
          ...(EXPECTED_CLASS[eventName] ?? []),
        ]);
        expect(event.metadata.uid).toBe(record.record.eventID);
        expect(event.raw_data).toBe(record.raw);
      }
    },
  );

  it('reject every input of the malformed file, in the decoder or the normalizer, with a reason', () => {
    // Prepare
    const items = decodeFile(new URL('malformed-records.ndjson', CLOUDTRAIL_DIR));

    // Act
    const outcomes = items.map((item) => {
      if (item.kind !== 'record') return item.value.reason;
      const result = normalizeCloudTrail(item.value);
      return result.ok ? 'accepted' : result.reason;
    });

    // Assess
    expect(outcomes).toHaveLength(13);
    for (const outcome of outcomes) {
      expect(outcome).not.toBe('accepted');
      expect(outcome.length).toBeGreaterThan(0);
    }
  });
});

describe('AWS CloudTrail scenarios', () => {
  function scenario(name: string) {
    return normalizeAll(new URL(name, SCENARIO_DIR)).map(
      ({ event }) => event as ApiActivity | Authentication | AccountChange,
    );
  }

  it('aws-stop-logging: an IAM user stops and deletes the trail', () => {
    // Act
    const events = scenario('aws-stop-logging.json');

    // Assess
    const tampering = events.filter(
      (e) => e.api?.operation === 'StopLogging' || e.api?.operation === 'DeleteTrail',
    );
    expect(tampering.map((e) => [e.api?.operation, e.actor?.user?.type, e.actor?.user?.name])).toEqual([
      ['StopLogging', 'IAMUser', 'ci-deploy'],
      ['DeleteTrail', 'IAMUser', 'ci-deploy'],
    ]);
  });

  it('aws-sg-open-admin-port: four ingress rules, two of them admin ports open to the world', () => {
    // Act
    const events = scenario('aws-sg-open-admin-port.json');

    // Assess
    const opened = events.map((e) => {
      const request = e.api?.request?.data as {
        groupId: string;
        ipPermissions: { items: { fromPort: number; ipRanges: { items?: { cidrIp: string }[] } }[] };
      };
      const permission = request.ipPermissions.items[0]!;
      return [permission.fromPort, permission.ipRanges.items?.map((r) => r.cidrIp)];
    });
    expect(opened).toEqual([
      [22, ['0.0.0.0/0']],
      [3389, ['0.0.0.0/0']],
      [443, ['0.0.0.0/0']],
      [22, ['10.0.0.0/8']],
    ]);
  });

  it('aws-root-usage: root signs in and calls APIs, and one root event is invoked by an AWS service', () => {
    // Act
    const events = scenario('aws-root-usage.json');

    // Assess
    const root = events.filter((e) => e.actor?.user?.type === 'Root');
    expect(root.map((e) => [e.api?.operation, e.actor?.invoked_by ?? null])).toEqual([
      ['ConsoleLogin', null],
      ['ListUsers', null],
      ['CreateAccessKey', null],
      ['DescribeInstances', null],
      ['DescribeTrustedAdvisorCheckResult', 'support.amazonaws.com'],
    ]);
    expect(root.every((e) => e.actor?.user?.name === 'root')).toBe(true);
  });
});
