import type { Classification } from './classification.ts';
import { isJsonObject } from './describe-value.ts';

function variants(names: string[], variant: string): [string, Classification][] {
  return names.map((name) => [name.toLowerCase(), { source: 'azure', variant }]);
}

/** Diagnostic-settings `category` values (Activity log categories, Entra ID log categories). */
const CATEGORIES: ReadonlyMap<string, Classification> = new Map([
  ...variants(
    [
      'Administrative',
      'Security',
      'ServiceHealth',
      'Alert',
      'Recommendation',
      'Policy',
      'Autoscale',
      'ResourceHealth',
    ],
    'activity',
  ),
  ...variants(
    ['SignInLogs', 'NonInteractiveUserSignInLogs', 'ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs'],
    'signin',
  ),
  ...variants(['AuditLogs'], 'audit'),
]);

/** Log Analytics table names, as the `Type` column gives them. */
const TABLES: ReadonlyMap<string, Classification> = new Map([
  ...variants(['AzureActivity'], 'activity-la'),
  ...variants(
    [
      'SigninLogs',
      'AADNonInteractiveUserSignInLogs',
      'AADServicePrincipalSignInLogs',
      'AADManagedIdentitySignInLogs',
    ],
    'signin-la',
  ),
  ...variants(['AuditLogs'], 'audit-la'),
]);

const ACTIVITY_LA = TABLES.get('azureactivity');
const SIGNIN_LA = TABLES.get('signinlogs');
const AUDIT_LA = TABLES.get('auditlogs');

function byCategory(category: string, value: Record<string, unknown>): Classification | undefined {
  const found = CATEGORIES.get(category.toLowerCase());
  if (found !== undefined) return found;
  if (!('resourceId' in value || 'operationName' in value)) return undefined;
  return {
    reason: `Azure diagnostic record category '${category.slice(0, 100)}' is not supported (expected an Activity log category, a sign-in log category or AuditLogs)`,
  };
}

/** Row of a `tables` response that lacks the `Type` column: the columns tell the table. */
function byColumns(value: Record<string, unknown>): Classification | undefined {
  if ('OperationNameValue' in value) return ACTIVITY_LA;
  if ('UserPrincipalName' in value && 'AppDisplayName' in value && 'ResultType' in value) return SIGNIN_LA;
  if ('ActivityDisplayName' in value && 'InitiatedBy' in value) return AUDIT_LA;
  return undefined;
}

/** Azure Monitor diagnostic record, Activity Log REST event or Log Analytics row; undefined when none. */
export function classifyAzure(value: Record<string, unknown>): Classification | undefined {
  const category = value.category;
  if (typeof category === 'string') return byCategory(category, value);
  if (isJsonObject(category) && typeof category.value === 'string') return byCategory(category.value, value);
  const table = value.Type;
  if (typeof table === 'string') {
    return (
      TABLES.get(table.toLowerCase()) ?? {
        reason: `Log Analytics row of table '${table.slice(0, 100)}' is not supported (expected AzureActivity, SigninLogs, AAD*SignInLogs or AuditLogs)`,
      }
    );
  }
  return byColumns(value);
}
