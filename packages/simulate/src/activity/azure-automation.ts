import { activityRecord } from '../formats/azure-activity.ts';
import { auditRecord } from '../formats/azure-audit.ts';
import { appClaims } from '../formats/azure-claims.ts';
import { type SignInPlace, signInRecord } from '../formats/azure-signin.ts';
import { type AzureResource, MS_RESOURCES } from '../org/azure.ts';
import { hostCount, hostIn } from '../org/ip.ts';
import { staff } from '../org/organisation.ts';
import { INTERNET } from '../org/places.ts';
import { DAY, MINUTE, SECOND } from '../time.ts';
import { type ArmCaller, armOperation } from './azure-arm.ts';
import { at, count, type Day, isWorkday, type Persona } from './day.ts';

/** Where GitHub-hosted runners geolocate (an Azure region in Virginia). */
const RUNNER_PLACE: SignInPlace = {
  city: 'Boydton',
  state: 'Virginia',
  countryOrRegion: 'US',
  lat: 36.6676,
  long: -78.3875,
  asn: 64520,
  namedNetwork: false,
};

function resource(day: Day, name: string): AzureResource {
  for (const sub of day.org.azure.subscriptions) {
    const found = sub.resources.find((r) => r.name === name);
    if (found !== undefined) return found;
  }
  throw new Error(`org: no Azure resource named ${name}`);
}

/**
 * The portal's GitHub Actions workflow: it signs in as its service principal (a federated
 * credential) and deploys: an ARM deployment, new app settings, a restart.
 */
function pipelineDay(day: Day): void {
  const { rng, org } = day;
  const pipeline = org.azure.pipeline;
  const runs = count(day, isWorkday(day) ? 3 : 0.1);
  for (let i = 0; i < runs; i++) {
    const ip = hostIn(INTERNET.ciRunners, rng.int(0, hostCount(INTERNET.ciRunners) - 1));
    let t = at(day, rng.chance(0.5) ? rng.between(7.5, 16.5) : rng.between(13.5, 22));
    day.emit(
      'azure',
      t,
      pipeline.objectId,
      signInRecord(rng, t, {
        tenantId: org.azure.tenantId,
        app: { id: pipeline.appId, name: pipeline.name },
        resource: MS_RESOURCES.management,
        ip,
        place: RUNNER_PLACE,
        errorCode: 0,
        who: { kind: 'servicePrincipal', id: pipeline.objectId, name: pipeline.name, appId: pipeline.appId },
        correlationId: rng.uuid(),
      }),
    );
    const caller: ArmCaller = {
      claims: appClaims(rng, org.azure.tenantId, pipeline, t),
      ip,
      principalId: pipeline.objectId,
      principalType: 'ServicePrincipal',
      principal: pipeline.objectId,
    };
    const site = resource(day, rng.chance(0.6) ? 'kestrel-portal-dev' : 'kestrel-portal-prod');
    const group: AzureResource = {
      ...site,
      id: site.id.slice(0, site.id.indexOf('/providers/')),
      name: site.resourceGroup,
      type: 'Microsoft.Resources/resourceGroups',
    };
    t += rng.int(10, 40) * SECOND;
    t = armOperation(day, t, caller, {
      resource: group,
      operation: 'Microsoft.Resources/deployments/write',
      path: `providers/Microsoft.Resources/deployments/portal-${rng.hex(8)}`,
      role: 'Contributor',
      async: true,
    });
    t = armOperation(day, t + rng.int(5, 30) * SECOND, caller, {
      resource: site,
      operation: 'Microsoft.Web/sites/config/write',
      path: 'config/appsettings',
      role: 'Website Contributor',
      async: false,
    });
    armOperation(day, t + rng.int(5, 30) * SECOND, caller, {
      resource: site,
      operation: 'Microsoft.Web/sites/restart/action',
      role: 'Website Contributor',
      async: false,
    });
  }
}

/** Managed identities ask Entra for tokens for the resources they use, roughly hourly. */
function identityTokens(day: Day): void {
  const { rng, org } = day;
  for (const identity of org.azure.identities) {
    for (const audience of identity.audiences) {
      for (let t = day.midnight + rng.int(0, 60) * MINUTE; t < day.midnight + DAY; ) {
        day.emit(
          'azure',
          t,
          identity.objectId,
          signInRecord(rng, t, {
            tenantId: org.azure.tenantId,
            app: { id: identity.appId, name: identity.name },
            resource: audience,
            ip: '',
            errorCode: 0,
            who: {
              kind: 'managedIdentity',
              id: identity.objectId,
              name: identity.name,
              appId: identity.appId,
              identityType: identity.kind,
            },
            correlationId: rng.uuid(),
          }),
        );
        t += Math.round((rng.between(45, 100) * MINUTE) / day.scale);
      }
    }
  }
}

