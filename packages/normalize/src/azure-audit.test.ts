import type { SourceRecord } from '@vigil/decode';
import type { AccountChange, ApiActivity, OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeAzure } from './azure.ts';
import { azureEvents } from './azure-fixtures.test-helper.ts';

const audits = azureEvents('azure/audit-diagnostic.json').map(({ event }) => event);

function byActivity(activity: string, index = 0): OcsfEvent {
  const found = audits.filter((e) => e.metadata.event_code === activity)[index];
  if (found === undefined) throw new Error(`no audit '${activity}'`);
  return found;
}

describe('Entra audits → Account Change or API Activity', () => {
  it.each([
    ['Add user', 3001, 1, 'new.hire@contoso.example'],
    ['Delete user', 3001, 6, '7f3c1d2e9b8a4c5d8e9f0a1b2c3d4e5fformer.staff@contoso.example'],
    ['Disable account', 3001, 5, 'raj.patel@contoso.example'],
    ['Enable account', 3001, 2, 'raj.patel@contoso.example'],
    ['Reset user password', 3001, 4, 'raj.patel@contoso.example'],
    ['Change user password', 3001, 3, 'raj.patel@contoso.example'],
    ['Add member to role', 3001, 7, 'backdoor_outlook.example#EXT#@contoso.example'],
    ['Remove member from role', 3001, 8, 'backdoor_outlook.example#EXT#@contoso.example'],
    ['User registered security info', 3001, 10, 'raj.patel@contoso.example'],
    ['Disable Strong Authentication', 3001, 11, 'jane.doe@contoso.example'],
    ['Invite external user', 6003, 1, undefined],
    ['Redeem external user invite', 6003, 3, undefined],
    ['Consent to application', 6003, 99, undefined],
    ['Add service principal credentials', 6003, 3, undefined],
    ['Add app role assignment to service principal', 6003, 99, undefined],
    ['Update application', 6003, 3, undefined],
    ['Update conditional access policy', 6003, 3, undefined],
  ])('%s → class %i, activity %i, user %s', (activity, classUid, activityId, user) => {
    // Act
    const e = byActivity(activity);

    // Assess
    expect(e.class_uid).toBe(classUid);
    expect(e.activity_id).toBe(activityId);
    expect(e.type_uid).toBe(classUid * 100 + activityId);
    expect((e as AccountChange).user?.name).toBe(user);
    expect((e as ApiActivity).api.operation).toBe(activity);
  });

  it('names the role of a membership change as the policy, from a Role target or the modified properties', () => {
    // Act
    const added = byActivity('Add member to role') as AccountChange;
    const removed = byActivity('Remove member from role') as AccountChange;

    // Assess
    expect(added.policy).toEqual({
      uid: '966d8ee8-6058-5575-a164-b45cf078298a',
      name: 'Global Administrator',
      type: 'Entra ID directory role',
    });
    expect(removed.policy).toEqual(added.policy);
  });

  it('reports a refused role assignment as a failure with its reason', () => {
    // Act
    const refused = byActivity('Add member to role', 1);

    // Assess
    expect(refused).toMatchObject({
      status_id: 2,
      status: 'Failure',
      status_detail: 'Microsoft.Online.Workflows.AccessDeniedException',
    });
  });

  it('keeps each target, with its modifiedProperties, as resource data', () => {
    // Act
    const e = byActivity('Update application') as ApiActivity;

    // Assess
    expect(e.resources).toHaveLength(1);
    expect(e.resources![0]).toMatchObject({
      name: 'Stratus Red Team FIC application ly1h',
      type: 'Application',
    });
    const data = e.resources![0]!.data as { modifiedProperties: { displayName: string }[] };
    expect(data.modifiedProperties.map((m) => m.displayName)).toEqual([
      'FederatedIdentityCredentials',
      'Included Updated Properties',
    ]);
  });

  it('takes the actor from initiatedBy.user or initiatedBy.app', () => {
    // Act
    const byUser = byActivity('Consent to application') as ApiActivity;
    const byApp = byActivity('Add app role assignment to service principal') as ApiActivity;

    // Assess
    expect(byUser.actor.user).toMatchObject({ name: 'raj.patel@contoso.example', type: 'User' });
    expect(byUser.src_endpoint).toEqual({ ip: '198.51.100.23' });
    expect(byApp.actor).toMatchObject({
      app_name: 'deploy-pipeline',
      user: { name: 'deploy-pipeline', type: 'ServicePrincipal' },
    });
    expect(byApp.src_endpoint).toEqual({ svc_name: 'Core Directory' });
  });

  it('maps Log Analytics rows like the diagnostic records they mirror', () => {
    // Prepare
    const rows = [
      ...azureEvents('azure/la-auditlogs-query.json'),
      ...azureEvents('azure/la-auditlogs-rows.ndjson'),
    ].map(({ event }) => event);
    const strip = (e: OcsfEvent) => ({
      ...e,
      raw_data: undefined,
      metadata: { ...e.metadata, original_time: undefined },
    });

    for (const row of rows) {
      // Act
      const twin = audits.find((d) => d.metadata.uid === row.metadata.uid);

      // Assess
      expect(twin, row.metadata.uid).toBeDefined();
      expect(strip(row), row.metadata.uid).toEqual(strip(twin!));
    }
  });

  it('falls back to API Activity when a user change names no user target', () => {
    // Prepare
    const record: SourceRecord = {
      source: 'azure',
      variant: 'audit',
      record: {
        time: '2026-03-02T09:05:14Z',
        category: 'AuditLogs',
        properties: {
          id: 'Directory_1',
          activityDisplayName: 'Add user',
          result: 'success',
          operationType: 'Add',
        },
      },
      raw: '',
      location: { file: 'test' },
    };

    // Act
    const result = normalizeAzure(record);

    // Assess
    expect(result).toMatchObject({
      ok: true,
      event: { class_uid: 6003, activity_id: 1, actor: { app_name: 'Microsoft Entra ID' } },
    });
  });
});
