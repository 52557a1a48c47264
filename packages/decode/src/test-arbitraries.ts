import fc from 'fast-check';
import { V2_DEFAULT_FLOW_FIELDS } from './flow-fields.ts';

/** Valid Unicode text, so it survives UTF-8 encoding and chunking. */
export const text = fc.string({ unit: 'grapheme', maxLength: 10 });
export const json = fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' });

export const cloudTrail = fc.record({
  eventVersion: fc.constant('1.08'),
  eventName: text,
  eventSource: text.map((name) => `${name}.amazonaws.com`),
  eventID: fc.uuid(),
  requestParameters: json,
});

export const eventBridge = fc.record({
  version: fc.constant('0'),
  'detail-type': fc.constantFrom('AWS API Call via CloudTrail', 'AWS Console Sign In via CloudTrail'),
  source: fc.constant('aws.signin'),
  detail: cloudTrail,
});

export const azureRecord = fc.record({
  time: fc.constant('2024-05-01T10:00:00Z'),
  resourceId: text,
  operationName: text,
  category: fc.constantFrom('Administrative', 'Security', 'SignInLogs', 'AuditLogs', 'Policy'),
  properties: json,
});

export const gcpEntry = fc.record({
  logName: fc
    .constantFrom('activity', 'data_access', 'system_event', 'policy')
    .map((kind) => `projects/p/logs/cloudaudit.googleapis.com%2F${kind}`),
  insertId: fc.uuid(),
  protoPayload: fc.record({ methodName: text, request: json }),
});

/** A record of any family that auto-detection accepts. */
export const anyRecord = fc.oneof(cloudTrail, eventBridge, azureRecord, gcpEntry);

/** Chunk cut points: a few random positions. */
export const cuts = fc.array(fc.nat({ max: 4000 }), { maxLength: 6 });

/** A v2 default-format flow line (valid by construction) and whether it carries traffic. */
export const flowLine = fc
  .record({
    tokens: fc.array(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefXYZ.:-'), minLength: 1, maxLength: 8 }),
      { minLength: V2_DEFAULT_FLOW_FIELDS.length - 2, maxLength: V2_DEFAULT_FLOW_FIELDS.length - 2 },
    ),
    version: fc.constantFrom('2', '3', '5'),
    status: fc.constantFrom('OK', 'OK', 'OK', 'NODATA', 'SKIPDATA'),
  })
  .map(({ tokens, version, status }) => ({
    line: [version, ...tokens, status].join(' '),
    traffic: status === 'OK',
  }));

/** Text made of JSON punctuation and little else, to drive the scanner through every state. */
export const jsonish = fc.string({ unit: fc.constantFrom(...'{}[]",:\\ \n\r\tae01.-Rtrue'), maxLength: 60 });

/** Openings that put the scanner deep into a container before random text follows. */
export const containerOpening = fc.constantFrom(
  '',
  '{"Records":[',
  '{"records":[{"category":"Administrative"},',
  '[',
  '{"tables":[{"name":"t","columns":[{"name":"Type"}],"rows":[["AuditLogs"],',
  '{"tables":[{"rows":[',
  '{"value":[{}, ',
  '{"a":{"b":[',
  '{"messageType":"DATA_MESSAGE","logEvents":[{"message":"',
);