/** The nightly runbook: snapshot the build agent's disk, delete the oldest snapshot. */
function runbook(day: Day): void {
  const { rng, org } = day;
  const identity = org.azure.identities.find((i) => i.kind === 'userAssigned')!;
  const vm = resource(day, 'vm-build-agent-01');
  const ip = hostIn(INTERNET.azureHosts, rng.int(0, 250));
  let t = at(day, 1.5 + rng.between(0, 0.1));
  const caller: ArmCaller = {
    claims: appClaims(rng, org.azure.tenantId, identity, t - rng.int(1, 20) * MINUTE),
    ip,
    principalId: identity.objectId,
    principalType: 'ServicePrincipal',
    principal: identity.objectId,
    persona: 'automation/ops-runbook',
  };
  const date = new Date(day.midnight).toISOString().slice(0, 10).replaceAll('-', '');
  const snapshot = (stamp: string): AzureResource => ({
    ...vm,
    id: `${vm.id.slice(0, vm.id.indexOf('/providers/'))}/providers/Microsoft.Compute/snapshots/snap-${vm.name}-${stamp}`,
    name: `snap-${vm.name}-${stamp}`,
    type: 'Microsoft.Compute/snapshots',
  });
  t = armOperation(day, t, caller, {
    resource: snapshot(date),
    operation: 'Microsoft.Compute/snapshots/write',
    role: 'Virtual Machine Contributor',
    async: true,
  });
  const old = new Date(day.midnight - 14 * DAY).toISOString().slice(0, 10).replaceAll('-', '');
  armOperation(day, t + rng.int(10, 60) * SECOND, caller, {
    resource: snapshot(old),
    operation: 'Microsoft.Compute/snapshots/delete',
    role: 'Virtual Machine Contributor',
    async: true,
  });
}

/** The portal's App Service plan scales out for the American afternoon and back in at night. */
function autoscale(day: Day): void {
  if (!isWorkday(day)) return;
  const { rng, org } = day;
  const plan = resource(day, 'asp-portal-prod');
  const setting = `${plan.id.slice(0, plan.id.indexOf('/providers/'))}/providers/microsoft.insights/autoscalesettings/autoscale-${plan.name}`;
  const subscriptionId = plan.id.split('/')[2]!;
  for (const [hour, up] of [
    [13, true],
    [23, false],
  ] as const) {
    const t = at(day, hour + rng.between(0, 0.8));
    day.emit(
      'azure',
      t,
      'Microsoft.Insights/autoscaleSettings',
      activityRecord(rng, t, {
        tenantId: org.azure.tenantId,
        subscriptionId,
        resourceId: setting,
        operation: up
          ? 'Microsoft.Insights/AutoscaleSettings/Scaleup/Action'
          : 'Microsoft.Insights/AutoscaleSettings/Scaledown/Action',
        category: 'Autoscale',
        resultType: 'Succeeded',
        resultSignature: 'Succeeded.',
        correlationId: rng.uuid(),
        level: 'Informational',
        durationMs: 0,
        location: plan.location,
        properties: {
          Description: `The autoscale engine attempting to scale resource '${plan.id}' from ${up ? 2 : 4} instances count to ${up ? 4 : 2} instances count.`,
          ResourceName: plan.id,
          OldInstancesCount: up ? '2' : '4',
          NewInstancesCount: up ? '4' : '2',
          LastScaleActionTime: new Date(t).toUTCString(),
        },
      }),
      'azure-service/autoscale',
    );
  }
}

/** HR provisioning keeps job titles and departments in sync: a few user updates a day. */
function provisioning(day: Day): void {
  const { rng, org } = day;
  const app = org.azure.provisioning;
  const people = staff(org);
  for (let t = day.midnight + rng.int(0, 40) * MINUTE; t < day.midnight + DAY; t += 40 * MINUTE) {
    if (!rng.chance(0.07 * day.scale)) continue;
    const person = rng.pick(people);
    const [property, from, to] = rng.pick([
      ['JobTitle', 'Software Engineer', 'Senior Software Engineer'],
      ['Department', 'Platform', 'Platform Engineering'],
      ['OfficeLocation', person.location.city.name, `${person.location.city.name} (hybrid)`],
    ] as const);
    const time = t + rng.int(0, 300) * SECOND;
    day.emit(
      'azure',
      time,
      app.objectId,
      auditRecord(rng, time, {
        tenantId: org.azure.tenantId,
        activity: 'Update user',
        category: 'UserManagement',
        operationType: 'Update',
        service: 'Account Provisioning',
        initiatedBy: { app: { appId: app.appId, displayName: app.name, servicePrincipalId: app.objectId } },
        targets: [
          {
            id: person.entraId,
            displayName: null,
            type: 'User',
            userPrincipalName: person.upn,
            modifiedProperties: [
              { displayName: property, oldValue: `["${from}"]`, newValue: `["${to}"]` },
              { displayName: 'Included Updated Properties', oldValue: null, newValue: `"${property}"` },
            ],
          },
        ],
        correlationId: rng.uuid(),
      }),
      'automation/hr-provisioning',
    );
  }
}

export function azurePipelinePersona(): Persona {
  return { id: 'ci/azure-portal-deploy', zone: 'UTC', day: pipelineDay };
}

export function azureIdentitiesPersona(): Persona {
  return { id: 'azure-service/managed-identities', zone: 'UTC', day: identityTokens };
}

export function azureOperationsPersona(): Persona {
  return {
    id: 'azure-service/operations',
    zone: 'UTC',
    day(day) {
      runbook(day);
      autoscale(day);
      provisioning(day);
    },
  };
}
