import type { AwsCall } from '../formats/cloudtrail.ts';
import type { Random } from '../random.ts';

/**
 * An S3 object-level call (a data event: the trail records them for the artifact, web-asset and
 * export buckets), with the SSE-KMS details S3 reports for encrypted buckets.
 */
export function s3Object(
  rng: Random,
  name: 'PutObject' | 'GetObject',
  account: string,
  region: string,
  bucket: string,
  key: string,
  bytes: number,
  kmsKeyArn?: string,
): AwsCall {
  const put = name === 'PutObject';
  const response: Record<string, unknown> | null =
    kmsKeyArn === undefined
      ? null
      : {
          'x-amz-server-side-encryption': 'aws:kms',
          'x-amz-server-side-encryption-aws-kms-key-id': kmsKeyArn,
          'x-amz-server-side-encryption-bucket-key-enabled': true,
        };
  return {
    source: 's3.amazonaws.com',
    name,
    readOnly: !put,
    data: true,
    request: { bucketName: bucket, Host: `${bucket}.s3.${region}.amazonaws.com`, key },
    response,
    additional: {
      SignatureVersion: 'SigV4',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      bytesTransferredIn: put ? bytes : 0,
      SSEApplied: kmsKeyArn === undefined ? 'Default_SSE_S3' : 'Default_SSE_KMS',
      AuthenticationMethod: 'AuthHeader',
      'x-amz-id-2': rng.chars(56, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      bytesTransferredOut: put ? 0 : bytes,
    },
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
  };
}
