import { type AwsContext, s3Transfer } from '../context.ts';
import type { AwsPlan } from '../replay-aws.ts';
import { assumeRole } from './assume-role.ts';

function trail(ctx: AwsContext) {
  const name = `stratus-red-team-cloudtrail-trail-${ctx.suffix}`;
  const arn = `arn:aws:cloudtrail:${ctx.region}:${ctx.account}:trail/${name}`;
  return { name, arn, resources: [{ accountId: ctx.account, type: 'AWS::CloudTrail::Trail', ARN: arn }] };
}

const deleteTrail: AwsPlan = (ctx) => {
  const t = trail(ctx);
  return [
    {
      key: 'cloudtrail:DeleteTrail',
      call: () => ({ by: ctx.operator, request: { name: t.name }, resources: t.resources }),
    },
  ];
};

const stopLogging: AwsPlan = (ctx) => {
  const t = trail(ctx);
  return [
    {
      key: 'cloudtrail:StopLogging',
      call: () => ({ by: ctx.operator, request: { name: t.name }, resources: t.resources }),
    },
  ];
};

/** A read-only selector without management events: the trail keeps running but logs nothing useful. */
const eventSelectors: AwsPlan = (ctx) => {
  const t = trail(ctx);
  const selectors = [
    {
      readWriteType: 'ReadOnly',
      includeManagementEvents: false,
      dataResources: [
        { type: 'AWS::S3::Object', values: [] },
        { type: 'AWS::Lambda::Function', values: [] },
      ],
      excludeManagementEventSources: [],
    },
  ];
  return [
    {
      key: 'cloudtrail:PutEventSelectors',
      call: () => ({
        by: ctx.operator,
        request: { trailName: t.name, eventSelectors: selectors },
        response: { trailARN: t.arn, eventSelectors: selectors },
        resources: t.resources,
      }),
    },
  ];
};

/** CloudTrail logs PutBucketLifecycleConfiguration under its older name, PutBucketLifecycle. */
const lifecycleRule: AwsPlan = (ctx) => {
  const bucket = `stratus-red-team-cloudtrail-bucket-${ctx.suffix}`;
  const host = `${bucket}.s3.${ctx.region}.amazonaws.com`;
  return [
    {
      key: 's3:PutBucketLifecycle',
      call: () => ({
        by: ctx.operator,
        host,
        request: {
          bucketName: bucket,
          Host: host,
          lifecycle: '',
          LifecycleConfiguration: {
            xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/',
            Rule: {
              ID: 'nuke-cloudtrail-logs-after-1-day',
              Status: 'Enabled',
              Filter: { Prefix: '*' },
              Expiration: { Days: 1 },
            },
          },
        },
        additionalEventData: s3Transfer(ctx, 284, 0),
        resources: [{ accountId: ctx.account, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
      }),
    },
  ];
};

const deleteDnsLogs: AwsPlan = (ctx) => {
  const id = `rqlc-${ctx.rng.hex(16)}`;
  return [
    {
      key: 'route53resolver:DeleteResolverQueryLogConfig',
      call: () => ({
        by: ctx.operator,
        request: { resolverQueryLogConfigId: id },
        response: {
          resolverQueryLogConfig: {
            id,
            ownerId: ctx.account,
            status: 'DELETING',
            shareStatus: 'NOT_SHARED',
            associationCount: 0,
            arn: `arn:aws:route53resolver:${ctx.region}:${ctx.account}:resolver-query-log-config/${id}`,
            name: `stratus-red-team-dns-query-logs-${ctx.suffix}`,
            destinationArn: `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:/stratus-red-team/dns-query-logs-${ctx.suffix}`,
            creatorRequestId: `terraform-${ctx.rng.digits(26)}`,
            creationTime: new Date(ctx.clock.now() - 3_600_000).toISOString(),
          },
        },
      }),
    },
  ];
};

/** The warm-up role lacks organizations:LeaveOrganization, so the attempt is denied and logged. */
const leaveOrganization: AwsPlan = (ctx) => {
  const role = assumeRole(ctx, `stratus-red-team-leave-org-role-${ctx.suffix}`);
  return [
    role.step,
    {
      key: 'organizations:LeaveOrganization',
      call: () => ({
        by: role.session(),
        error: {
          code: 'AccessDeniedException',
          message: "You don't have permissions to access this resource.",
        },
      }),
    },
  ];
};

/** EC2's newer query actions log their request and response wrapped in `<Action>Request`/`Response`. */
const removeFlowLogs: AwsPlan = (ctx) => {
  const flowLogId = `fl-0${ctx.rng.hex(16)}`;
  return [
    {
      key: 'ec2:DeleteFlowLogs',
      call: () => ({
        by: ctx.operator,
        request: { DeleteFlowLogsRequest: { FlowLogId: { content: flowLogId, tag: 1 } } },
        response: {
          DeleteFlowLogsResponse: {
            xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/',
            requestId: ctx.rng.uuid(),
            unsuccessful: '',
          },
        },
      }),
    },
  ];
};

export const defenseEvasionPlans: Readonly<Record<string, AwsPlan>> = {
  'aws.defense-evasion.cloudtrail-delete': deleteTrail,
  'aws.defense-evasion.cloudtrail-event-selectors': eventSelectors,
  'aws.defense-evasion.cloudtrail-lifecycle-rule': lifecycleRule,
  'aws.defense-evasion.cloudtrail-stop': stopLogging,
  'aws.defense-evasion.dns-delete-logs': deleteDnsLogs,
  'aws.defense-evasion.organizations-leave': leaveOrganization,
  'aws.defense-evasion.vpc-remove-flow-logs': removeFlowLogs,
};
