import { type GcpCall, gcpEntry } from '../formats/gcp-entry.ts';
import type { GcpInstance, GcpProject } from '../org/gcp.ts';
import type { Random } from '../random.ts';
import type { Day } from './day.ts';

/** A call without its caller: who made it is added where it is emitted. */
export type GcpAction = Omit<GcpCall, 'principal' | 'callerIp' | 'userAgent'>;

export interface GcpCaller {
  principal?: string;
  callerIp?: string;
  userAgent?: string;
  /** The persona the records belong to, when not the one generating them. */
  persona?: string;
}

export function emitGcp(day: Day, time: number, caller: GcpCaller, action: GcpAction): void {
  const { persona, ...who } = caller;
  const call: GcpCall = { ...action, ...who };
  day.emit('gcp', time, caller.principal ?? action.service, gcpEntry(day.rng, time, call), persona);
}

function dataRead(
  project: GcpProject,
  service: string,
  method: string,
  resourceName: string,
  resource: GcpAction['resource'],
  permission: string,
): GcpAction {
  return {
    log: 'data_access',
    project,
    service,
    method,
    resourceName,
    resource,
    permissions: [permission],
    severity: 'INFO',
  };
}

function bucketResource(project: GcpProject, bucket: string): GcpAction['resource'] {
  return {
    type: 'gcs_bucket',
    labels: { bucket_name: bucket, location: project.region, project_id: project.id },
  };
}

/** Reads people run with gcloud or the console, keyed by the gcloud command. */
export const GCP_READS: readonly (readonly [string, (rng: Random, p: GcpProject) => GcpAction])[] = [
  [
    'gcloud.compute.instances.list',
    (rng, p) => {
      const zone = rng.pick(p.instances).zone;
      return dataRead(
        p,
        'compute.googleapis.com',
        'v1.compute.instances.list',
        `projects/${p.id}/zones/${zone}/instances`,
        { type: 'gce_instance', labels: { instance_id: '', project_id: p.id, zone } },
        'compute.instances.list',
      );
    },
  ],
  [
    'gcloud.storage.ls',
    (rng, p) => {
      const bucket = rng.pick(p.buckets);
      return dataRead(
        p,
        'storage.googleapis.com',
        'storage.objects.list',
        `projects/_/buckets/${bucket}`,
        bucketResource(p, bucket),
        'storage.objects.list',
      );
    },
  ],
  [
    'gcloud.logging.read',
    (_rng, p) =>
      dataRead(
        p,
        'logging.googleapis.com',
        'google.logging.v2.LoggingServiceV2.ListLogEntries',
        `projects/${p.id}`,
        {
          type: 'audited_resource',
          labels: {
            method: 'google.logging.v2.LoggingServiceV2.ListLogEntries',
            project_id: p.id,
            service: 'logging.googleapis.com',
          },
        },
        'logging.logEntries.list',
      ),
  ],
  [
    'gcloud.container.clusters.get-credentials',
    (_rng, p) =>
      dataRead(
        p,
        'container.googleapis.com',
        'google.container.v1.ClusterManager.GetCluster',
        `projects/${p.id}/locations/${p.cluster.location}/clusters/${p.cluster.name}`,
        {
          type: 'gke_cluster',
          labels: { cluster_name: p.cluster.name, location: p.cluster.location, project_id: p.id },
        },
        'container.clusters.get',
      ),
  ],
  [
    'gcloud.iam.service-accounts.list',
    (_rng, p) =>
      dataRead(
        p,
        'iam.googleapis.com',
        'google.iam.admin.v1.ListServiceAccounts',
        `projects/${p.id}`,
        { type: 'service_account', labels: { email_id: '', project_id: p.id, unique_id: '' } },
        'iam.serviceAccounts.list',
      ),
  ],
];

/** An object written to a bucket (data access). */
export function objectCreate(project: GcpProject, bucket: string, name: string): GcpAction {
  return {
    ...dataRead(
      project,
      'storage.googleapis.com',
      'storage.objects.create',
      `projects/_/buckets/${bucket}/objects/${name}`,
      bucketResource(project, bucket),
      'storage.objects.create',
    ),
    metadata: { '@type': 'type.googleapis.com/google.cloud.audit.StorageAuditMetadata' },
  };
}

