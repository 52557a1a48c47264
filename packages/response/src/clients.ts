import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type AssumeRoleCommandOutput, type STSClient } from '@aws-sdk/client-sts';
import type { ResponderClients } from './aws-describer.ts';
import { classifyAwsError } from './executor.ts';

export const RESPONDER_ROLE_NAME = 'vigil-responder';

export interface AssumeOptions {
  account: string;
  region: string;
  /** Names the session after the finding, so the member account's CloudTrail shows why Vigil acted. */
  sessionName: string;
  externalId: string;
  partition?: string;
}

export function responderRoleArn(account: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${account}:role/${RESPONDER_ROLE_NAME}`;
}

/** Assumes the responder role in the member account and returns clients acting as it, for 15 minutes. */
export async function assumeResponder(sts: STSClient, opts: AssumeOptions): Promise<ResponderClients> {
  let out: AssumeRoleCommandOutput;
  try {
    out = await sts.send(
      new AssumeRoleCommand({
        RoleArn: responderRoleArn(opts.account, opts.partition),
        RoleSessionName: opts.sessionName.replace(/[^\w+=,.@-]/g, '-').slice(0, 64),
        ExternalId: opts.externalId,
        DurationSeconds: 900,
      }),
    );
  } catch (error) {
    throw classifyAwsError(error, `sts:AssumeRole into ${opts.account}`);
  }
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) {
    throw classifyAwsError(
      new Error('AssumeRole returned no credentials'),
      `sts:AssumeRole into ${opts.account}`,
    );
  }
  const credentials = {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
  // The state machine owns retries (with backoff and an audited failure); the SDK's own would hide throttling.
  const config = { region: opts.region, credentials, maxAttempts: 1 };
  return {
    iam: new IAMClient(config),
    ec2: new EC2Client(config),
    autoscaling: new AutoScalingClient(config),
  };
}
