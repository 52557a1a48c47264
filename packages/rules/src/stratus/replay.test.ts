import { decodeStream } from '@vigil/decode';
import { normalize } from '@vigil/normalize';
import { type OcsfEvent, validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { StratusReplayError } from './errors.ts';
import { replayTechnique } from './replay.ts';
import {
  loadAttackNames,
  loadStratusCases,
  loadStratusExpected,
  loadStratusTechniques,
  type StratusTechniqueEntry,
} from './stratus-cases.test-helper.ts';

const techniques = loadStratusTechniques();
const cases = loadStratusCases();
const CLOUD_PLATFORMS = new Set(['AWS', 'Azure', 'Entra ID', 'GCP']);
const STRATUS_AGENT = /^stratus-red-team_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/;
const TACTIC_IDS: Readonly<Record<string, string>> = {
  'Initial Access': 'TA0001',
  Execution: 'TA0002',
  Persistence: 'TA0003',
  'Privilege Escalation': 'TA0004',
  'Defense Evasion': 'TA0005',
  'Credential Access': 'TA0006',
  Discovery: 'TA0007',
  'Lateral Movement': 'TA0008',
  Exfiltration: 'TA0010',
  Impact: 'TA0040',
};

type Json = Record<string, unknown>;

/** A field of a parsed record by dotted path (`a.b.0.c`); undefined when a step is missing. */
function get(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const text = (value: unknown, path: string): string => String(get(value, path));

function technique(id: string): StratusTechniqueEntry {
  const found = techniques.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no technique ${id}`);
  return found;
}

const replayed = (id: string): Json[] => replayTechnique(technique(id)).map((r) => JSON.parse(r) as Json);

async function decodeAndNormalize(id: string, records: string[]) {
  const out = { events: [] as OcsfEvent[], problems: [] as string[] };
  for await (const batch of decodeStream(
    records.map((r) => `${r}\n`),
    { file: id },
  )) {
    for (const item of batch) {
      if (item.kind !== 'record') {
        out.problems.push(`${item.kind}: ${item.value.reason}`);
        continue;
      }
      const result = normalize(item.value);
      if (!result.ok) out.problems.push(`normalize: ${result.reason}`);
      else out.events.push(result.event);
    }
  }
  return out;
}

describe('loadStratusCases', () => {
  it('covers every AWS, Azure, Entra ID and GCP technique, plus the CloudTrail-only EKS one', () => {
    const ids = cases.map((c) => c.technique.id).sort();
    const wanted = techniques
      .filter((t) => CLOUD_PLATFORMS.has(t.platform) || t.id === 'eks.lateral-movement.create-access-entry')
      .map((t) => t.id)
      .sort();

    expect(wanted).toHaveLength(92);
    expect(ids).toEqual(wanted);
  });

  it('maps each technique to the ATT&CK ids of its Stratus tactics', () => {
    for (const c of cases)
      expect(c.expected.tactics).toEqual(c.technique.tactics.map((name) => TACTIC_IDS[name]));
  });

  it('names every tactic and technique it uses, parents of sub-techniques included', () => {
    const names = loadAttackNames();
    const used = Object.values(loadStratusExpected().techniques).flatMap((e) => [
      ...e.tactics,
      ...e.techniques,
    ]);

    for (const id of used) {
      expect(names[id], id).toBeTruthy();
      expect(names[id.split('.')[0]!], id).toBeTruthy();
    }
  });
});

describe.each(cases.map((c) => [c.technique.id, c] as const))('replay of %s', (id, c) => {
  it('decodes and normalizes with no reject, into valid OCSF events', async () => {
    const { events, problems } = await decodeAndNormalize(id, c.records);

    expect(problems).toEqual([]);
    expect(events).toHaveLength(c.records.length);
    for (const event of events) expect(validateEvent(event)).toMatchObject({ ok: true });
  });

  it('is the same for the same seed and differs for another', () => {
    const again = replayTechnique(c.technique, { seed: 1 });
    const other = replayTechnique(c.technique, { seed: 2 });

    expect(again).toEqual(c.records);
    expect(other).not.toEqual(c.records);
  });
});

describe('AWS replays', () => {
  const aws = cases.filter((c) => c.platform === 'AWS' || c.platform === 'EKS');

  it.each(aws.filter((c) => c.technique.observed_cloudtrail_events).map((c) => [c.technique.id, c] as const))(
    '%s makes the calls a real detonation was observed to make, at most 50 of each',
    (_id, c) => {
      const counts: Record<string, number> = {};
      for (const record of c.records.map((r) => JSON.parse(r) as Json)) {
        const key = `${text(record, 'eventSource').replace('.amazonaws.com', '')}:${text(record, 'eventName')}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
      const observed = Object.fromEntries(
        Object.entries(c.technique.observed_cloudtrail_events!).map(([k, n]) => [k, Math.min(n, 50)]),
      );

      expect(counts).toEqual(observed);
    },
  );

  it.each(aws.map((c) => [c.technique.id, c] as const))(
    "%s calls from the operator with Stratus's user agent",
    (_id, c) => {
      const fromOperator = c.records
        .map((r) => JSON.parse(r) as Json)
        .filter((r) => text(r, 'sourceIPAddress').startsWith('185.220.101.'));

      expect(fromOperator.length).toBeGreaterThan(0);
      for (const record of fromOperator) expect(record.userAgent).toMatch(STRATUS_AGENT);
    },
  );

  it('shares the EBS snapshot with the external account', () => {
    const [share] = replayed('aws.exfiltration.ec2-share-ebs-snapshot');

    expect(share).toMatchObject({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'ModifySnapshotAttribute',
      requestParameters: {
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: { add: { items: [{ userId: '012345678912' }] } },
      },
    });
  });

  it('calls GetPasswordData from the assumed role session, denied every time', () => {
    const records = replayed('aws.credential-access.ec2-get-password-data');
    const sessions = records
      .filter((r) => r.eventName === 'AssumeRole')
      .map((r) => get(r, 'responseElements.assumedRoleUser.arn'));
    const calls = records.filter((r) => r.eventName === 'GetPasswordData');

    expect(calls).toHaveLength(30);
    for (const call of calls) {
      expect(call.errorCode).toBe('Client.UnauthorizedOperation');
      expect(sessions).toContain(get(call, 'userIdentity.arn'));
    }
  });

  it('uses stolen instance credentials from outside AWS, as a session named after the instance', () => {
    const records = replayed('aws.credential-access.ec2-steal-instance-credentials');
    const stolen = records.filter(
      (r) => r.eventName === 'GetCallerIdentity' || r.eventName === 'DescribeInstances',
    );

    expect(stolen).toHaveLength(2);
    for (const call of stolen) {
      expect(get(call, 'userIdentity.arn')).toMatch(/:assumed-role\/[^/]+\/i-[0-9a-f]{17}$/);
      expect(get(call, 'userIdentity.sessionContext.ec2RoleDelivery')).toBe('1.0');
      expect(call.sourceIPAddress).toMatch(/^185\.220\.101\./);
    }
  });

  it('excludes management events from the trail through event selectors', () => {
    expect(replayed('aws.defense-evasion.cloudtrail-event-selectors')).toMatchObject([
      {
        eventName: 'PutEventSelectors',
        requestParameters: { eventSelectors: [{ includeManagementEvents: false }] },
      },
    ]);
  });

  it('names Lambda events with their API version, as CloudTrail does', () => {
    expect(replayed('aws.persistence.lambda-layer-extension')).toMatchObject([
      { eventName: 'UpdateFunctionConfiguration20150331v2' },
    ]);
    expect(replayed('aws.persistence.lambda-overwrite-code')).toMatchObject([
      { eventName: 'UpdateFunctionCode20150331v2' },
    ]);
  });

  it('re-encrypts objects with SSE-C, deleting nothing', () => {
    const records = replayed('aws.impact.s3-ransomware-client-side-encryption');
    const copies = records.filter((r) => r.eventName === 'CopyObject');

    expect(copies).toHaveLength(50);
    for (const copy of copies) {
      expect(copy.eventCategory).toBe('Data');
      expect(get(copy, 'requestParameters.x-amz-server-side-encryption-customer-algorithm')).toBe('AES256');
    }
    expect(records.filter((r) => text(r, 'eventName').startsWith('Delete'))).toEqual([]);
  });

  it('logs the console sign-in without MFA and without a request id', () => {
    const [login] = replayed('aws.initial-access.console-login-without-mfa');

    expect(login).toMatchObject({
      eventType: 'AwsConsoleSignIn',
      additionalEventData: { MFAUsed: 'No' },
      responseElements: { ConsoleLogin: 'Success' },
    });
    expect(login).not.toHaveProperty('requestID');
  });
});

