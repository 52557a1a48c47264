import type { OcsfEvent } from '@vigil/schema';
import type { Derived } from './derived.ts';
import { at, items, operationOf, requestData, unmapped } from './fields.ts';

/** A role given to a member, as IAM writes both (`roles/editor`, `user:a@example.com`). */
interface Grant {
  role: string;
  member: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const label = (g: Grant): string => `${g.role} to ${g.member}`;

const NO_GRANTS: readonly Grant[] = [];
/** Several rules read the grants of the same event: computed once per event. */
const grantsByEvent = new WeakMap<OcsfEvent, readonly Grant[]>();

/**
 * The bindings a policy write adds. Audit entries state the change as binding deltas: IAM's
 * AuditData in `serviceData.policyDelta` (most services), BigQuery's `metadata.datasetChange`.
 * Without deltas only the requested policy is known (Compute disk, image and snapshot
 * setIamPolicy, Cloud Run, BigQuery dataset `access` lists), so each of its bindings counts as
 * granted: the log cannot tell a new binding from one the write kept.
 */
export function addedGrants(event: OcsfEvent): readonly Grant[] {
  let grants = grantsByEvent.get(event);
  if (grants === undefined) {
    grants = readGrants(event);
    grantsByEvent.set(event, grants);
  }
  return grants;
}

function readGrants(event: OcsfEvent): readonly Grant[] {
  const extra = unmapped(event);
  const iamDeltas = at(extra, 'serviceData', 'policyDelta', 'bindingDeltas');
  const datasetDeltas = at(extra, 'metadata', 'datasetChange', 'bindingDeltas');
  if (Array.isArray(iamDeltas) || Array.isArray(datasetDeltas)) {
    const grants: Grant[] = [];
    for (const d of items(iamDeltas).concat(items(datasetDeltas))) {
      const role = text(at(d, 'role'));
      const member = text(at(d, 'member'));
      if (at(d, 'action') === 'ADD' && role && member) grants.push({ role, member });
    }
    return grants;
  }
  const request = requestData(event);
  if (request === undefined) return NO_GRANTS;
  if (request.policy === undefined && request.bindings === undefined && request.dataset === undefined)
    return NO_GRANTS;
  const grants: Grant[] = [];
  const bindings = items(at(request, 'policy', 'bindings')).concat(items(request.bindings));
  for (const binding of bindings) {
    const role = text(at(binding, 'role'));
    if (!role) continue;
    for (const member of items(at(binding, 'members'))) {
      if (typeof member === 'string') grants.push({ role, member });
    }
  }
  for (const entry of items(at(request, 'dataset', 'access'))) {
    const member = datasetAccessMember(entry);
    if (member) grants.push({ role: text(at(entry, 'role')) ?? 'READER', member });
  }
  return grants;
}

/** A BigQuery dataset `access` entry's grantee in IAM member form. */
function datasetAccessMember(entry: unknown): string | undefined {
  const special = text(at(entry, 'specialGroup'));
  if (special === 'allAuthenticatedUsers') return special;
  const iam = text(at(entry, 'iamMember'));
  if (iam) return iam;
  const user = text(at(entry, 'userByEmail'));
  if (user) return `user:${user}`;
  const group = text(at(entry, 'groupByEmail'));
  return group ? `group:${group}` : undefined;
}

const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Grants to `allUsers`/`allAuthenticatedUsers`, whatever the service and log shape. */
export function publicAccess(event: OcsfEvent): string[] {
  return addedGrants(event)
    .filter((g) => PUBLIC_MEMBERS.has(g.member))
    .map(label);
}

/**
 * Basic roles and roles that administer IAM, the resource hierarchy, org policies or clusters,
 * or let the holder act as a service account (cloud.google.com/iam/docs/understanding-roles).
 */
const PRIVILEGED_ROLES = new Set([
  'roles/owner',
  'roles/editor',
  'roles/iam.securityAdmin',
  'roles/iam.roleAdmin',
  'roles/iam.organizationRoleAdmin',
  'roles/iam.serviceAccountAdmin',
  'roles/iam.serviceAccountKeyAdmin',
  'roles/iam.serviceAccountTokenCreator',
  'roles/iam.serviceAccountUser',
  'roles/iam.workloadIdentityUser',
  'roles/iam.workloadIdentityPoolAdmin',
  'roles/iam.denyAdmin',
  'roles/resourcemanager.organizationAdmin',
  'roles/resourcemanager.folderAdmin',
  'roles/resourcemanager.folderIamAdmin',
  'roles/resourcemanager.projectIamAdmin',
  'roles/orgpolicy.policyAdmin',
  'roles/container.admin',
  'roles/container.clusterAdmin',
  'roles/compute.admin',
  'roles/secretmanager.admin',
  'roles/logging.admin',
]);

export function privilegedGrants(event: OcsfEvent): string[] {
  return addedGrants(event)
    .filter((g) => PRIVILEGED_ROLES.has(g.role))
    .map(label);
}

/** Consumer mail and group domains: accounts no organization administers. */
const PERSONAL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'googlegroups.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'aol.com',
  'icloud.com',
  'protonmail.com',
  'proton.me',
  'gmx.com',
  'gmx.de',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'qq.com',
  '163.com',
]);

