import type { AccountChange, Policy, User } from '@vigil/schema';
import { ACCOUNT_CHANGE_ACTIVITY, ACCOUNT_CHANGE_ACTIVITY_NAME, CLASS } from '@vigil/schema';
import type { AccountChangeActivityId } from './cloudtrail-classes.ts';
import { type CloudTrailInput, cloudTrailBase } from './cloudtrail-shared.ts';
import { arnLeaf } from './cloudtrail-values.ts';
import { asRecord, asString, classification } from './common.ts';

const HEADS = new Map(
  Object.values(ACCOUNT_CHANGE_ACTIVITY).map((id) => [
    id,
    classification(CLASS.ACCOUNT_CHANGE, id, ACCOUNT_CHANGE_ACTIVITY_NAME[id]!),
  ]),
);

/**
 * The principal the change applies to: the IAM user (`userName`), else the role (`roleName`),
 * else the caller, since IAM applies user-less calls (ChangePassword, CreateAccessKey without a
 * user name) to the caller itself.
 */
function targetUser(
  request: Record<string, unknown> | undefined,
  response: Record<string, unknown> | undefined,
  input: CloudTrailInput,
): User | undefined {
  const userName = asString(request?.userName);
  const roleName = userName === undefined ? asString(request?.roleName) : undefined;
  const created = asRecord(response?.user) ?? asRecord(response?.role);
  const name = userName ?? roleName;
  if (name === undefined) return input.actor.user;
  const user: User = { name, type: userName !== undefined ? 'IAMUser' : 'Role' };
  const arn = asString(created?.arn);
  if (arn !== undefined) user.uid = arn;
  const key = asString(request?.accessKeyId) ?? asString(asRecord(response?.accessKey)?.accessKeyId);
  if (key !== undefined) user.credential_uid = key;
  const group = asString(request?.groupName);
  if (group !== undefined) user.groups = [{ name: group }];
  const account = asString(input.record.recipientAccountId) ?? asString(input.identity.accountId);
  if (account !== undefined) user.account = { uid: account };
  return user;
}

/** The managed policy (ARN), inline policy (name and document) or permissions boundary involved. */
function changedPolicy(request: Record<string, unknown> | undefined): Policy | undefined {
  if (request === undefined) return undefined;
  const arn = asString(request.policyArn) ?? asString(request.permissionsBoundary);
  const name = asString(request.policyName) ?? (arn !== undefined ? arnLeaf(arn) : undefined);
  if (arn === undefined && name === undefined) return undefined;
  const policy: Policy = {};
  if (arn !== undefined) policy.uid = arn;
  if (name !== undefined) policy.name = name;
  const document = request.policyDocument;
  if (typeof document === 'string' && document.length > 0) policy.data = document;
  return policy;
}

/** Account Change; undefined when neither the target nor the caller names a user. */
export function cloudTrailAccountChange(
  input: CloudTrailInput,
  activity: AccountChangeActivityId,
): AccountChange | undefined {
  const request = asRecord(input.record.requestParameters);
  const response = asRecord(input.record.responseElements);
  const user = targetUser(request, response, input);
  if (user === undefined) return undefined;
  const event = cloudTrailBase(HEADS.get(activity)!, input) as AccountChange;
  event.user = user;
  const policy = changedPolicy(request);
  if (policy !== undefined) event.policy = policy;
  return event;
}
