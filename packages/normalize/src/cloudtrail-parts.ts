import type { Api, Cloud, NetworkEndpoint, ResourceDetails } from '@vigil/schema';
import { isIpLiteral } from './cloudtrail-values.ts';
import { asRecord, asString, metadataFor } from './common.ts';

const PRODUCT_NAME = 'CloudTrail';
const VENDOR_NAME = 'AWS';

/** `metadata`: `uid` = eventID, `event_code` = eventName, and the source's own time text. */
export function cloudTrailMetadata(record: Record<string, unknown>, uid: string, eventName: string) {
  const version = asString(record.eventVersion);
  return metadataFor({
    uid,
    product:
      version === undefined
        ? { name: PRODUCT_NAME, vendor_name: VENDOR_NAME }
        : { name: PRODUCT_NAME, vendor_name: VENDOR_NAME, version },
    logName: 'CloudTrail',
    eventCode: eventName,
    originalTime: record.eventTime as string,
  });
}

/** The receiving account; `userIdentity.accountId` when CloudTrail did not say who received it. */
export function cloudTrailCloud(record: Record<string, unknown>, identity: Record<string, unknown>): Cloud {
  const cloud: Cloud = { provider: 'AWS' };
  const region = asString(record.awsRegion);
  if (region !== undefined) cloud.region = region;
  const account = asString(record.recipientAccountId) ?? asString(identity.accountId);
  if (account !== undefined) cloud.account = { uid: account };
  return cloud;
}

/**
 * `sourceIPAddress` is an address for callers and a service name (`ec2.amazonaws.com`) for AWS;
 * undefined when the record names neither it nor a VPC endpoint.
 */
export function cloudTrailSrcEndpoint(record: Record<string, unknown>): NetworkEndpoint | undefined {
  const source = asString(record.sourceIPAddress);
  const vpcEndpoint = asString(record.vpcEndpointId);
  if (source === undefined && vpcEndpoint === undefined) return undefined;
  const endpoint: NetworkEndpoint = {};
  if (source !== undefined) {
    if (isIpLiteral(source)) endpoint.ip = source;
    else endpoint.domain = source;
  }
  if (vpcEndpoint !== undefined) endpoint.uid = vpcEndpoint;
  return endpoint;
}

/**
 * The call itself. Request and response data are the record's own objects, not copies. OCSF
 * requires `request.uid`; CloudTrail omits `requestID` on some non-API events (console
 * sign-in), where the event id stands in for it.
 */
export function cloudTrailApi(record: Record<string, unknown>, eventName: string, eventId: string): Api {
  const api: Api = { operation: eventName };
  const service = asString(record.eventSource);
  if (service !== undefined) api.service = { name: service };
  const version = asString(record.apiVersion);
  if (version !== undefined) api.version = version;
  const requestId = asString(record.requestID);
  const requestData = record.requestParameters;
  if (requestId !== undefined || (requestData !== undefined && requestData !== null)) {
    api.request =
      requestData === undefined || requestData === null
        ? { uid: requestId ?? eventId }
        : { uid: requestId ?? eventId, data: requestData };
  }
  const error = asString(record.errorCode);
  const errorMessage = asString(record.errorMessage);
  const responseData = record.responseElements;
  const hasData = responseData !== undefined && responseData !== null;
  if (error !== undefined || errorMessage !== undefined || hasData) {
    const response: NonNullable<Api['response']> = {};
    if (error !== undefined) response.error = error;
    if (errorMessage !== undefined) response.error_message = errorMessage;
    if (hasData) response.data = responseData;
    api.response = response;
  }
  return api;
}

/** `resources[]` entries with an ARN, as `{uid: ARN, type}` and the owning account when given. */
export function cloudTrailResources(record: Record<string, unknown>): ResourceDetails[] | undefined {
  const resources = record.resources;
  if (!Array.isArray(resources) || resources.length === 0) return undefined;
  const out: ResourceDetails[] = [];
  for (const entry of resources) {
    const resource = asRecord(entry);
    if (resource === undefined) continue;
    const arn = asString(resource.ARN) ?? asString(resource.arn);
    if (arn === undefined) continue;
    const detail: ResourceDetails = { uid: arn };
    const type = asString(resource.type);
    if (type !== undefined) detail.type = type;
    const account = asString(resource.accountId);
    if (account !== undefined) detail.owner = { account: { uid: account } };
    out.push(detail);
  }
  return out.length > 0 ? out : undefined;
}
