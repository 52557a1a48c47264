import { type GcpContext, type GcpPlan, STRATUS_ATTACKER, serviceAccount } from '../context.ts';
import { type GcpCall, gcpStep } from '../entry.ts';
import { testablePermissions } from './permissions.ts';

const IAM = 'iam.googleapis.com';
const CRM = 'cloudresourcemanager.googleapis.com';

type ServiceAccount = ReturnType<typeof serviceAccount>;

const saResource = (ctx: GcpContext, sa: ServiceAccount) => ({
  type: 'service_account',
  labels: { email_id: sa.email, project_id: ctx.project, unique_id: sa.uniqueId },
});

const projectResource = (ctx: GcpContext) => ({ type: 'project', labels: { project_id: ctx.project } });

const getProjectPolicy = (ctx: GcpContext) =>
  gcpStep(ctx, () => ({
    log: 'data_access',
    service: CRM,
    method: 'GetIamPolicy',
    resourceName: `projects/${ctx.project}`,
    resource: projectResource(ctx),
    permissions: [{ permission: 'resourcemanager.projects.getIamPolicy' }],
    request: { '@type': 'type.googleapis.com/google.iam.v1.GetIamPolicyRequest', resource: ctx.project },
  }));

/** Read-modify-write of the project policy; AuditData names the one binding added. */
function grantOnProject(ctx: GcpContext, role: string, member: string) {
  const bindings = [
    { members: [`user:${ctx.principal}`], role: 'roles/owner' },
    { members: [member], role },
  ];
  return [
    getProjectPolicy(ctx),
    gcpStep(ctx, () => ({
      log: 'activity',
      service: CRM,
      method: 'SetIamPolicy',
      resourceName: `projects/${ctx.project}`,
      resource: projectResource(ctx),
      permissions: [{ permission: 'resourcemanager.projects.setIamPolicy' }],
      request: {
        '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest',
        policy: { bindings, etag: ctx.rng.base64(12) },
        resource: ctx.project,
      },
      response: { '@type': 'type.googleapis.com/google.iam.v1.Policy', bindings, etag: ctx.rng.base64(12) },
      serviceData: {
        '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
        policyDelta: { bindingDeltas: [{ action: 'ADD', member, role }] },
      },
    })),
  ];
}

const inviteExternalUser: GcpPlan = (ctx) => grantOnProject(ctx, 'roles/editor', `user:${STRATUS_ATTACKER}`);

const createAdminServiceAccount: GcpPlan = (ctx) => {
  const accountId = `stratus-red-team-admin-sa-${ctx.suffix}`;
  const sa = serviceAccount(ctx, accountId);
  return [
    gcpStep(ctx, () => ({
      log: 'activity',
      service: IAM,
      method: 'google.iam.admin.v1.CreateServiceAccount',
      resourceName: `projects/${ctx.project}/serviceAccounts/${sa.uniqueId}`,
      resource: saResource(ctx, sa),
      permissions: [{ permission: 'iam.serviceAccounts.create', resource: `projects/${ctx.project}` }],
      request: {
        '@type': 'type.googleapis.com/google.iam.admin.v1.CreateServiceAccountRequest',
        account_id: accountId,
        name: `projects/${ctx.project}`,
        service_account: {},
      },
      response: {
        '@type': 'type.googleapis.com/google.iam.admin.v1.ServiceAccount',
        email: sa.email,
        etag: ctx.rng.base64(12),
        name: `projects/${ctx.project}/serviceAccounts/${sa.email}`,
        oauth2_client_id: sa.uniqueId,
        project_id: ctx.project,
        unique_id: sa.uniqueId,
      },
    })),
    ...grantOnProject(ctx, 'roles/owner', `serviceAccount:${sa.email}`),
  ];
};

