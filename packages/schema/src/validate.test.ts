import { describe, expect, it } from 'vitest';
import {
  apiActivitySamples,
  detectionFindingSamples,
  networkActivitySamples,
} from './ocsf-samples.test-helper.ts';
import { validateEvent, validateFinding } from './validate.ts';

describe('validateEvent', () => {
  it('returns the event when it is valid', () => {
    // Act
    const result = validateEvent(apiActivitySamples.full);

    // Assess
    expect(result).toEqual({ ok: true, value: apiActivitySamples.full });
  });

  it.each([
    [{ class_uid: 2004 }, 'got 2004'],
    [null, 'got undefined'],
    ['not an event', 'got undefined'],
  ])('names the classes it knows when class_uid is not one (%j)', (event, got) => {
    // Act
    const result = validateEvent(event);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [`class_uid: expected one of 6003, 3002, 3001, 4001, ${got}`],
    });
  });

  it('reports each issue with the dotted path of the offending attribute', () => {
    // Prepare
    const event = {
      ...apiActivitySamples.minimal,
      type_uid: 600301,
      actor: { user: {} },
      metadata: { ...apiActivitySamples.minimal.metadata, bogus: 1 },
      resources: [{ uid: 'arn:aws:s3:::bucket' }, { type: 'AWS::S3::Bucket' }],
    };

    // Act
    const result = validateEvent(event);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: [
        'metadata: Unrecognized key: "bogus"',
        'actor.user: user needs at least one of account, name, uid, got none',
        'resources.1: resource_details needs at least one of name, uid, got none',
        'type_uid: expected class_uid * 100 + activity_id = 600303, got 600301',
      ],
    });
  });

  it('reports a class-level constraint at the root', () => {
    // Prepare
    const { src_endpoint: _, ...event } = networkActivitySamples.minimal;

    // Act
    const result = validateEvent(event);

    // Assess
    expect(result).toEqual({
      ok: false,
      issues: ['(root): Network Activity needs at least one of dst_endpoint, src_endpoint, got none'],
    });
  });
});

describe('validateFinding', () => {
  it('returns the finding when it is valid', () => {
    // Act
    const result = validateFinding(detectionFindingSamples.full);

    // Assess
    expect(result).toEqual({ ok: true, value: detectionFindingSamples.full });
  });

  it('reports issues inside arrays with their index', () => {
    // Prepare
    const finding = {
      ...detectionFindingSamples.minimal,
      evidences: [{ api: { operation: 'StopLogging' } }, { name: 'no evidence at all' }],
      finding_info: { ...detectionFindingSamples.minimal.finding_info, related_events: [{ uid: '' }] },
    };

    // Act
    const result = validateFinding(finding);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.slice(0, i.indexOf(':')))).toEqual([
      'finding_info.related_events.0.uid',
      'evidences.1',
    ]);
  });
});
