import { normalizeGcp } from '@vigil/normalize';
import type { OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import {
  addedGrants,
  auditLoggingReductions,
  changedMetadataKeys,
  GCP_DERIVED,
  lifecycleDeleteAges,
  notebookStartupScripts,
  personalAccountActor,
  personalAccountGrants,
  privilegedGrants,
  publicAccess,
  relaxedOrgPolicies,
  testedPermissionCount,
  worldOpenFirewall,
  zoneOf,
} from './derived-gcp.ts';

/** A Cloud Audit Logs entry normalized as the pipeline does it; `payload` fills protoPayload. */
function gcpEvent(payload: Record<string, unknown>, resource: Record<string, unknown> = {}): OcsfEvent {
  const record = {
    insertId: 'derived-gcp-0001',
    logName: 'projects/contoso-prod-4821/logs/cloudaudit.googleapis.com%2Factivity',
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: {},
      authenticationInfo: { principalEmail: 'alice@contoso.example' },
      requestMetadata: { callerIp: '203.0.113.10' },
      serviceName: 'cloudresourcemanager.googleapis.com',
      methodName: 'SetIamPolicy',
      resourceName: 'projects/contoso-prod-4821',
      ...payload,
    },
    resource: { type: 'project', labels: { project_id: 'contoso-prod-4821', ...resource } },
    timestamp: '2026-11-02T10:00:00Z',
  };
  const result = normalizeGcp({
    source: 'gcp',
    variant: 'audit',
    record,
    raw: JSON.stringify(record),
    location: { file: 'derived-gcp.test.ts' },
  });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

const delta = (action: string, role: string, member: string) => ({
  serviceData: {
    '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
    policyDelta: { bindingDeltas: [{ action, role, member }] },
  },
});

describe('addedGrants', () => {
  it('reads ADD binding deltas and ignores removals', () => {
    // Prepare
    const event = gcpEvent({
      serviceData: {
        policyDelta: {
          bindingDeltas: [
            { action: 'ADD', role: 'roles/editor', member: 'user:bob@contoso.example' },
            { action: 'REMOVE', role: 'roles/owner', member: 'user:carol@contoso.example' },
          ],
        },
      },
      request: { policy: { bindings: [{ role: 'roles/viewer', members: ['user:dan@contoso.example'] }] } },
    });

    // Act
    const grants = addedGrants(event);

    // Assess: the delta wins over the full requested policy
    expect(grants).toEqual([{ role: 'roles/editor', member: 'user:bob@contoso.example' }]);
  });

  it('reads BigQuery dataset binding deltas from metadata', () => {
    const event = gcpEvent({
      serviceName: 'bigquery.googleapis.com',
      methodName: 'google.iam.v1.IAMPolicy.SetIamPolicy',
      metadata: {
        datasetChange: {
          bindingDeltas: [{ action: 'ADD', role: 'roles/bigquery.dataViewer', member: 'allUsers' }],
        },
      },
    });

    expect(publicAccess(event)).toEqual(['roles/bigquery.dataViewer to allUsers']);
  });

  it('falls back to the requested policy and to BigQuery access entries', () => {
    const policy = gcpEvent({
      serviceName: 'compute.googleapis.com',
      methodName: 'v1.compute.disks.setIamPolicy',
      request: { policy: { bindings: [{ role: 'roles/owner', members: ['user:attacker@gmail.com'] }] } },
    });
    const dataset = gcpEvent({
      serviceName: 'bigquery.googleapis.com',
      methodName: 'google.cloud.bigquery.v2.DatasetService.PatchDataset',
      request: {
        dataset: {
          access: [
            { role: 'READER', specialGroup: 'allAuthenticatedUsers' },
            { role: 'OWNER', userByEmail: 'alice@contoso.example' },
            { role: 'READER', specialGroup: 'projectReaders' },
          ],
        },
      },
    });

    expect(addedGrants(policy)).toEqual([{ role: 'roles/owner', member: 'user:attacker@gmail.com' }]);
    expect(addedGrants(dataset)).toEqual([
      { role: 'READER', member: 'allAuthenticatedUsers' },
      { role: 'OWNER', member: 'user:alice@contoso.example' },
    ]);
  });
});

describe('grant classifiers', () => {
  it('names privileged roles only', () => {
    expect(
      privilegedGrants(
        gcpEvent(delta('ADD', 'roles/iam.serviceAccountTokenCreator', 'user:m@contoso.example')),
      ),
    ).toEqual(['roles/iam.serviceAccountTokenCreator to user:m@contoso.example']);
    expect(privilegedGrants(gcpEvent(delta('ADD', 'roles/viewer', 'user:m@contoso.example')))).toEqual([]);
  });

  it('names grants to consumer accounts, not to corporate ones or service accounts', () => {
    expect(personalAccountGrants(gcpEvent(delta('ADD', 'roles/viewer', 'user:Someone@GMAIL.com')))).toEqual([
      'roles/viewer to user:Someone@GMAIL.com',
    ]);
    expect(personalAccountGrants(gcpEvent(delta('ADD', 'roles/viewer', 'user:bob@contoso.example')))).toEqual(
      [],
    );
    expect(
      personalAccountGrants(
        gcpEvent(delta('ADD', 'roles/viewer', 'serviceAccount:x@p.iam.gserviceaccount.com')),
      ),
    ).toEqual([]);
  });

  it('names a consumer-account caller', () => {
    expect(
      personalAccountActor(gcpEvent({ authenticationInfo: { principalEmail: 'attacker@gmail.com' } })),
    ).toBe('attacker@gmail.com');
    expect(personalAccountActor(gcpEvent({}))).toBeUndefined();
  });
});

describe('auditLoggingReductions', () => {
  it('reports removed log types and new exemptions, not additions', () => {
    const event = gcpEvent({
      serviceData: {
        policyDelta: {
          auditConfigDeltas: [
            { action: 'REMOVE', service: 'storage.googleapis.com', logType: 'DATA_READ' },
            {
              action: 'ADD',
              service: 'allServices',
              logType: 'DATA_WRITE',
              exemptedMember: 'user:m@contoso.example',
            },
            { action: 'ADD', service: 'storage.googleapis.com', logType: 'DATA_WRITE' },
            {
              action: 'REMOVE',
              service: 'allServices',
              logType: 'DATA_READ',
              exemptedMember: 'user:x@contoso.example',
            },
          ],
        },
      },
    });

    expect(auditLoggingReductions(event)).toEqual([
      'DATA_READ for storage.googleapis.com removed',
      'user:m@contoso.example exempted from DATA_WRITE for allServices',
    ]);
  });
});

describe('worldOpenFirewall', () => {
  const firewall = (methodName: string, request: Record<string, unknown>) =>
    gcpEvent({ serviceName: 'compute.googleapis.com', methodName, request });

  it('names admin ports and all-port rules open to the internet', () => {
    expect(
      worldOpenFirewall(
        firewall('v1.compute.firewalls.insert', {
          alloweds: [{ IPProtocol: 'tcp', ports: ['20-25', '443'] }, { IPProtocol: 'udp' }],
          sourceRanges: ['0.0.0.0/0'],
        }),
      ),
    ).toEqual(['tcp/22', 'tcp/23']);
    expect(
      worldOpenFirewall(
        firewall('v1.compute.firewalls.insert', { allowed: [{ IPProtocol: 'all' }], sourceRanges: ['::/0'] }),
      ),
    ).toEqual(['all ports']);
    expect(
      worldOpenFirewall(firewall('v1.compute.firewalls.insert', { allowed: [{ IPProtocol: 'tcp' }] })),
    ).toEqual(['all TCP ports']);
  });

  it('reads firewall-policy rules', () => {
    const event = firewall('v1.compute.networkFirewallPolicies.addRule', {
      action: 'allow',
      direction: 'INGRESS',
      match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['3389'] }] },
    });

    expect(worldOpenFirewall(event)).toEqual(['tcp/3389']);
  });

  it('flags a patch that opens sources without restating ports', () => {
    expect(
      worldOpenFirewall(firewall('v1.compute.firewalls.patch', { sourceRanges: ['0.0.0.0/0'] })),
    ).toEqual(['ports unchanged']);
  });

  it('ignores web ports, egress, deny, disabled and restricted rules', () => {
    const cases = [
      { alloweds: [{ IPProtocol: 'tcp', ports: ['443'] }], sourceRanges: ['0.0.0.0/0'] },
      { alloweds: [{ IPProtocol: 'all' }], sourceRanges: ['0.0.0.0/0'], direction: 'EGRESS' },
      { denieds: [{ IPProtocol: 'all' }], sourceRanges: ['0.0.0.0/0'] },
      { alloweds: [{ IPProtocol: 'all' }], sourceRanges: ['0.0.0.0/0'], disabled: true },
      { alloweds: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceRanges: ['35.235.240.0/20'] },
      { alloweds: [{ IPProtocol: 'tcp', ports: ['22'] }], sourceTags: ['bastion'] },
    ];
    for (const request of cases)
      expect(worldOpenFirewall(firewall('v1.compute.firewalls.insert', request))).toEqual([]);
    expect(
      worldOpenFirewall(
        firewall('v1.compute.firewallPolicies.addRule', {
          action: 'deny',
          match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
        }),
      ),
    ).toEqual([]);
  });
});

