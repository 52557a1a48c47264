import { normalizeActivity } from './azure-activity.ts';
import { readActivity, readActivityRow } from './azure-activity-view.ts';
import { normalizeAudit } from './azure-audit.ts';
import { readAudit, readAuditRow } from './azure-audit-view.ts';
import { normalizeSignIn } from './azure-signin.ts';
import { readSignIn, readSignInRow } from './azure-signin-view.ts';
import type { Normalizer } from './types.ts';

/**
 * Azure Monitor Activity log → API Activity; Entra sign-ins → Authentication; Entra audits →
 * Account Change or API Activity. Each log comes as a diagnostic export record (`activity`,
 * `signin`, `audit`; Activity also in its REST/portal shape) or as a Log Analytics row
 * (`*-la`); a reader per shape feeds one mapping per log.
 */
export const normalizeAzure: Normalizer = (source) => {
  const r = source.record;
  switch (source.variant) {
    case 'activity':
      return normalizeActivity(source, readActivity(r));
    case 'activity-la':
      return normalizeActivity(source, readActivityRow(r));
    case 'signin':
      return normalizeSignIn(source, readSignIn(r));
    case 'signin-la':
      return normalizeSignIn(source, readSignInRow(r));
    case 'audit':
      return normalizeAudit(source, readAudit(r));
    case 'audit-la':
      return normalizeAudit(source, readAuditRow(r));
    default:
      return {
        ok: false,
        reason: `Azure record: variant must be one of activity, signin, audit, activity-la, signin-la, audit-la, got ${source.variant}`,
      };
  }
};
