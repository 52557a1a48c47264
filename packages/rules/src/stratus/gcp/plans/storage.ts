import type { GcpContext, GcpPlan } from '../context.ts';
import { type GcpCall, gcpStep, type Permission } from '../entry.ts';

const STORAGE = 'storage.googleapis.com';
/** The warm-up's objects, capped as every replay caps a burst. */
const OBJECT_COUNT = 50;
const RANSOM_NOTE = 'FILES-DELETED.txt';
const WORDS = [
  'ledger',
  'invoice',
  'payroll',
  'backup',
  'customer',
  'archive',
  'export',
  'contract',
  'budget',
  'report',
];
const EXTENSIONS = ['sql', 'txt', 'docx', 'pdf', 'png', 'tar.gz'];

function victimBucket(ctx: GcpContext) {
  const bucket = `stratus-red-team-ransomware-bucket-${ctx.suffix}`;
  const objects = Array.from(
    { length: OBJECT_COUNT },
    () => `${ctx.rng.pick(WORDS)}-${ctx.rng.pick(WORDS)}.${ctx.rng.pick(EXTENSIONS)}`,
  );
  return {
    bucket,
    objects,
    resource: {
      type: 'gcs_bucket',
      labels: { bucket_name: bucket, location: 'us-central1', project_id: ctx.project },
    },
  };
}

type Victim = ReturnType<typeof victimBucket>;

/** GCS data access entries: the object path is the resource, the checked permissions say what happened. */
function objectCall(v: Victim, method: string, object: string, permissions: string[]): GcpCall {
  const resourceName = `projects/_/buckets/${v.bucket}/objects/${object}`;
  return {
    log: 'data_access',
    service: STORAGE,
    method,
    resourceName,
    resource: v.resource,
    permissions: permissions.map((permission): Permission => ({ permission })),
  };
}

function listObjects(ctx: GcpContext, v: Victim) {
  return gcpStep(ctx, () => ({
    log: 'data_access',
    service: STORAGE,
    method: 'storage.objects.list',
    resourceName: `projects/_/buckets/${v.bucket}`,
    resource: v.resource,
    permissions: [{ permission: 'storage.objects.list' }],
  }));
}

const ransomNote = (ctx: GcpContext, v: Victim) =>
  gcpStep(ctx, () => objectCall(v, 'storage.objects.create', RANSOM_NOTE, ['storage.objects.create']));

/**
 * objects.rewrite onto the same name with a customer-supplied key is logged as a create that
 * also checked delete: the original is replaced by a copy only the key holder can read.
 */
const clientSideEncryption: GcpPlan = (ctx) => {
  const v = victimBucket(ctx);
  return [
    listObjects(ctx, v),
    gcpStep(
      ctx,
      (i) =>
        objectCall(v, 'storage.objects.create', v.objects[i]!, [
          'storage.objects.delete',
          'storage.objects.create',
        ]),
      OBJECT_COUNT,
    ),
    ransomNote(ctx, v),
  ];
};

/** Every object is read, then deleted one by one (all versions), then the note is written. */
const individualDeletion: GcpPlan = (ctx) => {
  const v = victimBucket(ctx);
  return [
    listObjects(ctx, v),
    gcpStep(
      ctx,
      (i) => objectCall(v, 'storage.objects.get', v.objects[i]!, ['storage.objects.get']),
      OBJECT_COUNT,
    ),
    gcpStep(
      ctx,
      (i) => objectCall(v, 'storage.objects.delete', v.objects[i]!, ['storage.objects.delete']),
      OBJECT_COUNT,
    ),
    ransomNote(ctx, v),
  ];
};

export const gcpStoragePlans: Readonly<Record<string, GcpPlan>> = {
  'gcp.impact.gcs-ransomware-client-side-encryption': clientSideEncryption,
  'gcp.impact.gcs-ransomware-individual-deletion': individualDeletion,
};
