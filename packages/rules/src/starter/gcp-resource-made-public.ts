import { CLASS, type OcsfEvent } from '@vigil/schema';
import {
  accountOf,
  actorLabel,
  at,
  isSuccess,
  items,
  operationOf,
  requestData,
  unmapped,
} from '../fields.ts';
import { defineRule } from '../rule.ts';
import { gcpAudit } from './samples.ts';

const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

/**
 * Roles granted to `allUsers`/`allAuthenticatedUsers` by a SetIamPolicy call. Audit entries carry
 * the change as `serviceData.policyDelta.bindingDeltas`; without it the requested policy is read.
 */
export function publicGrants(event: OcsfEvent): string[] {
  const deltas = items(at(unmapped(event), 'serviceData', 'policyDelta', 'bindingDeltas'));
  if (deltas.length > 0) {
    return deltas
      .filter((d) => at(d, 'action') === 'ADD' && PUBLIC_MEMBERS.has(String(at(d, 'member'))))
      .map((d) => `${String(at(d, 'role'))} to ${String(at(d, 'member'))}`);
  }
  const grants: string[] = [];
  for (const binding of items(at(requestData(event), 'policy', 'bindings'))) {
    for (const member of items(at(binding, 'members'))) {
      if (PUBLIC_MEMBERS.has(String(member)))
        grants.push(`${String(at(binding, 'role'))} to ${String(member)}`);
    }
  }
  return grants;
}

function isSetIamPolicy(e: OcsfEvent): boolean {
  const op = operationOf(e)?.toLowerCase() ?? '';
  return op.endsWith('setiampolicy') || op === 'storage.setiampermissions';
}

const resourceOf = (e: OcsfEvent) => ('resources' in e && e.resources?.[0]?.name) || 'unknown-resource';

function setPolicy(member: string, role: string, action = 'ADD'): string {
  return gcpAudit({
    serviceName: 'storage.googleapis.com',
    methodName: 'storage.setIamPermissions',
    resourceName: 'projects/_/buckets/vigil-demo-exports',
    serviceData: {
      '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
      policyDelta: { bindingDeltas: [{ action, role, member }] },
    },
  });
}

export const gcpResourceMadePublic = defineRule({
  id: 'gcp-resource-made-public',
  title: 'GCP resource made public with an IAM binding to allUsers',
  description:
    'A SetIamPolicy call granted a role to allUsers or allAuthenticatedUsers, making the resource (often a storage bucket) readable by anyone on the internet. A common way to stage data for exfiltration, and a common accident.',
  severity: 'high',
  confidence: 80,
  status: 'stable',
  attack: { tactics: ['TA0009', 'TA0010'], techniques: ['T1530'] },
  references: [
    'https://attack.mitre.org/techniques/T1530/',
    'https://cloud.google.com/storage/docs/access-control/making-data-public',
  ],
  runbook: [
    'Check whether the resource is meant to be public (a website bucket) and who owns it.',
    'If not, remove the allUsers/allAuthenticatedUsers binding and enforce public access prevention on the bucket or project.',
    'Review data-access logs for reads by unknown principals since the change.',
  ],
  falsePositives: ['Buckets hosting public websites or downloads by design.'],
  classes: [CLASS.API_ACTIVITY.class_uid],
  match: (e) => e.cloud.provider === 'GCP' && isSuccess(e) && isSetIamPolicy(e) && publicGrants(e).length > 0,
  summary: (e) =>
    `${resourceOf(e)}: ${publicGrants(e).join(', ')} by ${actorLabel(e)} in project ${accountOf(e)}`,
  dedup: { key: (e) => `${accountOf(e)}|${resourceOf(e)}`, periodMinutes: 60 },
  tests: {
    positive: [
      {
        name: 'bucket objectViewer to allUsers',
        records: [setPolicy('allUsers', 'roles/storage.objectViewer')],
      },
      {
        name: 'project policy with allAuthenticatedUsers',
        records: [
          gcpAudit({
            serviceName: 'cloudresourcemanager.googleapis.com',
            methodName: 'SetIamPolicy',
            resourceName: 'projects/vigil-demo',
            resourceType: 'project',
            request: {
              '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest',
              resource: 'projects/vigil-demo',
              policy: {
                bindings: [
                  { role: 'roles/viewer', members: ['allAuthenticatedUsers', 'user:bob@example.com'] },
                ],
              },
            },
          }),
        ],
      },
    ],
    negative: [
      {
        name: 'grant to a named user',
        records: [setPolicy('user:bob@example.com', 'roles/storage.objectViewer')],
      },
      {
        name: 'public binding removed',
        records: [setPolicy('allUsers', 'roles/storage.objectViewer', 'REMOVE')],
      },
    ],
  },
});
