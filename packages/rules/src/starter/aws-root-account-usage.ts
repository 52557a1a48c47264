import { CLASS, type OcsfEvent } from '@vigil/schema';
import { accountOf, operationOf } from '../fields.ts';
import { defineRule } from '../rule.ts';
import { cloudTrail, ROOT } from './samples.ts';

function actorUser(e: OcsfEvent) {
  if ('actor' in e && e.actor?.user) return e.actor.user;
  return 'user' in e ? e.user : undefined;
}

export const awsRootAccountUsage = defineRule({
  id: 'aws-root-account-usage',
  title: 'AWS root account credentials used',
  description:
    'The root user of an AWS account signed in or made an API call. Root bypasses IAM policies and should be locked away; its use is rare and worth a look every time.',
  severity: 'medium',
  confidence: 60,
  status: 'stable',
  attack: { tactics: ['TA0001', 'TA0004'], techniques: ['T1078.004'] },
  references: [
    'https://attack.mitre.org/techniques/T1078/004/',
    'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html#policy-iam-rootcredentialusage',
  ],
  runbook: [
    'Find who holds the root credentials and whether the task needed root (a short list of tasks does).',
    'Check the source IP and user agent against the account owner; look for MFA on the sign-in.',
    'If unexpected, reset the root password, rotate or remove root access keys and review the calls made.',
  ],
  falsePositives: [
    'Account owners doing one of the few tasks that require root (billing, account closure, support plan).',
  ],
  classes: [CLASS.API_ACTIVITY.class_uid, CLASS.AUTHENTICATION.class_uid, CLASS.ACCOUNT_CHANGE.class_uid],
  // Calls an AWS service makes on root's behalf carry `invokedBy`: not a human using root.
  match: (e) =>
    actorUser(e)?.type === 'Root' &&
    !('actor' in e && e.actor?.invoked_by) &&
    e.metadata.product.name === 'CloudTrail',
  summary: (e) => `root ${operationOf(e) ?? e.activity_name ?? 'activity'} in account ${accountOf(e)}`,
  dedup: { key: (e) => accountOf(e), periodMinutes: 60 },
  tests: {
    positive: [
      {
        name: 'root console sign-in',
        records: [
          cloudTrail({
            eventName: 'ConsoleLogin',
            eventSource: 'signin.amazonaws.com',
            eventType: 'AwsConsoleSignIn',
            userIdentity: ROOT,
            responseElements: { ConsoleLogin: 'Success' },
            additionalEventData: { MFAUsed: 'No', MobileVersion: 'No' },
          }),
        ],
      },
      {
        name: 'root API call',
        records: [
          cloudTrail({ eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', userIdentity: ROOT }),
        ],
      },
    ],
    negative: [
      {
        name: 'IAM user API call',
        records: [cloudTrail({ eventName: 'ListBuckets', eventSource: 's3.amazonaws.com' })],
      },
      {
        name: 'AWS service acting for root',
        records: [
          cloudTrail({
            eventName: 'CreateServiceLinkedRole',
            eventSource: 'iam.amazonaws.com',
            userIdentity: { ...ROOT, invokedBy: 'config.amazonaws.com' },
          }),
        ],
      },
    ],
  },
});
