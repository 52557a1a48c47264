import { CLASS } from '@vigil/schema';
import { accountOf, actorLabel, at, isSuccess, operationOf, requestData, serviceOf } from '../fields.ts';
import { defineRule } from '../rule.ts';
import { cloudTrail } from './samples.ts';

const trailOf = (e: Parameters<typeof requestData>[0]) =>
  String(at(requestData(e), 'name') ?? 'unknown-trail');

export const awsCloudTrailLoggingDisabled = defineRule({
  id: 'aws-cloudtrail-logging-disabled',
  title: 'CloudTrail logging stopped or trail deleted',
  description:
    'A principal stopped logging on a CloudTrail trail or deleted a trail. Attackers do this right after gaining access so that what follows leaves no audit record.',
  severity: 'high',
  confidence: 80,
  status: 'stable',
  attack: { tactics: ['TA0005'], techniques: ['T1562.008'] },
  references: [
    'https://attack.mitre.org/techniques/T1562/008/',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html#stealth-iam-cloudtrailloggingdisabled',
  ],
  runbook: [
    'Confirm with the trail owner whether the change was planned (change ticket, maintenance window).',
    'If not, restart logging (StartLogging) or recreate the trail, and review what the same principal did after the change.',
    'Rotate the credentials used if the principal is not known to manage CloudTrail.',
  ],
  falsePositives: ['Planned trail migration or teardown of a test account by its administrators.'],
  classes: [CLASS.API_ACTIVITY.class_uid],
  operations: ['StopLogging', 'DeleteTrail'],
  match: (e) => isSuccess(e) && serviceOf(e) === 'cloudtrail.amazonaws.com',
  summary: (e) => `${operationOf(e)} on ${trailOf(e)} by ${actorLabel(e)} in account ${accountOf(e)}`,
  dedup: { key: (e) => `${accountOf(e)}|${trailOf(e)}`, periodMinutes: 60 },
  tests: {
    positive: [
      {
        name: 'StopLogging by an IAM user',
        records: [
          cloudTrail({
            eventName: 'StopLogging',
            eventSource: 'cloudtrail.amazonaws.com',
            requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail' },
          }),
        ],
      },
      {
        name: 'DeleteTrail',
        records: [
          cloudTrail({
            eventName: 'DeleteTrail',
            eventSource: 'cloudtrail.amazonaws.com',
            requestParameters: { name: 'org-trail' },
          }),
        ],
      },
    ],
    negative: [
      {
        name: 'StopLogging denied',
        records: [
          cloudTrail({
            eventName: 'StopLogging',
            eventSource: 'cloudtrail.amazonaws.com',
            requestParameters: { name: 'org-trail' },
            errorCode: 'AccessDenied',
          }),
        ],
      },
      {
        name: 'StartLogging',
        records: [
          cloudTrail({
            eventName: 'StartLogging',
            eventSource: 'cloudtrail.amazonaws.com',
            requestParameters: { name: 'org-trail' },
          }),
        ],
      },
    ],
  },
});
