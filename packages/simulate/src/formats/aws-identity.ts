import type { AwsRole } from '../org/aws.ts';
import type { Random } from '../random.ts';
import { consoleDate, isoSeconds } from '../time.ts';
import type { AwsCall } from './cloudtrail.ts';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

export function oidcProviderArn(account: string): string {
  return `arn:aws:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

export interface SessionFacts {
  created: number;
  mfa: boolean;
}

/** An IAM user calling with its long-term key, or with a console session's key (`session`). */
export function iamUserIdentity(
  account: string,
  userName: string,
  principalId: string,
  accessKeyId: string,
  session?: SessionFacts,
): Record<string, unknown> {
  const identity: Record<string, unknown> = {
    type: 'IAMUser',
    principalId,
    arn: `arn:aws:iam::${account}:user/${userName}`,
    accountId: account,
    accessKeyId,
    userName,
  };
  if (session !== undefined)
    identity.sessionContext = {
      sessionIssuer: {},
      webIdFederationData: {},
      attributes: { creationDate: isoSeconds(session.created), mfaAuthenticated: String(session.mfa) },
    };
  return identity;
}

export interface RoleSession extends SessionFacts {
  role: AwsRole;
  name: string;
  accessKeyId: string;
  /** The web identity provider that issued the session (GitHub Actions). */
  webIdProvider?: string;
  /** EC2 instance-profile sessions say how the credentials were delivered. */
  ec2?: boolean;
  /** Set when an AWS service calls with the session on the principal's behalf. */
  invokedBy?: string;
}

export function sessionArn(role: AwsRole, name: string): string {
  return `arn:aws:sts::${role.account}:assumed-role/${role.name}/${name}`;
}

/** A role session, with the session context CloudTrail attaches to it. */
export function assumedRoleIdentity(session: RoleSession): Record<string, unknown> {
  const { role } = session;
  const context: Record<string, unknown> = {
    sessionIssuer: {
      type: 'Role',
      principalId: role.id,
      arn: role.arn,
      accountId: role.account,
      userName: role.name,
    },
    webIdFederationData:
      session.webIdProvider === undefined ? {} : { federatedProvider: session.webIdProvider, attributes: {} },
    attributes: { creationDate: isoSeconds(session.created), mfaAuthenticated: String(session.mfa) },
  };
  if (session.ec2) context.ec2RoleDelivery = '2.0';
  const identity: Record<string, unknown> = {
    type: 'AssumedRole',
    principalId: `${role.id}:${session.name}`,
    arn: sessionArn(role, session.name),
    accountId: role.account,
    accessKeyId: session.accessKeyId,
    sessionContext: context,
  };
  if (session.invokedBy !== undefined) identity.invokedBy = session.invokedBy;
  return identity;
}

export function awsServiceIdentity(service: string): Record<string, unknown> {
  return { type: 'AWSService', invokedBy: service };
}

/** A fake session token: long enough to look right, never valid. */
function sessionToken(rng: Random): string {
  return `IQoJb3JpZ2luX2Vj${rng.chars(48, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}`;
}

/** `sts:AssumeRole` issuing `session`; `serialNumber` when the caller proved MFA to get it. */
export function assumeRoleCall(
  rng: Random,
  session: RoleSession,
  durationSeconds: number,
  serialNumber?: string,
): AwsCall {
  const request: Record<string, unknown> = {
    roleArn: session.role.arn,
    roleSessionName: session.name,
    durationSeconds,
  };
  if (serialNumber !== undefined) request.serialNumber = serialNumber;
  return {
    source: 'sts.amazonaws.com',
    name: 'AssumeRole',
    readOnly: true,
    request,
    response: {
      credentials: {
        accessKeyId: session.accessKeyId,
        sessionToken: sessionToken(rng),
        expiration: consoleDate(session.created + durationSeconds * 1000),
      },
      assumedRoleUser: {
        assumedRoleId: `${session.role.id}:${session.name}`,
        arn: sessionArn(session.role, session.name),
      },
    },
    resources: [{ accountId: session.role.account, type: 'AWS::IAM::Role', ARN: session.role.arn }],
  };
}

/** `sts:AssumeRoleWithWebIdentity` of a GitHub Actions job for `subject` (`repo:org/name:ref:…`). */
export function assumeRoleWithWebIdentityCall(rng: Random, session: RoleSession, subject: string): AwsCall {
  const provider = oidcProviderArn(session.role.account);
  return {
    source: 'sts.amazonaws.com',
    name: 'AssumeRoleWithWebIdentity',
    readOnly: true,
    request: { roleArn: session.role.arn, roleSessionName: session.name, durationSeconds: 3600 },
    response: {
      credentials: {
        accessKeyId: session.accessKeyId,
        sessionToken: sessionToken(rng),
        expiration: consoleDate(session.created + 3600_000),
      },
      subjectFromWebIdentityToken: subject,
      assumedRoleUser: {
        assumedRoleId: `${session.role.id}:${session.name}`,
        arn: sessionArn(session.role, session.name),
      },
      provider,
      audience: 'sts.amazonaws.com',
    },
    additional: { identityProviderConnectionVerificationMethod: 'IAMTrustStore' },
    resources: [{ accountId: session.role.account, type: 'AWS::IAM::Role', ARN: session.role.arn }],
  };
}

/** The identity CloudTrail records for an AssumeRoleWithWebIdentity caller. */
export function webIdentityUser(account: string, subject: string): Record<string, unknown> {
  const provider = oidcProviderArn(account);
  return {
    type: 'WebIdentityUser',
    principalId: `${provider}:sts.amazonaws.com:${subject}`,
    userName: subject,
    identityProvider: provider,
  };
}