const createServiceAccountKey: GcpPlan = (ctx) => {
  const sa = serviceAccount(ctx, `stratus-red-team-sa-key-${ctx.suffix}`);
  const keyId = ctx.rng.hex(40);
  return [
    gcpStep(ctx, () => ({
      log: 'activity',
      service: IAM,
      method: 'google.iam.admin.v1.CreateServiceAccountKey',
      resourceName: `projects/-/serviceAccounts/${sa.uniqueId}`,
      resource: saResource(ctx, sa),
      permissions: [{ permission: 'iam.serviceAccountKeys.create' }],
      request: {
        '@type': 'type.googleapis.com/google.iam.admin.v1.CreateServiceAccountKeyRequest',
        name: `projects/-/serviceAccounts/${sa.email}`,
        private_key_type: 2,
      },
      response: {
        '@type': 'type.googleapis.com/google.iam.admin.v1.ServiceAccountKey',
        key_algorithm: 2,
        key_origin: 2,
        key_type: 1,
        name: `projects/${ctx.project}/serviceAccounts/${sa.email}/keys/${keyId}`,
        private_key_type: 2,
        valid_after_time: { seconds: Math.floor(ctx.clock.now() / 1000) },
        valid_before_time: { seconds: 253402300799 },
      },
    })),
  ];
};

/** The service account's own policy lets the outside account mint tokens for it. */
const backdoorServiceAccountPolicy: GcpPlan = (ctx) => {
  const sa = serviceAccount(ctx, `stratus-red-team-bip-sa-${ctx.suffix}`);
  const bindings = [{ members: [`user:${STRATUS_ATTACKER}`], role: 'roles/iam.serviceAccountTokenCreator' }];
  return [
    gcpStep(ctx, () => ({
      log: 'activity',
      service: IAM,
      method: 'google.iam.admin.v1.SetIAMPolicy',
      resourceName: `projects/-/serviceAccounts/${sa.uniqueId}`,
      resource: saResource(ctx, sa),
      permissions: [{ permission: 'iam.serviceAccounts.setIamPolicy' }],
      request: {
        '@type': 'type.googleapis.com/google.iam.v1.SetIamPolicyRequest',
        policy: { bindings, etag: ctx.rng.base64(12) },
        resource: `projects/${ctx.project}/serviceAccounts/${sa.email}`,
      },
      response: { '@type': 'type.googleapis.com/google.iam.v1.Policy', bindings, etag: ctx.rng.base64(12) },
      serviceData: {
        '@type': 'type.googleapis.com/google.iam.v1.logging.AuditData',
        policyDelta: {
          bindingDeltas: [
            {
              action: 'ADD',
              member: `user:${STRATUS_ATTACKER}`,
              role: 'roles/iam.serviceAccountTokenCreator',
            },
          ],
        },
      },
    })),
  ];
};

/**
 * Ten impersonation attempts; only the account the warm-up granted succeeds. Denied reads of
 * IAM Credentials redact the caller, so those entries name no principal.
 */
const impersonateServiceAccounts: GcpPlan = (ctx) => {
  const accounts = Array.from({ length: 10 }, (_, i) =>
    serviceAccount(ctx, `stratus-red-team-sa-${i}-${ctx.suffix}`),
  );
  const granted = ctx.rng.int(0, accounts.length - 1);
  return [
    gcpStep(
      ctx,
      (i): GcpCall => {
        const sa = accounts[i]!;
        const ok = i === granted;
        const name = `projects/-/serviceAccounts/${sa.email}`;
        return {
          log: 'data_access',
          service: 'iamcredentials.googleapis.com',
          method: 'GenerateAccessToken',
          resourceName: ok ? name : `projects/-/serviceAccounts/${sa.uniqueId}`,
          resource: saResource(ctx, sa),
          permissions: [{ permission: 'iam.serviceAccounts.getAccessToken', granted: ok ? true : null }],
          userAgent: ctx.grpcAgent,
          ...(ok ? {} : { principal: null, status: { code: 7, message: 'PERMISSION_DENIED' } }),
          request: {
            '@type': 'type.googleapis.com/google.iam.credentials.v1.GenerateAccessTokenRequest',
            name,
          },
          metadata: { identityDelegationChain: [name] },
        };
      },
      accounts.length,
    ),
  ];
};