describe('changedMetadataKeys', () => {
  it('reads key names from the instance or project delta', () => {
    const instance = gcpEvent({
      methodName: 'v1.compute.instances.setMetadata',
      metadata: {
        instanceMetadataDelta: {
          addedMetadataKeys: ['ssh-keys public-key-here'],
          modifiedMetadataKeys: ['Startup-Script'],
        },
      },
    });
    const project = gcpEvent({
      methodName: 'v1.compute.projects.setCommonInstanceMetadata',
      metadata: {
        projectMetadataDelta: { deletedMetadataKeys: ['ssh-keys'], addedMetadataKeys: ['enable-oslogin'] },
      },
    });

    expect(changedMetadataKeys(instance)).toEqual(['ssh-keys', 'startup-script']);
    expect(changedMetadataKeys(project)).toEqual(['enable-oslogin']);
  });

  it('falls back to the items of the request', () => {
    const event = gcpEvent({
      methodName: 'v1.compute.instances.setMetadata',
      request: { items: [{ key: 'startup-script-url', value: 'gs://x/y.sh' }] },
    });

    expect(changedMetadataKeys(event)).toEqual(['startup-script-url']);
  });
});

describe('notebookStartupScripts', () => {
  it('reads v2 gceSetup metadata and v1 metadata items', () => {
    const v2 = gcpEvent({
      methodName: 'google.cloud.notebooks.v2.NotebookService.UpdateInstance',
      request: {
        instance: { gceSetup: { metadata: { 'post-startup-script': 'gs://evil/x.sh', other: 'y' } } },
      },
    });
    const v1 = gcpEvent({
      methodName: 'google.cloud.notebooks.v1.NotebookService.UpdateInstanceMetadataItems',
      request: { items: { 'startup-script': 'curl x | sh' } },
    });

    expect(notebookStartupScripts(v2)).toEqual(['post-startup-script=gs://evil/x.sh']);
    expect(notebookStartupScripts(v1)).toEqual(['startup-script=curl x | sh']);
    expect(notebookStartupScripts(gcpEvent({ request: { instance: { labels: { a: 'b' } } } }))).toEqual([]);
  });
});

