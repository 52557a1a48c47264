import { API_ACTIVITY } from '@vigil/schema';

export interface ActivityKind {
  id: (typeof API_ACTIVITY)[keyof typeof API_ACTIVITY];
  name: string;
}

const CREATE: ActivityKind = { id: API_ACTIVITY.CREATE, name: 'Create' };
const READ: ActivityKind = { id: API_ACTIVITY.READ, name: 'Read' };
const UPDATE: ActivityKind = { id: API_ACTIVITY.UPDATE, name: 'Update' };
const DELETE: ActivityKind = { id: API_ACTIVITY.DELETE, name: 'Delete' };
const ACTION: ActivityKind = { id: API_ACTIVITY.OTHER, name: 'Action' };
const OTHER: ActivityKind = { id: API_ACTIVITY.OTHER, name: 'Other' };

/**
 * ARM operations end in their verb: `/write` is a create-or-update PUT/PATCH (Update), `/delete`,
 * `/read`, and `/action` (a POST such as `listKeys/action`, Other). Role assignments are the
 * exception: an assignment's role, principal and scope cannot be changed after it is made (ARM
 * answers RoleAssignmentUpdateNotPermitted), so `Microsoft.Authorization/roleAssignments/write`
 * always records a new assignment: Create.
 * Names are compared case-insensitively because diagnostic exports upper-case them.
 */
export function activityFromOperation(operation: string): ActivityKind {
  const slash = operation.lastIndexOf('/');
  if (slash < 0) return OTHER;
  switch (operation.slice(slash + 1).toLowerCase()) {
    case 'write':
      return operation.length === ROLE_ASSIGNMENT_WRITE.length &&
        operation.toLowerCase() === ROLE_ASSIGNMENT_WRITE
        ? CREATE
        : UPDATE;
    case 'delete':
      return DELETE;
    case 'read':
      return READ;
    case 'action':
      return ACTION;
    default:
      return OTHER;
  }
}
const ROLE_ASSIGNMENT_WRITE = 'microsoft.authorization/roleassignments/write';
