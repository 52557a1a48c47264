import { isoSeconds } from '../clock.ts';
import type { AwsContext } from './context.ts';
import type { AwsPrincipal } from './identity.ts';

/** One API call as the detonation makes it; everything else of the record is CloudTrail's. */
export interface AwsCall {
  by: AwsPrincipal;
  /** Default: the operator's address. */
  sourceIp?: string;
  /** Default: Stratus's `stratus-red-team_<uuid>`. */
  userAgent?: string;
  request?: unknown;
  response?: unknown;
  error?: { code: string; message: string };
  additionalEventData?: Record<string, unknown>;
  resources?: Record<string, unknown>[];
  /** Default: true for Get/List/Describe/Head/BatchGet calls and AssumeRole. */
  readOnly?: boolean;
  /** S3 object-level and other data events (`eventCategory: Data`). */
  dataEvent?: boolean;
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn';
  /** `tlsDetails.clientProvidedHostHeader`; default `<service>.<region>.amazonaws.com`. */
  host?: string;
  region?: string;
}

const READ_VERB = /^(?:Get|List|Describe|Head|BatchGet|Lookup|Search)[A-Z]|^AssumeRole$/;
const GLOBAL_HOSTS: Readonly<Record<string, string>> = {
  iam: 'iam.amazonaws.com',
  signin: 'signin.aws.amazon.com',
};

/** `ec2:GetPasswordData` → `ec2.amazonaws.com`, `GetPasswordData`: the key names the record. */
export function cloudTrailNames(key: string): { service: string; eventSource: string; eventName: string } {
  const colon = key.indexOf(':');
  const service = key.slice(0, colon);
  return { service, eventSource: `${service}.amazonaws.com`, eventName: key.slice(colon + 1) };
}

/** A CloudTrail record in the field order of the files CloudTrail delivers to S3. */
export function cloudTrailRecord(ctx: AwsContext, key: string, call: AwsCall): Record<string, unknown> {
  const { service, eventSource, eventName } = cloudTrailNames(key);
  const region = call.region ?? ctx.region;
  const consoleSignIn = call.eventType === 'AwsConsoleSignIn';
  const record: Record<string, unknown> = {
    eventVersion: '1.09',
    userIdentity: call.by.userIdentity,
    eventTime: isoSeconds(ctx.clock.now()),
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: call.sourceIp ?? ctx.attackerIp,
    userAgent: call.userAgent ?? ctx.stratusAgent,
  };
  if (call.error !== undefined) {
    record.errorCode = call.error.code;
    record.errorMessage = call.error.message;
  }
  record.requestParameters = call.request ?? null;
  record.responseElements = call.response ?? null;
  if (call.additionalEventData !== undefined) record.additionalEventData = call.additionalEventData;
  if (!consoleSignIn) record.requestID = ctx.rng.uuid();
  record.eventID = ctx.rng.uuid();
  record.readOnly = call.readOnly ?? READ_VERB.test(eventName);
  if (call.resources !== undefined) record.resources = call.resources;
  record.eventType = call.eventType ?? 'AwsApiCall';
  record.managementEvent = call.dataEvent !== true;
  record.recipientAccountId = ctx.account;
  record.eventCategory = call.dataEvent === true ? 'Data' : 'Management';
  record.tlsDetails = {
    tlsVersion: 'TLSv1.3',
    cipherSuite: 'TLS_AES_128_GCM_SHA256',
    clientProvidedHostHeader: call.host ?? GLOBAL_HOSTS[service] ?? `${service}.${region}.amazonaws.com`,
  };
  return record;
}
