import type { AzureContext, AzurePlan } from '../azure/context.ts';
import { type AuditEntry, added, auditStep, auditTarget, includedUpdated } from './audit-record.ts';
import { MICROSOFT_GRAPH, workloadSignInStep } from './signin-record.ts';

const GLOBAL_ADMINISTRATOR = {
  templateId: '62e90394-69f5-4237-9190-012177145e10',
  name: 'Global Administrator',
  wellKnown: 'CompanyAdministrator',
};
const PRIVILEGED_AUTHENTICATION_ADMINISTRATOR = {
  templateId: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  name: 'Privileged Authentication Administrator',
  wellKnown: 'PrivilegedAuthenticationAdministrator',
};

interface App {
  name: string;
  appId: string;
  objectId: string;
  servicePrincipalId: string;
}

const app = (ctx: AzureContext, name: string): App => ({
  name,
  appId: ctx.rng.uuid(),
  objectId: ctx.rng.uuid(),
  servicePrincipalId: ctx.rng.uuid(),
});

/** `KeyDescription` of a new password credential: Entra lists the key, never the secret. */
const passwordKey = (ctx: AzureContext, displayName: string) =>
  `[KeyIdentifier=${ctx.rng.uuid()},KeyType=Password,KeyUsage=Verify,DisplayName=${displayName}]`;

function appSecretAudit(ctx: AzureContext, a: App): AuditEntry {
  return {
    activity: 'Update application – Certificates and secrets management ',
    category: 'ApplicationManagement',
    operationType: 'Update',
    targets: [
      auditTarget('Application', a.objectId, a.name, [
        {
          displayName: 'KeyDescription',
          oldValue: '[]',
          newValue: JSON.stringify([passwordKey(ctx, 'Stratus Red Team')]),
        },
        includedUpdated('KeyDescription'),
      ]),
    ],
    additionalDetails: [{ key: 'AppId', value: a.appId }],
  };
}

function roleMember(role: typeof GLOBAL_ADMINISTRATOR, roleObjectId: string) {
  return [
    { displayName: 'Role.ObjectID', oldValue: null, newValue: JSON.stringify(roleObjectId) },
    { displayName: 'Role.DisplayName', oldValue: null, newValue: JSON.stringify(role.name) },
    { displayName: 'Role.TemplateId', oldValue: null, newValue: JSON.stringify(role.templateId) },
    { displayName: 'Role.WellKnownObjectName', oldValue: null, newValue: JSON.stringify(role.wellKnown) },
  ];
}

const backdoorApplication: AzurePlan = (ctx) => [
  auditStep(ctx, appSecretAudit(ctx, app(ctx, `Stratus Red Team application ${ctx.suffix}`))),
];

const backdoorServicePrincipal: AzurePlan = (ctx) => {
  const a = app(ctx, `Stratus Red Team application ${ctx.suffix}`);
  return [
    auditStep(ctx, {
      activity: 'Add service principal credentials',
      category: 'ApplicationManagement',
      operationType: 'Update',
      targets: [
        auditTarget('ServicePrincipal', a.servicePrincipalId, a.name, [
          {
            displayName: 'KeyDescription',
            oldValue: '[]',
            newValue: JSON.stringify([passwordKey(ctx, 'Stratus Red Team')]),
          },
          includedUpdated('KeyDescription'),
        ]),
      ],
      additionalDetails: [{ key: 'AppId', value: a.appId }],
    }),
  ];
};

