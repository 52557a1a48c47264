import { describe, expect, it } from 'vitest';
import { ocsfClass, ocsfManifest, ocsfObject } from './ocsf-reference.test-helper.ts';

// The conformance tests are only as good as this reader; these pin the resolution rules to facts
// of the OCSF 1.8.0 schema that each rule decides.
describe('OCSF reference reader', () => {
  it('reads the copy of ocsf/ocsf-schema 1.8.0', () => {
    // Act
    const manifest = ocsfManifest();

    // Assess
    expect(manifest).toMatchObject({ schema_repo: 'ocsf/ocsf-schema', version: '1.8.0' });
    expect(manifest.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('follows extends from class to category to base_event', () => {
    // Act
    const api = ocsfClass('api_activity', ['cloud']);

    // Assess: time from base_event, actor from the class
    expect(api.attributes.get('time')?.requirement).toBe('required');
    expect(api.attributes.get('actor')?.requirement).toBe('required');
    expect(api.attributes.get('http_request')?.objectType).toBe('http_request');
  });

  it('applies only the profiles asked for', () => {
    // Act
    const bare = ocsfClass('network_activity', []);
    const withControl = ocsfClass('network_activity', ['cloud', 'security_control']);

    // Assess
    expect(bare.attributes.has('cloud')).toBe(false);
    expect(bare.attributes.has('action_id')).toBe(false);
    expect(withControl.attributes.get('cloud')?.requirement).toBe('required');
    expect(withControl.attributes.get('action_id')?.profile).toBe('security_control');
    expect(withControl.attributes.has('osint')).toBe(false);
  });

  it('frees an attribute from its profile where a class sets "profile": null', () => {
    // Act: actor comes from the host profile, but api_activity and iam claim it
    const network = ocsfClass('network_activity', ['cloud']);
    const account = ocsfClass('account_change', ['cloud']);

    // Assess
    expect(network.attributes.has('actor')).toBe(false);
    expect(account.attributes.get('actor')?.profile).toBeUndefined();
    expect(ocsfClass('network_activity', ['host']).attributes.get('actor')?.profile).toBe('host');
  });

  it('merges a class enum over the dictionary enum, class captions winning', () => {
    // Act
    const status = ocsfClass('detection_finding', ['cloud']).attributes.get('status_id')?.enum;

    // Assess
    expect(Object.fromEntries(status ?? [])).toEqual({
      0: 'Unknown',
      1: 'New',
      2: 'In Progress',
      3: 'Suppressed',
      4: 'Resolved',
      5: 'Archived',
      6: 'Deleted',
      99: 'Other',
    });
  });

  it('resolves objects through extends, inheriting constraints unless overridden', () => {
    // Act
    const endpoint = ocsfObject('network_endpoint', []);
    const resource = ocsfObject('resource_details', []);

    // Assess: ip from endpoint, name from _entity; network_endpoint widens endpoint's constraint
    expect(endpoint.attributes.get('ip')?.scalarType).toBe('string_t');
    expect(endpoint.attributes.has('name')).toBe(true);
    expect(endpoint.atLeastOne).toContain('svc_name');
    expect(resource.atLeastOne).toEqual(['name', 'uid']);
  });

  it('gates object attributes by profile as well', () => {
    // Act
    const without = ocsfObject('resource_details', []);
    const withCloud = ocsfObject('resource_details', ['cloud']);

    // Assess
    expect(without.attributes.has('region')).toBe(false);
    expect(withCloud.attributes.get('region')?.profile).toBe('cloud');
  });

  it('reduces scalar types to their primitive and keeps arity', () => {
    // Act
    const endpoint = ocsfObject('network_endpoint', []);
    const event = ocsfClass('api_activity', ['cloud']);

    // Assess
    expect(endpoint.attributes.get('port')).toMatchObject({ type: 'port_t', scalarType: 'integer_t' });
    expect(event.attributes.get('time')).toMatchObject({ type: 'timestamp_t', scalarType: 'long_t' });
    expect(event.attributes.get('resources')).toMatchObject({
      objectType: 'resource_details',
      isArray: true,
    });
    expect(event.attributes.get('unmapped')?.objectType).toBe('object');
  });

  it('computes class and category uids from categories.json', () => {
    // Act
    const finding = ocsfClass('detection_finding', []);

    // Assess
    expect(finding).toMatchObject({ classUid: 2004, categoryUid: 2, categoryCaption: 'Findings' });
  });

  it('throws on a class it cannot find', () => {
    // Assess
    expect(() => ocsfClass('no_such_class', [])).toThrow('no class named no_such_class');
  });
});
