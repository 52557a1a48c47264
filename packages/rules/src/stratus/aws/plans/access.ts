import { awsDisplayTime } from '../../clock.ts';
import { type AwsContext, instanceId } from '../context.ts';
import { federatedUser, iamUser, sessionKey, uniqueId } from '../identity.ts';
import type { AwsPlan, AwsStep } from '../replay-aws.ts';
import { sessionToken } from './assume-role.ts';

const sshPublicKey = (ctx: AwsContext) =>
  `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ${ctx.rng.base64(520)} stratus-red-team`;

/** A raw POST to signin.aws.amazon.com with the user's password: no MFA, no SDK. */
const consoleLoginWithoutMfa: AwsPlan = (ctx) => {
  const userName = `stratus-red-team-console-user-${ctx.suffix}`;
  const user = {
    type: 'IAMUser',
    principalId: uniqueId(ctx.rng, 'AIDA'),
    arn: `arn:aws:iam::${ctx.account}:user/${userName}`,
    accountId: ctx.account,
    userName,
  };
  return [
    {
      key: 'signin:ConsoleLogin',
      call: () => ({
        by: { userIdentity: user, arn: user.arn, accessKeyId: '' },
        eventType: 'AwsConsoleSignIn',
        readOnly: false,
        region: 'us-east-1',
        response: { ConsoleLogin: 'Success' },
        additionalEventData: {
          LoginTo: 'https://console.aws.amazon.com/console/home',
          MobileVersion: 'No',
          MFAUsed: 'No',
        },
      }),
    },
  ];
};

const instanceConnect: AwsPlan = (ctx) => {
  const ids = Array.from({ length: 3 }, () => instanceId(ctx));
  return [
    {
      key: 'ec2-instance-connect:SendSSHPublicKey',
      count: 3,
      call: (i) => ({
        by: ctx.operator,
        request: {
          instanceId: ids[i % ids.length],
          instanceOSUser: 'ec2-user',
          sSHPublicKey: sshPublicKey(ctx),
        },
        response: { requestId: ctx.rng.uuid(), success: true },
      }),
    },
  ];
};

/** Serial console access is an account-wide setting; Stratus turns it on before pushing keys. */
const serialConsole: AwsPlan = (ctx) => {
  const ids = Array.from({ length: 3 }, () => instanceId(ctx));
  return [
    {
      key: 'ec2:EnableSerialConsoleAccess',
      call: () => ({
        by: ctx.operator,
        request: { EnableSerialConsoleAccessRequest: '' },
        response: {
          EnableSerialConsoleAccessResponse: {
            xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
            requestId: ctx.rng.uuid(),
            serialConsoleAccessEnabled: true,
          },
        },
      }),
    },
    {
      key: 'ec2-instance-connect:SendSerialConsoleSSHPublicKey',
      count: 3,
      call: (i) => ({
        by: ctx.operator,
        request: { instanceId: ids[i % ids.length], serialPort: 0, sSHPublicKey: sshPublicKey(ctx) },
        response: { requestId: ctx.rng.uuid(), success: true },
      }),
    },
  ];
};

