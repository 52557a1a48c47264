import type { Random } from '../random.ts';
import { isoSeconds } from '../time.ts';

/** One AWS API call, before it is written down as a CloudTrail record. */
export interface AwsCall {
  /** `eventSource`, e.g. `ec2.amazonaws.com`. */
  source: string;
  name: string;
  readOnly: boolean;
  request?: Record<string, unknown> | null;
  response?: Record<string, unknown> | null;
  resources?: readonly Record<string, string>[];
  /** Failed console sign-ins carry only a message. */
  error?: { code?: string; message: string };
  /** S3 object-level calls are data events. */
  data?: boolean;
  additional?: Record<string, unknown>;
  eventType?: 'AwsApiCall' | 'AwsConsoleSignIn' | 'AwsServiceEvent';
  /** Console sign-in events carry no request id. */
  noRequestId?: boolean;
  /** Host header the client sent, when it is not the service's regional endpoint. */
  host?: string;
}

/** Who made the call and from where. */
export interface AwsCaller {
  identity: Record<string, unknown>;
  /** An address, or the AWS service that made the call on the principal's behalf. */
  sourceIp: string;
  userAgent: string;
  vpcEndpointId?: string;
  /** Calls AWS services make among themselves have no TLS details in CloudTrail. */
  tls: boolean;
  /** Console sessions mark their calls `sessionCredentialFromConsole`. */
  console?: boolean;
}

export interface Built {
  text: string;
  uid: string;
}

const GLOBAL_HOSTS: Readonly<Record<string, string>> = {
  'iam.amazonaws.com': 'iam.amazonaws.com',
  'signin.amazonaws.com': 'signin.aws.amazon.com',
  'cloudfront.amazonaws.com': 'cloudfront.amazonaws.com',
  'organizations.amazonaws.com': 'organizations.us-east-1.amazonaws.com',
};

function hostOf(call: AwsCall, region: string): string {
  if (call.host !== undefined) return call.host;
  const global = GLOBAL_HOSTS[call.source];
  if (global !== undefined) return global;
  const service = call.source.slice(0, call.source.indexOf('.'));
  if (service === 's3') {
    const bucket = call.request?.bucketName;
    return typeof bucket === 'string' ? `${bucket}.s3.${region}.amazonaws.com` : `s3.${region}.amazonaws.com`;
  }
  return `${service}.${region}.amazonaws.com`;
}

const S3_REQUEST_ID = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A CloudTrail record as CloudTrail delivers it, fields in CloudTrail's order. Event and
 * request ids come from `rng`, so the same run writes the same ids.
 */
export function cloudTrailRecord(
  rng: Random,
  time: number,
  caller: AwsCaller,
  call: AwsCall,
  account: string,
  region: string,
): Built {
  const uid = rng.uuid();
  const record: Record<string, unknown> = {
    eventVersion: call.data ? '1.10' : '1.09',
    userIdentity: caller.identity,
    eventTime: isoSeconds(time),
    eventSource: call.source,
    eventName: call.name,
    awsRegion: region,
    sourceIPAddress: caller.sourceIp,
    userAgent: caller.userAgent,
  };
  if (call.error !== undefined) {
    if (call.error.code !== undefined) record.errorCode = call.error.code;
    record.errorMessage = call.error.message;
  }
  record.requestParameters = call.request ?? null;
  record.responseElements = call.response ?? null;
  if (call.additional !== undefined) record.additionalEventData = call.additional;
  if (!call.noRequestId)
    record.requestID = call.source === 's3.amazonaws.com' ? rng.chars(16, S3_REQUEST_ID) : rng.uuid();
  record.eventID = uid;
  record.readOnly = call.readOnly;
  if (call.resources !== undefined) record.resources = call.resources;
  record.eventType = call.eventType ?? 'AwsApiCall';
  record.managementEvent = !call.data;
  record.recipientAccountId = account;
  if (caller.vpcEndpointId !== undefined) {
    record.vpcEndpointId = caller.vpcEndpointId;
    record.vpcEndpointAccountId = account;
  }
  record.eventCategory = call.data ? 'Data' : 'Management';
  if (caller.tls)
    record.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: hostOf(call, region),
    };
  if (caller.console) record.sessionCredentialFromConsole = 'true';
  return { text: JSON.stringify(record), uid };
}
