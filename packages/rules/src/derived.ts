import type { OcsfEvent } from '@vigil/schema';
import { AWS_DERIVED } from './derived-aws.ts';
import { AZURE_DERIVED } from './derived-azure.ts';
import { FLOW_DERIVED } from './derived-flow.ts';
import { GCP_DERIVED } from './derived-gcp.ts';
import { apiOf, at, findString, items, requestData } from './fields.ts';

/**
 * Derived fields: small named computations that rule files read as `@name`, for facts a plain
 * field path cannot express (which admin ports an ingress rule opens to the world, which role a
 * role assignment grants). Each returns a value, a list of values, or undefined.
 */
export type Derived = (event: OcsfEvent, native?: Readonly<Record<string, unknown>>) => unknown;

/** SSH, Telnet, RDP, VNC and WinRM: ports whose exposure to the internet is an incident on its own. */
const ADMIN_PORTS = [22, 23, 3389, 5900, 5985, 5986];
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** Admin ports a CloudTrail `ipPermissions` list opens to the whole internet. */
export function worldOpenAdminPorts(event: OcsfEvent): number[] {
  const opened = new Set<number>();
  for (const perm of items(at(requestData(event), 'ipPermissions'))) {
    const protocol = String(at(perm, 'ipProtocol') ?? '');
    if (protocol !== '-1' && protocol !== 'tcp' && protocol !== '6') continue;
    const world =
      items(at(perm, 'ipRanges')).some((r) => WORLD.has(String(at(r, 'cidrIp')))) ||
      items(at(perm, 'ipv6Ranges')).some((r) => WORLD.has(String(at(r, 'cidrIpv6'))));
    if (!world) continue;
    const from = Number(at(perm, 'fromPort') ?? -1);
    const to = Number(at(perm, 'toPort') ?? -1);
    for (const port of ADMIN_PORTS) {
      if (protocol === '-1' || from === -1 || (from <= port && port <= to)) opened.add(port);
    }
  }
  return [...opened];
}

/** Built-in role definition ids (learn.microsoft.com, "Azure built-in roles"). */
const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

/** The privileged role an Azure role-assignment write grants, or undefined. */
export function privilegedRole(event: OcsfEvent): string | undefined {
  // A successful write carries the created assignment in its response body; the Start record
  // carries the request body. `unmapped.authorization.evidence` names the caller's own role: not read.
  const id =
    findString(apiOf(event)?.response?.data, ['roleDefinitionId']) ??
    findString(requestData(event), ['roleDefinitionId']);
  if (!id) return undefined;
  return PRIVILEGED_ROLES[id.slice(id.lastIndexOf('/') + 1).toLowerCase()];
}

const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);

export const DERIVED: Readonly<Record<string, Derived>> = {
  worldOpenAdminPorts: (e) => nonEmpty(worldOpenAdminPorts(e)),
  azurePrivilegedRole: privilegedRole,
  ...AWS_DERIVED,
  ...AZURE_DERIVED,
  ...GCP_DERIVED,
  ...FLOW_DERIVED,
};
