import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ACCOUNT_CHANGE_ACTIVITY,
  ACCOUNT_CHANGE_ACTIVITY_NAME,
  ACTION,
  ACTION_NAME,
  ANALYTIC_TYPE,
  ANALYTIC_TYPE_NAME,
  API_ACTIVITY,
  API_ACTIVITY_NAME,
  AUTHENTICATION_ACTIVITY,
  AUTHENTICATION_ACTIVITY_NAME,
  CLASS,
  CLASS_PROFILES,
  FINDING_ACTIVITY,
  FINDING_ACTIVITY_NAME,
  FINDING_STATUS,
  FINDING_STATUS_NAME,
  NETWORK_ACTIVITY,
  NETWORK_ACTIVITY_NAME,
  NETWORK_DIRECTION,
  NETWORK_DIRECTION_NAME,
  OCSF_VERSION,
  SEVERITY,
  SEVERITY_NAME,
  STATUS,
  STATUS_NAME,
} from './constants.ts';
import { accountChange, apiActivity, authentication, networkActivity } from './events.ts';
import { detectionFinding } from './finding.ts';
import { ocsfClass, ocsfManifest, ocsfObject } from './ocsf-reference.test-helper.ts';
import { fieldShape, literalValues } from './zod-shape.test-helper.ts';

const profilesOf = (uid: keyof typeof CLASS_PROFILES) => CLASS_PROFILES[uid];
const classEnum = (name: string, uid: keyof typeof CLASS_PROFILES, attribute: string) =>
  ocsfClass(name, profilesOf(uid)).attributes.get(attribute)?.enum;

/** `Learning (ML/DL)` → `LEARNING_ML_DL`: how a caption reads as a constant key. */
function keyOf(caption: string): string {
  return caption
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

const byNumber = (a: number, b: number) => a - b;

function allowed(schema: z.ZodType): unknown[] | undefined {
  return literalValues(fieldShape(schema).inner);
}

const enums = [
  {
    name: 'API_ACTIVITY',
    ids: API_ACTIVITY,
    names: API_ACTIVITY_NAME,
    official: classEnum('api_activity', 6003, 'activity_id'),
    complete: true,
    schema: apiActivity.shape.activity_id,
  },
  {
    name: 'AUTHENTICATION_ACTIVITY',
    ids: AUTHENTICATION_ACTIVITY,
    names: AUTHENTICATION_ACTIVITY_NAME,
    official: classEnum('authentication', 3002, 'activity_id'),
    complete: true,
    schema: authentication.shape.activity_id,
  },
  {
    name: 'ACCOUNT_CHANGE_ACTIVITY',
    ids: ACCOUNT_CHANGE_ACTIVITY,
    names: ACCOUNT_CHANGE_ACTIVITY_NAME,
    official: classEnum('account_change', 3001, 'activity_id'),
    complete: true,
    schema: accountChange.shape.activity_id,
  },
  {
    name: 'NETWORK_ACTIVITY',
    ids: NETWORK_ACTIVITY,
    names: NETWORK_ACTIVITY_NAME,
    official: classEnum('network_activity', 4001, 'activity_id'),
    complete: true,
    schema: networkActivity.shape.activity_id,
  },
  {
    name: 'SEVERITY',
    ids: SEVERITY,
    names: SEVERITY_NAME,
    official: classEnum('api_activity', 6003, 'severity_id'),
    complete: true,
    schema: apiActivity.shape.severity_id,
  },
  {
    name: 'STATUS',
    ids: STATUS,
    names: STATUS_NAME,
    official: classEnum('api_activity', 6003, 'status_id'),
    complete: true,
    schema: apiActivity.shape.status_id,
  },
  {
    name: 'ACTION',
    ids: ACTION,
    names: ACTION_NAME,
    official: classEnum('network_activity', 4001, 'action_id'),
    complete: false,
    schema: networkActivity.shape.action_id,
  },
  {
    name: 'NETWORK_DIRECTION',
    ids: NETWORK_DIRECTION,
    names: NETWORK_DIRECTION_NAME,
    official: ocsfObject('network_connection_info', profilesOf(4001)).attributes.get('direction_id')?.enum,
    complete: true,
    schema: undefined,
  },
  {
    name: 'FINDING_ACTIVITY',
    ids: FINDING_ACTIVITY,
    names: FINDING_ACTIVITY_NAME,
    official: classEnum('detection_finding', 2004, 'activity_id'),
    complete: false,
    schema: detectionFinding.shape.activity_id,
  },
  {
    name: 'FINDING_STATUS',
    ids: FINDING_STATUS,
    names: FINDING_STATUS_NAME,
    official: classEnum('detection_finding', 2004, 'status_id'),
    complete: false,
    schema: detectionFinding.shape.status_id,
  },
  {
    name: 'ANALYTIC_TYPE',
    ids: ANALYTIC_TYPE,
    names: ANALYTIC_TYPE_NAME,
    official: ocsfObject('analytic', profilesOf(2004)).attributes.get('type_id')?.enum,
    complete: false,
    schema: undefined,
  },
];

describe('CLASS', () => {
  it.each(Object.entries(CLASS))('%s matches the official class and category', (key, cls) => {
    // Prepare
    const official = ocsfClass(key.toLowerCase(), profilesOf(cls.class_uid));

    // Assess
    expect(cls).toEqual({
      class_uid: official.classUid,
      class_name: official.caption,
      category_uid: official.categoryUid,
      category_name: official.categoryCaption,
    });
  });

  it('claims the version of the official schema copy', () => {
    // Assess
    expect(OCSF_VERSION).toBe(ocsfManifest().version);
  });

  it('lists profiles for every class', () => {
    // Assess
    expect(Object.keys(CLASS_PROFILES).map(Number).sort()).toEqual(
      Object.values(CLASS)
        .map((c) => c.class_uid)
        .sort(),
    );
  });
});

describe('enum constants', () => {
  it.each(enums)('$name uses official ids under keys that read as their captions', ({ ids, official }) => {
    // Act
    const wrong = Object.entries(ids).filter(([key, id]) => {
      const caption = official?.get(id);
      return caption === undefined || !(keyOf(caption) === key || keyOf(caption).startsWith(`${key}_`));
    });

    // Assess
    expect(official).toBeDefined();
    expect(wrong).toEqual([]);
  });

  it.each(enums)(
    '$name has a names map with the official caption of every id',
    ({ ids, names, official }) => {
      // Act
      const expected = Object.fromEntries(Object.values(ids).map((id) => [id, official?.get(id)]));

      // Assess
      expect(names).toEqual(expected);
    },
  );

  it.each(enums.filter((e) => e.complete))('$name covers every official id', ({ ids, official }) => {
    // Assess
    expect(Object.values(ids).sort(byNumber)).toEqual([...(official?.keys() ?? [])].sort(byNumber));
  });

  it.each(enums.filter((e) => e.schema))(
    '$name lists exactly the ids the schema admits',
    ({ ids, schema }) => {
      // Act
      const admitted = allowed(schema as z.ZodType) as number[] | undefined;

      // Assess
      expect(admitted?.slice().sort(byNumber)).toEqual(Object.values(ids).sort(byNumber));
    },
  );
});