describe('relaxedOrgPolicies', () => {
  const call = (methodName: string, request: Record<string, unknown>) =>
    relaxedOrgPolicies(gcpEvent({ serviceName: 'orgpolicy.googleapis.com', methodName, request }));

  it('names v2 policies that stop enforcing, reset or are deleted', () => {
    const update = 'google.cloud.orgpolicy.v2.OrgPolicy.UpdatePolicy';
    expect(
      call(update, {
        policy: {
          name: 'projects/p/policies/iam.disableServiceAccountKeyCreation',
          spec: { rules: [{ enforce: false }] },
        },
      }),
    ).toEqual(['iam.disableServiceAccountKeyCreation']);
    expect(
      call(update, {
        policy: {
          name: 'organizations/1/policies/gcp.resourceLocations',
          spec: { rules: [{ allowAll: true }] },
        },
      }),
    ).toEqual(['gcp.resourceLocations']);
    expect(
      call(update, { policy: { name: 'projects/p/policies/compute.requireOsLogin', spec: { reset: true } } }),
    ).toEqual(['compute.requireOsLogin']);
    expect(
      call('google.cloud.orgpolicy.v2.OrgPolicy.DeletePolicy', {
        name: 'projects/p/policies/storage.publicAccessPrevention',
      }),
    ).toEqual(['storage.publicAccessPrevention']);
    expect(
      call(update, {
        policy: { name: 'projects/p/policies/compute.requireOsLogin', spec: { rules: [{ enforce: true }] } },
      }),
    ).toEqual([]);
  });

  it('names v1 policies that are unenforced, allow everything, restored or cleared', () => {
    expect(
      call('SetOrgPolicy', {
        policy: { constraint: 'constraints/compute.requireOsLogin', booleanPolicy: {} },
      }),
    ).toEqual(['compute.requireOsLogin']);
    expect(
      call('SetOrgPolicy', {
        policy: {
          constraint: 'constraints/iam.allowedPolicyMemberDomains',
          listPolicy: { allValues: 'ALLOW' },
        },
      }),
    ).toEqual(['iam.allowedPolicyMemberDomains']);
    expect(call('ClearOrgPolicy', { constraint: 'constraints/sql.restrictPublicIp' })).toEqual([
      'sql.restrictPublicIp',
    ]);
    expect(
      call('SetOrgPolicy', {
        policy: { constraint: 'constraints/compute.requireOsLogin', booleanPolicy: { enforced: true } },
      }),
    ).toEqual([]);
  });
});

