import { SECOND } from '../time.ts';
import { s3Object } from './aws-data.ts';
import { act } from './aws-emit.ts';
import { call, type Job } from './ci-job.ts';

/** Upload the bundle, update the code, wait, publish and point the alias at it. */
export function deployLambda(job: Job, time: number): number {
  const { actor, account, res, repo, sha } = job;
  const { rng } = actor.day;
  const bucket = account.buckets.find((b) => b.endsWith('artifacts'))!;
  const key = `${repo.name}/${sha}.zip`;
  let t = time;
  act(
    actor,
    t,
    s3Object(
      rng,
      'PutObject',
      account.id,
      res.region,
      bucket,
      key,
      rng.int(400_000, 9_000_000),
      res.keys[0]!.arn,
    ),
    's3.cp',
  );
  t += rng.int(2, 8) * SECOND;
  const fn = repo.target;
  act(
    actor,
    t,
    call(
      'lambda.amazonaws.com',
      'UpdateFunctionCode20150331v2',
      false,
      { functionName: fn, s3Bucket: bucket, s3Key: key, publish: false },
      {
        functionName: fn,
        functionArn: `arn:aws:lambda:${res.region}:${account.id}:function:${fn}`,
        runtime: 'nodejs20.x',
        codeSha256: `${rng.chars(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}=`,
        lastUpdateStatus: 'InProgress',
      },
    ),
    'lambda.update-function-code',
  );
  const polls = rng.int(2, 4);
  for (let i = 0; i < polls; i++) {
    t += rng.int(2, 5) * SECOND;
    act(
      actor,
      t,
      call('lambda.amazonaws.com', 'GetFunctionConfiguration20150331v2', true, { functionName: fn }),
      'lambda.wait.function-updated-v2',
    );
  }
  t += rng.int(1, 3) * SECOND;
  const version = String(60 + actor.day.index * 2 + rng.int(0, 1));
  act(
    actor,
    t,
    call(
      'lambda.amazonaws.com',
      'PublishVersion20150331',
      false,
      { functionName: fn },
      { functionName: fn, version },
    ),
    'lambda.publish-version',
  );
  t += rng.int(1, 3) * SECOND;
  act(
    actor,
    t,
    call('lambda.amazonaws.com', 'UpdateAlias20150331', false, {
      functionName: fn,
      name: 'live',
      functionVersion: version,
    }),
    'lambda.update-alias',
  );
  return t;
}

/** Sync the built site to its bucket and invalidate the CDN's cached entry page. */
export function deployStatic(job: Job, time: number): number {
  const { actor, account, res } = job;
  const { rng } = actor.day;
  const bucket = account.buckets.find((b) => b.endsWith('web-assets'))!;
  let t = time;
  const files = [
    'index.html',
    ...Array.from(
      { length: rng.int(6, 18) },
      () =>
        `assets/${rng.pick(['index', 'vendor', 'app', 'chunk'])}-${rng.hex(8)}.${rng.pick(['js', 'css', 'js', 'svg'])}`,
    ),
  ];
  for (const file of files) {
    act(
      actor,
      t,
      s3Object(rng, 'PutObject', account.id, res.region, bucket, file, rng.int(2_000, 900_000)),
      's3.sync',
    );
    t += rng.int(80, 600);
  }
  t += rng.int(1, 4) * SECOND;
  act(
    { ...actor, region: 'us-east-1' },
    t,
    call('cloudfront.amazonaws.com', 'CreateInvalidation', false, {
      distributionId: `E${rng.chars(13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}`,
      invalidationBatch: {
        paths: { quantity: 1, items: ['/index.html'] },
        callerReference: `gha-${job.sha}`,
      },
    }),
    'cloudfront.create-invalidation',
  );
  return t;
}
