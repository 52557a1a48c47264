import type { SourceRecord } from '@vigil/decode';
import type { AccountChange, ApiActivity, Authentication } from '@vigil/schema';
import { validateEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeCloudTrail } from './cloudtrail.ts';

const ACCOUNT = '123456789012';

function aliceIdentity(): Record<string, unknown> {
  return {
    type: 'IAMUser',
    principalId: 'AIDACKCEVSQ6C2EXAMPLE',
    arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
    accountId: ACCOUNT,
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    userName: 'alice',
  };
}

function adminSession(): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: 'AROACKCEVSQ6C2EXAMPLE:alice',
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
    accountId: ACCOUNT,
    accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROACKCEVSQ6C2EXAMPLE',
        arn: `arn:aws:iam::${ACCOUNT}:role/Admin`,
        accountId: ACCOUNT,
        userName: 'Admin',
      },
      attributes: { creationDate: '2024-03-05T14:01:15Z', mfaAuthenticated: 'true' },
    },
  };
}

function apiCall(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: aliceIdentity(),
    eventTime: '2024-03-05T14:02:11Z',
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: '192.0.2.44',
    userAgent: 'aws-cli/2.15.30',
    requestParameters: { instancesSet: {}, filterSet: {} },
    responseElements: null,
    requestID: 'b1f0c1a2-0000-4000-8000-000000000001',
    eventID: 'e1f0c1a2-0000-4000-8000-000000000001',
    readOnly: true,
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
    ...overrides,
  };
}

function source(record: unknown, variant = 'record'): SourceRecord {
  return {
    source: 'cloudtrail',
    variant,
    record: record as Record<string, unknown>,
    raw: JSON.stringify(record),
    location: { file: 'test.json' },
  };
}

function normalizeValid(record: Record<string, unknown>) {
  const result = normalizeCloudTrail(source(record));
  if (!result.ok) throw new Error(`expected an event, got: ${result.reason}`);
  const validation = validateEvent(result.event);
  if (!validation.ok) throw new Error(`invalid event: ${validation.issues.join('; ')}`);
  return result.event;
}

function reasonFor(record: unknown): string {
  const result = normalizeCloudTrail(source(record));
  if (result.ok) throw new Error('expected a failure');
  return result.reason;
}

