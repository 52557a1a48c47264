import { describe, expect, it } from 'vitest';
import { CLASS_PROFILES } from './constants.ts';
import { accountChange, apiActivity, authentication, eventSchemas, networkActivity } from './events.ts';
import {
  accountChangeSamples,
  apiActivitySamples,
  authenticationSamples,
  networkActivitySamples,
} from './ocsf-samples.test-helper.ts';
import { describeSamples } from './sample-suite.test-helper.ts';

describeSamples({
  label: 'apiActivity',
  schema: apiActivity,
  className: 'api_activity',
  profiles: CLASS_PROFILES[6003],
  samples: apiActivitySamples,
});
describeSamples({
  label: 'authentication',
  schema: authentication,
  className: 'authentication',
  profiles: CLASS_PROFILES[3002],
  samples: authenticationSamples,
});
describeSamples({
  label: 'accountChange',
  schema: accountChange,
  className: 'account_change',
  profiles: CLASS_PROFILES[3001],
  samples: accountChangeSamples,
});
describeSamples({
  label: 'networkActivity',
  schema: networkActivity,
  className: 'network_activity',
  profiles: CLASS_PROFILES[4001],
  samples: networkActivitySamples,
});

describe('event schemas', () => {
  it('maps every class_uid to the schema whose class_uid literal it is', () => {
    // Act
    const mismatched = Object.entries(eventSchemas).filter(
      ([uid, schema]) => !schema.shape.class_uid.values.has(Number(uid)),
    );

    // Assess
    expect(mismatched).toEqual([]);
  });

  it('rejects an attribute OCSF does not define for the class', () => {
    // Prepare
    const event = {
      ...authenticationSamples.minimal,
      resources: [{ uid: 'arn:aws:iam::111122223333:user/bob' }],
    };

    // Act
    const result = authentication.safeParse(event);

    // Assess
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['resources'], path: [] }),
    ]);
  });

  it('rejects an event of another class', () => {
    // Act
    const result = apiActivity.safeParse(networkActivitySamples.minimal);

    // Assess
    expect(result.error?.issues.map((i) => i.path[0])).toContain('class_uid');
  });
});
