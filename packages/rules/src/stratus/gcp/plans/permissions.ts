/**
 * A sample of real IAM permissions testable on a project (resource type → verbs), from Google
 * Cloud's permissions reference. The real list has several thousand entries; the replay cycles
 * through this sample to send as many TestIamPermissions calls as a detonation does.
 */
const FAMILIES: Readonly<Record<string, string>> = {
  'accessapproval.requests': 'approve dismiss get list',
  'aiplatform.endpoints': 'create delete deploy get list predict undeploy update',
  'appengine.applications': 'create get update',
  'artifactregistry.repositories': 'create delete downloadArtifacts get list update uploadArtifacts',
  'bigquery.datasets': 'create delete get update',
  'bigquery.jobs': 'create get list listAll',
  'bigquery.tables': 'create delete export get getData list update updateData',
  'cloudfunctions.functions': 'call create delete get invoke list sourceCodeGet update',
  'cloudkms.cryptoKeyVersions': 'destroy useToDecrypt useToEncrypt',
  'cloudkms.cryptoKeys': 'create get list update',
  'cloudsql.instances': 'connect create delete export get list login update',
  'compute.disks': 'create createSnapshot delete get list setIamPolicy use',
  'compute.firewalls': 'create delete get list update',
  'compute.images': 'create delete get list setIamPolicy useReadOnly',
  'compute.instances':
    'create delete get getSerialPortOutput list osAdminLogin setMetadata setServiceAccount start stop update',
  'compute.networks': 'create delete get list updatePolicy use',
  'compute.snapshots': 'create delete get list setIamPolicy useReadOnly',
  'compute.subnetworks': 'create delete get list update use',
  'container.clusters': 'create delete get getCredentials list update',
  'container.secrets': 'create delete get list update',
  'dns.managedZones': 'create delete get list update',
  'dns.policies': 'create delete get list update',
  'iam.roles': 'create delete get list update',
  'iam.serviceAccountKeys': 'create delete get list',
  'iam.serviceAccounts':
    'actAs create delete get getAccessToken getIamPolicy implicitDelegation list setIamPolicy signBlob signJwt update',
  'logging.logEntries': 'create list',
  'logging.logs': 'delete list',
  'logging.sinks': 'create delete get list update',
  'monitoring.alertPolicies': 'create delete get list update',
  'pubsub.subscriptions': 'consume create delete get list',
  'pubsub.topics': 'create delete get list publish update',
  'resourcemanager.projects': 'delete get getIamPolicy move setIamPolicy update',
  'run.services': 'create delete get list update',
  'secretmanager.secrets': 'create delete get list update',
  'secretmanager.versions': 'access add destroy disable enable get list',
  'serviceusage.services': 'disable enable get list use',
  'storage.buckets': 'create delete get getIamPolicy list setIamPolicy update',
  'storage.objects': 'create delete get getIamPolicy list setIamPolicy update',
};

/** Enough chunks of 100 for `calls` calls, sorted within each pass as the API lists them. */
export function testablePermissions(calls: number): string[] {
  const sample = Object.entries(FAMILIES)
    .flatMap(([family, verbs]) => verbs.split(' ').map((verb) => `${family}.${verb}`))
    .sort();
  const out: string[] = [];
  while (out.length < calls * 100) out.push(...sample);
  return out.slice(0, calls * 100);
}
