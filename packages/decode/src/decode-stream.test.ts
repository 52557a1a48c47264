import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeStream } from './decode-stream.ts';
import { DecodeOptionsError } from './errors.ts';
import { decodeText, everyCut, streamChunks, streamText } from './test-helpers.ts';
import type { DecodeItem } from './types.ts';

const ct = (id: string) =>
  JSON.stringify({ eventName: 'ListUsers', eventSource: 'iam.amazonaws.com', eventID: id, note: 'naïve 😀' });
const ndjson = `${ct('a')}\n${ct('b')}\n`;
const eventIds = (items: DecodeItem[]) =>
  items.map((item) => (item.kind === 'record' ? item.value.record.eventID : item.kind));

/** An input that yields `chunks` and then fails, recording whether it was closed. */
function input(chunks: (string | Uint8Array)[], failure?: Error) {
  const state = { closed: false, read: 0 };
  async function* read() {
    try {
      for (const chunk of chunks) {
        state.read++;
        yield chunk;
      }
      if (failure !== undefined) throw failure;
    } finally {
      state.closed = true;
    }
  }
  return { chunks: read(), state };
}

describe('decodeStream', () => {
  it('yields the items of each chunk as a batch over a Node Readable', async () => {
    // Prepare
    const readable = Readable.from([Buffer.from(`${ct('a')}\n${ct('b')}`), Buffer.from(`\n${ct('c')}`)]);
    const batches: DecodeItem[][] = [];

    // Act
    for await (const batch of decodeStream(readable, { file: '-' })) batches.push(batch);

    // Assess
    expect(batches.map(eventIds)).toEqual([['a'], ['b'], ['c']]);
    expect(batches[2]?.[0]?.value.location).toEqual({ file: '-', line: 3, offset: 2 * ct('a').length + 2 });
  });

  it('yields nothing for an empty stream', async () => {
    // Act
    const batches: DecodeItem[][] = [];
    for await (const batch of decodeStream(Readable.from([]), { file: 'f' })) batches.push(batch);

    // Assess
    expect(batches).toEqual([]);
  });

  it('accepts a plain array of chunks, text or bytes, gzip or not', async () => {
    // Act
    const text = await streamChunks([ct('a').slice(0, 5), Buffer.from(`${ct('a').slice(5)}\n`)]);
    const gzip = await streamChunks([gzipSync(ndjson)]);

    // Assess
    expect(eventIds(text.items)).toEqual(['a']);
    expect(eventIds(gzip.items)).toEqual(['a', 'b']);
  });

  it('refuses invalid options before reading any input', async () => {
    // Prepare
    const { chunks, state } = input([ndjson]);

    // Act
    const first = decodeStream(chunks, { file: 'f', maxRecordByte: 5 } as never).next();

    // Assess
    await expect(first).rejects.toThrow(DecodeOptionsError);
    expect(state.read).toBe(0);
  });

  it('gunzips as it streams, with a chunk boundary at every byte', async () => {
    // Prepare
    const bytes = gzipSync(ndjson);
    const plain = decodeText(ndjson).items;

    // Act / Assess
    for (const cuts of [[], ...everyCut(bytes.length)])
      expect((await streamText(bytes, {}, cuts)).items).toEqual(plain);
  });

  it('gunzips concatenated gzip members', async () => {
    // Prepare
    const bytes = Buffer.concat([gzipSync(`${ct('a')}\n`), gzipSync(`${ct('b')}\n`)]);

    // Act
    const { items } = await streamText(bytes, {}, [1, 7, 40]);

    // Assess
    expect(eventIds(items)).toEqual(['a', 'b']);
  });

  it('ends the file with one reject naming the compressed bytes where the gzip stream breaks', async () => {
    // Prepare
    const member = gzipSync(`${ct('a')}\n`);
    const chunks = [member, Buffer.from('not gzip'), gzipSync(`${ct('b')}\n`)];

    // Act
    const { items } = await streamChunks(chunks);

    // Assess
    expect(eventIds(items)).toEqual(['a', 'reject']);
    expect(items[1]?.value).toEqual({
      location: { file: 'f', offset: ct('a').length + 1 },
      reason: `gzip stream is corrupt in compressed bytes ${member.length}..${member.length + 8} (zlib Z_DATA_ERROR: incorrect header check); the rest of the file is skipped`,
    });
  });

  it('rejects a gzip stream whose checksum fails once, as the last item', async () => {
    // Prepare
    const bytes = gzipSync(ndjson.repeat(50));
    bytes[bytes.length - 6] = (bytes[bytes.length - 6] ?? 0) ^ 0xff;

    // Act
    const { items } = await streamText(bytes, {}, [100]);

    // Assess
    expect(items.at(-1)).toEqual({
      kind: 'reject',
      value: {
        location: { file: 'f', offset: expect.any(Number) },
        reason: expect.stringMatching(
          /^gzip stream is corrupt in compressed bytes \d+\.\.\d+ \(zlib Z_DATA_ERROR: incorrect data check\); the rest of the file is skipped$/,
        ),
      },
    });
    expect(items.filter((item) => item.kind === 'reject')).toHaveLength(1);
  });

  it('rejects a truncated gzip stream once, after the records it did hold, as the push decoder does', async () => {
    // Prepare
    const bytes = gzipSync(ndjson.repeat(3));
    const cut = bytes.subarray(0, bytes.length - 10);

    // Act
    const streamed = await streamText(cut, {}, [20]);

    // Assess
    expect(streamed.records.length).toBeGreaterThan(0);
    expect(streamed.rejects).toEqual([
      {
        location: { file: 'f', offset: expect.any(Number) },
        reason: `gzip stream ends early after ${cut.length} compressed bytes (zlib Z_BUF_ERROR: unexpected end of file); the rest of the file is skipped`,
      },
    ]);
    expect(streamed.items).toEqual(decodeText(cut).items);
  });

  it.each([
    ['text', [Buffer.from(ndjson)]],
    ['gzip', [gzipSync(ndjson)]],
  ])('rethrows an error of the input itself (%s)', async (_name, chunks) => {
    // Prepare
    const { chunks: failing, state } = input(chunks, new Error('disk gone'));

    // Act / Assess
    await expect(streamChunks(failing)).rejects.toThrow('disk gone');
    expect(state.closed).toBe(true);
  });

  it.each([
    ['text', [Buffer.from(ndjson), Buffer.from(ndjson), Buffer.from(ndjson)]],
    ['gzip', [gzipSync(ndjson), gzipSync(ndjson), gzipSync(ndjson)]],
    [
      'text whose first chunk is still held',
      [Buffer.from('{'), Buffer.from(ndjson.slice(1)), Buffer.from(ndjson)],
    ],
  ])('closes the input when the consumer stops early (%s)', async (_name, chunks) => {
    // Prepare
    const { chunks: source, state } = input(chunks);

    // Act
    for await (const batch of decodeStream(source, { file: 'f' })) if (batch.length > 0) break;

    // Assess
    expect(state.closed).toBe(true);
    expect(state.read).toBeLessThan(3);
  });
});
