import { awsDisplayTime } from '../../clock.ts';
import { type AwsContext, ec2Denied } from '../context.ts';
import { type RoleSession, roleSession, uniqueId } from '../identity.ts';
import type { AwsStep } from '../replay-aws.ts';

const SDK_SESSION_SECONDS = 900;

/** An STS session token as CloudTrail prints it (the real ones are several hundred characters). */
export const sessionToken = (ctx: AwsContext): string => `IQoJb3JpZ2luX2VjE${ctx.rng.base64(120)}`;

/**
 * The operator assuming the technique's warm-up role with the Go SDK's credential provider,
 * which names each session `aws-go-sdk-<unix nanoseconds>` and asks for 15 minutes. Every call
 * opens a new session; `session()` is the latest one, which the following calls use.
 */
export function assumeRole(ctx: AwsContext, roleName: string): { step: AwsStep; session: () => RoleSession } {
  const roleId = uniqueId(ctx.rng, 'AROA');
  let latest: RoleSession | undefined;
  const step: AwsStep = {
    key: 'sts:AssumeRole',
    call: () => {
      const now = ctx.clock.now();
      const name = `aws-go-sdk-${now}${ctx.rng.digits(6)}`;
      latest = roleSession(ctx.rng, ctx.account, roleName, name, now, { roleId });
      return {
        by: ctx.operator,
        request: { roleArn: latest.roleArn, roleSessionName: name, durationSeconds: SDK_SESSION_SECONDS },
        response: {
          credentials: {
            accessKeyId: latest.accessKeyId,
            sessionToken: sessionToken(ctx),
            expiration: awsDisplayTime(now + SDK_SESSION_SECONDS * 1000),
          },
          assumedRoleUser: { assumedRoleId: latest.assumedRoleId, arn: latest.arn },
        },
        resources: [{ accountId: ctx.account, type: 'AWS::IAM::Role', ARN: latest.roleArn }],
        host: `sts.${ctx.region}.amazonaws.com`,
      };
    },
  };
  const session = (): RoleSession => {
    if (latest === undefined) throw new Error('assumeRole: the role is used before it is assumed');
    return latest;
  };
  return { step, session };
}

/**
 * A warm-up role without the permission, assumed and then used for `count` EC2 calls on made-up
 * instance ids, each denied: the shape of the password-data and user-data techniques.
 */
export function deniedInstanceBurst(
  ctx: AwsContext,
  roleName: string,
  operation: string,
  count: number,
  request: (instanceId: string) => Record<string, unknown>,
): AwsStep[] {
  const role = assumeRole(ctx, roleName);
  return [
    role.step,
    {
      key: `ec2:${operation}`,
      count,
      gapMs: [80, 400],
      call: () => {
        const by = role.session();
        const id = `i-${ctx.rng.lowerAlnum(16)}`;
        return { by, request: request(id), error: ec2Denied(ctx, by, operation, `instance/${id}`) };
      },
    },
  ];
}