function isPersonalEmail(email: string): boolean {
  return PERSONAL_DOMAINS.has(email.slice(email.lastIndexOf('@') + 1).toLowerCase());
}

/** Grants to `user:`/`group:` members with a consumer e-mail domain. */
export function personalAccountGrants(event: OcsfEvent): string[] {
  return addedGrants(event)
    .filter(
      (g) => (g.member.startsWith('user:') || g.member.startsWith('group:')) && isPersonalEmail(g.member),
    )
    .map(label);
}

/** The caller's e-mail when it is a consumer account. */
export function personalAccountActor(event: OcsfEvent): string | undefined {
  const name = 'actor' in event ? event.actor?.user?.name : undefined;
  return name?.includes('@') && isPersonalEmail(name) ? name : undefined;
}

/**
 * What a policy write turns off in audit logging, from `policyDelta.auditConfigDeltas`: a log
 * type removed for a service, or a member exempted from one.
 */
export function auditLoggingReductions(event: OcsfEvent): string[] {
  const out: string[] = [];
  for (const d of items(at(unmapped(event), 'serviceData', 'policyDelta', 'auditConfigDeltas'))) {
    const what = `${String(at(d, 'logType') ?? 'all log types')} for ${String(at(d, 'service') ?? '?')}`;
    const exempted = text(at(d, 'exemptedMember'));
    if (at(d, 'action') === 'REMOVE' && !exempted) out.push(`${what} removed`);
    else if (at(d, 'action') === 'ADD' && exempted) out.push(`${exempted} exempted from ${what}`);
  }
  return out;
}

/** SSH, Telnet, RDP, VNC and WinRM, as the AWS security-group rule reads them. */
const ADMIN_PORTS = [22, 23, 3389, 5900, 5985, 5986];
const WORLD = new Set(['0.0.0.0/0', '::/0']);
const isWorld = (v: unknown): boolean => typeof v === 'string' && WORLD.has(v);

/**
 * What an ingress rule written by a VPC firewall insert/patch/update, or a firewall-policy
 * addRule/patchRule, opens to the whole internet: `all ports`, `all TCP ports`, `tcp/<admin
 * port>`, or `ports unchanged` when a patch widens the sources of a rule whose ports it does not
 * restate. Compute logs repeated fields both as `allowed` and as `alloweds`; an insert with no
 * source at all defaults to 0.0.0.0/0.
 */
