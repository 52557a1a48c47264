import type { OcsfEvent } from '@vigil/schema';
import type { Derived } from './derived.ts';
import { apiOf, at, requestData, unmapped } from './fields.ts';

/**
 * Derived fields for the azure and entra rules (see FORMAT.md); each one has a unit test.
 *
 * Activity request bodies are whatever the client sent: the REST spec's camelCase from the CLI,
 * SDKs and portal, PascalCase from some PowerShell cmdlets. Keys are therefore matched
 * case-insensitively. Entra audit targets carry their changes as `modifiedProperties`, with
 * values serialized as JSON text (`"\"True\""`, `"[\"HiddenMembership\"]"`).
 */

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `obj[key]`, falling back on a case-insensitive match of the key. */
function prop(value: unknown, key: string): unknown {
  if (!isObj(value)) return undefined;
  if (key in value) return value[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(value)) if (k.toLowerCase() === lower) return value[k];
  return undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const nonEmpty = <T>(values: T[]): T[] | undefined => (values.length > 0 ? values : undefined);

/**
 * The request body of an Activity event, or undefined when the event carries none (the
 * normalizer then falls back on the record's own `properties`, which are not settings).
 */
function requestBody(event: OcsfEvent): Obj | undefined {
  const data = requestData(event);
  if (data === undefined || data === at(unmapped(event), 'properties')) return undefined;
  return data;
}

function responseBody(event: OcsfEvent): Obj | undefined {
  const data = apiOf(event)?.response?.data;
  return isObj(data) ? data : undefined;
}

const MAX_SETTINGS = 256;
const MAX_DEPTH = 6;

/**
 * Every scalar of an Activity request body as `path=value`, the path dotted and lower-cased
 * (array indexes dropped), e.g. `properties.allowblobpublicaccess=true`: rules test settings
 * with one string operator, whatever the client's key casing.
 */
export function requestSettings(event: OcsfEvent): string[] {
  const body = requestBody(event);
  const out: string[] = [];
  if (body !== undefined) flatten(body, '', 0, out);
  return out;
}

function flatten(value: unknown, path: string, depth: number, out: string[]): void {
  if (out.length >= MAX_SETTINGS) return;
  if (Array.isArray(value)) {
    for (const v of value) flatten(v, path, depth, out);
    return;
  }
  if (isObj(value)) {
    if (depth >= MAX_DEPTH) return;
    for (const [k, v] of Object.entries(value)) {
      flatten(v, path === '' ? k.toLowerCase() : `${path}.${k.toLowerCase()}`, depth + 1, out);
    }
    return;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    out.push(`${path}=${String(value)}`);
}

/** SSH, Telnet, RDP, VNC and WinRM, as for the AWS security group rule. */
const ADMIN_PORTS = [22, 23, 3389, 5900, 5985, 5986];
/** NSG source prefixes that mean the whole internet (service tags `Internet` and `*`/`Any`). */
const WORLD = new Set(['*', 'any', 'internet', '0.0.0.0', '0.0.0.0/0', '::/0']);
const TCP_PROTOCOLS = new Set(['tcp', '*', 'any', '6']);

/**
 * Admin ports that an NSG rule write (`securityRules/write`, body `{properties: rule}`) or an
 * NSG write with inline rules (`{properties: {securityRules: [{properties: rule}]}}`) allows
 * inbound from the internet. The request body says what was asked; the response body (Accept
 * and Success records) says what the rule now is.
 */
export function nsgOpenAdminPorts(event: OcsfEvent): number[] {
  const opened = new Set<number>();
  for (const body of [requestBody(event), responseBody(event)]) {
    const properties = prop(body, 'properties');
    const inline = prop(properties, 'securityRules');
    const rules = inline === undefined ? [properties] : list(inline).map((r) => prop(r, 'properties'));
    for (const rule of rules) for (const port of worldOpenPorts(rule)) opened.add(port);
  }
  return [...opened].sort((a, b) => a - b);
}

function lowerText(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function worldOpenPorts(rule: unknown): number[] {
  if (!isObj(rule)) return [];
  if (lowerText(prop(rule, 'access')) !== 'allow' || lowerText(prop(rule, 'direction')) !== 'inbound')
    return [];
  const protocol = lowerText(prop(rule, 'protocol'));
  if (!TCP_PROTOCOLS.has(protocol)) return [];
  const sources = [...list(prop(rule, 'sourceAddressPrefix')), ...list(prop(rule, 'sourceAddressPrefixes'))];
  if (!sources.some((s) => WORLD.has(lowerText(s)))) return [];
  const ranges = [...list(prop(rule, 'destinationPortRange')), ...list(prop(rule, 'destinationPortRanges'))];
  return ADMIN_PORTS.filter((port) => ranges.some((r) => portInRange(port, r)));
}

/** NSG port specs: `*`, `22`, `1000-2000` (strings, or numbers from some clients). */
function portInRange(port: number, spec: unknown): boolean {
  const text = typeof spec === 'number' ? String(spec) : typeof spec === 'string' ? spec.trim() : '';
  if (text === '*') return true;
  const dash = text.indexOf('-');
  if (dash < 0) return Number(text) === port;
  const from = Number(text.slice(0, dash));
  const to = Number(text.slice(dash + 1));
  return from <= port && port <= to;
}

/**
 * The targets of an Entra audit event: `resources[].data` on API Activity, the raw
 * `targetResources` kept in `unmapped` on Account Change.
 */
function auditTargets(event: OcsfEvent): unknown[] {
  const kept = at(unmapped(event), 'targetResources');
  if (Array.isArray(kept)) return kept;
  const resources = 'resources' in event ? event.resources : undefined;
  return (resources ?? []).map((r) => r.data);
}

interface Change {
  name: string;
  oldValue: string | undefined;
  newValue: string | undefined;
}

function auditChangeList(event: OcsfEvent): Change[] {
  const changes: Change[] = [];
  for (const target of auditTargets(event)) {
    for (const m of list(prop(target, 'modifiedProperties'))) {
      const name = prop(m, 'displayName');
      if (typeof name !== 'string') continue;
      changes.push({
        name,
        oldValue: unquote(prop(m, 'oldValue')),
        newValue: unquote(prop(m, 'newValue')),
      });
    }
  }
  return changes;
}

/** Entra serializes scalar values as JSON strings (`"\"True\""`); one layer of quoting is removed. */
function unquote(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      return value.slice(1, -1);
    }
  }
  return value;
}

/** `Name=newValue` for every modified property of every target of an Entra audit event. */
export function auditChanges(event: OcsfEvent): string[] {
  return auditChangeList(event)
    .filter((c) => c.newValue !== undefined)
    .map((c) => `${c.name}=${c.newValue}`);
}

/** `Name=oldValue`, the state before the change, for the same properties. */
export function auditPreviousValues(event: OcsfEvent): string[] {
  return auditChangeList(event)
    .filter((c) => c.oldValue !== undefined)
    .map((c) => `${c.name}=${c.oldValue}`);
}

/**
 * Delegated scopes and application permissions an Entra audit event grants: the scopes added
 * by a consent (`ConsentAction.Permissions`, the part after `=>`), a delegated permission grant
 * (`DelegatedPermissionGrant.Scope`) or an app role assignment (`AppRole.Value`).
 */
export function grantedPermissions(event: OcsfEvent): string[] {
  const granted = new Set<string>();
  for (const change of auditChangeList(event)) {
    const value = change.newValue;
    if (value === undefined) continue;
    if (change.name === 'AppRole.Value') granted.add(value.trim());
    else if (change.name === 'DelegatedPermissionGrant.Scope') addScopes(value, granted);
    else if (change.name === 'ConsentAction.Permissions') {
      const arrow = value.indexOf('=>');
      for (const part of (arrow < 0 ? value : value.slice(arrow + 2)).split('Scope:').slice(1)) {
        addScopes(part.slice(0, part.search(/[,\]]|$/)), granted);
      }
    }
  }
  granted.delete('');
  return [...granted];
}

