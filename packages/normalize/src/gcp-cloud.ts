import type { Cloud } from '@vigil/schema';
import { asString, firstString } from './common.ts';

/**
 * `cloud` of a LogEntry: the project from the monitored resource's labels, else from the
 * logName (`projects/<id>/logs/…`); organization-level logs (`organizations/<id>/logs/…`) name
 * the organization instead. The region is the resource's location or region label, or the
 * region its zone belongs to (`us-central1-a` → `us-central1`).
 */
export function gcpCloud(labels: Record<string, unknown> | undefined, logName: string | undefined): Cloud {
  const project = asString(labels?.project_id) ?? logNameParent(logName, 'projects/');
  const zone = asString(labels?.zone);
  const cloud: Cloud = {
    provider: 'GCP',
    region: firstString(labels?.location, labels?.region) ?? regionOfZone(zone),
    zone,
    project_uid: project,
  };
  if (project !== undefined) cloud.account = { uid: project, type: 'GCP Project', type_id: 11 };
  const org = logNameParent(logName, 'organizations/');
  if (org !== undefined) cloud.org = { uid: org };
  return cloud;
}

/** `projects/p/logs/x` with prefix `projects/` → `p`. */
export function logNameParent(logName: string | undefined, prefix: string): string | undefined {
  if (logName === undefined || !logName.startsWith(prefix)) return undefined;
  const end = logName.indexOf('/', prefix.length);
  return asString(logName.slice(prefix.length, end < 0 ? undefined : end));
}

function regionOfZone(zone: string | undefined): string | undefined {
  if (zone === undefined) return undefined;
  const dash = zone.lastIndexOf('-');
  // Zones are `<region>-<letter>`; anything else is not a zone we can reduce.
  return dash > 0 && zone.length - dash === 2 ? zone.slice(0, dash) : undefined;
}
