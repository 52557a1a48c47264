import { normalizeCloudTrail } from '@vigil/normalize';
import type { OcsfEvent } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import {
  AWS_DERIVED,
  accountOfArnOrId,
  adminGrant,
  externalPrincipals,
  foreignEncryptionKey,
  foreignLambdaLayers,
  hijackInstanceTypes,
  iamTarget,
  instanceSession,
  lambdaExternalPrincipal,
  otherUserTarget,
  parsePolicy,
  publicSourceIp,
  replicationAccounts,
  sharedResource,
  sharedWith,
  ssmCommandFleetTargets,
  ssmCommandInstanceCount,
  ssmParameterRequest,
  trailSelectorGaps,
} from './derived-aws.ts';

const OWN = '111122223333';
const OTHER = '444455556666';
const ALICE = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEALICE0001',
  arn: `arn:aws:iam::${OWN}:user/alice`,
  accountId: OWN,
  accessKeyId: 'AKIAEXAMPLEALICE0001',
  userName: 'alice',
};

function roleSession(session: string): Record<string, unknown> {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEWEBAPPROLE:${session}`,
    arn: `arn:aws:sts::${OWN}:assumed-role/web-app-role/${session}`,
    accountId: OWN,
    accessKeyId: 'ASIAEXAMPLEINSTANCE1',
    sessionContext: {
      sessionIssuer: { type: 'Role', arn: `arn:aws:iam::${OWN}:role/web-app-role`, accountId: OWN },
      ec2RoleDelivery: '2.0',
    },
  };
}

let n = 0;
/** A CloudTrail record normalized the way the detector sees it. */
function ct(
  eventName: string,
  eventSource: string,
  requestParameters: unknown,
  extra: Record<string, unknown> = {},
): OcsfEvent {
  n++;
  const record = {
    eventVersion: '1.09',
    userIdentity: ALICE,
    eventTime: '2026-11-02T10:00:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.15.30',
    requestParameters,
    responseElements: null,
    requestID: `req-${n}`,
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: OWN,
    eventCategory: 'Management',
    ...extra,
  };
  const result = normalizeCloudTrail({
    source: 'cloudtrail',
    variant: 'cloudtrail',
    record,
    raw: JSON.stringify(record),
    location: { file: 'derived-aws.test.ts' },
  });
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

const policy = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, Condition?: unknown) => ({
  Effect: 'Allow',
  Principal,
  Action: 'sts:AssumeRole',
  ...(Condition ? { Condition } : {}),
});

describe('accountOfArnOrId', () => {
  it('reads the account of an ARN or a bare id, nothing else', () => {
    expect(accountOfArnOrId(`arn:aws:iam::${OTHER}:root`)).toBe(OTHER);
    expect(accountOfArnOrId(OTHER)).toBe(OTHER);
    expect(accountOfArnOrId('arn:aws:s3:::bucket')).toBeUndefined();
    expect(accountOfArnOrId('s3.amazonaws.com')).toBeUndefined();
  });
});

describe('parsePolicy', () => {
  it('accepts objects, JSON text and URL-encoded JSON text', () => {
    const doc = policy(allow('*'));
    expect(parsePolicy(doc)).toEqual(doc);
    expect(parsePolicy(JSON.stringify(doc))).toEqual(doc);
    expect(parsePolicy(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
  });

  it('returns undefined for text that is not a policy', () => {
    expect(parsePolicy('{not json')).toBeUndefined();
    expect(parsePolicy('')).toBeUndefined();
    expect(parsePolicy(42)).toBeUndefined();
  });
});

describe('externalPrincipals', () => {
  it('names other accounts and unconditional public principals of Allow statements', () => {
    const doc = policy(
      allow({ AWS: [`arn:aws:iam::${OTHER}:root`, `arn:aws:iam::${OWN}:role/ops`] }),
      allow('*'),
      allow({ AWS: '999988887777' }),
    );
    expect(externalPrincipals(doc, OWN)).toEqual([OTHER, '*', '999988887777']);
  });

  it('ignores services, denies and a * pinned to the organization', () => {
    const doc = policy(
      allow({ Service: 'ec2.amazonaws.com' }),
      { ...allow({ AWS: `arn:aws:iam::${OTHER}:root` }), Effect: 'Deny' },
      allow('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorgid' } }),
      allow({ AWS: '*' }, { StringEquals: { 'AWS:SourceAccount': OWN } }),
    );
    expect(externalPrincipals(doc, OWN)).toEqual([]);
  });

  it('treats Allow with NotPrincipal as everyone', () => {
    const doc = policy({
      Effect: 'Allow',
      NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` },
      Action: 's3:*',
    });
    expect(externalPrincipals(doc, OWN)).toEqual(['*']);
  });

  it('does not count the load balancer log-delivery accounts of AWS', () => {
    const doc = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::127311923021:root' },
      Action: 's3:PutObject',
    });
    expect(externalPrincipals(doc, OWN)).toEqual([]);
  });

  it('treats a * with an unrelated condition as public', () => {
    const doc = policy(allow('*', { Bool: { 'aws:SecureTransport': 'true' } }));
    expect(externalPrincipals(doc, OWN)).toEqual(['*']);
  });
});

