import type { SourceRecord } from '@vigil/decode';
import type { Authentication } from '@vigil/schema';
import { describe, expect, it } from 'vitest';
import { normalizeAzure } from './azure.ts';
import { azureEvents } from './azure-fixtures.test-helper.ts';

function signIns(file: string): Authentication[] {
  return azureEvents(file).map(({ event }) => event as Authentication);
}

function byUpn(events: Authentication[], name: string, category: string): Authentication {
  const found = events.find((e) => e.user.name === name && e.unmapped?.category === category);
  if (found === undefined) throw new Error(`no ${category} sign-in of ${name}`);
  return found;
}

describe('Entra sign-ins → Authentication', () => {
  const diagnostic = signIns('azure/signin-diagnostic.json');

  it.each([
    // name, category, status_id, status_code, is_mfa, user type
    ['jane.doe@contoso.example', 'SignInLogs', 1, '0', true, 'User'],
    ['raj.patel@contoso.example', 'SignInLogs', 2, '50126', false, 'User'],
    ['timothy.perkins@contoso.example', 'SignInLogs', 2, '50140', undefined, 'User'],
    ['mallory.ops@contoso.example', 'SignInLogs', 1, '0', false, 'User'],
    ['jane.doe@contoso.example', 'NonInteractiveUserSignInLogs', 1, '0', false, 'User'],
    ['deploy-pipeline', 'ServicePrincipalSignInLogs', 1, '0', undefined, 'ServicePrincipal'],
    ['id-automation', 'ManagedIdentitySignInLogs', 1, '0', undefined, 'ManagedIdentity'],
  ])('%s (%s) → status %i, code %s, is_mfa %s, %s', (name, category, statusId, code, isMfa, type) => {
    // Act
    const e = byUpn(diagnostic, name, category);

    // Assess
    expect(e).toMatchObject({ class_uid: 3002, activity_id: 1, type_uid: 300201, status_id: statusId });
    expect(e.status_code).toBe(code);
    expect(e.is_mfa).toBe(isMfa);
    expect(e.user.type).toBe(type);
  });

  it('keeps the failure reason of a bad password, and the risk and client fields rules need', () => {
    // Act
    const failed = byUpn(diagnostic, 'raj.patel@contoso.example', 'SignInLogs');
    const imap = byUpn(diagnostic, 'mallory.ops@contoso.example', 'SignInLogs');

    // Assess
    expect(failed.status_detail).toBe('Error validating credentials due to invalid username or password.');
    expect(imap.unmapped).toMatchObject({
      clientAppUsed: 'IMAP4',
      riskLevelDuringSignIn: 'high',
      riskState: 'atRisk',
      riskEventTypes: ['unlikelyTravel', 'anonymizedIPAddress'],
      conditionalAccessStatus: 'notApplied',
      authenticationRequirement: 'singleFactorAuthentication',
    });
    expect(imap.http_request).toBeUndefined();
  });

  it('maps the user, client application, address and location', () => {
    // Act
    const e = byUpn(diagnostic, 'jane.doe@contoso.example', 'SignInLogs');

    // Assess
    expect(e.user).toMatchObject({ uid: '88fd3bad-be55-5361-8169-ac470c0d9118', display_name: 'Jane Doe' });
    expect(e.service).toEqual({ name: 'Azure Portal', uid: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c' });
    expect(e.src_endpoint).toEqual({
      ip: '203.0.113.10',
      location: { city: 'Seattle', country: 'US', region: 'Washington', lat: 47.6062, long: -122.3321 },
      autonomous_system: { number: 8075 },
    });
    expect(e.http_request?.user_agent).toMatch(/^Mozilla\/5.0/);
    expect(e.cloud.account?.uid).toBe('5044e4c4-d42a-5b95-bfff-68c0f4e2f824');
  });

  it('maps a Log Analytics row like the diagnostic record of the same sign-in', () => {
    // Prepare
    const rows = [...signIns('azure/la-signinlogs-query.json'), ...signIns('azure/la-signinlogs-rows.json')];
    // Empty columns (DeviceDetail {}, RiskEventTypes "[]") exist in every row but not in every record.
    const strip = (e: Authentication) => ({
      ...e,
      raw_data: undefined,
      unmapped: { ...e.unmapped, deviceDetail: undefined, riskEventTypes: undefined },
    });

    for (const row of rows) {
      // Act
      const twin = diagnostic.find((d) => d.metadata.uid === row.metadata.uid);

      // Assess
      expect(twin, row.metadata.uid).toBeDefined();
      expect(strip(row), row.metadata.uid).toEqual(strip(twin!));
    }
  });

  it.each([
    [
      { properties: { id: 'x', status: { errorCode: 0 }, appId: 'a' } },
      'expected userId, userPrincipalName or servicePrincipalId',
    ],
    [
      { properties: { id: 'x', userId: 'u', status: { errorCode: 0 } } },
      'expected appId, appDisplayName or resourceDisplayName',
    ],
    [{ properties: { userId: 'u', appId: 'a' } }, 'expected id or correlationId'],
  ])('is a failure for %o', (record, reason) => {
    // Prepare
    const source: SourceRecord = {
      source: 'azure',
      variant: 'signin',
      record: { time: '2026-03-02T09:02:11Z', category: 'SignInLogs', ...record },
      raw: '',
      location: { file: 'test' },
    };

    // Act
    const result = normalizeAzure(source);

    // Assess
    expect(result).toEqual({ ok: false, reason: `Azure sign-in record: ${reason}, found none` });
  });
});