describe('normalizeCloudTrail: API Activity', () => {
  it('maps the record envelope to metadata, cloud, actor, endpoint, request and status', () => {
    // Prepare
    const record = apiCall();

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event).toMatchObject({
      class_uid: 6003,
      activity_id: 2,
      type_uid: 600302,
      severity_id: 1,
      time: Date.UTC(2024, 2, 5, 14, 2, 11),
      status_id: 1,
      metadata: {
        uid: record.eventID,
        product: { name: 'CloudTrail', vendor_name: 'AWS', version: '1.09' },
        event_code: 'DescribeInstances',
        profiles: ['cloud'],
      },
      cloud: { provider: 'AWS', region: 'us-east-1', account: { uid: ACCOUNT } },
      actor: {
        user: {
          uid: `arn:aws:iam::${ACCOUNT}:user/alice`,
          uid_alt: 'AIDACKCEVSQ6C2EXAMPLE',
          name: 'alice',
          type: 'IAMUser',
          credential_uid: 'AKIAIOSFODNN7EXAMPLE',
          account: { uid: ACCOUNT },
        },
      },
      src_endpoint: { ip: '192.0.2.44' },
      http_request: { user_agent: 'aws-cli/2.15.30' },
      api: {
        operation: 'DescribeInstances',
        service: { name: 'ec2.amazonaws.com' },
        request: { uid: record.requestID },
      },
    });
    expect(event.raw_data).toBe(JSON.stringify(record));
  });

  it('references requestParameters and responseElements instead of copying them', () => {
    // Prepare
    const record = apiCall({ eventName: 'RunInstances', responseElements: { reservationId: 'r-1' } });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.api.request?.data).toBe(record.requestParameters);
    expect(event.api.response?.data).toBe(record.responseElements);
  });

  it('uses the event id as request uid when CloudTrail recorded parameters but no requestID', () => {
    // Prepare
    const record = apiCall({ requestID: undefined });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.api.request).toEqual({ uid: record.eventID, data: record.requestParameters });
  });

  it('marks an errorCode as a failure and keeps the error in api.response and status', () => {
    // Prepare
    const record = apiCall({
      eventName: 'DeleteBucket',
      eventSource: 's3.amazonaws.com',
      errorCode: 'AccessDenied',
      errorMessage: 'not authorized to perform: s3:DeleteBucket',
    });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event).toMatchObject({
      activity_id: 4,
      status_id: 2,
      status: 'Failure',
      status_code: 'AccessDenied',
      status_detail: 'not authorized to perform: s3:DeleteBucket',
      api: {
        response: { error: 'AccessDenied', error_message: 'not authorized to perform: s3:DeleteBucket' },
      },
    });
  });

  it.each([
    ['PutObject', 1],
    ['AuthorizeSecurityGroupIngress', 1],
    ['GetObject', 2],
    ['ListBuckets', 2],
    ['HeadObject', 2],
    ['BatchGetSecretValue', 2],
    ['ModifyInstanceAttribute', 3],
    ['StopLogging', 3],
    ['AttachVolume', 3],
    ['DeleteTrail', 4],
    ['RevokeSecurityGroupIngress', 4],
    ['TerminateInstances', 4],
    ['ScheduleKeyDeletion', 99],
    ['Decrypt', 99],
  ])('gives %s the API Activity activity %i', (eventName, activityId) => {
    // Prepare
    const record = apiCall({ eventName, readOnly: false });

    // Act
    const event = normalizeValid(record);

    // Assess
    expect([event.class_uid, event.activity_id]).toEqual([6003, activityId]);
  });

  it('reads an unknown verb as Read when CloudTrail marks the call readOnly', () => {
    // Prepare
    const record = apiCall({ eventName: 'Decrypt', eventSource: 'kms.amazonaws.com', readOnly: true });

    // Act
    const event = normalizeValid(record);

    // Assess
    expect(event.activity_id).toBe(2);
  });

  it('puts an AWS service caller in src_endpoint.domain and actor.invoked_by', () => {
    // Prepare
    const record = apiCall({
      userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' },
      sourceIPAddress: 'ec2.amazonaws.com',
    });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.src_endpoint).toEqual({ domain: 'ec2.amazonaws.com' });
    expect(event.actor).toMatchObject({
      invoked_by: 'ec2.amazonaws.com',
      user: { type: 'AWSService', name: 'ec2.amazonaws.com' },
    });
  });

  it('keeps an IPv6 source address and a VPC endpoint id on src_endpoint', () => {
    // Prepare
    const record = apiCall({ sourceIPAddress: '2001:db8::7', vpcEndpointId: 'vpce-0a1b2c3d4e5f6a7b8' });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.src_endpoint).toEqual({ ip: '2001:db8::7', uid: 'vpce-0a1b2c3d4e5f6a7b8' });
  });

  it('describes an assumed-role caller by its session name, issuer and MFA state', () => {
    // Prepare
    const record = apiCall({ userIdentity: adminSession() });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.actor).toEqual({
      user: {
        uid: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
        uid_alt: 'AROACKCEVSQ6C2EXAMPLE:alice',
        name: 'alice',
        type: 'AssumedRole',
        type_id: 99,
        credential_uid: 'ASIAIOSFODNN7EXAMPLE',
        account: { uid: ACCOUNT },
      },
      session: {
        issuer: `arn:aws:iam::${ACCOUNT}:role/Admin`,
        is_mfa: true,
        created_time: Date.UTC(2024, 2, 5, 14, 1, 15),
      },
    });
  });

  it('names the root user root, with user.type Root', () => {
    // Prepare
    const record = apiCall({
      userIdentity: {
        type: 'Root',
        principalId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAY34FZKBOROOTSES1',
      },
    });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.actor.user).toMatchObject({
      type: 'Root',
      type_id: 2,
      name: 'root',
      uid: `arn:aws:iam::${ACCOUNT}:root`,
    });
  });

  it('maps resources[] to uid, type and owning account', () => {
    // Prepare
    const record = apiCall({
      eventName: 'GetObject',
      resources: [
        { type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::bucket/key' },
        { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: 'arn:aws:s3:::bucket' },
        'not a resource',
      ],
    });

    // Act
    const event = normalizeValid(record) as ApiActivity;

    // Assess
    expect(event.resources).toEqual([
      { uid: 'arn:aws:s3:::bucket/key', type: 'AWS::S3::Object' },
      { uid: 'arn:aws:s3:::bucket', type: 'AWS::S3::Bucket', owner: { account: { uid: ACCOUNT } } },
    ]);
  });

  it('falls back to userIdentity.accountId for cloud.account when recipientAccountId is absent', () => {
    // Prepare
    const record = apiCall({ recipientAccountId: undefined });

    // Act
    const event = normalizeValid(record);

    // Assess
    expect(event.cloud.account).toEqual({ uid: ACCOUNT });
  });

  it('accepts eventTime with fractional seconds and a zone offset', () => {
    // Prepare
    const record = apiCall({ eventTime: '2024-03-05T16:02:11.250+02:00' });

    // Act
    const event = normalizeValid(record);

    // Assess
    expect(event.time).toBe(Date.UTC(2024, 2, 5, 14, 2, 11, 250));
  });

  it('treats IAM-named calls of other services (Amazon MQ CreateUser) as API Activity', () => {
    // Prepare
    const record = apiCall({ eventName: 'CreateUser', eventSource: 'mq.amazonaws.com', readOnly: false });

    // Act
    const event = normalizeValid(record);

    // Assess
    expect([event.class_uid, event.activity_id]).toEqual([6003, 1]);
  });
});

