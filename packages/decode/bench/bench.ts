/**
 * Decode-only throughput against a bare JSON.parse baseline, on generated CloudTrail-like data
 * (written under the OS temp directory, never committed):
 *   npx tsx packages/decode/bench/bench.ts [megabytes]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createDecoder } from '../src/index.ts';

const CHUNK = 64 * 1024;
const megabytes = Number(process.argv[2] ?? 100);
const dir = join(tmpdir(), 'vigil-decode-bench');

function cloudTrailLike(i: number): Record<string, unknown> {
  const user = `user-${i % 97}`;
  return {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDA${(i * 7919).toString(36).toUpperCase().padStart(16, 'X')}`,
      arn: `arn:aws:iam::123456789012:user/${user}`,
      accountId: '123456789012',
      accessKeyId: `AKIA${(i * 104729).toString(36).toUpperCase().padStart(16, 'Q')}`,
      userName: user,
      sessionContext: {
        attributes: {
          creationDate: '2024-05-01T10:00:00Z',
          mfaAuthenticated: i % 3 === 0 ? 'true' : 'false',
        },
      },
    },
    eventTime: new Date(Date.UTC(2024, 4, 1) + i * 1000).toISOString().replace('.000', ''),
    eventSource: ['iam.amazonaws.com', 's3.amazonaws.com', 'ec2.amazonaws.com', 'sts.amazonaws.com'][i % 4],
    eventName: ['ListUsers', 'GetObject', 'DescribeInstances', 'AssumeRole', 'PutBucketPolicy'][i % 5],
    awsRegion: ['us-east-1', 'eu-west-1', 'ap-southeast-2'][i % 3],
    sourceIPAddress: `198.51.${(i >> 8) & 255}.${i & 255}`,
    userAgent:
      'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2023 prompt/off command/iam.list-users',
    requestParameters: {
      bucketName: `bucket-${i % 13}`,
      key: `logs/2024/05/01/object-${i}.json.gz`,
      maxItems: 100,
      filters: [{ name: 'instance-state-name', values: ['running', 'stopped'] }],
    },
    responseElements:
      i % 7 === 0 ? { credentials: { accessKeyId: 'ASIAEXAMPLE', expiration: 'May 1, 2024' } } : null,
    requestID: `${i.toString(16).padStart(8, '0')}-aaaa-bbbb-cccc-1234567890ab`,
    eventID: `${(i * 31).toString(16).padStart(8, '0')}-dddd-eeee-ffff-1234567890ab`,
    readOnly: i % 5 !== 4,
    resources: [
      {
        accountId: '123456789012',
        type: 'AWS::S3::Object',
        ARN: `arn:aws:s3:::bucket-${i % 13}/object-${i}`,
      },
    ],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: 'iam.amazonaws.com',
    },
  };
}

function generate(): { ndjson: string; records: string } {
  mkdirSync(dir, { recursive: true });
  const ndjson = join(dir, `cloudtrail-${megabytes}mb.ndjson`);
  const records = join(dir, `cloudtrail-${megabytes}mb-records.json`);
  if (!existsSync(ndjson) || !existsSync(records)) {
    const lines: string[] = [];
    let size = 0;
    for (let i = 0; size < megabytes * 1024 * 1024; i++) {
      const line = JSON.stringify(cloudTrailLike(i));
      lines.push(line);
      size += line.length + 1;
    }
    writeFileSync(ndjson, `${lines.join('\n')}\n`);
    writeFileSync(records, `{"Records":[${lines.join(',')}]}`);
  }
  return { ndjson, records };
}

function chunks(path: string): Buffer[] {
  const bytes = readFileSync(path);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) out.push(bytes.subarray(at, at + CHUNK));
  return out;
}

function baselineNdjson(input: Buffer[]): number {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let count = 0;
  for (const chunk of input) {
    const lines = (carry + decoder.write(chunk)).split('\n');
    carry = lines.pop()!;
    for (const line of lines) if (line.length > 0 && JSON.parse(line)) count++;
  }
  return count;
}

function baselineRecords(input: Buffer[]): number {
  return (JSON.parse(Buffer.concat(input).toString('utf8')) as { Records: unknown[] }).Records.length;
}

function vigil(input: Buffer[]): number {
  let count = 0;
  const decoder = createDecoder({ file: 'bench' }, (item) => {
    if (item.kind === 'record') count++;
  });
  for (const chunk of input) decoder.write(chunk);
  decoder.end();
  return count;
}

function best(run: () => number, rounds: number): { ms: number; count: number } {
  let ms = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    count = run();
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, count };
}

const files = generate();
const rate = (mb: number, ms: number) => `${((mb / ms) * 1000).toFixed(0)} MB/s`;
const ndjson = chunks(files.ndjson);
const records = chunks(files.records);
const mb = ndjson.reduce((sum, chunk) => sum + chunk.length, 0) / 1024 / 1024;
const lineBaseline = best(() => baselineNdjson(ndjson), 3);
const wholeBaseline = best(() => baselineRecords(records), 3);
const ndjsonDecoder = best(() => vigil(ndjson), 3);
const recordsDecoder = best(() => vigil(records), 3);
for (const run of [wholeBaseline, ndjsonDecoder, recordsDecoder]) {
  if (run.count !== lineBaseline.count)
    throw new Error(`record counts differ: ${run.count} vs ${lineBaseline.count}`);
}
console.log(`${mb.toFixed(0)} MB, ${lineBaseline.count} CloudTrail-like records`);
console.log(
  `NDJSON: split+JSON.parse ${rate(mb, lineBaseline.ms)}, decoder ${rate(mb, ndjsonDecoder.ms)}, ratio ${(lineBaseline.ms / ndjsonDecoder.ms).toFixed(2)}x`,
);
console.log(
  `{"Records":[…]}: whole-file JSON.parse ${rate(mb, wholeBaseline.ms)}, decoder ${rate(mb, recordsDecoder.ms)}, ratio ${(wholeBaseline.ms / recordsDecoder.ms).toFixed(2)}x (vs split+JSON.parse of the same records: ${(lineBaseline.ms / recordsDecoder.ms).toFixed(2)}x)`,
);
