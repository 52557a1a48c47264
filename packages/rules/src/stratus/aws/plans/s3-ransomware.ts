import { type AwsContext, s3Object, s3Transfer } from '../context.ts';
import type { AwsCall } from '../record.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';

const RANSOM_NOTE = 'FILES-DELETED.txt';
const RANSOM_NOTE_BYTES = 226;
/** The warm-up writes 51 objects named from two random words and a random extension. */
const FILE_COUNT = 51;
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
  'summary',
  'orders',
  'secret',
  'forecast',
  'audit',
  'vendor',
  'pricing',
  'roadmap',
  'design',
  'minutes',
];
const EXTENSIONS = ['sql', 'txt', 'docx', 'pdf', 'png', 'tar.gz'];

interface Victim {
  bucket: string;
  host: string;
  files: { key: string; size: number; versionId: string }[];
}

function victimBucket(ctx: AwsContext): Victim {
  const bucket = `stratus-red-team-ransomware-bucket-${ctx.suffix}`;
  const files = Array.from({ length: FILE_COUNT }, () => ({
    key: `${ctx.rng.pick(WORDS)}${ctx.rng.pick([' ', '-', '_'])}${ctx.rng.pick(WORDS)}.${ctx.rng.pick(EXTENSIONS)}`,
    size: ctx.rng.int(2, 400),
    versionId: ctx.rng.base64(32).replace(/[+/]/g, '_'),
  }));
  return { bucket, host: `${bucket}.s3.${ctx.region}.amazonaws.com`, files };
}

function objectCall(
  ctx: AwsContext,
  v: Victim,
  key: string,
  extra: Record<string, unknown>,
  bytes: [number, number],
): AwsCall {
  const o = s3Object(ctx, v.bucket, key, extra);
  return {
    by: ctx.operator,
    host: o.host,
    request: o.request,
    resources: o.resources,
    additionalEventData: s3Transfer(ctx, ...bytes),
    dataEvent: true,
  };
}

function bucketRead(ctx: AwsContext, v: Victim, key: string, extra: Record<string, unknown>): AwsStep {
  return {
    key,
    call: () => ({
      by: ctx.operator,
      host: v.host,
      request: { bucketName: v.bucket, Host: v.host, ...extra },
      resources: [{ accountId: ctx.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${v.bucket}` }],
      additionalEventData: s3Transfer(ctx, 0, 412 * FILE_COUNT),
      dataEvent: true,
    }),
  };
}

/** Stratus downloads every object first (ListObjectsV2 is logged as ListObjects, `list-type` 2). */
function download(ctx: AwsContext, v: Victim): AwsStep[] {
  return [
    bucketRead(ctx, v, 's3:ListObjects', { 'list-type': '2' }),
    {
      key: 's3:GetObject',
      count: FILE_COUNT,
      gapMs: [40, 250],
      call: (i) => {
        const file = v.files[i % FILE_COUNT]!;
        return objectCall(ctx, v, file.key, { 'x-id': 'GetObject' }, [0, file.size]);
      },
    },
    bucketRead(ctx, v, 's3:ListObjectVersions', { versions: '' }),
  ];
}

function ransomNote(ctx: AwsContext, v: Victim): AwsStep {
  return {
    key: 's3:PutObject',
    call: () => ({
      ...objectCall(ctx, v, RANSOM_NOTE, { 'x-id': 'PutObject' }, [RANSOM_NOTE_BYTES, 0]),
      response: {
        'x-amz-server-side-encryption': 'AES256',
        'x-amz-version-id': ctx.rng.base64(32).replace(/[+/]/g, '_'),
      },
    }),
  };
}

const batchDeletion: AwsPlan = (ctx) => {
  const v = victimBucket(ctx);
  return [
    ...download(ctx, v),
    {
      key: 's3:DeleteObjects',
      call: () => ({
        by: ctx.operator,
        host: v.host,
        request: { bucketName: v.bucket, Host: v.host, delete: '', 'x-id': 'DeleteObjects' },
        resources: [
          { type: 'AWS::S3::Object', ARNPrefix: `arn:aws:s3:::${v.bucket}/` },
          { accountId: ctx.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${v.bucket}` },
        ],
        additionalEventData: s3Transfer(ctx, 96 * FILE_COUNT, 88 * FILE_COUNT),
        dataEvent: true,
      }),
    },
    ransomNote(ctx, v),
  ];
};

/** Every version is deleted by id, one request per object. */
const individualDeletion: AwsPlan = (ctx) => {
  const v = victimBucket(ctx);
  return [
    ...download(ctx, v),
    {
      key: 's3:DeleteObject',
      count: FILE_COUNT,
      gapMs: [40, 250],
      call: (i) => {
        const file = v.files[i % FILE_COUNT]!;
        return objectCall(ctx, v, file.key, { versionId: file.versionId, 'x-id': 'DeleteObject' }, [0, 0]);
      },
    },
    ransomNote(ctx, v),
  ];
};

/** Each object is copied onto itself with SSE-C: only the holder of the customer key can read it back. */
const clientSideEncryption: AwsPlan = (ctx) => {
  const v = victimBucket(ctx);
  return [
    ...download(ctx, v),
    {
      key: 's3:CopyObject',
      count: FILE_COUNT,
      gapMs: [40, 250],
      call: (i) => {
        const file = v.files[i % FILE_COUNT]!;
        const call = objectCall(
          ctx,
          v,
          file.key,
          {
            'x-amz-server-side-encryption-customer-algorithm': 'AES256',
            'x-amz-copy-source': `${v.bucket}/${file.key}`,
            'x-id': 'CopyObject',
          },
          [0, 234],
        );
        return {
          ...call,
          response: { 'x-amz-server-side-encryption-customer-algorithm': 'AES256' },
          additionalEventData: { ...call.additionalEventData, SSEApplied: 'SSE_C' },
        };
      },
    },
    ransomNote(ctx, v),
  ];
};

export const s3RansomwarePlans: Readonly<Record<string, AwsPlan>> = {
  'aws.impact.s3-ransomware-batch-deletion': batchDeletion,
  'aws.impact.s3-ransomware-client-side-encryption': clientSideEncryption,
  'aws.impact.s3-ransomware-individual-deletion': individualDeletion,
};
