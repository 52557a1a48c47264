import type { SourceRecord } from '@vigil/decode';
import type { AccountChange, ApiActivity, OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { decodeFixture } from './azure-fixtures.test-helper.ts';
import { normalizeGcp } from './gcp.ts';
import { gcpEvents } from './gcp-fixtures.test-helper.ts';

const FIXTURES: [file: string, variant: string, count: number][] = [
  ['gcp/admin-activity.json', 'activity', 16],
  ['gcp/admin-activity.ndjson', 'activity', 5],
  ['gcp/data-access.json', 'data_access', 6],
  ['gcp/data-access.ndjson', 'data_access', 3],
  ['gcp/system-event.json', 'system_event', 3],
  ['gcp/policy-denied.json', 'policy', 1],
  ['scenarios/gcp-public-bucket.json', 'activity', 3],
];

const all = FIXTURES.flatMap(([file]) => gcpEvents(file).map(({ event }) => event));

function byMethod(method: string, index = 0): OcsfEvent {
  const found = all.filter((e) => e.metadata.event_code === method)[index];
  if (found === undefined) throw new Error(`no ${method} event`);
  return found;
}

function entry(overrides: Record<string, unknown>): SourceRecord {
  const record = {
    insertId: 'abc123',
    logName: 'projects/p-1/logs/cloudaudit.googleapis.com%2Factivity',
    timestamp: '2026-03-05T09:01:12.118403Z',
    protoPayload: {
      serviceName: 'storage.googleapis.com',
      methodName: 'storage.buckets.delete',
      authenticationInfo: { principalEmail: 'bob@contoso.example' },
      requestMetadata: { callerIp: '198.51.100.44' },
      resourceName: 'projects/_/buckets/b',
    },
    resource: { type: 'gcs_bucket', labels: { project_id: 'p-1', bucket_name: 'b' } },
    ...overrides,
  };
  return {
    source: 'gcp',
    variant: 'activity',
    record,
    raw: JSON.stringify(record),
    location: { file: 'test' },
  };
}

describe('normalizeGcp on every GCP fixture', () => {
  it.each(FIXTURES)('%s: %s entries become valid events', (file, variant, count) => {
    // Prepare
    const { records, rejects } = decodeFixture(file);

    // Act
    const events = gcpEvents(file).map(({ event }) => event);

    // Assess
    expect(rejects).toEqual([]);
    expect(records.map((r) => r.variant)).toEqual(Array(count).fill(variant));
    for (const [i, e] of events.entries()) {
      expect(e.metadata.uid).toBe(records[i]!.record.insertId);
      expect(e.metadata.log_name).toBe(records[i]!.record.logName);
      expect(e.raw_data).toBe(records[i]!.raw);
      expect(e.cloud.provider).toBe('GCP');
    }
  });

  it('gives every entry its own metadata.uid', () => {
    // Act
    const uids = all.map((e) => e.metadata.uid);

    // Assess
    expect(new Set(uids).size).toBe(uids.length);
  });
});

describe('GCP class and activity', () => {
  it.each([
    ['google.iam.admin.v1.CreateServiceAccount', 3001, 1],
    ['google.iam.admin.v1.DeleteServiceAccount', 3001, 6],
    ['google.iam.admin.v1.DisableServiceAccount', 3001, 5],
    ['google.iam.admin.v1.EnableServiceAccount', 3001, 2],
    ['google.iam.admin.v1.CreateServiceAccountKey', 6003, 1],
    ['google.iam.admin.v1.SetIAMPolicy', 6003, 3],
    ['SetIamPolicy', 6003, 3],
    ['GetIamPolicy', 6003, 2],
    ['v1.compute.instances.insert', 6003, 1],
    ['v1.compute.instances.delete', 6003, 4],
    ['v1.compute.instances.setMetadata', 6003, 3],
    ['v1.compute.disks.setIamPolicy', 6003, 3],
    ['v1.compute.firewalls.patch', 6003, 3],
    ['InsertProjectOwnershipInvite', 6003, 1],
    ['storage.buckets.create', 6003, 1],
    ['storage.objects.get', 6003, 2],
    ['storage.objects.list', 6003, 2],
    ['storage.setIamPermissions', 6003, 3],
    ['google.logging.v2.ConfigServiceV2.DeleteSink', 6003, 4],
    ['google.logging.v2.ConfigServiceV2.UpdateSink', 6003, 3],
    ['google.logging.v2.LoggingServiceV2.ListLogEntries', 6003, 2],
    ['google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion', 6003, 99],
    ['GenerateAccessToken', 6003, 99],
    ['compute.instances.migrateOnHostMaintenance', 6003, 99],
    ['google.storage.objects.get', 6003, 2],
  ])('%s → class %i, activity %i', (method, classUid, activityId) => {
    // Act
    const e = byMethod(method);

    // Assess
    expect([e.class_uid, e.activity_id, e.type_uid]).toEqual([
      classUid,
      activityId,
      classUid * 100 + activityId,
    ]);
  });

  it('names the service account a lifecycle call acted on as the user, by email', () => {
    // Act
    const created = byMethod('google.iam.admin.v1.CreateServiceAccount') as AccountChange;
    const deleted = byMethod('google.iam.admin.v1.DeleteServiceAccount') as AccountChange;

    // Assess
    expect(created.user).toEqual({
      uid: 'ci-runner@contoso-prod-4821.iam.gserviceaccount.com',
      name: 'ci-runner@contoso-prod-4821.iam.gserviceaccount.com',
      type: 'ServiceAccount',
      type_id: 4,
      uid_alt: '105611223344556677889',
      account: { uid: 'contoso-prod-4821', type: 'GCP Project', type_id: 11 },
    });
    expect(deleted.user.name).toBe('legacy-exporter@contoso-prod-4821.iam.gserviceaccount.com');
    expect(created.actor?.user?.name).toBe('alice@contoso.example');
  });

  it('keeps a lifecycle call whose target cannot be named as API Activity', () => {
    // Act
    const result = normalizeGcp(
      entry({
        protoPayload: {
          serviceName: 'iam.googleapis.com',
          methodName: 'google.iam.admin.v1.DeleteServiceAccount',
          authenticationInfo: { principalEmail: 'alice@contoso.example' },
        },
        resource: { type: 'service_account', labels: { project_id: 'p-1' } },
      }),
    );

    // Assess
    expect(result).toMatchObject({ ok: true, event: { class_uid: 6003, activity_id: 4 } });
  });
});

describe('GCP actor, source and status', () => {
  it('types principals by their domain and keeps the key a service account used', () => {
    // Act
    const byKey = byMethod('v1.compute.instances.delete') as ApiActivity;
    const byUser = byMethod('storage.buckets.create') as ApiActivity;

    // Assess
    expect(byKey.actor.user).toEqual({
      uid: 'terraform@contoso-prod-4821.iam.gserviceaccount.com',
      name: 'terraform@contoso-prod-4821.iam.gserviceaccount.com',
      type: 'ServiceAccount',
      type_id: 4,
      credential_uid:
        '//iam.googleapis.com/projects/contoso-prod-4821/serviceAccounts/terraform@contoso-prod-4821.iam.gserviceaccount.com/keys/3f2e1d0c9b8a79685746352413f2e1d0c9b8a796',
      account: { uid: 'contoso-prod-4821', type: 'GCP Project', type_id: 11 },
    });
    expect(byUser.actor.user).toMatchObject({ uid: 'bob@contoso.example', type: 'User', type_id: 1 });
  });

  it('puts the impersonation chain in actor.session.issuer, original caller first', () => {
    // Prepare
    const delegationInfo = [
      { firstPartyPrincipal: { principalEmail: 'mallory@contoso.example' } },
      { firstPartyPrincipal: { principalEmail: 'hop@p-1.iam.gserviceaccount.com' } },
    ];

    // Act
    const fixture = byMethod('google.logging.v2.ConfigServiceV2.DeleteSink') as ApiActivity;
    const chained = normalizeGcp(
      entry({
        protoPayload: {
          serviceName: 'storage.googleapis.com',
          methodName: 'storage.buckets.delete',
          authenticationInfo: {
            principalEmail: 'target@p-1.iam.gserviceaccount.com',
            serviceAccountDelegationInfo: delegationInfo,
          },
        },
      }),
    );

    // Assess
    expect(fixture.actor.session).toEqual({ issuer: 'mallory@contoso.example' });
    expect(chained).toMatchObject({
      ok: true,
      event: { actor: { session: { issuer: 'mallory@contoso.example,hop@p-1.iam.gserviceaccount.com' } } },
    });
  });

  it.each([
    ['storage.buckets.create', { ip: '198.51.100.44' }],
    ['v1.compute.firewalls.patch', { name: 'gce-internal-ip' }],
    ['compute.instances.migrateOnHostMaintenance', { svc_name: 'compute.googleapis.com' }],
    ['v1.compute.snapshots.insert', { svc_name: 'compute.googleapis.com' }],
  ])('%s → src_endpoint %o', (method, endpoint) => {
    // Act
    const e = byMethod(method) as ApiActivity;

    // Assess
    expect(e.src_endpoint).toEqual(endpoint);
  });

  it('attributes a system event without a principal to its service', () => {
    // Act
    const e = byMethod('compute.instances.preempted') as ApiActivity;

    // Assess
    expect(e.actor).toEqual({ app_name: 'compute.googleapis.com' });
  });

  it('reports a denied call as a failure with its code and message', () => {
    // Act
    const e = byMethod('v1.compute.firewalls.insert') as ApiActivity;

    // Assess
    expect(e).toMatchObject({ status_id: 2, status: 'Failure', status_code: '7', severity_id: 4 });
    expect(e.api.response).toMatchObject({
      error: '7',
      error_message:
        "Required 'compute.firewalls.create' permission for 'projects/contoso-prod-4821/global/firewalls/allow-all'",
    });
  });
});

describe('GCP cloud, api and unmapped', () => {
  it.each([
    [
      'v1.compute.instances.insert',
      { region: 'europe-west1', zone: 'europe-west1-b', project_uid: 'contoso-prod-4821' },
    ],
    ['storage.buckets.create', { region: 'europe-west1', project_uid: 'contoso-prod-4821' }],
    ['InsertProjectOwnershipInvite', { project_uid: 'target-project' }],
  ])('%s → cloud %o', (method, cloud) => {
    // Act
    const e = byMethod(method);

    // Assess
    expect(e.cloud).toMatchObject({ provider: 'GCP', ...cloud });
    expect(e.cloud.account).toEqual({ uid: cloud.project_uid, type: 'GCP Project', type_id: 11 });
  });

  it('names the organization of an organization-level log', () => {
    // Act
    const e = byMethod('SetIamPolicy', 1);

    // Assess
    expect(e.cloud).toEqual({ provider: 'GCP', org: { uid: '123456789012' } });
  });

  it('takes the project from the logName when the resource labels lack it', () => {
    // Act
    const result = normalizeGcp(entry({ resource: { type: 'gcs_bucket', labels: {} } }));

    // Assess
    expect(result).toMatchObject({
      ok: true,
      event: { cloud: { project_uid: 'p-1', account: { uid: 'p-1' } } },
    });
  });

  it('keeps request, response, resource and serviceData where rules read them', () => {
    // Act
    const e = byMethod('SetIamPolicy') as ApiActivity;

    // Assess
    expect(e.api).toMatchObject({
      operation: 'SetIamPolicy',
      service: { name: 'cloudresourcemanager.googleapis.com' },
      request: { uid: e.metadata.uid, data: { policy: { etag: 'BwYK7n8uPYE=' } } },
      response: { data: { etag: 'BwYK7n9Z1xQ=' } },
    });
    expect(e.resources).toEqual([
      { uid: 'projects/contoso-prod-4821', name: 'projects/contoso-prod-4821', type: 'project' },
    ]);
    expect(e.unmapped?.serviceData).toMatchObject({
      policyDelta: {
        bindingDeltas: [{ action: 'ADD', member: 'group:sre@contoso.example', role: 'roles/viewer' }],
      },
    });
  });

  it('exposes the binding deltas of the public bucket scenario', () => {
    // Act
    const deltas = gcpEvents('scenarios/gcp-public-bucket.json').map(
      ({ event }) =>
        (event.unmapped?.serviceData as { policyDelta: { bindingDeltas: unknown[] } } | undefined)
          ?.policyDelta.bindingDeltas,
    );

    // Assess
    expect(deltas).toEqual([
      [{ action: 'ADD', member: 'user:alice@contoso.example', role: 'roles/storage.objectViewer' }],
      [{ action: 'ADD', member: 'allUsers', role: 'roles/storage.objectViewer' }],
      [{ action: 'REMOVE', member: 'allUsers', role: 'roles/storage.objectViewer' }],
    ]);
  });

  it('uses the long-running operation id as the request uid and correlation', () => {
    // Act
    const e = byMethod('v1.compute.instances.insert') as ApiActivity;

    // Assess
    expect(e.api.request?.uid).toBe('operation-1772708403213-61c7d8a4b2f1e-3a9d0b2c-7e4f1a6d');
    expect(e.metadata.correlation_uid).toBe(e.api.request?.uid);
  });
});

describe('normalizeGcp on malformed entries', () => {
  it('returns a reason for every entry of malformed.ndjson the decoder lets through', () => {
    // Prepare
    const { records, rejects } = decodeFixture('gcp/malformed.ndjson');

    // Act
    const reasons = records.map((r) => {
      const result = normalizeGcp(r);
      return result.ok ? 'normalized' : result.reason;
    });

    // Assess
    expect(rejects.map((r) => r.reason)).toEqual([
      expect.stringMatching(/truncated JSON/),
      'GCP Cloud Audit Log entry: protoPayload must be an object, got undefined',
    ]);
    expect(reasons).toEqual([
      'GCP LogEntry: insertId must be a non-empty string, got undefined',
      'GCP LogEntry: insertId must be a non-empty string, got number',
      'GCP LogEntry: timestamp must be an RFC 3339 time, got undefined',
      'GCP LogEntry: protoPayload.methodName must be a non-empty string, got undefined',
      'GCP LogEntry: expected authenticationInfo.principalEmail or protoPayload.serviceName, found neither',
      'GCP LogEntry: timestamp must be an RFC 3339 time, got string',
    ]);
  });

  it('says what is missing when a payload has neither a caller address nor a service', () => {
    // Act
    const result = normalizeGcp(
      entry({ protoPayload: { methodName: 'x.get', authenticationInfo: { principalEmail: 'a@b.example' } } }),
    );

    // Assess
    expect(result).toEqual({
      ok: false,
      reason: 'GCP LogEntry: expected requestMetadata.callerIp or protoPayload.serviceName, found neither',
    });
  });
});
