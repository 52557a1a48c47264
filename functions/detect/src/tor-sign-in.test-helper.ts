import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNAPSHOT_DIR } from '@vigil/intel';

/** The first address of the tor_exit set in `dir` (the bundled snapshot unless given). */
export function bundledTorExit(dir: string = SNAPSHOT_DIR): string {
  return readFileSync(join(dir, 'tor_exit.txt'), 'utf8')
    .split('\n')
    .find((line) => /^\d+\.\d+\.\d+\.\d+/.test(line))!
    .split(/[\s/]/)[0]!;
}

/** A console sign-in from `ip`, as EventBridge delivers it to the stream (`aws-console-login-from-tor` tests it). */
export function consoleSignIn(ip: string): { data: Buffer; partitionKey: string } {
  const detail = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLECAROL00000',
      arn: 'arn:aws:iam::111122223333:user/carol',
      accountId: '111122223333',
      userName: 'carol',
    },
    eventTime: '2026-11-02T10:00:00Z',
    eventSource: 'signin.amazonaws.com',
    eventName: 'ConsoleLogin',
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0',
    requestParameters: null,
    responseElements: { ConsoleLogin: 'Success' },
    additionalEventData: { MFAUsed: 'Yes' },
    eventID: '3d0c6a52-5d1e-4c7a-9a55-0f3b3d3d9a77',
    readOnly: false,
    eventType: 'AwsConsoleSignIn',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
  const envelope = {
    version: '0',
    id: '6f1c2b7e-0000-4000-8000-000000000077',
    'detail-type': 'AWS Console Sign In via CloudTrail',
    source: 'aws.signin',
    account: '111122223333',
    time: '2026-11-02T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
  return { data: Buffer.from(JSON.stringify(envelope)), partitionKey: 'cloudtrail' };
}