export function objectGet(project: GcpProject, bucket: string, name: string): GcpAction {
  return dataRead(
    project,
    'storage.googleapis.com',
    'storage.objects.get',
    `projects/_/buckets/${bucket}/objects/${name}`,
    bucketResource(project, bucket),
    'storage.objects.get',
  );
}

/** A BigQuery query job, with the job metadata BigQuery logs (BigQueryAuditMetadata). */
export function queryJob(rng: Random, project: GcpProject, query: string, principal: string): GcpAction {
  const jobId = `bquxjob_${rng.hex(8)}_${rng.hex(11)}`;
  return {
    log: 'data_access',
    project,
    service: 'bigquery.googleapis.com',
    method: 'google.cloud.bigquery.v2.JobService.InsertJob',
    resourceName: `projects/${project.id}/jobs/${jobId}`,
    resource: { type: 'bigquery_project', labels: { location: 'US', project_id: project.id } },
    permissions: ['bigquery.jobs.create'],
    metadata: {
      '@type': 'type.googleapis.com/google.cloud.audit.BigQueryAuditMetadata',
      jobInsertion: {
        reason: 'JOB_INSERT_REQUEST',
        job: {
          jobName: `projects/${project.id}/jobs/${jobId}`,
          jobConfig: {
            type: 'QUERY',
            queryConfig: {
              query,
              statementType: 'SELECT',
              priority: 'QUERY_INTERACTIVE',
              createDisposition: 'CREATE_IF_NEEDED',
              writeDisposition: 'WRITE_EMPTY',
            },
            labels: { requested_by: principal.split('@')[0]!.replaceAll('.', '_') },
          },
          jobStatus: { jobState: 'DONE' },
          jobStats: {
            totalSlotMs: String(rng.int(200, 90_000)),
            queryStats: { totalProcessedBytes: String(rng.int(1, 5000) * 1_048_576) },
          },
        },
      },
    },
    severity: 'INFO',
  };
}

export function queryResults(project: GcpProject, jobResource: string): GcpAction {
  return dataRead(
    project,
    'bigquery.googleapis.com',
    'google.cloud.bigquery.v2.JobService.GetQueryResults',
    jobResource,
    { type: 'bigquery_project', labels: { location: 'US', project_id: project.id } },
    'bigquery.jobs.get',
  );
}

/**
 * Compute Engine instance lifecycle: a long-running operation logged twice, its first entry
 * when requested and its last when done.
 */
export function instanceOperation(
  rng: Random,
  time: number,
  project: GcpProject,
  instance: GcpInstance,
  verb: 'insert' | 'start' | 'stop' | 'delete',
  user: string,
): { first: GcpAction; last: GcpAction } {
  const opId = `operation-${time}-${rng.hex(13)}-${rng.hex(8)}-${rng.hex(8)}`;
  const resourceName = `projects/${project.id}/zones/${instance.zone}/instances/${instance.name}`;
  const base = {
    log: 'activity' as const,
    project,
    service: 'compute.googleapis.com',
    method: `v1.compute.instances.${verb}`,
    resourceName,
    resource: {
      type: 'gce_instance',
      labels: { instance_id: instance.id, project_id: project.id, zone: instance.zone },
    },
    permissions: [verb === 'insert' ? 'compute.instances.create' : `compute.instances.${verb}`],
    severity: 'NOTICE' as const,
  };
  const response = {
    '@type': 'type.googleapis.com/operation',
    id: rng.digits(19),
    name: opId,
    operationType: verb,
    progress: '0',
    status: 'RUNNING',
    targetId: instance.id,
    targetLink: `https://www.googleapis.com/compute/v1/${resourceName}`,
    user,
    zone: `https://www.googleapis.com/compute/v1/projects/${project.id}/zones/${instance.zone}`,
  };
  return {
    first: {
      ...base,
      request: { '@type': `type.googleapis.com/compute.instances.${verb}` },
      response,
      operation: { id: opId, producer: 'compute.googleapis.com', first: true },
    },
    last: {
      ...base,
      permissions: [],
      request: { '@type': `type.googleapis.com/compute.instances.${verb}` },
      operation: { id: opId, producer: 'compute.googleapis.com', last: true },
    },
  };
}

