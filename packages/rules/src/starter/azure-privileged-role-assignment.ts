import { CLASS, type OcsfEvent } from '@vigil/schema';
import {
  accountOf,
  actorLabel,
  actorOf,
  apiOf,
  findString,
  isSuccess,
  operationOf,
  requestData,
} from '../fields.ts';
import { defineRule } from '../rule.ts';
import { azureActivity } from './samples.ts';

/** Built-in role definition ids (learn.microsoft.com, "Azure built-in roles"). */
const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
};

/** The privileged role a role-assignment write grants, or undefined. */
export function privilegedRole(event: OcsfEvent): string | undefined {
  // A successful write carries the created assignment in its response body; the Start record
  // carries the request body. `unmapped.authorization.evidence` names the caller's own role: not read.
  const id =
    findString(apiOf(event)?.response?.data, ['roleDefinitionId']) ??
    findString(requestData(event), ['roleDefinitionId']);
  if (!id) return undefined;
  const guid = id.slice(id.lastIndexOf('/') + 1).toLowerCase();
  return PRIVILEGED_ROLES[guid];
}

function roleAssignment(roleGuid: string, resultType = 'Success'): string {
  const sub = '8f4b2c1e-1111-4a2b-9c3d-5e6f7a8b9c0d';
  return azureActivity({
    operationName: 'MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE',
    resultType,
    ...(resultType === 'Start'
      ? {
          requestbody: {
            Id: '3c7f5e1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b',
            Properties: {
              PrincipalId: '9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a',
              PrincipalType: 'User',
              RoleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
              Scope: `/subscriptions/${sub}/resourceGroups/prod`,
            },
          },
        }
      : {
          responseBody: {
            properties: {
              roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`,
              principalId: '9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a',
              principalType: 'User',
              scope: `/subscriptions/${sub}/resourceGroups/prod`,
            },
            id: `/subscriptions/${sub}/resourceGroups/prod/providers/Microsoft.Authorization/roleAssignments/3c7f5e1a-2b4d-4e6f-8a9b-0c1d2e3f4a5b`,
            type: 'Microsoft.Authorization/roleAssignments',
          },
        }),
  });
}

export const azurePrivilegedRoleAssignment = defineRule({
  id: 'azure-privileged-role-assignment',
  title: 'Azure Owner, Contributor or User Access Administrator role assigned',
  description:
    'A role assignment granted Owner, Contributor or User Access Administrator on a subscription or resource group. Attackers grant themselves these roles to persist and to escalate from a foothold.',
  severity: 'high',
  confidence: 60,
  status: 'stable',
  attack: { tactics: ['TA0003', 'TA0004'], techniques: ['T1098.003'] },
  references: [
    'https://attack.mitre.org/techniques/T1098/003/',
    'https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles',
  ],
  runbook: [
    'Identify the assignee (PrincipalId) and the scope, and whether a change request covers it.',
    'Check the caller: sign-in risk, location and recent activity.',
    'If unexpected, remove the assignment and review what the assignee did with it.',
  ],
  falsePositives: ['Onboarding of administrators or automation through approved infrastructure pipelines.'],
  classes: [CLASS.API_ACTIVITY.class_uid],
  match: (e) =>
    e.cloud.provider === 'Azure' &&
    isSuccess(e) &&
    operationOf(e)?.toLowerCase() === 'microsoft.authorization/roleassignments/write' &&
    privilegedRole(e) !== undefined,
  summary: (e) => `${privilegedRole(e)} assigned by ${actorLabel(e)} in subscription ${accountOf(e)}`,
  dedup: { key: (e) => `${accountOf(e)}|${actorOf(e)}|${privilegedRole(e)}`, periodMinutes: 60 },
  tests: {
    positive: [
      { name: 'Owner assigned', records: [roleAssignment('8e3af657-a8ff-443c-a75c-2fe8c4bcb635')] },
      { name: 'Contributor assigned', records: [roleAssignment('b24988ac-6180-42a0-ab88-20f7382dd24c')] },
    ],
    negative: [
      { name: 'Reader assigned', records: [roleAssignment('acdd72a7-3385-48ef-bd42-f606fba81ae7')] },
      {
        name: 'Owner assignment only started',
        records: [roleAssignment('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'Start')],
      },
    ],
  },
});
