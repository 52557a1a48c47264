/** The parts of an Azure Resource Manager id that rules and `cloud` need. */
export interface ArmResourceId {
  subscriptionId?: string;
  resourceGroup?: string;
  /** Resource provider namespace, e.g. `Microsoft.Compute`. */
  namespace?: string;
  /** Full resource type, e.g. `Microsoft.Compute/virtualMachines/extensions`. */
  type?: string;
  name?: string;
}

/**
 * Reads `/subscriptions/{s}/resourceGroups/{g}/providers/{ns}/{type}/{name}[/{type}/{name}…]`.
 * Keywords match case-insensitively because diagnostic exports upper-case the whole id; values
 * keep the case they were given. For extension resources (`…/providers/A/x/y/providers/B/z/w`)
 * the last provider segment names the resource.
 */
export function parseResourceId(id: string): ArmResourceId {
  const parts = id.split('/');
  const out: ArmResourceId = {};
  let providers = -1;
  for (let i = 1; i < parts.length - 1; i++) {
    const key = parts[i]!.toLowerCase();
    if (key === 'subscriptions' && out.subscriptionId === undefined)
      out.subscriptionId = parts[i + 1] || undefined;
    else if (key === 'resourcegroups' && out.resourceGroup === undefined)
      out.resourceGroup = parts[i + 1] || undefined;
    else if (key === 'providers') providers = i;
  }
  if (providers >= 0) {
    const namespace = parts[providers + 1];
    if (namespace) {
      out.namespace = namespace;
      let type = namespace;
      for (let i = providers + 2; i < parts.length; i += 2) {
        if (!parts[i]) break;
        type += `/${parts[i]}`;
        if (parts[i + 1]) out.name = parts[i + 1];
      }
      if (type !== namespace) out.type = type;
    }
  } else if (out.resourceGroup !== undefined) {
    out.type = 'Microsoft.Resources/resourceGroups';
    out.name = out.resourceGroup;
  } else if (out.subscriptionId !== undefined) {
    out.type = 'Microsoft.Resources/subscriptions';
    out.name = out.subscriptionId;
  }
  return out;
}

/** `Microsoft.Authorization/roleAssignments/write` → `Microsoft.Authorization`. */
export function operationNamespace(operation: string): string | undefined {
  const slash = operation.indexOf('/');
  return slash > 0 ? operation.slice(0, slash) : undefined;
}
