import type { SourceRecord } from '@vigil/decode';
import { validateEvent } from '@vigil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCloudTrail } from './cloudtrail.ts';

/** A value of the right kind, or anything at all (wrong types, null, nested junk). */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary }, { weight: 1, arbitrary: fc.anything() });
}

const isoTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const eventName = fc.constantFrom(
  'ConsoleLogin',
  'AssumeRole',
  'AssumeRoleWithSAML',
  'GetFederationToken',
  'GetSessionToken',
  'CheckMfa',
  'CreateUser',
  'UpdateAccessKey',
  'AttachUserPolicy',
  'PutRolePolicy',
  'AddUserToGroup',
  'ChangePassword',
  'DescribeInstances',
  'BatchGetItem',
  'StopLogging',
  'Batch',
  'x',
);

const arn = fc
  .tuple(fc.constantFrom('iam', 'sts'), fc.stringMatching(/^\d{12}$/), fc.string({ maxLength: 20 }))
  .map(([service, account, path]) => `arn:aws:${service}::${account}:${path}`);

const userIdentity = fc.record(
  {
    type: sometimes(
      fc.constantFrom('Root', 'IAMUser', 'AssumedRole', 'AWSService', 'FederatedUser', 'Unknown'),
    ),
    principalId: sometimes(fc.string()),
    arn: sometimes(arn),
    accountId: sometimes(fc.string()),
    accessKeyId: sometimes(fc.string()),
    userName: sometimes(fc.string()),
    invokedBy: sometimes(fc.string()),
    sessionContext: sometimes(
      fc.record(
        {
          sessionIssuer: sometimes(fc.record({ arn: sometimes(arn), userName: sometimes(fc.string()) })),
          attributes: sometimes(
            fc.record({
              creationDate: sometimes(isoTime),
              mfaAuthenticated: sometimes(fc.constantFrom('true', 'false')),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const parameters = fc.record(
  {
    userName: sometimes(fc.string()),
    roleName: sometimes(fc.string()),
    roleArn: sometimes(arn),
    roleSessionName: sometimes(fc.string()),
    policyArn: sometimes(arn),
    policyName: sometimes(fc.string()),
    policyDocument: sometimes(fc.string()),
    groupName: sometimes(fc.string()),
    accessKeyId: sometimes(fc.string()),
    status: sometimes(fc.constantFrom('Active', 'Inactive')),
    name: sometimes(fc.string()),
  },
  { requiredKeys: [] },
);

const cloudTrailRecord = fc.record(
  {
    eventVersion: sometimes(fc.constantFrom('1.08', '1.09')),
    userIdentity: sometimes(userIdentity),
    eventTime: sometimes(isoTime),
    eventSource: sometimes(
      fc.constantFrom('iam.amazonaws.com', 'sts.amazonaws.com', 'signin.amazonaws.com', 'ec2.amazonaws.com'),
    ),
    eventName: sometimes(eventName),
    awsRegion: sometimes(fc.constantFrom('us-east-1', 'eu-west-3')),
    sourceIPAddress: sometimes(fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain(), fc.string())),
    userAgent: sometimes(fc.string()),
    errorCode: sometimes(fc.string()),
    errorMessage: sometimes(fc.string()),
    requestParameters: sometimes(parameters),
    responseElements: sometimes(
      fc.record(
        {
          ConsoleLogin: sometimes(fc.constantFrom('Success', 'Failure')),
          assumedRoleUser: sometimes(
            fc.record({ arn: sometimes(arn), assumedRoleId: sometimes(fc.string()) }),
          ),
          credentials: sometimes(fc.record({ accessKeyId: sometimes(fc.string()) })),
          federatedUser: sometimes(
            fc.record({ arn: sometimes(arn), federatedUserId: sometimes(fc.string()) }),
          ),
          user: sometimes(fc.record({ arn: sometimes(arn) })),
          accessKey: sometimes(fc.record({ accessKeyId: sometimes(fc.string()) })),
        },
        { requiredKeys: [] },
      ),
    ),
    additionalEventData: sometimes(fc.record({ MFAUsed: sometimes(fc.constantFrom('Yes', 'No')) })),
    requestID: sometimes(fc.uuid()),
    eventID: sometimes(fc.uuid()),
    readOnly: sometimes(fc.boolean()),
    resources: sometimes(
      fc.array(
        fc.record({ ARN: sometimes(arn), type: sometimes(fc.string()), accountId: sometimes(fc.string()) }),
      ),
    ),
    vpcEndpointId: sometimes(fc.string()),
    recipientAccountId: sometimes(fc.string()),
  },
  { requiredKeys: [] },
);

function source(record: unknown): SourceRecord {
  return {
    source: 'cloudtrail',
    variant: 'record',
    record: record as Record<string, unknown>,
    raw: 'raw',
    location: { file: 'property' },
  };
}

describe('normalizeCloudTrail properties', () => {
  it('never throws on partial and wrong-typed records: a valid event keyed by eventID, or a reason', () => {
    let valid = 0;
    fc.assert(
      fc.property(cloudTrailRecord, (record) => {
        const result = normalizeCloudTrail(source(record));
        if (!result.ok) return result.reason.length > 0;
        valid++;
        const validation = validateEvent(result.event);
        expect(validation.ok ? [] : validation.issues).toEqual([]);
        return result.event.metadata.uid === record.eventID;
      }),
      { numRuns: 2000 },
    );
    expect(valid).toBeGreaterThan(100);
  });

  it('never throws on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const result = normalizeCloudTrail(source(value));
        return result.ok ? validateEvent(result.event).ok : result.reason.length > 0;
      }),
      { numRuns: 1000 },
    );
  });
});