function addScopes(text: string, into: Set<string>): void {
  for (const scope of text.split(/\s+/)) if (scope !== '') into.add(scope);
}

/**
 * Issuers of federated identity credentials an event adds: a managed identity's
 * `federatedIdentityCredentials/write` (body `properties.issuer`), or an Entra application
 * update whose `FederatedIdentityCredentials` list gained an entry.
 */
export function federatedIssuers(event: OcsfEvent): string[] {
  const issuers = new Set<string>();
  for (const body of [requestBody(event), responseBody(event)]) {
    const issuer = prop(prop(body, 'properties'), 'issuer');
    if (typeof issuer === 'string' && issuer !== '') issuers.add(issuer);
  }
  for (const change of auditChangeList(event)) {
    if (change.name !== 'FederatedIdentityCredentials') continue;
    const before = new Set(credentialIssuers(change.oldValue));
    for (const issuer of credentialIssuers(change.newValue)) if (!before.has(issuer)) issuers.add(issuer);
  }
  return [...issuers];
}

function credentialIssuers(json: string | undefined): string[] {
  if (json === undefined || !json.startsWith('[')) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return list(parsed)
      .map((c) => prop(c, 'Issuer'))
      .filter((i): i is string => typeof i === 'string' && i !== '');
  } catch {
    return [];
  }
}