export function worldOpenFirewall(event: OcsfEvent): string[] {
  const r = requestData(event);
  if (r === undefined || r.disabled === true) return [];
  if (String(r.direction ?? 'INGRESS').toUpperCase() === 'EGRESS') return [];
  if (r.match !== undefined) {
    if (String(r.action).toLowerCase() !== 'allow') return [];
    if (!items(at(r, 'match', 'srcIpRanges')).some(isWorld)) return [];
    return exposedPorts(items(at(r, 'match', 'layer4Configs')), 'ipProtocol');
  }
  const ranges = items(r.sourceRanges);
  const insert = operationOf(event)?.endsWith('.insert') === true;
  const sourceless =
    insert &&
    ranges.length === 0 &&
    items(r.sourceTags).length === 0 &&
    items(r.sourceServiceAccounts).length === 0;
  if (!ranges.some(isWorld) && !sourceless) return [];
  const allowed = items(r.alloweds).concat(items(r.allowed));
  if (allowed.length > 0) return exposedPorts(allowed, 'IPProtocol');
  const denies = items(r.denieds).length + items(r.denied).length;
  return denies > 0 || insert ? [] : ['ports unchanged'];
}

function exposedPorts(entries: unknown[], protocolKey: string): string[] {
  const out = new Set<string>();
  for (const entry of entries) {
    const protocol = String(at(entry, protocolKey) ?? 'all').toLowerCase();
    if (protocol === 'all') {
      out.add('all ports');
      continue;
    }
    if (protocol !== 'tcp' && protocol !== '6') continue;
    const ports = items(at(entry, 'ports'));
    if (ports.length === 0) out.add('all TCP ports');
    for (const spec of ports) {
      const [from, to] = String(spec).split('-').map(Number);
      for (const port of ADMIN_PORTS) {
        if (from !== undefined && from <= port && port <= (to ?? from)) out.add(`tcp/${port}`);
      }
    }
  }
  return [...out];
}

/**
 * Instance or project metadata keys a setMetadata/setCommonInstanceMetadata call adds or
 * changes. Compute logs the change as key names in `metadata.instanceMetadataDelta` or
 * `projectMetadataDelta` (values are not logged); a request that carries the items is read when
 * no delta is present. Keys are lower-cased and cut at the first space.
 */
export function changedMetadataKeys(event: OcsfEvent): string[] {
  const meta = at(unmapped(event), 'metadata');
  const keys: unknown[] = [];
  for (const delta of [at(meta, 'instanceMetadataDelta'), at(meta, 'projectMetadataDelta')]) {
    keys.push(...items(at(delta, 'addedMetadataKeys')), ...items(at(delta, 'modifiedMetadataKeys')));
  }
  if (keys.length === 0) {
    const request = requestData(event);
    for (const item of items(at(request, 'items')).concat(items(at(request, 'metadata', 'items')))) {
      keys.push(at(item, 'key'));
    }
  }
  const out: string[] = [];
  for (const k of keys) {
    if (typeof k === 'string' && k !== '') out.push(k.split(' ')[0]!.toLowerCase());
  }
  return out;
}

const NOTEBOOK_SCRIPT_KEYS = ['post-startup-script', 'startup-script', 'startup-script-url'];

/**
 * Startup scripts a Vertex AI Workbench update sets, as `key=value`: v2 `UpdateInstance` puts
 * metadata under `instance.gceSetup.metadata`, v1 `UpdateInstanceMetadataItems` under `items`.
 */
export function notebookStartupScripts(event: OcsfEvent): string[] {
  const request = requestData(event);
  const out: string[] = [];
  const maps = [
    at(request, 'instance', 'gceSetup', 'metadata'),
    at(request, 'gceSetup', 'metadata'),
    at(request, 'instance', 'metadata'),
    at(request, 'items'),
  ];
  for (const m of maps) {
    for (const key of NOTEBOOK_SCRIPT_KEYS) {
      const value = text(at(m, key));
      if (value) out.push(`${key}=${value}`);
    }
  }
  return out;
}

/**
 * Organization policy constraints a call relaxes: v2 `DeletePolicy`, or a policy whose rules
 * stop enforcing (`enforce: false`, `allowAll`) or reset to the default; v1 `ClearOrgPolicy`,
 * or `SetOrgPolicy` with an unenforced boolean policy (proto3 JSON drops `enforced: false`), an
 * allow-all list policy, or `restoreDefault`.
 */