describe('Azure and Entra ID replays', () => {
  it('logs a run command as Start, Accept and Success of one operation', () => {
    const records = replayed('azure.execution.vm-run-command');

    expect(records.map((r) => r.resultType)).toEqual(['Start', 'Accept', 'Success']);
    expect(new Set(records.map((r) => r.correlationId)).size).toBe(1);
    expect(records[0]).toMatchObject({
      operationName: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/RUNCOMMAND/ACTION',
    });
  });

  it('carries the request body of a write on its Start record', () => {
    const [start] = replayed('azure.exfiltration.storage-public-access');

    expect(get(start, 'resultType')).toBe('Start');
    expect(JSON.parse(text(start, 'properties.requestbody'))).toEqual({
      properties: { allowBlobPublicAccess: true },
    });
  });

  it('records the refused key listing before local auth is turned back on', () => {
    const records = replayed('azure.persistence.exfiltrate-foundry-key');

    expect(records[0]).toMatchObject({
      resultType: 'Failure',
      operationName: 'MICROSOFT.COGNITIVESERVICES/ACCOUNTS/LISTKEYS/ACTION',
    });
    expect(records.at(-1)).toMatchObject({
      resultType: 'Success',
      operationName: 'MICROSOFT.COGNITIVESERVICES/ACCOUNTS/LISTKEYS/ACTION',
    });
  });

  it('names new service principal credentials by their audit activity', () => {
    const [audit] = replayed('entra-id.persistence.backdoor-application-sp');

    expect(get(audit, 'properties.activityDisplayName')).toBe('Add service principal credentials');
    expect(get(audit, 'properties.targetResources.0.modifiedProperties.0.displayName')).toBe(
      'KeyDescription',
    );
  });

  it('grants Global Administrator to the new application, an Account Change naming the role', async () => {
    const c = cases.find((x) => x.technique.id === 'entra-id.persistence.new-application')!;
    const { events } = await decodeAndNormalize(c.technique.id, c.records);

    expect(events.find((e) => e.metadata.event_code === 'Add member to role')).toMatchObject({
      class_uid: 3001,
      policy: { name: 'Global Administrator' },
    });
  });
});

