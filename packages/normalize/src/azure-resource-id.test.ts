import { describe, expect, it } from 'vitest';
import { operationNamespace, parseResourceId } from './azure-resource-id.ts';

const SUB = '1b7a00bc-2b02-5a1e-a75f-4a47d835b109';

describe('parseResourceId', () => {
  it.each([
    [
      `/subscriptions/${SUB}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-1`,
      {
        subscriptionId: SUB,
        resourceGroup: 'rg-web',
        namespace: 'Microsoft.Compute',
        type: 'Microsoft.Compute/virtualMachines',
        name: 'vm-1',
      },
    ],
    [
      `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG-WEB/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM-1/EXTENSIONS/CSE`,
      {
        subscriptionId: SUB.toUpperCase(),
        resourceGroup: 'RG-WEB',
        namespace: 'MICROSOFT.COMPUTE',
        type: 'MICROSOFT.COMPUTE/VIRTUALMACHINES/EXTENSIONS',
        name: 'CSE',
      },
    ],
    [
      `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/ra-1`,
      {
        subscriptionId: SUB,
        resourceGroup: 'rg',
        namespace: 'Microsoft.Authorization',
        type: 'Microsoft.Authorization/roleAssignments',
        name: 'ra-1',
      },
    ],
    [
      `/subscriptions/${SUB}/resourceGroups/rg-legacy`,
      {
        subscriptionId: SUB,
        resourceGroup: 'rg-legacy',
        type: 'Microsoft.Resources/resourceGroups',
        name: 'rg-legacy',
      },
    ],
    [`/subscriptions/${SUB}`, { subscriptionId: SUB, type: 'Microsoft.Resources/subscriptions', name: SUB }],
    ['/tenants/t-1/providers/Microsoft.aadiam', { namespace: 'Microsoft.aadiam' }],
    ['not an id', {}],
    ['', {}],
  ])('%s', (id, parts) => {
    // Act
    const parsed = parseResourceId(id);

    // Assess
    expect(parsed).toEqual(parts);
  });
});

describe('operationNamespace', () => {
  it.each([
    ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization'],
    ['MICROSOFT.KEYVAULT/VAULTS/DELETE', 'MICROSOFT.KEYVAULT'],
    ['KeyDelete', undefined],
    ['/leading', undefined],
  ])('%s → %s', (operation, namespace) => {
    // Act
    const ns = operationNamespace(operation);

    // Assess
    expect(ns).toBe(namespace);
  });
});
