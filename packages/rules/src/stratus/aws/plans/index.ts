import type { AwsPlan } from '../replay-aws.ts';
import { accessPlans } from './access.ts';
import { credentialAccessPlans } from './credential-access.ts';
import { defenseEvasionPlans } from './defense-evasion.ts';
import { discoveryPlans } from './discovery.ts';
import { executionPlans } from './execution.ts';
import { exfiltrationPlans } from './exfiltration.ts';
import { iamPlans } from './iam.ts';
import { impactPlans } from './impact.ts';
import { lambdaPlans } from './lambda.ts';
import { s3RansomwarePlans } from './s3-ransomware.ts';

/** Replay plans of the AWS techniques (and of the EKS one whose detonation is pure CloudTrail), by id. */
export const awsPlans: Readonly<Record<string, AwsPlan>> = {
  ...accessPlans,
  ...credentialAccessPlans,
  ...defenseEvasionPlans,
  ...discoveryPlans,
  ...executionPlans,
  ...exfiltrationPlans,
  ...iamPlans,
  ...impactPlans,
  ...lambdaPlans,
  ...s3RansomwarePlans,
};
