import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudTrail, cuts, flowLine, json } from './test-arbitraries.ts';
import { decodeText, itemProblem, streamText } from './test-helpers.ts';

const RUNS = { numRuns: 10_000 };

const logEvent = fc.oneof(
  flowLine.filter((flow) => flow.traffic).map((flow) => flow.line),
  cloudTrail.map((record) => JSON.stringify(record)),
);

const payload = fc.array(logEvent, { minLength: 1, maxLength: 4 }).map((messages) => ({
  messages,
  value: {
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: 'group',
    logStream: 'stream',
    subscriptionFilters: ['filter'],
    logEvents: messages.map((message, i) => ({ id: String(i), timestamp: 1700000000000 + i, message })),
  },
}));

const base64Gzip = (value: unknown) => gzipSync(JSON.stringify(value)).toString('base64');
const encodings: Record<string, (values: unknown[]) => string | Buffer> = {
  json: (values) => values.map((v) => JSON.stringify(v)).join('\n'),
  pretty: (values) => values.map((v) => JSON.stringify(v, null, 2)).join('\n'),
  gzip: (values) => gzipSync(values.map((v) => JSON.stringify(v)).join('')),
  base64: (values) => values.map(base64Gzip).join('\n'),
  awslogs: (values) => values.map((v) => JSON.stringify({ awslogs: { data: base64Gzip(v) } })).join('\n'),
  kinesis: (values) =>
    JSON.stringify({
      Records: values.map((v) => ({ eventSource: 'aws:kinesis', kinesis: { data: base64Gzip(v) } })),
    }),
};

describe('CloudWatch Logs payloads (properties)', () => {
  it('round-trips every log event whatever the encoding and chunking, pushed or (gzip) streamed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(payload, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...Object.keys(encodings)),
        cuts,
        async (payloads, encoding, at) => {
          // Prepare
          const input = encodings[encoding]!(payloads.map((p) => p.value));

          // Act
          const pushed = decodeText(input, {}, at);
          const paths = encoding === 'gzip' ? [pushed, await streamText(input, {}, at)] : [pushed];

          // Assess
          for (const decoded of paths) {
            expect(decoded.rejects).toEqual([]);
            expect(decoded.records.map((r) => r.raw)).toEqual(payloads.flatMap((p) => p.messages));
            expect(decoded.records.map((r) => r.location.index)).toEqual(
              payloads.flatMap((p) => p.messages.map((_, i) => i)),
            );
          }
        },
      ),
      RUNS,
    );
  });

  it('never throws when any payload field has the wrong type', () => {
    fc.assert(
      fc.property(
        payload,
        fc.constantFrom('messageType', 'logEvents', 'owner', 'logEvents.0', 'logEvents.0.message'),
        json,
        fc.constantFrom('json', 'base64', 'awslogs'),
        (p, path, wrong, encoding) => {
          // Prepare
          const value = structuredClone(p.value) as Record<string, unknown>;
          const [top, index, field] = path.split('.');
          if (index === undefined) value[top!] = wrong;
          else if (field === undefined) (value.logEvents as unknown[])[Number(index)] = wrong;
          else (value.logEvents as Record<string, unknown>[])[Number(index)]![field] = wrong;

          // Act
          const decoded = decodeText(encodings[encoding]!([value]));

          // Assess
          expect(decoded.items.flatMap((item) => itemProblem(item) ?? [])).toEqual([]);
          expect(decoded.items.length).toBeGreaterThan(0);
        },
      ),
      RUNS,
    );
  });

  it('never throws on random base64 lines and random awslogs data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), fc.boolean(), (bytes, lambda) => {
        // Prepare
        const data = `H4sI${Buffer.from(bytes).toString('base64')}`;
        const input = lambda ? JSON.stringify({ awslogs: { data } }) : `${data}\n`;

        // Act
        const decoded = decodeText(input);

        // Assess
        expect(decoded.items.flatMap((item) => itemProblem(item) ?? [])).toEqual([]);
      }),
      RUNS,
    );
  });
});
