import type { ReplayBase } from '../technique.ts';
import { type AwsPrincipal, iamUser, roleSession } from './identity.ts';

/** The victim account and the operator the detonation runs as. */
export interface AwsContext extends ReplayBase {
  account: string;
  region: string;
  /** Whoever runs Stratus: a leaked IAM user key or a role session, from the operator's address. */
  operator: AwsPrincipal;
  /** Terraform's random suffix for the warm-up resources' names. */
  suffix: string;
}

export const AWS_ACCOUNT = '123456789012';
export const AWS_REGION = 'us-east-1';

export function awsContext(base: ReplayBase): AwsContext {
  const { rng, clock } = base;
  const operator =
    rng.next() < 0.5
      ? iamUser(rng, AWS_ACCOUNT, 'svc-terraform')
      : roleSession(
          rng,
          AWS_ACCOUNT,
          'OrganizationAccountAccessRole',
          'stratus-red-team',
          clock.now() - 600_000,
        );
  return { ...base, account: AWS_ACCOUNT, region: AWS_REGION, operator, suffix: rng.lower(6) };
}

/** The error EC2 answers a caller its policies do not allow (`Client.UnauthorizedOperation`). */
export function ec2Denied(
  ctx: AwsContext,
  caller: AwsPrincipal,
  action: string,
  resource: string,
): { code: string; message: string } {
  return {
    code: 'Client.UnauthorizedOperation',
    message: `You are not authorized to perform this operation. User: ${caller.arn} is not authorized to perform: ec2:${action} on resource: arn:aws:ec2:${ctx.region}:${ctx.account}:${resource} because no identity-based policy allows the ec2:${action} action`,
  };
}

/** Object-level S3 request parameters and resources, as CloudTrail data events log them. */
export function s3Object(
  ctx: AwsContext,
  bucket: string,
  key: string,
  extra: Record<string, unknown>,
): { request: Record<string, unknown>; resources: Record<string, unknown>[]; host: string } {
  const host = `${bucket}.s3.${ctx.region}.amazonaws.com`;
  return {
    host,
    request: { bucketName: bucket, Host: host, key, ...extra },
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: ctx.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
  };
}

/** `additionalEventData` of S3 calls; the byte counts are what the call moved. */
export function s3Transfer(ctx: AwsContext, bytesIn: number, bytesOut: number): Record<string, unknown> {
  return {
    SignatureVersion: 'SigV4',
    CipherSuite: 'TLS_AES_128_GCM_SHA256',
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: 'AuthHeader',
    'x-amz-id-2': ctx.rng.base64(76),
    bytesTransferredOut: bytesOut,
  };
}

/** An `i-` id as EC2 mints them (17 hex digits). */
export const instanceId = (ctx: AwsContext): string => `i-0${ctx.rng.hex(16)}`;