describe('policy external principals of a call', () => {
  it('reads the trust policy of CreateRole and the bucket policy of PutBucketPolicy', () => {
    const trust = JSON.stringify(policy(allow({ AWS: `arn:aws:iam::${OTHER}:root` })));
    const role = ct('CreateRole', 'iam.amazonaws.com', { roleName: 'r', assumeRolePolicyDocument: trust });
    const bucket = ct('PutBucketPolicy', 's3.amazonaws.com', {
      bucketName: 'b',
      bucketPolicy: policy({ ...allow('*'), Action: 's3:GetObject' }),
      policy: '',
    });
    expect(AWS_DERIVED.awsPolicyExternalPrincipals!(role)).toEqual([OTHER]);
    expect(AWS_DERIVED.awsPolicyExternalPrincipals!(bucket)).toEqual(['*']);
  });

  it('is undefined for an identity policy without principals', () => {
    const put = ct('PutUserPolicy', 'iam.amazonaws.com', {
      userName: 'bob',
      policyName: 'p',
      policyDocument: JSON.stringify(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })),
    });
    expect(AWS_DERIVED.awsPolicyExternalPrincipals!(put)).toBeUndefined();
  });
});

describe('sharedWith', () => {
  it('reads EC2 add lists and RDS valuesToAdd, leaving out the own account and organizations', () => {
    const snapshot = ct('ModifySnapshotAttribute', 'ec2.amazonaws.com', {
      snapshotId: 'snap-1',
      createVolumePermission: { add: { items: [{ userId: OTHER }, { userId: OWN }, { group: 'all' }] } },
    });
    const image = ct('ModifyImageAttribute', 'ec2.amazonaws.com', {
      imageId: 'ami-1',
      launchPermission: {
        add: { items: [{ organizationArn: 'arn:aws:organizations::1:organization/o-x' }] },
      },
    });
    const rds = ct('ModifyDBSnapshotAttribute', 'rds.amazonaws.com', {
      dBSnapshotIdentifier: 'db-snap',
      attributeName: 'restore',
      valuesToAdd: ['all', OWN],
    });
    expect(sharedWith(snapshot)).toEqual([OTHER, 'all']);
    expect(sharedWith(image)).toEqual([]);
    expect(sharedWith(rds)).toEqual(['all']);
    expect(sharedResource(rds)).toBe('db-snap');
  });

  it('ignores removals', () => {
    const snapshot = ct('ModifySnapshotAttribute', 'ec2.amazonaws.com', {
      snapshotId: 'snap-1',
      createVolumePermission: { remove: { items: [{ userId: OTHER }] } },
    });
    expect(sharedWith(snapshot)).toEqual([]);
    expect(AWS_DERIVED.awsSharedWith!(snapshot)).toBeUndefined();
  });
});

