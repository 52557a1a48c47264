/**
 * Builders for the inline test records of the starter rules: each returns one native record as
 * JSON text (or a flow-log line), with realistic defaults a test overrides where it matters.
 */

let sequence = 0;
function nextId(prefix: string): string {
  sequence++;
  return `${prefix}${sequence.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
}

export interface CloudTrailSample {
  eventName: string;
  eventSource: string;
  userIdentity?: Record<string, unknown>;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  errorCode?: string;
  eventTime?: string;
  eventType?: string;
  sourceIPAddress?: string;
  additionalEventData?: Record<string, unknown>;
}

export const ALICE = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEALICE0001',
  arn: 'arn:aws:iam::111122223333:user/alice',
  accountId: '111122223333',
  accessKeyId: 'AKIAEXAMPLEALICE0001',
  userName: 'alice',
};

export const ROOT = {
  type: 'Root',
  principalId: '111122223333',
  arn: 'arn:aws:iam::111122223333:root',
  accountId: '111122223333',
  accessKeyId: 'ASIAEXAMPLEROOT00001',
};

export function cloudTrail(s: CloudTrailSample): string {
  const { userIdentity = ALICE, eventTime = '2026-11-02T10:00:00Z', eventType = 'AwsApiCall', ...rest } = s;
  return JSON.stringify({
    eventVersion: '1.09',
    userIdentity,
    eventTime,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64',
    requestParameters: null,
    responseElements: null,
    requestID: nextId('a'),
    eventID: nextId('e'),
    readOnly: false,
    eventType,
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
    ...rest,
  });
}

export interface GcpAuditSample {
  methodName: string;
  serviceName: string;
  resourceName: string;
  resourceType?: string;
  request?: Record<string, unknown>;
  serviceData?: Record<string, unknown>;
  statusCode?: number;
}

export function gcpAudit(s: GcpAuditSample): string {
  return JSON.stringify({
    insertId: nextId('g'),
    logName: 'projects/vigil-demo/logs/cloudaudit.googleapis.com%2Factivity',
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      status: s.statusCode ? { code: s.statusCode, message: 'PERMISSION_DENIED' } : {},
      authenticationInfo: { principalEmail: 'mallory@example.com' },
      requestMetadata: {
        callerIp: '198.51.100.7',
        callerSuppliedUserAgent: 'google-cloud-sdk gcloud/480.0.0',
      },
      serviceName: s.serviceName,
      methodName: s.methodName,
      resourceName: s.resourceName,
      request: s.request ?? {},
      ...(s.serviceData ? { serviceData: s.serviceData } : {}),
    },
    resource: {
      type: s.resourceType ?? 'gcs_bucket',
      labels: { project_id: 'vigil-demo', location: 'us-central1' },
    },
    timestamp: '2026-11-02T11:00:00.000000Z',
    severity: 'NOTICE',
    receiveTimestamp: '2026-11-02T11:00:01.000000Z',
  });
}

export interface AzureActivitySample {
  operationName: string;
  resultType?: string;
  /** Start records carry the request body, Success records the response body, both as JSON text. */
  requestbody?: Record<string, unknown>;
  responseBody?: Record<string, unknown>;
}

const SUBSCRIPTION = '8f4b2c1e-1111-4a2b-9c3d-5e6f7a8b9c0d';

export function azureActivity(s: AzureActivitySample): string {
  const id = nextId('z');
  return JSON.stringify({
    time: '2026-11-02T12:00:00.0000000Z',
    resourceId: `/SUBSCRIPTIONS/${SUBSCRIPTION}/RESOURCEGROUPS/PROD/PROVIDERS/MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/${id}`,
    operationName: s.operationName,
    category: 'Administrative',
    resultType: s.resultType ?? 'Success',
    resultSignature: s.resultType === 'Start' ? 'Started.' : 'Succeeded.Created',
    durationMs: '812',
    callerIpAddress: '203.0.113.44',
    correlationId: nextId('c'),
    identity: {
      authorization: { action: s.operationName, scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/prod` },
      claims: {
        'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'eve@contoso.com',
        'http://schemas.microsoft.com/identity/claims/objectidentifier':
          '2f1a9b7c-3d4e-4f50-8a6b-7c8d9e0f1a2b',
      },
    },
    level: 'Information',
    location: 'global',
    properties: {
      statusCode: 'Created',
      eventCategory: 'Administrative',
      entity: `/subscriptions/${SUBSCRIPTION}/resourceGroups/prod/providers/Microsoft.Authorization/roleAssignments/${id}`,
      message: s.operationName,
      hierarchy: `72f988bf-0000-0000-0000-000000000000/${SUBSCRIPTION}`,
      ...(s.requestbody ? { requestbody: JSON.stringify(s.requestbody) } : {}),
      ...(s.responseBody ? { responseBody: JSON.stringify(s.responseBody) } : {}),
    },
  });
}

/** A VPC flow log v2 default-format line. */
export function flowLine(
  src: string,
  dst: string,
  srcPort: number,
  dstPort: number,
  start: number,
  action = 'REJECT',
): string {
  return `2 111122223333 eni-0a1b2c3d4e5f60001 ${src} ${dst} ${srcPort} ${dstPort} 6 1 44 ${start} ${start + 5} ${action} OK`;
}
