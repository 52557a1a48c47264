import { describe, expect, it } from 'vitest';
import { accountChangeOf, apiActivityOf } from './gcp-activity-id.ts';

describe('apiActivityOf', () => {
  it.each([
    ['google.iam.admin.v1.CreateServiceAccountKey', 1],
    ['v1.compute.instances.insert', 1],
    ['beta.compute.instances.insert', 1],
    ['storage.objects.get', 2],
    ['GetIamPolicy', 2],
    ['storage.objects.list', 2],
    ['google.logging.v2.LoggingServiceV2.ListLogEntries', 2],
    ['google.logging.v2.ConfigServiceV2.UpdateSink', 3],
    ['v1.compute.firewalls.patch', 3],
    ['SetIamPolicy', 3],
    ['storage.setIamPermissions', 3],
    ['v1.compute.instances.setMetadata', 3],
    ['storage.buckets.delete', 4],
    ['google.logging.v2.ConfigServiceV2.DeleteSink', 4],
    ['GenerateAccessToken', 99],
    ['google.cloud.secretmanager.v1.SecretManagerService.AccessSecretVersion', 99],
    ['compute.instances.settle', 99],
    ['compute.instances.listen', 99],
    ['io.k8s.core.v1.pods.create', 1],
    ['', 99],
    ['trailing.', 99],
  ])('%s → %i', (method, id) => {
    // Act
    const activity = apiActivityOf(method);

    // Assess
    expect(activity.id).toBe(id);
  });
});

describe('accountChangeOf', () => {
  it.each([
    ['google.iam.admin.v1.CreateServiceAccount', 1],
    ['google.iam.admin.v1.DeleteServiceAccount', 6],
    ['google.iam.admin.v1.DisableServiceAccount', 5],
    ['google.iam.admin.v1.EnableServiceAccount', 2],
    ['google.iam.admin.v1.CreateServiceAccountKey', undefined],
    ['CreateServiceAccount', undefined],
  ])('%s → %s', (method, id) => {
    // Act
    const change = accountChangeOf(method);

    // Assess
    expect(change?.id).toBe(id);
  });
});