/**
 * A leaked key of a low-privilege service account tests every testable permission on the
 * project, 100 per call (several thousand permissions: more than the 50 calls replayed); the
 * response lists the few it holds.
 */
const enumeratePermissions: GcpPlan = (ctx) => {
  const sa = serviceAccount(ctx, `stratus-red-team-enum-sa-${ctx.suffix}`);
  const keyName = `//iam.googleapis.com/projects/${ctx.project}/serviceAccounts/${sa.email}/keys/${ctx.rng.hex(40)}`;
  const calls = 50;
  const all = testablePermissions(calls);
  const held = new Set(['storage.objects.get', 'storage.objects.list']);
  return [
    gcpStep(
      ctx,
      (i): GcpCall => {
        const chunk = all.slice(i * 100, i * 100 + 100);
        const granted = chunk.filter((p) => held.has(p));
        return {
          log: 'data_access',
          service: CRM,
          method: 'TestIamPermissions',
          resourceName: `projects/${ctx.project}`,
          resource: projectResource(ctx),
          permissions: [],
          principal: sa.email,
          serviceAccountKeyName: keyName,
          request: {
            '@type': 'type.googleapis.com/google.iam.v1.TestIamPermissionsRequest',
            permissions: chunk,
            resource: `projects/${ctx.project}`,
          },
          ...(granted.length > 0
            ? {
                response: {
                  '@type': 'type.googleapis.com/google.iam.v1.TestIamPermissionsResponse',
                  permissions: granted,
                },
              }
            : {}),
        };
      },
      calls,
    ),
  ];
};

const SECRET_MANAGER = 'secretmanager.googleapis.com';

const retrieveSecrets: GcpPlan = (ctx) => {
  const resource = (method: string) => ({
    type: 'audited_resource',
    labels: { method, project_id: ctx.project, service: SECRET_MANAGER },
  });
  const list = 'google.cloud.secretmanager.v1.SecretManagerService.ListSecrets';
  const access = 'google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion';
  return [
    gcpStep(ctx, () => ({
      log: 'data_access',
      service: SECRET_MANAGER,
      method: list,
      resourceName: `projects/${ctx.project}`,
      resource: resource(list),
      permissions: [{ permission: 'secretmanager.secrets.list' }],
      userAgent: ctx.grpcAgent,
      request: {
        '@type': 'type.googleapis.com/google.cloud.secretmanager.v1.ListSecretsRequest',
        parent: `projects/${ctx.project}`,
      },
    })),
    gcpStep(
      ctx,
      (i) => {
        const name = `projects/${ctx.project}/secrets/stratus-red-team-retrieve-secret-${i}/versions/latest`;
        return {
          log: 'data_access',
          service: SECRET_MANAGER,
          method: access,
          resourceName: name,
          resource: resource(access),
          permissions: [{ permission: 'secretmanager.versions.access' }],
          userAgent: ctx.grpcAgent,
          request: {
            '@type': 'type.googleapis.com/google.cloud.secretmanager.v1.AccessSecretVersionRequest',
            name,
          },
        };
      },
      20,
    ),
  ];
};

export const gcpIamPlans: Readonly<Record<string, GcpPlan>> = {
  'gcp.credential-access.secretmanager-retrieve-secrets': retrieveSecrets,
  'gcp.discovery.enumerate-permissions': enumeratePermissions,
  'gcp.persistence.backdoor-service-account-policy': backdoorServiceAccountPolicy,
  'gcp.persistence.create-admin-service-account': createAdminServiceAccount,
  'gcp.persistence.create-service-account-key': createServiceAccountKey,
  'gcp.persistence.invite-external-user': inviteExternalUser,
  'gcp.privilege-escalation.impersonate-service-accounts': impersonateServiceAccounts,
};
