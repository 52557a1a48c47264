import { isoSeconds } from '../clock.ts';
import type { Random } from '../random.ts';

/** A CloudTrail `userIdentity` with the ARN and key it calls with. */
export interface AwsPrincipal {
  userIdentity: Record<string, unknown>;
  arn: string;
  accessKeyId: string;
}

/** An IAM role session: the caller's identity and what AssumeRole answered when it was made. */
export interface RoleSession extends AwsPrincipal {
  roleArn: string;
  roleName: string;
  sessionName: string;
  /** `AROA…:<session>`. */
  assumedRoleId: string;
}

export const longTermKey = (rng: Random): string => `AKIA${rng.keyChars(16)}`;
export const sessionKey = (rng: Random): string => `ASIA${rng.keyChars(16)}`;
export const uniqueId = (rng: Random, prefix: 'AIDA' | 'AROA'): string => `${prefix}${rng.keyChars(17)}`;

export function iamUser(rng: Random, account: string, userName: string): AwsPrincipal {
  const arn = `arn:aws:iam::${account}:user/${userName}`;
  const accessKeyId = longTermKey(rng);
  return {
    arn,
    accessKeyId,
    userIdentity: {
      type: 'IAMUser',
      principalId: uniqueId(rng, 'AIDA'),
      arn,
      accountId: account,
      accessKeyId,
      userName,
    },
  };
}

/**
 * A session of `roleName`. `ec2RoleDelivery` marks instance-profile credentials (`1.0` when
 * fetched with IMDSv1, `2.0` with IMDSv2), which CloudTrail records in the session context.
 */
export function roleSession(
  rng: Random,
  account: string,
  roleName: string,
  sessionName: string,
  createdMs: number,
  options: { ec2RoleDelivery?: '1.0' | '2.0'; roleId?: string } = {},
): RoleSession {
  const { ec2RoleDelivery } = options;
  const roleId = options.roleId ?? uniqueId(rng, 'AROA');
  const roleArn = `arn:aws:iam::${account}:role/${roleName}`;
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
  const accessKeyId = sessionKey(rng);
  const sessionContext: Record<string, unknown> = {
    sessionIssuer: {
      type: 'Role',
      principalId: roleId,
      arn: roleArn,
      accountId: account,
      userName: roleName,
    },
    webIdFederationData: {},
    attributes: { creationDate: isoSeconds(createdMs), mfaAuthenticated: 'false' },
  };
  if (ec2RoleDelivery !== undefined) sessionContext.ec2RoleDelivery = ec2RoleDelivery;
  return {
    arn,
    accessKeyId,
    roleArn,
    roleName,
    sessionName,
    assumedRoleId: `${roleId}:${sessionName}`,
    userIdentity: {
      type: 'AssumedRole',
      principalId: `${roleId}:${sessionName}`,
      arn,
      accountId: account,
      accessKeyId,
      sessionContext,
    },
  };
}

/** The federated user a GetFederationToken call made, calling with the token's key. */
export function federatedUser(
  issuer: AwsPrincipal,
  account: string,
  name: string,
  accessKeyId: string,
  createdMs: number,
): AwsPrincipal {
  const arn = `arn:aws:sts::${account}:federated-user/${name}`;
  const issuerIdentity = issuer.userIdentity;
  return {
    arn,
    accessKeyId,
    userIdentity: {
      type: 'FederatedUser',
      principalId: `${account}:${name}`,
      arn,
      accountId: account,
      accessKeyId,
      sessionContext: {
        sessionIssuer: {
          type: 'IAMUser',
          principalId: issuerIdentity.principalId,
          arn: issuer.arn,
          accountId: account,
          userName: issuerIdentity.userName,
        },
        webIdFederationData: {},
        attributes: { creationDate: isoSeconds(createdMs), mfaAuthenticated: 'false' },
      },
    },
  };
}