const pemCertificate = (ctx: AwsContext) => {
  const lines = Array.from({ length: 10 }, () => ctx.rng.base64(64));
  return `-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIU${ctx.rng.base64(44)}\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
};

/** A trust anchor for the attacker's CA, and a profile letting its certificates assume the role. */
const rolesAnywhere: AwsPlan = (ctx) => {
  const tags = [{ key: 'StratusRedTeam', value: 'true' }];
  const anchorId = ctx.rng.uuid();
  const profileId = ctx.rng.uuid();
  const roleArn = `arn:aws:iam::${ctx.account}:role/stratus-red-team-rolesanywhere-role-${ctx.suffix}`;
  const source = {
    sourceType: 'CERTIFICATE_BUNDLE',
    sourceData: { x509CertificateData: pemCertificate(ctx) },
  };
  const stamp = () => new Date(ctx.clock.now()).toISOString();
  return [
    {
      key: 'rolesanywhere:CreateTrustAnchor',
      call: () => ({
        by: ctx.operator,
        request: { name: 'malicious-trust-anchor', source, enabled: true, tags },
        response: {
          trustAnchor: {
            trustAnchorId: anchorId,
            trustAnchorArn: `arn:aws:rolesanywhere:${ctx.region}:${ctx.account}:trust-anchor/${anchorId}`,
            name: 'malicious-trust-anchor',
            source,
            enabled: true,
            createdAt: stamp(),
            updatedAt: stamp(),
          },
        },
      }),
    },
    {
      key: 'rolesanywhere:CreateProfile',
      call: () => ({
        by: ctx.operator,
        request: {
          name: 'malicious-profile',
          roleArns: [roleArn],
          enabled: true,
          durationSeconds: 3600,
          tags,
        },
        response: {
          profile: {
            profileId,
            profileArn: `arn:aws:rolesanywhere:${ctx.region}:${ctx.account}:profile/${profileId}`,
            name: 'malicious-profile',
            requireInstanceProperties: false,
            enabled: true,
            createdBy: ctx.operator.arn,
            roleArns: [roleArn],
            managedPolicyArns: [],
            durationSeconds: 3600,
            createdAt: stamp(),
            updatedAt: stamp(),
          },
        },
      }),
    },
  ];
};

const ALLOW_ALL = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/**
 * The warm-up user's long-term key mints federation credentials, which outlive the key; the
 * new federated session then checks who it is.
 */
const federationToken: AwsPlan = (ctx) => {
  const user = iamUser(ctx.rng, ctx.account, `stratus-red-team-federation-token-user-${ctx.suffix}`);
  const tokenKey = sessionKey(ctx.rng);
  let federated = federatedUser(user, ctx.account, 'stratus-red-team', tokenKey, ctx.clock.now());
  const steps: AwsStep[] = [
    {
      key: 'sts:GetFederationToken',
      call: () => {
        const now = ctx.clock.now();
        federated = federatedUser(user, ctx.account, 'stratus-red-team', tokenKey, now);
        return {
          by: user,
          request: { name: 'stratus-red-team', policy: ALLOW_ALL },
          response: {
            credentials: {
              accessKeyId: tokenKey,
              sessionToken: sessionToken(ctx),
              expiration: awsDisplayTime(now + 43_200_000),
            },
            federatedUser: { federatedUserId: `${ctx.account}:stratus-red-team`, arn: federated.arn },
            packedPolicySize: 6,
          },
          host: `sts.${ctx.region}.amazonaws.com`,
        };
      },
    },
    {
      key: 'sts:GetCallerIdentity',
      call: () => ({ by: federated, host: `sts.${ctx.region}.amazonaws.com` }),
    },
  ];
  return steps;
};

const ADMIN_POLICY = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/** EKS access entries live in the EKS API, so this Kubernetes grant is a CloudTrail event. */
const createAccessEntry: AwsPlan = (ctx) => {
  const cluster = `stratus-red-team-eks-${ctx.suffix}`;
  const roleName = `stratus-red-team-eks-create-access-entry-role-${ctx.suffix}`;
  const principalArn = `arn:aws:iam::${ctx.account}:role/${roleName}`;
  const stamp = () => new Date(ctx.clock.now()).toISOString();
  return [
    {
      key: 'eks:CreateAccessEntry',
      call: () => ({
        by: ctx.operator,
        request: { name: cluster, principalArn },
        response: {
          accessEntry: {
            clusterName: cluster,
            principalArn,
            kubernetesGroups: [],
            accessEntryArn: `arn:aws:eks:${ctx.region}:${ctx.account}:access-entry/${cluster}/role/${ctx.account}/${roleName}/${ctx.rng.hex(8)}-${ctx.rng.hex(4)}-${ctx.rng.hex(4)}-${ctx.rng.hex(4)}-${ctx.rng.hex(12)}`,
            createdAt: stamp(),
            modifiedAt: stamp(),
            tags: {},
            username: `arn:aws:sts::${ctx.account}:assumed-role/${roleName}/{{SessionName}}`,
            type: 'STANDARD',
          },
        },
      }),
    },
    {
      key: 'eks:AssociateAccessPolicy',
      call: () => ({
        by: ctx.operator,
        request: {
          policyArn: ADMIN_POLICY,
          accessScope: { type: 'cluster' },
          name: cluster,
          principalArn: encodeURIComponent(principalArn),
        },
        response: {
          clusterName: cluster,
          principalArn,
          associatedAccessPolicy: {
            policyArn: ADMIN_POLICY,
            accessScope: { type: 'cluster', namespaces: [] },
            associatedAt: stamp(),
            modifiedAt: stamp(),
          },
        },
      }),
    },
  ];
};

export const accessPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.initial-access.console-login-without-mfa': consoleLoginWithoutMfa,
  'aws.lateral-movement.ec2-instance-connect': instanceConnect,
  'aws.lateral-movement.ec2-serial-console-send-ssh-public-key': serialConsole,
  'aws.persistence.rolesanywhere-create-trust-anchor': rolesAnywhere,
  'aws.persistence.sts-federation-token': federationToken,
  'eks.lateral-movement.create-access-entry': createAccessEntry,
};