/**
 * Entra directory roles that control identities, credentials, applications or tenant settings
 * (Microsoft's "privileged" label), by template id (learn.microsoft.com, "Microsoft Entra
 * built-in roles").
 */
const PRIVILEGED_DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '966707d0-3269-4727-9be2-8c3a10f19b9d': 'Password Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  '8329153b-31d0-4727-b945-745eb3bc5f31': 'Domain Name Administrator',
  'be2f45a1-457d-42af-a067-6ec1fa63bc45': 'External Identity Provider Administrator',
  '9360feb5-f418-4baa-8175-e2a00bac4301': 'Directory Writers',
  'd29b2b05-8046-44ba-8758-1e26182fcf32': 'Directory Synchronization Accounts',
  'e00e864a-17c5-4a4b-9c06-f5b95a8d5bd8': 'Partner Tier2 Support',
  '4ba39ca4-527c-499a-b93d-d9b492c50246': 'Partner Tier1 Support',
  '25a516ed-2fa0-40ea-a2d0-12923a21473a': 'Authentication Extensibility Administrator',
  'aaf43236-0c0d-4d5f-883a-6955382ac081': 'B2C IEF Keyset Administrator',
  '7698a772-787b-4ac8-901f-60d6b08affd2': 'Cloud Device Administrator',
  '59d46f88-662b-457b-bceb-5c3809e5908f': 'Lifecycle Workflows Administrator',
};
const PRIVILEGED_BY_NAME: ReadonlyMap<string, string> = new Map(
  Object.values(PRIVILEGED_DIRECTORY_ROLES).map((name) => [name.toLowerCase(), name]),
);

/**
 * The privileged directory roles an Entra role-membership audit event names: the event's
 * `policy` (Account Change), `Role`-type targets, or the targets' `Role.DisplayName` /
 * `Role.TemplateId` modified properties.
 */
export function privilegedDirectoryRoles(event: OcsfEvent): string[] {
  const found = new Set<string>();
  const consider = (value: unknown): void => {
    if (typeof value !== 'string') return;
    const role =
      PRIVILEGED_DIRECTORY_ROLES[value.toLowerCase()] ?? PRIVILEGED_BY_NAME.get(value.toLowerCase());
    if (role !== undefined) found.add(role);
  };
  const policy = 'policy' in event ? event.policy : undefined;
  consider(policy?.name);
  consider(policy?.uid);
  for (const target of auditTargets(event)) {
    if (lowerText(prop(target, 'type')) === 'role') consider(prop(target, 'displayName'));
  }
  for (const change of auditChangeList(event)) {
    if (change.name === 'Role.DisplayName' || change.name === 'Role.TemplateId') consider(change.newValue);
  }
  return [...found];
}

export const AZURE_DERIVED: Readonly<Record<string, Derived>> = {
  azureRequestSettings: (e) => nonEmpty(requestSettings(e)),
  azureNsgOpenAdminPorts: (e) => nonEmpty(nsgOpenAdminPorts(e)),
  azureFederatedIssuers: (e) => nonEmpty(federatedIssuers(e)),
  entraChanges: (e) => nonEmpty(auditChanges(e)),
  entraPreviousValues: (e) => nonEmpty(auditPreviousValues(e)),
  entraGrantedPermissions: (e) => nonEmpty(grantedPermissions(e)),
  entraPrivilegedRole: (e) => nonEmpty(privilegedDirectoryRoles(e)),
};
