import type { OcsfEvent } from '@vigil/schema';
import { userAgentFamily } from './user-agent.ts';

/** The fields of an identity event the profiles and features read. */
export interface EventView {
  principal: string;
  account: string;
  /** `iam:CreateAccessKey` for AWS; the operation itself for Azure and Google Cloud. */
  action: string;
  actionLower: string;
  service: string;
  region?: string;
  ip?: string;
  uaFamily?: string;
  errorCode?: string;
  isWrite: boolean;
  isListDescribe: boolean;
}

interface Loose {
  class_uid: number;
  activity_id?: number;
  status_id?: number;
  status_code?: string;
  cloud?: { provider?: string; region?: string; account?: { uid?: string } };
  actor?: {
    user?: { uid?: string; name?: string; account?: { uid?: string } };
    session?: { issuer?: string };
  };
  user?: { uid?: string; name?: string; account?: { uid?: string } };
  api?: { operation?: string; service?: { name?: string } };
  src_endpoint?: { ip?: string };
  http_request?: { user_agent?: string };
}

const API_ACTIVITY = 6003;
const AUTHENTICATION = 3002;
const WRITE_ACTIVITIES = new Set([1, 3, 4]);

/** Session names that are run, task or instance ids: a long hex or digit run. */
const GENERATED = /[0-9a-f]{8,}|\d{6,}/i;

/**
 * The acting principal. A role session whose name is stable (a person's user name, a
 * function) is profiled as `role/session`, so people sharing a role keep their own profiles;
 * sessions named after task, run or instance ids share the role's profile. Otherwise the
 * user's uid or name; sign-ins name the user who signs in.
 */
function principalOf(e: Loose): string | undefined {
  const issuer = e.actor?.session?.issuer;
  if (issuer) {
    const name = e.actor?.user?.name;
    return name && name.length <= 64 && !GENERATED.test(name) ? `${issuer}/${name}` : issuer;
  }
  const u = e.actor?.user ?? (e.class_uid === AUTHENTICATION ? e.user : undefined);
  return u?.uid ?? u?.name;
}

/** `iam.amazonaws.com` → `iam`; `MICROSOFT.COMPUTE` → `microsoft.compute`. */
function shortService(name: string | undefined): string {
  if (!name) return 'unknown';
  const lower = name.toLowerCase();
  const dot = lower.indexOf('.amazonaws.com');
  if (dot > 0) return lower.slice(0, dot);
  const g = lower.indexOf('.googleapis.com');
  return g > 0 ? lower.slice(0, g) : lower;
}

/** The view of an API or sign-in event with an identifiable principal; undefined otherwise. */
export function viewOf(event: OcsfEvent): EventView | undefined {
  const e = event as unknown as Loose;
  if (e.class_uid === 4001) return undefined;
  const principal = principalOf(e);
  if (!principal) return undefined;
  const operation = e.api?.operation ?? (e.class_uid === AUTHENTICATION ? 'sign-in' : undefined);
  if (!operation) return undefined;
  const service = shortService(
    e.api?.service?.name ?? (e.class_uid === AUTHENTICATION ? 'sign-in' : undefined),
  );
  const action = e.cloud?.provider === 'AWS' ? `${service}:${operation}` : operation;
  const actionLower = action.toLowerCase();
  const opLower = operation.toLowerCase();
  const view: EventView = {
    principal,
    account: e.cloud?.account?.uid ?? e.actor?.user?.account?.uid ?? 'unknown',
    action,
    actionLower,
    service,
    isWrite:
      e.class_uid === API_ACTIVITY
        ? WRITE_ACTIVITIES.has(e.activity_id ?? 0)
        : /write|delete|action$/.test(opLower),
    isListDescribe:
      opLower.startsWith('list') ||
      opLower.startsWith('describe') ||
      opLower.includes('.list') ||
      opLower.endsWith('/read'),
  };
  if (e.cloud?.region) view.region = e.cloud.region;
  const ip = e.src_endpoint?.ip;
  if (ip) view.ip = ip;
  const ua = userAgentFamily(e.http_request?.user_agent);
  if (ua) view.uaFamily = ua;
  if (e.status_id === 2) view.errorCode = e.status_code ?? 'failure';
  return view;
}