export function relaxedOrgPolicies(event: OcsfEvent): string[] {
  const op = operationOf(event) ?? '';
  const r = requestData(event);
  const fallback = 'resources' in event ? event.resources?.[0]?.name : undefined;
  if (op.endsWith('OrgPolicy.DeletePolicy')) return [constraintName(at(r, 'name') ?? fallback)];
  if (op.endsWith('OrgPolicy.UpdatePolicy') || op.endsWith('OrgPolicy.CreatePolicy')) {
    const spec = at(r, 'policy', 'spec');
    const relaxed =
      at(spec, 'reset') === true ||
      items(at(spec, 'rules')).some((rule) => at(rule, 'enforce') === false || at(rule, 'allowAll') === true);
    return relaxed ? [constraintName(at(r, 'policy', 'name') ?? fallback)] : [];
  }
  if (op.endsWith('ClearOrgPolicy')) return [constraintName(at(r, 'constraint') ?? fallback)];
  if (op.endsWith('SetOrgPolicy')) {
    const policy = at(r, 'policy');
    const boolean = at(policy, 'booleanPolicy');
    const relaxed =
      (boolean !== undefined && at(boolean, 'enforced') !== true) ||
      at(policy, 'listPolicy', 'allValues') === 'ALLOW' ||
      at(policy, 'restoreDefault') !== undefined;
    return relaxed ? [constraintName(at(policy, 'constraint') ?? fallback)] : [];
  }
  return [];
}

/** `projects/p/policies/iam.x` or `constraints/iam.x` → `iam.x`. */
function constraintName(v: unknown): string {
  const s = typeof v === 'string' ? v : '?';
  return s.slice(s.lastIndexOf('/') + 1);
}

/** The zone an event's resource lives in: the `zone` label, else `/zones/<zone>/` in its name. */
export function zoneOf(event: OcsfEvent): string | undefined {
  if (event.cloud.zone) return event.cloud.zone;
  const name = 'resources' in event ? event.resources?.[0]?.name : undefined;
  const start = name?.indexOf('/zones/') ?? -1;
  if (name === undefined || start < 0) return undefined;
  const from = start + '/zones/'.length;
  const end = name.indexOf('/', from);
  return text(name.slice(from, end < 0 ? undefined : end));
}

/** Ages in days of the Delete rules a Cloud Storage bucket write sets (JSON API `lifecycle.rule`). */
export function lifecycleDeleteAges(event: OcsfEvent): number[] {
  const out: number[] = [];
  for (const rule of items(at(requestData(event), 'lifecycle', 'rule'))) {
    if (String(at(rule, 'action', 'type')).toLowerCase() !== 'delete') continue;
    const age = Number(at(rule, 'condition', 'age'));
    if (Number.isFinite(age)) out.push(age);
  }
  return out;
}

/** How many permissions a TestIamPermissions call asks about. */
export function testedPermissionCount(event: OcsfEvent): number | undefined {
  const n = items(at(requestData(event), 'permissions')).length;
  return n > 0 ? n : undefined;
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

/** Derived fields for the gcp rules (see FORMAT.md); each one has a unit test. */
export const GCP_DERIVED: Readonly<Record<string, Derived>> = {
  gcpGrants: (e) => nonEmpty(addedGrants(e).map(label)),
  gcpPublicAccess: (e) => nonEmpty(publicAccess(e)),
  gcpPrivilegedGrants: (e) => nonEmpty(privilegedGrants(e)),
  gcpPersonalAccountGrants: (e) => nonEmpty(personalAccountGrants(e)),
  gcpPersonalAccountActor: personalAccountActor,
  gcpAuditLoggingReductions: (e) => nonEmpty(auditLoggingReductions(e)),
  gcpWorldOpenFirewall: (e) => nonEmpty(worldOpenFirewall(e)),
  gcpMetadataKeysChanged: (e) => nonEmpty(changedMetadataKeys(e)),
  gcpNotebookStartupScripts: (e) => nonEmpty(notebookStartupScripts(e)),
  gcpOrgPolicyRelaxed: (e) => nonEmpty(relaxedOrgPolicies(e)),
  gcpZone: zoneOf,
  gcpLifecycleDeleteDays: (e) => nonEmpty(lifecycleDeleteAges(e)),
  gcpTestedPermissionCount: testedPermissionCount,
};