describe('lambdaExternalPrincipal', () => {
  const add = (params: Record<string, unknown>) =>
    ct('AddPermission20150331v2', 'lambda.amazonaws.com', { functionName: 'f', ...params });

  it('names an unscoped * and other accounts', () => {
    expect(lambdaExternalPrincipal(add({ principal: '*' }))).toBe('*');
    expect(lambdaExternalPrincipal(add({ principal: `arn:aws:iam::${OTHER}:root` }))).toBe(OTHER);
    expect(lambdaExternalPrincipal(add({ principal: OTHER }))).toBe(OTHER);
  });

  it('leaves out scoped *, services and the own account', () => {
    expect(lambdaExternalPrincipal(add({ principal: '*', principalOrgID: 'o-x' }))).toBeUndefined();
    expect(
      lambdaExternalPrincipal(add({ principal: 's3.amazonaws.com', sourceAccount: OWN })),
    ).toBeUndefined();
    expect(lambdaExternalPrincipal(add({ principal: OWN }))).toBeUndefined();
  });
});

describe('foreignLambdaLayers', () => {
  it('keeps layers of other accounts only', () => {
    const foreign = `arn:aws:lambda:us-east-1:${OTHER}:layer:ext:3`;
    const update = ct('UpdateFunctionConfiguration20150331v2', 'lambda.amazonaws.com', {
      functionName: 'f',
      layers: [`arn:aws:lambda:us-east-1:${OWN}:layer:libs:1`, foreign],
    });
    expect(foreignLambdaLayers(update)).toEqual([foreign]);
  });
});