/** The credential trusts the attacker's issuer; exchanging a self-signed token signs the app in. */
const backdoorApplicationFic: AzurePlan = (ctx) => {
  const a = app(ctx, `Stratus Red Team FIC application ${ctx.suffix}`);
  const ficId = ctx.rng.uuid();
  const fic = {
    Name: `stratus-red-team-oidc-fic-${ctx.suffix}`,
    Issuer: `https://stratusficapp${ctx.suffix}.blob.core.windows.net/oidc`,
    Subject: 'stratus-red-team-oidc',
    Id: ficId,
    Description: `stratus-red-team-oidc-fic-${ctx.suffix}`,
    Audiences: ['api://AzureADTokenExchange'],
    ClaimsMatchingExpressionValue: null,
    ClaimsMatchingExpressionLanguageVersion: 0,
    EncodingVersion: 2,
    TrustedIssuer: null,
  };
  return [
    auditStep(ctx, {
      activity: 'Update application',
      category: 'ApplicationManagement',
      operationType: 'Update',
      targets: [
        auditTarget('Application', a.objectId, a.name, [
          { displayName: 'FederatedIdentityCredentials', oldValue: '[]', newValue: JSON.stringify([fic]) },
          includedUpdated('FederatedIdentityCredentials'),
        ]),
      ],
      additionalDetails: [{ key: 'AppId', value: a.appId }],
    }),
    workloadSignInStep(ctx, {
      category: 'ServicePrincipalSignInLogs',
      appId: a.appId,
      displayName: a.name,
      servicePrincipalId: a.servicePrincipalId,
      clientCredentialType: 'federatedIdentityCredential',
      federatedCredentialId: ficId,
      resourceDisplayName: MICROSOFT_GRAPH.name,
      resourceId: MICROSOFT_GRAPH.id,
    }),
  ];
};

/** An invitation without email: Entra creates the guest account at once. */
const guestUser: AzurePlan = (ctx) => {
  const email = 'stratus-red-team@example.com';
  const upn = `stratus-red-team_example.com#EXT#@${ctx.domain}`;
  const userId = ctx.rng.uuid();
  return [
    auditStep(ctx, {
      activity: 'Add user',
      category: 'UserManagement',
      operationType: 'Add',
      targets: [
        auditTarget(
          'User',
          userId,
          null,
          [
            added('AccountEnabled', true),
            added('DisplayName', 'stratus-red-team'),
            added('UserType', 'Guest'),
          ],
          upn,
        ),
      ],
    }),
    auditStep(ctx, {
      activity: 'Invite external user',
      category: 'UserManagement',
      service: 'Invited Users',
      operationType: 'Add',
      targets: [auditTarget('User', userId, 'stratus-red-team', [], upn)],
      additionalDetails: [
        { key: 'invitedUserEmailAddress', value: email },
        { key: 'oid', value: userId },
      ],
    }),
  ];
};

function administrativeUnit(ctx: AzureContext, name: string, modified: ReturnType<typeof added>[]) {
  const id = ctx.rng.uuid();
  return {
    id,
    audit: {
      activity: 'Add administrative unit',
      category: 'AdministrativeUnit',
      operationType: 'Add',
      targets: [
        auditTarget('AdministrativeUnit', id, name, [
          ...modified,
          includedUpdated(...modified.map((m) => m.displayName)),
        ]),
      ],
    } satisfies AuditEntry,
  };
}

/**
 * A backdoor user gets Privileged Authentication Administrator over an AU whose membership is
 * hidden, with the victim in it: only the scoped assignment shows who controls the victim.
 */
const hiddenAu: AzurePlan = (ctx) => {
  const backdoorId = ctx.rng.uuid();
  const backdoorUpn = `stratus-red-team-hidden-au-backdoor-${ctx.suffix}@${ctx.domain}`;
  const victim = { id: ctx.rng.uuid(), upn: `stratus-red-team-hidden-au-target-${ctx.suffix}@${ctx.domain}` };
  const auName = `Stratus Hidden AU - ${ctx.suffix}`;
  const au = administrativeUnit(ctx, auName, [
    added('DisplayName', auName),
    added('Description', 'Hidden AU created from Stratus'),
    added('Visibility', 'HiddenMembership'),
  ]);
  return [
    auditStep(ctx, {
      activity: 'Add user',
      category: 'UserManagement',
      operationType: 'Add',
      targets: [
        auditTarget(
          'User',
          backdoorId,
          null,
          [
            added('AccountEnabled', true),
            added('DisplayName', `Stratus Backdoor User - ${ctx.suffix}`),
            added('UserType', 'Member'),
          ],
          backdoorUpn,
        ),
      ],
    }),
    auditStep(ctx, au.audit),
    auditStep(ctx, {
      activity: 'Add member to administrative unit',
      category: 'AdministrativeUnit',
      operationType: 'Assign',
      targets: [
        auditTarget('User', victim.id, null, [], victim.upn),
        auditTarget('AdministrativeUnit', au.id, auName),
      ],
    }),
    auditStep(ctx, {
      activity: 'Add scoped member to role',
      category: 'RoleManagement',
      operationType: 'Assign',
      targets: [
        auditTarget(
          'User',
          backdoorId,
          null,
          [
            ...roleMember(PRIVILEGED_AUTHENTICATION_ADMINISTRATOR, ctx.rng.uuid()),
            { displayName: 'Scope.ObjectID', oldValue: null, newValue: JSON.stringify(au.id) },
            { displayName: 'Scope.DisplayName', oldValue: null, newValue: JSON.stringify(auName) },
          ],
          backdoorUpn,
        ),
      ],
    }),
  ];
};

