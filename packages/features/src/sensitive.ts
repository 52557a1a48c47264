/**
 * What counts as security-relevant: an anomaly on these is worth a finding by itself, whereas
 * anomalies elsewhere only add risk to the entity. Services by short name; operations by the
 * lower-cased action (`iam:createaccesskey`) or a lower-cased substring of the operation for
 * Azure and Google Cloud, whose operation names carry the resource type.
 */
export const SENSITIVE_SERVICES: ReadonlySet<string> = new Set([
  'iam',
  'sts',
  'kms',
  'secretsmanager',
  'ssm',
  'organizations',
  'cloudtrail',
  'guardduty',
  'config',
  'sso',
  'identitystore',
  'iamcredentials',
  'cloudkms',
  'secretmanager',
  'microsoft.authorization',
  'microsoft.keyvault',
  'microsoft.managedidentity',
  'core directory',
]);

const SENSITIVE_WRITE_SERVICES: ReadonlySet<string> = new Set([
  'ec2',
  's3',
  'lambda',
  'rds',
  'logs',
  'compute',
  'storage',
]);

const SENSITIVE_OPERATIONS: readonly string[] = [
  'accesskey',
  'loginprofile',
  'policy',
  'createrole',
  'secret',
  'password',
  'mfa',
  'snapshot',
  'securitygroup',
  'networksecuritygroups',
  'firewall',
  'stoplogging',
  'deletetrail',
  'eventselectors',
  'deletesink',
  'updatesink',
  'detector',
  'flowlog',
  'setiampolicy',
  'serviceaccountkey',
  'signblob',
  'generateaccesstoken',
  'roleassignments',
  'federatedidentitycredentials',
  'application',
  'listkeys',
  'getcredentials',
  'sharing',
  'imageattribute',
  'snapshotattribute',
  'userdata',
  'passworddata',
  'serialconsole',
  'sendcommand',
  'startsession',
  'assumerole',
  'getfederationtoken',
  'getsessiontoken',
  'createuser',
  'invitation',
  'consent',
];

/** The call is on a security service, or writes/reads a credential, policy, trail or snapshot. */
export function isSensitive(service: string, operationLower: string, isWrite: boolean): boolean {
  if (SENSITIVE_SERVICES.has(service)) return isWrite || !operationLower.startsWith('describe');
  for (const needle of SENSITIVE_OPERATIONS) if (operationLower.includes(needle)) return true;
  return isWrite && SENSITIVE_WRITE_SERVICES.has(service) && operationLower.includes('public');
}
