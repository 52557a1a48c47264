import type { RuleDefinition } from '../rule.ts';
import { awsCloudTrailLoggingDisabled } from './aws-cloudtrail-logging-disabled.ts';
import { awsRootAccountUsage } from './aws-root-account-usage.ts';
import { awsSecurityGroupAdminPortOpen } from './aws-security-group-admin-port-open.ts';
import { azurePrivilegedRoleAssignment } from './azure-privileged-role-assignment.ts';
import { gcpResourceMadePublic } from './gcp-resource-made-public.ts';
import { vpcPortScan } from './vpc-port-scan.ts';

/** The starter set: one end-to-end detection per source; the full catalog builds on the same engine. */
export const starterRules: readonly RuleDefinition[] = [
  awsCloudTrailLoggingDisabled,
  awsSecurityGroupAdminPortOpen,
  awsRootAccountUsage,
  gcpResourceMadePublic,
  azurePrivilegedRoleAssignment,
  vpcPortScan,
];
