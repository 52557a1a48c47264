import { type GcpContext, type GcpPlan, numericId } from '../context.ts';
import { computeWrite, gcpStep, operationResponse } from '../entry.ts';

const projectResource = (ctx: GcpContext) => ({ type: 'project', labels: { project_id: ctx.project } });

function sink(ctx: GcpContext) {
  const name = `stratus-red-team-audit-logs-sink-${ctx.suffix}`;
  const bucket = `stratus-red-team-audit-logs-${ctx.suffix}`;
  return {
    name,
    path: `projects/${ctx.project}/sinks/${name}`,
    destination: `storage.googleapis.com/${bucket}`,
    bucket,
    resource: {
      type: 'logging_sink',
      labels: { destination: `storage.googleapis.com/${bucket}`, name, project_id: ctx.project },
    },
  };
}

/** Logging's admin API is gRPC, and so is its user agent. */
const deleteSink: GcpPlan = (ctx) => {
  const s = sink(ctx);
  return [
    gcpStep(ctx, () => ({
      log: 'activity',
      service: 'logging.googleapis.com',
      method: 'google.logging.v2.ConfigServiceV2.DeleteSink',
      resourceName: s.path,
      resource: s.resource,
      permissions: [{ permission: 'logging.sinks.delete' }],
      userAgent: ctx.grpcAgent,
      request: { '@type': 'type.googleapis.com/google.logging.v2.DeleteSinkRequest', sinkName: s.path },
    })),
  ];
};

const disableSink: GcpPlan = (ctx) => {
  const s = sink(ctx);
  const logSink = {
    name: s.name,
    destination: s.destination,
    filter: 'logName:"cloudaudit.googleapis.com"',
    disabled: true,
    writerIdentity: `serviceAccount:service-${ctx.projectNumber}@gcp-sa-logging.iam.gserviceaccount.com`,
  };
  return [
    gcpStep(ctx, () => ({
      log: 'data_access',
      service: 'logging.googleapis.com',
      method: 'google.logging.v2.ConfigServiceV2.GetSink',
      resourceName: s.path,
      resource: s.resource,
      permissions: [{ permission: 'logging.sinks.get' }],
      userAgent: ctx.grpcAgent,
      request: { '@type': 'type.googleapis.com/google.logging.v2.GetSinkRequest', sinkName: s.path },
    })),
    gcpStep(ctx, () => ({
      log: 'activity',
      service: 'logging.googleapis.com',
      method: 'google.logging.v2.ConfigServiceV2.UpdateSink',
      resourceName: s.path,
      resource: s.resource,
      permissions: [{ permission: 'logging.sinks.update' }],
      userAgent: ctx.grpcAgent,
      request: {
        '@type': 'type.googleapis.com/google.logging.v2.UpdateSinkRequest',
        sinkName: s.path,
        sink: logSink,
        updateMask: 'disabled',
      },
      response: { '@type': 'type.googleapis.com/google.logging.v2.LogSink', ...logSink },
    })),
  ];
};

/** A lifecycle rule deleting every object after a day, on the bucket the sink writes to. */
const reduceRetention: GcpPlan = (ctx) => {
  const s = sink(ctx);
  return [
    gcpStep(ctx, () => ({
      log: 'activity',
      service: 'storage.googleapis.com',
      method: 'storage.buckets.update',
      resourceName: `projects/_/buckets/${s.bucket}`,
      resource: {
        type: 'gcs_bucket',
        labels: { bucket_name: s.bucket, location: 'us', project_id: ctx.project },
      },
      permissions: [{ permission: 'storage.buckets.update' }],
      request: {
        '@type': 'type.googleapis.com/storage.buckets.update',
        lifecycle: { rule: [{ action: { type: 'Delete' }, condition: { age: 1 } }] },
      },
    })),
  ];
};

const STORAGE_AUDIT = ['DATA_READ', 'DATA_WRITE'];

/**
 * Two SetIamPolicy calls on the project: the first writes an audit config for Cloud Storage, the
 * second removes it; AuditData records each as `auditConfigDeltas`.
 */
const disableAuditLogs: GcpPlan = (ctx) => {
  const getPolicy = gcpStep(ctx, () => ({
    log: 'data_access',
    service: 'cloudresourcemanager.googleapis.com',
    method: 'GetIamPolicy',
    resourceName: `projects/${ctx.project}`,
    resource: projectResource(ctx),
    permissions: [{ permission: 'resourcemanager.projects.getIamPolicy' }],
    request: { '@type': 'type.googleapis.com/google.iam.v1.GetIamPolicyRequest', resource: ctx.project },
  }));
  const setPolicy = (action: 'ADD' | 'REMOVE') =>
    gcpStep(ctx, () => ({
      log: 'activity',
      service: 'cloudresourcemanager.googleapis.com',
      method: 'SetIamPolicy',
      resourceName: `projects/${ctx.project}`,
      resource: projectResource(ctx),
      permissions: [{ permission: 'resourcemanager.projects.setIamPolicy' }],
      request: {
        '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest',
        resource: ctx.project,
        policy: {
          auditConfigs:
            action === 'ADD'
              ? [
                  {
                    service: 'storage.googleapis.com',
                    auditLogConfigs: STORAGE_AUDIT.map((logType) => ({ logType })),
                  },
                ]
              : [],
          etag: ctx.rng.base64(12),
        },
        updateMask: 'auditConfigs,etag',
      },
      serviceData: {
        '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
        policyDelta: {
          auditConfigDeltas: STORAGE_AUDIT.map((logType) => ({
            action,
            service: 'storage.googleapis.com',
            logType,
          })),
        },
      },
    }));
  return [getPolicy, setPolicy('ADD'), getPolicy, setPolicy('REMOVE')];
};