/** A new app with a secret, its service principal, and Global Administrator for it. */
const newApplication: AzurePlan = (ctx) => {
  const a = app(ctx, `Stratus Red Team new application ${ctx.suffix}`);
  return [
    auditStep(ctx, {
      activity: 'Add application',
      category: 'ApplicationManagement',
      operationType: 'Add',
      targets: [
        auditTarget('Application', a.objectId, a.name, [
          added('AppId', a.appId),
          added('DisplayName', a.name),
        ]),
      ],
      additionalDetails: [{ key: 'AppId', value: a.appId }],
    }),
    auditStep(ctx, appSecretAudit(ctx, a)),
    auditStep(ctx, {
      activity: 'Add service principal',
      category: 'ApplicationManagement',
      operationType: 'Add',
      targets: [
        auditTarget('ServicePrincipal', a.servicePrincipalId, a.name, [
          added('AccountEnabled', true),
          added('AppPrincipalId', a.appId),
          added('DisplayName', a.name),
          added('ServicePrincipalType', 'Application'),
        ]),
      ],
      additionalDetails: [{ key: 'AppId', value: a.appId }],
    }),
    auditStep(ctx, {
      activity: 'Add member to role',
      category: 'RoleManagement',
      operationType: 'Assign',
      targets: [
        { id: ctx.rng.uuid(), displayName: GLOBAL_ADMINISTRATOR.name, type: 'Role', modifiedProperties: [] },
        auditTarget(
          'ServicePrincipal',
          a.servicePrincipalId,
          a.name,
          roleMember(GLOBAL_ADMINISTRATOR, ctx.rng.uuid()),
        ),
      ],
    }),
  ];
};

/** A restricted-management AU: tenant admins can no longer manage the backdoor user in it. */
const restrictedAu: AzurePlan = (ctx) => {
  const user = {
    id: ctx.rng.uuid(),
    upn: `stratus-red-team-restricted-au-backdoor-${ctx.suffix}@${ctx.domain}`,
  };
  const auName = `Stratus Restricted AU - ${ctx.suffix}`;
  const au = administrativeUnit(ctx, auName, [
    added('DisplayName', auName),
    added('IsMemberManagementRestricted', true),
  ]);
  return [
    auditStep(ctx, au.audit),
    auditStep(ctx, {
      activity: 'Add member to restricted management administrative unit',
      category: 'AdministrativeUnit',
      operationType: 'Assign',
      targets: [
        auditTarget('User', user.id, null, [], user.upn),
        auditTarget('AdministrativeUnit', au.id, auName),
      ],
    }),
  ];
};

/** Replay plans of the Entra ID techniques, by id. */
export const entraPlans: Readonly<Record<string, AzurePlan>> = {
  'entra-id.persistence.backdoor-application': backdoorApplication,
  'entra-id.persistence.backdoor-application-fic': backdoorApplicationFic,
  'entra-id.persistence.backdoor-application-sp': backdoorServicePrincipal,
  'entra-id.persistence.guest-user': guestUser,
  'entra-id.persistence.hidden-au': hiddenAu,
  'entra-id.persistence.new-application': newApplication,
  'entra-id.persistence.restricted-au': restrictedAu,
};