describe('GCP replays', () => {
  it('adds the outside account to the project policy, as AuditData records it', () => {
    const set = replayed('gcp.persistence.invite-external-user').find(
      (r) => get(r, 'protoPayload.methodName') === 'SetIamPolicy',
    );

    expect(get(set, 'protoPayload.serviceData.policyDelta.bindingDeltas')).toEqual([
      { action: 'ADD', member: 'user:stratusredteam@gmail.com', role: 'roles/editor' },
    ]);
  });

  it('impersonates ten service accounts, one successfully, redacting the caller of the denied ones', () => {
    const records = replayed('gcp.privilege-escalation.impersonate-service-accounts');
    const denied = records.filter((r) => get(r, 'protoPayload.status.code') === 7);

    expect(records).toHaveLength(10);
    expect(denied).toHaveLength(9);
    for (const entry of denied) expect(get(entry, 'protoPayload.authenticationInfo')).toEqual({});
  });

  it('logs a Compute write as the first and last entries of one operation', () => {
    const records = replayed('gcp.defense-evasion.remove-vpc-flow-logs');
    const [first, last] = records.filter(
      (r) => get(r, 'protoPayload.methodName') === 'v1.compute.subnetworks.patch',
    );
    const operation = get(first, 'operation.id');

    expect(first).toMatchObject({
      operation: { first: true },
      protoPayload: { request: { logConfig: { enable: false } } },
    });
    expect(last).toMatchObject({ operation: { last: true, id: operation } });
    expect(get(first, 'protoPayload.response.name')).toBe(operation);
  });
});

describe('replayTechnique', () => {
  it('starts at the given time', () => {
    const [first] = replayTechnique(technique('aws.defense-evasion.cloudtrail-stop'), {
      start: '2025-01-02T03:04:05Z',
    });

    expect(text(JSON.parse(first!), 'eventTime')).toMatch(/^2025-01-02T03:04:/);
  });

  it('refuses techniques that leave only Kubernetes audit logs', () => {
    for (const t of techniques.filter(
      (x) => x.platform === 'Kubernetes' || x.id === 'eks.persistence.backdoor-aws-auth-configmap',
    ))
      expect(() => replayTechnique(t), t.id).toThrow(StratusReplayError);
  });

  it('refuses a start without a zone and a seed that is not an integer', () => {
    const t = technique('aws.defense-evasion.cloudtrail-stop');

    expect(() => replayTechnique(t, { start: '2025-01-02T03:04:05' })).toThrow(/ISO-8601 time with a zone/);
    expect(() => replayTechnique(t, { seed: 1.5 })).toThrow(/integer/);
  });
});