/** Project IAM: one binding added (or removed) for a member, as Resource Manager logs it. */
export function projectIamChange(
  rng: Random,
  project: GcpProject,
  member: string,
  role: string,
  action: 'ADD' | 'REMOVE',
): GcpAction {
  const etag = `BwY${rng.chars(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}=`;
  const bindings = [
    {
      role: 'roles/viewer',
      members: [
        `group:engineering@kestrel.example`,
        ...(action === 'ADD' && role === 'roles/viewer' ? [member] : []),
      ],
    },
    {
      role: 'roles/bigquery.dataViewer',
      members: [
        'group:data-analysts@kestrel.example',
        ...(action === 'ADD' && role !== 'roles/viewer' ? [member] : []),
      ],
    },
  ];
  return {
    log: 'activity',
    project,
    service: 'cloudresourcemanager.googleapis.com',
    method: 'SetIamPolicy',
    resourceName: `projects/${project.id}`,
    resource: { type: 'project', labels: { project_id: project.id } },
    permissions: ['resourcemanager.projects.setIamPolicy'],
    request: {
      '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest',
      policy: { bindings, etag },
      resource: project.id,
      updateMask: 'bindings,etag',
    },
    response: { '@type': 'type.googleapis.com/google.iam.v1.Policy', bindings, etag },
    serviceData: {
      '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
      policyDelta: { bindingDeltas: [{ action, member, role }] },
    },
    severity: 'NOTICE',
  };
}

/** A bucket's IAM policy gains a member (a service account that needs to read it). */
export function bucketIamAdd(project: GcpProject, bucket: string, member: string, role: string): GcpAction {
  return {
    log: 'activity',
    project,
    service: 'storage.googleapis.com',
    method: 'storage.setIamPermissions',
    resourceName: `projects/_/buckets/${bucket}`,
    resource: bucketResource(project, bucket),
    permissions: ['storage.buckets.setIamPolicy'],
    serviceData: {
      '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
      policyDelta: { bindingDeltas: [{ action: 'ADD', role, member }] },
    },
    severity: 'NOTICE',
  };
}

/** A GKE node pool resized by its owner. */
export function nodePoolResize(rng: Random, project: GcpProject, size: number): GcpAction {
  const { cluster } = project;
  return {
    log: 'activity',
    project,
    service: 'container.googleapis.com',
    method: 'google.container.v1.ClusterManager.SetNodePoolSize',
    resourceName: `projects/${project.id}/locations/${cluster.location}/clusters/${cluster.name}/nodePools/default-pool`,
    resource: {
      type: 'gke_nodepool',
      labels: {
        cluster_name: cluster.name,
        location: cluster.location,
        nodepool_name: 'default-pool',
        project_id: project.id,
      },
    },
    permissions: ['container.clusters.update'],
    request: {
      '@type': 'type.googleapis.com/google.container.v1.SetNodePoolSizeRequest',
      nodeCount: size,
      name: `projects/${project.id}/locations/${cluster.location}/clusters/${cluster.name}/nodePools/default-pool`,
    },
    operation: {
      id: `operation-${rng.digits(13)}-${rng.hex(8)}`,
      producer: 'container.googleapis.com',
      first: true,
    },
    severity: 'NOTICE',
  };
}

/** A Kubernetes Deployment patched (image rollout), as GKE's Kubernetes audit log records it. */
export function deploymentPatch(project: GcpProject, namespace: string, name: string): GcpAction {
  const { cluster } = project;
  return {
    log: 'activity',
    project,
    service: 'k8s.io',
    method: 'io.k8s.apps.v1.deployments.patch',
    resourceName: `apps/v1/namespaces/${namespace}/deployments/${name}`,
    resource: {
      type: 'k8s_cluster',
      labels: { cluster_name: cluster.name, location: cluster.location, project_id: project.id },
    },
    permissions: ['io.k8s.apps.v1.deployments.patch'],
    severity: 'NOTICE',
  };
}

/** An event Compute Engine writes itself about an instance (`system_event` log, no caller permissions). */
export function instanceSystemEvent(project: GcpProject, instance: GcpInstance, method: string): GcpAction {
  return {
    log: 'system_event',
    project,
    service: 'compute.googleapis.com',
    method,
    resourceName: `projects/${project.id}/zones/${instance.zone}/instances/${instance.name}`,
    resource: {
      type: 'gce_instance',
      labels: { instance_id: instance.id, project_id: project.id, zone: instance.zone },
    },
    permissions: [],
    severity: 'INFO',
  };
}