describe('adminGrant', () => {
  it('names AWS managed admin policies and allow-all inline or session policies', () => {
    const attach = ct('AttachUserPolicy', 'iam.amazonaws.com', {
      userName: 'bob',
      policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
    });
    const inline = ct('PutRolePolicy', 'iam.amazonaws.com', {
      roleName: 'r',
      policyName: 'all',
      policyDocument: JSON.stringify(policy({ Effect: 'Allow', Action: ['iam:*'], Resource: ['*'] })),
    });
    const federation = ct('GetFederationToken', 'sts.amazonaws.com', {
      name: 'x',
      policy: JSON.stringify(policy({ Effect: 'Allow', Action: '*', Resource: '*' })),
    });
    expect(adminGrant(attach)).toBe('AdministratorAccess');
    expect(adminGrant(inline)).toBe('inline all');
    expect(adminGrant(federation)).toBe('allow-all policy');
  });

  it('does not count customer policies named like admin, scoped or conditional grants', () => {
    const named = ct('AttachRolePolicy', 'iam.amazonaws.com', {
      roleName: 'r',
      policyArn: `arn:aws:iam::${OWN}:policy/AdministratorAccess`,
    });
    const scoped = ct('PutRolePolicy', 'iam.amazonaws.com', {
      roleName: 'r',
      policyName: 's3',
      policyDocument: JSON.stringify(policy({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' })),
    });
    const conditional = ct('PutRolePolicy', 'iam.amazonaws.com', {
      roleName: 'r',
      policyName: 'mfa',
      policyDocument: JSON.stringify(
        policy({
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        }),
      ),
    });
    expect(adminGrant(named)).toBeUndefined();
    expect(adminGrant(scoped)).toBeUndefined();
    expect(adminGrant(conditional)).toBeUndefined();
  });
});

describe('IAM targets', () => {
  it('names the user, role or group a call changes', () => {
    expect(
      iamTarget(ct('AttachGroupPolicy', 'iam.amazonaws.com', { groupName: 'admins', policyArn: 'x' })),
    ).toBe('group admins');
    expect(iamTarget(ct('AttachRolePolicy', 'iam.amazonaws.com', { roleName: 'r', policyArn: 'x' }))).toBe(
      'role r',
    );
  });

  it('otherUserTarget is the target user unless the caller is that user', () => {
    expect(otherUserTarget(ct('CreateAccessKey', 'iam.amazonaws.com', { userName: 'bob' }))).toBe('bob');
    expect(
      otherUserTarget(ct('CreateAccessKey', 'iam.amazonaws.com', { userName: 'alice' })),
    ).toBeUndefined();
    expect(otherUserTarget(ct('CreateAccessKey', 'iam.amazonaws.com', null))).toBeUndefined();
  });
});

describe('instanceSession and publicSourceIp', () => {
  it('recognises sessions named after an EC2 instance', () => {
    const call = ct('GetCallerIdentity', 'sts.amazonaws.com', null, {
      userIdentity: roleSession('i-0a1b2c3d4e5f60001'),
    });
    const person = ct('GetCallerIdentity', 'sts.amazonaws.com', null, { userIdentity: roleSession('alice') });
    expect(instanceSession(call)).toBe('i-0a1b2c3d4e5f60001');
    expect(instanceSession(person)).toBeUndefined();
  });

  it('keeps public addresses and drops private, shared, link-local and service sources', () => {
    const from = (ip: string) =>
      publicSourceIp(ct('ListBuckets', 's3.amazonaws.com', null, { sourceIPAddress: ip }));
    expect(from('198.51.100.77')).toBe('198.51.100.77');
    expect(from('2001:db8::1')).toBe('2001:db8::1');
    for (const ip of [
      '10.0.1.17',
      '172.20.0.5',
      '192.168.1.1',
      '100.64.3.2',
      '169.254.169.254',
      'fd00::1',
      'fe80::1',
    ])
      expect(from(ip)).toBeUndefined();
    expect(from('ec2.amazonaws.com')).toBeUndefined();
    expect(from('172.32.0.1')).toBe('172.32.0.1');
  });
});

describe('trailSelectorGaps', () => {
  const put = (params: Record<string, unknown>) =>
    ct('PutEventSelectors', 'cloudtrail.amazonaws.com', { trailName: 't', ...params });

  it('finds management events dropped by basic selectors', () => {
    expect(
      trailSelectorGaps(put({ eventSelectors: [{ readWriteType: 'All', includeManagementEvents: false }] })),
    ).toEqual(['all management events excluded']);
    expect(
      trailSelectorGaps(
        put({ eventSelectors: [{ readWriteType: 'ReadOnly', includeManagementEvents: true }] }),
      ),
    ).toEqual(['write management events excluded']);
    expect(
      trailSelectorGaps(
        put({
          eventSelectors: [
            { readWriteType: 'ReadOnly', includeManagementEvents: true },
            { readWriteType: 'WriteOnly', includeManagementEvents: true },
          ],
        }),
      ),
    ).toEqual([]);
    expect(trailSelectorGaps(put({ eventSelectors: [{ readWriteType: 'All' }] }))).toEqual([]);
  });

  it('finds management events dropped by advanced selectors', () => {
    const data = { name: 'data', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }] };
    const writes = {
      name: 'writes',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Management'] },
        { field: 'readOnly', equals: ['false'] },
      ],
    };
    const all = { name: 'all', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] };
    expect(trailSelectorGaps(put({ advancedEventSelectors: [data] }))).toEqual([
      'all management events excluded',
    ]);
    expect(trailSelectorGaps(put({ advancedEventSelectors: [writes] }))).toEqual([
      'read management events excluded',
    ]);
    expect(trailSelectorGaps(put({ advancedEventSelectors: [all, data] }))).toEqual([]);
  });

  it('reads selectors spelled as the API spells them', () => {
    const data = { Name: 'data', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }] };
    expect(trailSelectorGaps(put({ AdvancedEventSelectors: [data] }))).toEqual([
      'all management events excluded',
    ]);
    expect(trailSelectorGaps(put({ EventSelectors: [{ IncludeManagementEvents: false }] }))).toEqual([
      'all management events excluded',
    ]);
  });
});

describe('hijackInstanceTypes', () => {
  it('finds accelerated and very large types wherever the request nests them', () => {
    const run = ct('RunInstances', 'ec2.amazonaws.com', { instanceType: 'p4d.24xlarge', instancesSet: {} });
    const fleet = ct('CreateFleet', 'ec2.amazonaws.com', {
      CreateFleetRequest: {
        LaunchTemplateConfigs: { Overrides: [{ InstanceType: 'c5.metal' }, { InstanceType: 't3.micro' }] },
      },
    });
    const small = ct('RunInstances', 'ec2.amazonaws.com', { instanceType: 'm5.8xlarge' });
    expect(hijackInstanceTypes(run)).toEqual(['p4d.24xlarge']);
    expect(hijackInstanceTypes(fleet)).toEqual(['c5.metal']);
    expect(hijackInstanceTypes(small)).toEqual([]);
    expect(
      hijackInstanceTypes(ct('RunInstances', 'ec2.amazonaws.com', { instanceType: 'r6i.16xlarge' })),
    ).toEqual(['r6i.16xlarge']);
  });
});