describe('normalizeCloudTrail: Authentication', () => {
  function consoleLogin(outcome: 'Success' | 'Failure', mfaUsed: 'Yes' | 'No'): Record<string, unknown> {
    const { accessKeyId: _unused, ...identity } = aliceIdentity();
    return apiCall({
      eventSource: 'signin.amazonaws.com',
      eventName: 'ConsoleLogin',
      userIdentity: identity,
      requestParameters: null,
      responseElements: { ConsoleLogin: outcome },
      additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MFAUsed: mfaUsed },
      requestID: undefined,
      readOnly: false,
      eventType: 'AwsConsoleSignIn',
      ...(outcome === 'Failure' ? { errorMessage: 'Failed authentication' } : {}),
    });
  }

  it('maps a successful console sign-in with MFA to a Logon by the signed-in user', () => {
    // Prepare
    const record = consoleLogin('Success', 'Yes');

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event).toMatchObject({
      class_uid: 3002,
      activity_id: 1,
      type_uid: 300201,
      status_id: 1,
      is_mfa: true,
      user: { name: 'alice', type: 'IAMUser', uid: `arn:aws:iam::${ACCOUNT}:user/alice` },
      service: { name: 'signin.amazonaws.com' },
      api: { operation: 'ConsoleLogin' },
    });
    expect(event.api?.request).toBeUndefined();
  });

  it('maps a failed console sign-in to a failed Logon with the error message', () => {
    // Prepare
    const record = consoleLogin('Failure', 'No');

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event).toMatchObject({
      status_id: 2,
      status: 'Failure',
      status_detail: 'Failed authentication',
      message: 'Failed authentication',
      is_mfa: false,
    });
  });

  it('takes MFA from the caller session when the sign-in does not report MFAUsed', () => {
    // Prepare
    const record = apiCall({
      eventSource: 'sts.amazonaws.com',
      eventName: 'GetSessionToken',
      userIdentity: adminSession(),
      responseElements: { credentials: { accessKeyId: 'ASIANEWSESSIONKEY001' } },
    });

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event).toMatchObject({
      is_mfa: true,
      user: { name: 'alice', type: 'AssumedRole' },
      session: { credential_uid: 'ASIANEWSESSIONKEY001' },
    });
  });

  it('makes the new role session the user of an AssumeRole', () => {
    // Prepare
    const record = apiCall({
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/Admin`, roleSessionName: 'alice' },
      responseElements: {
        credentials: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', expiration: 'Mar 5, 2024, 3:02:11 PM' },
        assumedRoleUser: {
          assumedRoleId: 'AROACKCEVSQ6C2EXAMPLE:alice',
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
        },
      },
    });

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event.user).toEqual({
      uid: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/alice`,
      uid_alt: 'AROACKCEVSQ6C2EXAMPLE:alice',
      name: 'alice',
      type: 'AssumedRole',
      type_id: 99,
      credential_uid: 'ASIAIOSFODNN7EXAMPLE',
      account: { uid: ACCOUNT },
    });
    expect(event.session).toEqual({
      credential_uid: 'ASIAIOSFODNN7EXAMPLE',
      issuer: `arn:aws:iam::${ACCOUNT}:role/Admin`,
    });
    expect(event.actor?.user?.name).toBe('alice');
  });

  it('names the requested role as the user of a denied AssumeRole', () => {
    // Prepare
    const record = apiCall({
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      errorCode: 'AccessDenied',
      requestParameters: { roleArn: `arn:aws:iam::${ACCOUNT}:role/Admin`, roleSessionName: 'mallory' },
    });

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event).toMatchObject({
      status_id: 2,
      user: { uid: `arn:aws:iam::${ACCOUNT}:role/Admin`, name: 'mallory', account: { uid: ACCOUNT } },
    });
  });

  it('marks AssumeRoleWithSAML as SAML', () => {
    // Prepare
    const record = apiCall({
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRoleWithSAML',
      userIdentity: {
        type: 'SAMLUser',
        principalId: 'SampleHash:bob',
        userName: 'bob',
        identityProvider: 'SampleIdP=',
      },
      requestParameters: {
        roleArn: `arn:aws:iam::${ACCOUNT}:role/SSOAdmin`,
        principalArn: 'arn:aws:iam::x:saml-provider/IdP',
      },
      responseElements: {
        assumedRoleUser: {
          assumedRoleId: 'AROAEXAMPLE:bob',
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/SSOAdmin/bob`,
        },
      },
    });

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event).toMatchObject({
      auth_protocol: 'SAML',
      auth_protocol_id: 5,
      user: { name: 'bob', uid: `arn:aws:sts::${ACCOUNT}:assumed-role/SSOAdmin/bob` },
      actor: { idp: { name: 'SampleIdP=' }, user: { type: 'SAMLUser', type_id: 1 } },
    });
  });

  it('makes the federated user the user of a GetFederationToken', () => {
    // Prepare
    const record = apiCall({
      eventSource: 'sts.amazonaws.com',
      eventName: 'GetFederationToken',
      requestParameters: { name: 'carol-broker' },
      responseElements: {
        federatedUser: {
          federatedUserId: `${ACCOUNT}:carol-broker`,
          arn: `arn:aws:sts::${ACCOUNT}:federated-user/carol-broker`,
        },
      },
    });

    // Act
    const event = normalizeValid(record) as Authentication;

    // Assess
    expect(event.user).toEqual({
      uid: `arn:aws:sts::${ACCOUNT}:federated-user/carol-broker`,
      uid_alt: `${ACCOUNT}:carol-broker`,
      name: 'carol-broker',
      type: 'FederatedUser',
      type_id: 99,
    });
  });
});

describe('normalizeCloudTrail: Account Change', () => {
  function iamCall(eventName: string, requestParameters: unknown, extra: Record<string, unknown> = {}) {
    return apiCall({
      eventSource: 'iam.amazonaws.com',
      eventName,
      userIdentity: adminSession(),
      requestParameters,
      readOnly: false,
      ...extra,
    });
  }

  it.each([
    ['CreateUser', { userName: 'bob' }, 1],
    ['CreateLoginProfile', { userName: 'bob' }, 1],
    ['CreateAccessKey', { userName: 'bob' }, 1],
    ['UpdateAccessKey', { userName: 'bob', accessKeyId: 'AKIA1', status: 'Active' }, 2],
    ['UpdateAccessKey', { userName: 'bob', accessKeyId: 'AKIA1', status: 'Inactive' }, 5],
    ['ChangePassword', null, 3],
    ['UpdateLoginProfile', { userName: 'bob' }, 4],
    ['DeleteUser', { userName: 'bob' }, 6],
    ['DeleteAccessKey', { userName: 'bob', accessKeyId: 'AKIA1' }, 6],
    ['AttachUserPolicy', { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, 7],
    ['PutUserPolicy', { userName: 'bob', policyName: 'inline' }, 7],
    ['AddUserToGroup', { userName: 'bob', groupName: 'Admins' }, 7],
    ['DetachRolePolicy', { roleName: 'App', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, 8],
    ['DeleteUserPolicy', { userName: 'bob', policyName: 'inline' }, 8],
    ['RemoveUserFromGroup', { userName: 'bob', groupName: 'Admins' }, 8],
    ['EnableMFADevice', { userName: 'bob', serialNumber: 'arn:aws:iam::1:mfa/bob' }, 10],
    ['DeactivateMFADevice', { userName: 'bob', serialNumber: 'arn:aws:iam::1:mfa/bob' }, 11],
    ['UpdateAssumeRolePolicy', { roleName: 'App' }, 99],
  ])('maps %s %j to Account Change activity %i', (eventName, requestParameters, activityId) => {
    // Prepare
    const record = iamCall(eventName, requestParameters);

    // Act
    const event = normalizeValid(record);

    // Assess
    expect([event.class_uid, event.activity_id, event.type_uid]).toEqual([
      3001,
      activityId,
      300100 + activityId,
    ]);
  });

  it('targets the user created, with the ARN IAM returned', () => {
    // Prepare
    const record = iamCall(
      'CreateUser',
      { userName: 'svc-reporting' },
      {
        responseElements: {
          user: { userName: 'svc-reporting', arn: `arn:aws:iam::${ACCOUNT}:user/svc-reporting` },
        },
      },
    );

    // Act
    const event = normalizeValid(record) as AccountChange;

    // Assess
    expect(event.user).toEqual({
      name: 'svc-reporting',
      type: 'IAMUser',
      uid: `arn:aws:iam::${ACCOUNT}:user/svc-reporting`,
      account: { uid: ACCOUNT },
    });
    expect(event.actor?.user?.name).toBe('alice');
  });

  it('names the new access key as the target credential of CreateAccessKey', () => {
    // Prepare
    const record = iamCall(
      'CreateAccessKey',
      { userName: 'svc-reporting' },
      {
        responseElements: {
          accessKey: { userName: 'svc-reporting', accessKeyId: 'AKIANEWKEY', status: 'Active' },
        },
      },
    );

    // Act
    const event = normalizeValid(record) as AccountChange;

    // Assess
    expect(event.user.credential_uid).toBe('AKIANEWKEY');
  });

  it('names the managed policy attached', () => {
    // Prepare
    const record = iamCall('AttachUserPolicy', {
      userName: 'bob',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });

    // Act
    const event = normalizeValid(record) as AccountChange;

    // Assess
    expect(event.policy).toEqual({
      uid: 'arn:aws:iam::aws:policy/AdministratorAccess',
      name: 'AdministratorAccess',
    });
  });

  it('keeps an inline policy name and document, targeting the role', () => {
    // Prepare
    const document = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
    const record = iamCall('PutRolePolicy', {
      roleName: 'WebAppRole',
      policyName: 'admin',
      policyDocument: document,
    });

    // Act
    const event = normalizeValid(record) as AccountChange;

    // Assess
    expect(event.policy).toEqual({ name: 'admin', data: document });
    expect(event.user).toMatchObject({ name: 'WebAppRole', type: 'Role' });
  });

  it('records the group a user joins', () => {
    // Prepare
    const record = iamCall('AddUserToGroup', { userName: 'bob', groupName: 'Admins' });

    // Act
    const event = normalizeValid(record) as AccountChange;

    // Assess
    expect(event.user.groups).toEqual([{ name: 'Admins' }]);
  });

  it('targets the caller when the call names no user (ChangePassword)', () => {
    // Prepare
    const record = iamCall('ChangePassword', null, { userIdentity: aliceIdentity() });

    // Act
    const event = normalizeValid(record) as AccountChange;

    // Assess
    expect(event.user).toMatchObject({ name: 'alice', uid: `arn:aws:iam::${ACCOUNT}:user/alice` });
  });
});

describe('normalizeCloudTrail: failures', () => {
  it.each([
    ['a record that is not an object', 42, 'CloudTrail record: expected a JSON object, got number'],
    ['a record that is an array', [apiCall()], 'CloudTrail record: expected a JSON object, got an array'],
    [
      'a missing eventName',
      apiCall({ eventName: undefined }),
      'CloudTrail record: eventName must be a non-empty string, got undefined',
    ],
    [
      'a numeric eventID',
      apiCall({ eventID: 7 }),
      'CloudTrail record DescribeInstances: eventID must be a non-empty string, got number',
    ],
    [
      'an eventTime that is not a time',
      apiCall({ eventTime: 'yesterday' }),
      'eventTime must be an ISO-8601 time, got "yesterday"',
    ],
    [
      'an eventTime without a zone',
      apiCall({ eventTime: '2024-03-05T14:02:11' }),
      'eventTime must be an ISO-8601 time, got "2024-03-05T14:02:11"',
    ],
    [
      'a missing userIdentity',
      apiCall({ userIdentity: undefined }),
      'userIdentity must be an object, got undefined',
    ],
    [
      'an anonymous userIdentity',
      apiCall({ userIdentity: { type: 'Unknown' } }),
      'userIdentity names no principal',
    ],
    [
      'a missing eventSource',
      apiCall({ eventSource: undefined }),
      'eventSource must be a non-empty string, got undefined',
    ],
    [
      'an API call without sourceIPAddress',
      apiCall({ sourceIPAddress: undefined }),
      'sourceIPAddress must name the caller for API Activity, got undefined',
    ],
    [
      'a console sign-in that names no one',
      apiCall({
        eventName: 'ConsoleLogin',
        eventSource: 'signin.amazonaws.com',
        userIdentity: { invokedBy: 'x' },
      }),
      'ConsoleLogin names no user that logged on',
    ],
    [
      'an IAM change that names no user',
      apiCall({
        eventName: 'ChangePassword',
        eventSource: 'iam.amazonaws.com',
        userIdentity: { invokedBy: 'x' },
      }),
      'ChangePassword names no user it changes',
    ],
  ])('fails on %s with a reason', (_case, record, reason) => {
    // Act
    const got = reasonFor(record);

    // Assess
    expect(got).toContain(reason);
  });
});