describe('small readers', () => {
  it('zoneOf reads the label, else the resource name', () => {
    expect(zoneOf(gcpEvent({}, { zone: 'us-east1-b' }))).toBe('us-east1-b');
    expect(zoneOf(gcpEvent({ resourceName: 'projects/p/zones/europe-west4-a/instances/vm-1' }))).toBe(
      'europe-west4-a',
    );
    expect(zoneOf(gcpEvent({}))).toBeUndefined();
  });

  it('lifecycleDeleteAges reads Delete rules only', () => {
    const event = gcpEvent({
      methodName: 'storage.buckets.update',
      request: {
        lifecycle: {
          rule: [
            { action: { type: 'Delete' }, condition: { age: 1 } },
            { action: { type: 'SetStorageClass', storageClass: 'COLDLINE' }, condition: { age: 30 } },
          ],
        },
      },
    });

    expect(lifecycleDeleteAges(event)).toEqual([1]);
  });

  it('testedPermissionCount counts the permissions asked about', () => {
    const permissions = Array.from({ length: 100 }, (_, i) => `compute.instances.p${i}`);
    expect(
      testedPermissionCount(gcpEvent({ methodName: 'TestIamPermissions', request: { permissions } })),
    ).toBe(100);
    expect(testedPermissionCount(gcpEvent({}))).toBeUndefined();
  });

  it('GCP_DERIVED returns undefined instead of an empty list', () => {
    const event = gcpEvent({});
    for (const name of Object.keys(GCP_DERIVED)) {
      expect(GCP_DERIVED[name]!(event)).toBeUndefined();
    }
  });
});
