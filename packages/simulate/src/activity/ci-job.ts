import type { AwsCall } from '../formats/cloudtrail.ts';
import type { AwsAccount, AwsRegionResources } from '../org/aws.ts';
import type { CiRepo } from '../org/organisation.ts';
import type { AwsActor } from './aws-emit.ts';

/** What a deployment job knows: its credentials, target and commit. */
export interface Job {
  actor: AwsActor;
  account: AwsAccount;
  res: AwsRegionResources;
  repo: CiRepo;
  sha: string;
}

export function call(
  source: string,
  name: string,
  readOnly: boolean,
  request: Record<string, unknown> | null,
  response?: Record<string, unknown>,
): AwsCall {
  return { source, name, readOnly, request, response: response ?? null };
}