describe('SSM helpers', () => {
  it('counts instances a SendCommand names and reports fleet-wide targets', () => {
    const listed = ct('SendCommand', 'ssm.amazonaws.com', {
      instanceIds: ['i-1', 'i-2'],
      targets: [{ key: 'InstanceIds', values: ['i-2', 'i-3'] }],
    });
    const tagged = ct('SendCommand', 'ssm.amazonaws.com', {
      targets: [
        { key: 'tag:Env', values: ['prod', 'stage'] },
        { key: 'InstanceIds', values: ['*'] },
      ],
    });
    expect(ssmCommandInstanceCount(listed)).toBe(3);
    expect(ssmCommandFleetTargets(listed)).toEqual([]);
    expect(ssmCommandInstanceCount(tagged)).toBe(0);
    expect(ssmCommandFleetTargets(tagged)).toEqual(['tag:Env=prod,stage', 'InstanceIds=*']);
  });

  it('describes which parameters a read asks for, independent of order', () => {
    const a = ct('GetParameters', 'ssm.amazonaws.com', { names: ['/b', '/a'], withDecryption: true });
    const b = ct('GetParameters', 'ssm.amazonaws.com', { names: ['/a', '/b'], withDecryption: true });
    const path = ct('GetParametersByPath', 'ssm.amazonaws.com', { path: '/app', recursive: true });
    expect(ssmParameterRequest(a)).toBe('/a,/b');
    expect(ssmParameterRequest(b)).toBe('/a,/b');
    expect(ssmParameterRequest(path)).toBe('/app');
  });
});

describe('S3 keys and destinations', () => {
  const foreignKey = `arn:aws:kms:us-east-1:${OTHER}:key/0f9e8d7c`;

  it('flags SSE-C and KMS keys of other accounts, on objects and bucket defaults', () => {
    const ssec = ct('CopyObject', 's3.amazonaws.com', {
      bucketName: 'b',
      key: 'k',
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
    });
    const kms = ct('PutObject', 's3.amazonaws.com', {
      bucketName: 'b',
      key: 'k',
      'x-amz-server-side-encryption-aws-kms-key-id': foreignKey,
    });
    const bucket = ct('PutBucketEncryption', 's3.amazonaws.com', {
      bucketName: 'b',
      ServerSideEncryptionConfiguration: {
        Rule: { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: foreignKey } },
      },
    });
    expect(foreignEncryptionKey(ssec)).toBe('SSE-C');
    expect(foreignEncryptionKey(kms)).toBe(foreignKey);
    expect(foreignEncryptionKey(bucket)).toBe(foreignKey);
  });

  it('accepts the own account, aliases and bare key ids', () => {
    for (const key of [
      `arn:aws:kms:us-east-1:${OWN}:key/1234`,
      'alias/aws/s3',
      '1234abcd-12ab-34cd-56ef-1234567890ab',
    ]) {
      const put = ct('PutObject', 's3.amazonaws.com', {
        key: 'k',
        'x-amz-server-side-encryption-aws-kms-key-id': key,
      });
      expect(foreignEncryptionKey(put)).toBeUndefined();
    }
  });

  it('lists replication destinations in other accounts, one rule or several', () => {
    const put = ct('PutBucketReplication', 's3.amazonaws.com', {
      bucketName: 'b',
      ReplicationConfiguration: {
        Rule: [
          { Destination: { Bucket: 'arn:aws:s3:::x', Account: OTHER } },
          { Destination: { Bucket: 'arn:aws:s3:::y', Account: OWN } },
          { Destination: { Bucket: 'arn:aws:s3:::z' } },
        ],
      },
    });
    expect(replicationAccounts(put)).toEqual([OTHER]);
  });
});