/** The move is denied (the caller lacks resourcemanager.projects.move), and still logged. */
const leaveOrganization: GcpPlan = (ctx) => [
  gcpStep(ctx, () => ({
    log: 'data_access',
    service: 'cloudresourcemanager.googleapis.com',
    method: 'google.cloud.resourcemanager.v3.Projects.GetProject',
    resourceName: `projects/${ctx.project}`,
    resource: projectResource(ctx),
    permissions: [{ permission: 'resourcemanager.projects.get' }],
    userAgent: ctx.grpcAgent,
    request: {
      '@type': 'type.googleapis.com/google.cloud.resourcemanager.v3.GetProjectRequest',
      name: `projects/${ctx.project}`,
    },
  })),
  gcpStep(ctx, () => ({
    log: 'activity',
    service: 'cloudresourcemanager.googleapis.com',
    method: 'google.cloud.resourcemanager.v3.Projects.MoveProject',
    resourceName: `projects/${ctx.project}`,
    resource: projectResource(ctx),
    permissions: [{ permission: 'resourcemanager.projects.move', granted: false }],
    userAgent: ctx.grpcAgent,
    request: {
      '@type': 'type.googleapis.com/google.cloud.resourcemanager.v3.MoveProjectRequest',
      name: `projects/${ctx.project}`,
      destinationParent: 'organizations/987654321098',
    },
    status: {
      code: 7,
      message: `Permission 'resourcemanager.projects.move' denied on resource '//cloudresourcemanager.googleapis.com/projects/${ctx.project}' (or it may not exist).`,
    },
  })),
];

function subnet(ctx: GcpContext) {
  const name = `stratus-red-team-subnet-${ctx.suffix}`;
  const region = 'us-central1';
  const id = numericId(ctx, 19);
  return {
    name,
    region,
    id,
    path: `projects/${ctx.project}/regions/${region}/subnetworks/${name}`,
    resource: {
      type: 'gce_subnetwork',
      labels: { location: region, project_id: ctx.project, subnetwork_id: id, subnetwork_name: name },
    },
  };
}

const removeFlowLogs: GcpPlan = (ctx) => {
  const s = subnet(ctx);
  return [
    gcpStep(ctx, () => ({
      log: 'data_access',
      service: 'compute.googleapis.com',
      method: 'v1.compute.subnetworks.get',
      resourceName: s.path,
      resource: s.resource,
      permissions: [{ permission: 'compute.subnetworks.get' }],
    })),
    ...computeWrite(ctx, (operation) => ({
      log: 'activity',
      service: 'compute.googleapis.com',
      method: 'v1.compute.subnetworks.patch',
      resourceName: s.path,
      resource: s.resource,
      permissions: [{ permission: 'compute.subnetworks.update' }],
      request: {
        '@type': 'type.googleapis.com/compute.subnetworks.patch',
        fingerprint: ctx.rng.base64(11),
        logConfig: { enable: false },
      },
      response: operationResponse(ctx, operation, 'patch', {
        link: s.path,
        id: s.id,
        scope: `regions/${s.region}`,
      }),
    })),
  ];
};

/** Cloud DNS cannot delete a policy still bound to networks: the policy is unbound, then deleted. */
const deleteDnsLogs: GcpPlan = (ctx) => {
  const name = `stratus-red-team-dns-logging-policy-${ctx.suffix}`;
  const path = `projects/${ctx.project}/policies/${name}`;
  const resource = {
    type: 'dns_policy',
    labels: { location: 'global', policy_name: name, project_id: ctx.project },
  };
  return [
    gcpStep(ctx, () => ({
      log: 'activity',
      service: 'dns.googleapis.com',
      method: 'dns.policies.patch',
      resourceName: path,
      resource,
      permissions: [{ permission: 'dns.policies.update' }],
      request: {
        '@type': 'type.googleapis.com/cloud.dns.api.PoliciesPatchRequest',
        policy: name,
        project: ctx.project,
        policyResource: { enableLogging: true, networks: [] },
      },
    })),
    gcpStep(ctx, () => ({
      log: 'activity',
      service: 'dns.googleapis.com',
      method: 'dns.policies.delete',
      resourceName: path,
      resource,
      permissions: [{ permission: 'dns.policies.delete' }],
      request: {
        '@type': 'type.googleapis.com/cloud.dns.api.PoliciesDeleteRequest',
        policy: name,
        project: ctx.project,
      },
    })),
  ];
};

export const gcpDefenseEvasionPlans: Readonly<Record<string, GcpPlan>> = {
  'gcp.defense-evasion.delete-dns-logs': deleteDnsLogs,
  'gcp.defense-evasion.delete-logging-sink': deleteSink,
  'gcp.defense-evasion.disable-audit-logs': disableAuditLogs,
  'gcp.defense-evasion.disable-logging-sink': disableSink,
  'gcp.defense-evasion.reduce-sink-log-retention': reduceRetention,
  'gcp.defense-evasion.remove-project-from-organization': leaveOrganization,
  'gcp.defense-evasion.remove-vpc-flow-logs': removeFlowLogs,
};
