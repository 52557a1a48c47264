import { describe, expect, it } from 'vitest';
import { classifyRecord } from './classify-record.ts';

const cloudTrail = {
  eventVersion: '1.08',
  eventName: 'StopLogging',
  eventSource: 'cloudtrail.amazonaws.com',
};
const activity = {
  time: '2024-05-01T10:00:00Z',
  resourceId: '/SUBSCRIPTIONS/1',
  operationName: 'X',
  category: 'Administrative',
};
const gcpEntry = (logName: string) => ({
  logName,
  insertId: 'a1',
  protoPayload: { methodName: 'SetIamPolicy' },
});

describe('classifyRecord', () => {
  it.each([
    ['a CloudTrail record', cloudTrail, 'cloudtrail', 'record'],
    [
      'an EventBridge CloudTrail envelope',
      { 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.iam', detail: cloudTrail },
      'cloudtrail',
      'eventbridge',
    ],
    [
      'an EventBridge console sign-in',
      { 'detail-type': 'AWS Console Sign In via CloudTrail', detail: { eventName: 'ConsoleLogin' } },
      'cloudtrail',
      'eventbridge',
    ],
    ['an Azure Activity record', activity, 'azure', 'activity'],
    ['an Azure Policy record', { ...activity, category: 'Policy' }, 'azure', 'activity'],
    [
      'an Activity Log REST event',
      {
        category: { value: 'Administrative', localizedValue: 'Administrative' },
        operationName: { value: 'x' },
      },
      'azure',
      'activity',
    ],
    ['an Entra sign-in record', { category: 'SignInLogs', properties: {} }, 'azure', 'signin'],
    ['a service principal sign-in', { category: 'ServicePrincipalSignInLogs' }, 'azure', 'signin'],
    ['an Entra audit record', { category: 'AuditLogs' }, 'azure', 'audit'],
    ['an AzureActivity row', { Type: 'AzureActivity', OperationNameValue: 'x' }, 'azure', 'activity-la'],
    ['a SigninLogs row', { Type: 'SigninLogs' }, 'azure', 'signin-la'],
    ['an AAD non-interactive row', { Type: 'AADNonInteractiveUserSignInLogs' }, 'azure', 'signin-la'],
    ['an AuditLogs row', { Type: 'AuditLogs' }, 'azure', 'audit-la'],
    ['an activity row without Type', { OperationNameValue: 'x', Caller: 'y' }, 'azure', 'activity-la'],
    [
      'a sign-in row without Type',
      { UserPrincipalName: 'a@b', AppDisplayName: 'Portal', ResultType: '0' },
      'azure',
      'signin-la',
    ],
    ['an audit row without Type', { ActivityDisplayName: 'Add user', InitiatedBy: {} }, 'azure', 'audit-la'],
    [
      'a GCP admin activity entry',
      gcpEntry('projects/p/logs/cloudaudit.googleapis.com%2Factivity'),
      'gcp',
      'activity',
    ],
    [
      'a GCP data access entry',
      gcpEntry('projects/p/logs/cloudaudit.googleapis.com%2Fdata_access'),
      'gcp',
      'data_access',
    ],
    [
      'a GCP system event entry',
      gcpEntry('folders/1/logs/cloudaudit.googleapis.com%2fsystem_event'),
      'gcp',
      'system_event',
    ],
    [
      'a GCP policy entry',
      gcpEntry('organizations/1/logs/cloudaudit.googleapis.com/policy'),
      'gcp',
      'policy',
    ],
  ])('classifies %s', (_name, value, source, variant) => {
    // Act
    const found = classifyRecord(value);

    // Assess
    expect(found).toEqual({ source, variant });
  });

  it.each([
    [null, 'expected a JSON object, found null'],
    [42, 'expected a JSON object, found number'],
    [[1, 2], 'expected a JSON object, found array of 2 items'],
    [{ a: 1, b: 2, c: 3 }, 'unrecognized JSON record: object with keys [a, b, c]'],
    [
      { eventName: 'aws:kinesis:record', eventSource: 'aws:kinesis' },
      'AWS Lambda event record (eventSource aws:kinesis) is not a CloudTrail record',
    ],
    [
      { 'detail-type': 'EC2 Instance State-change Notification', detail: {} },
      "EventBridge event detail-type 'EC2 Instance State-change Notification' is not a CloudTrail event",
    ],
    [
      { 'detail-type': 'AWS API Call via CloudTrail', detail: { eventName: 7 } },
      'EventBridge CloudTrail event: detail.eventName must be a string, got number',
    ],
    [
      { logName: 'projects/p/logs/syslog', textPayload: 'x' },
      'GCP LogEntry is not a Cloud Audit Log: logName projects/p/logs/syslog',
    ],
    [
      gcpEntry('projects/p/logs/cloudaudit.googleapis.com%2Faccess_transparency'),
      "GCP Cloud Audit Log kind 'access_transparency' is not supported",
    ],
    [
      { logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity', protoPayload: 'x' },
      'GCP Cloud Audit Log entry: protoPayload must be an object, got string',
    ],
    [
      { ...activity, category: 'StorageRead' },
      "Azure diagnostic record category 'StorageRead' is not supported",
    ],
    [{ Type: 'Syslog' }, "Log Analytics row of table 'Syslog' is not supported"],
    [{ Type: 'constructor' }, "Log Analytics row of table 'constructor' is not supported"],
  ])('rejects %j with a reason', (value, reason) => {
    // Act
    const found = classifyRecord(value);

    // Assess
    expect(found).toEqual({ reason: expect.stringContaining(reason) });
  });

  it('keeps only the forced family', () => {
    // Act
    const same = classifyRecord(cloudTrail, 'cloudtrail');
    const other = classifyRecord(activity, 'cloudtrail');
    const none = classifyRecord({ a: 1 }, 'azure');

    // Assess
    expect(same).toEqual({ source: 'cloudtrail', variant: 'record' });
    expect(other).toEqual({
      reason: 'expected a cloudtrail record (--format cloudtrail), found azure activity',
    });
    expect(none).toEqual({
      reason: 'expected an azure record (--format azure): unrecognized JSON record: object with keys [a]',
    });
  });
});
