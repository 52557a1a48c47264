import { s3Transfer } from '../context.ts';
import type { AwsPlan } from '../replay-aws.ts';

/** The fictitious accounts Stratus shares with (its source uses a different one per technique). */
const AMI_SHARE_ACCOUNT = '012345678901';
const SNAPSHOT_SHARE_ACCOUNT = '012345678912';
const EXTERNAL_ACCOUNT = '193672423079';

const openPort22: AwsPlan = (ctx) => {
  const groupId = `sg-0${ctx.rng.hex(16)}`;
  return [
    {
      key: 'ec2:AuthorizeSecurityGroupIngress',
      call: () => ({
        by: ctx.operator,
        request: {
          groupId,
          ipPermissions: {
            items: [
              {
                ipProtocol: 'tcp',
                fromPort: 22,
                toPort: 22,
                groups: {},
                ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] },
                ipv6Ranges: {},
                prefixListIds: {},
              },
            ],
          },
        },
        response: {
          requestId: ctx.rng.uuid(),
          _return: true,
          securityGroupRuleSet: {
            items: [
              {
                groupOwnerId: ctx.account,
                groupId,
                securityGroupRuleId: `sgr-0${ctx.rng.hex(16)}`,
                isEgress: false,
                ipProtocol: 'tcp',
                fromPort: 22,
                toPort: 22,
                cidrIpv4: '0.0.0.0/0',
              },
            ],
          },
        },
      }),
    },
  ];
};

const shareAmi: AwsPlan = (ctx) => [
  {
    key: 'ec2:ModifyImageAttribute',
    call: () => ({
      by: ctx.operator,
      request: {
        imageId: `ami-0${ctx.rng.hex(16)}`,
        launchPermission: { add: { items: [{ userId: AMI_SHARE_ACCOUNT }] } },
        attributeType: 'launchPermission',
      },
      response: { requestId: ctx.rng.uuid(), _return: true },
    }),
  },
];

const shareEbsSnapshot: AwsPlan = (ctx) => [
  {
    key: 'ec2:ModifySnapshotAttribute',
    call: () => ({
      by: ctx.operator,
      request: {
        snapshotId: `snap-0${ctx.rng.hex(16)}`,
        attributeType: 'CREATE_VOLUME_PERMISSION',
        createVolumePermission: { add: { items: [{ userId: SNAPSHOT_SHARE_ACCOUNT }] } },
      },
      response: { requestId: ctx.rng.uuid(), _return: true },
    }),
  },
];

const shareRdsSnapshot: AwsPlan = (ctx) => {
  const snapshot = `stratus-red-team-rds-snapshot-${ctx.suffix}`;
  return [
    {
      key: 'rds:ModifyDBSnapshotAttribute',
      call: () => ({
        by: ctx.operator,
        request: {
          dBSnapshotIdentifier: snapshot,
          attributeName: 'restore',
          valuesToAdd: [EXTERNAL_ACCOUNT],
        },
        response: {
          dBSnapshotIdentifier: snapshot,
          dBSnapshotAttributes: [{ attributeName: 'restore', attributeValues: [EXTERNAL_ACCOUNT] }],
        },
      }),
    },
  ];
};

/** CloudTrail logs the new policy as an object in `bucketPolicy`, and `policy` as empty. */
const backdoorBucketPolicy: AwsPlan = (ctx) => {
  const bucket = `stratus-red-team-backdoor-s3-bucket-${ctx.suffix}`;
  const host = `${bucket}.s3.${ctx.region}.amazonaws.com`;
  return [
    {
      key: 's3:PutBucketPolicy',
      call: () => ({
        by: ctx.operator,
        host,
        request: {
          bucketName: bucket,
          Host: host,
          policy: '',
          bucketPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${EXTERNAL_ACCOUNT}:root` },
                Action: ['s3:GetObject', 's3:GetBucketLocation', 's3:ListBucket'],
                Resource: [`arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}`],
              },
            ],
          },
        },
        additionalEventData: s3Transfer(ctx, 322, 0),
        resources: [{ accountId: ctx.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
      }),
    },
  ];
};

export const exfiltrationPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.exfiltration.ec2-security-group-open-port-22-ingress': openPort22,
  'aws.exfiltration.ec2-share-ami': shareAmi,
  'aws.exfiltration.ec2-share-ebs-snapshot': shareEbsSnapshot,
  'aws.exfiltration.rds-share-snapshot': shareRdsSnapshot,
  'aws.exfiltration.s3-backdoor-bucket-policy': backdoorBucketPolicy,
};
