import { createReadStream, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeStream } from './decode-stream.ts';
import { itemProblem } from './test-helpers.ts';
import type { DecodeItem } from './types.ts';

const eventsDir = fileURLToPath(new URL('../../../events/', import.meta.url));
const files = readdirSync(eventsDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && !entry.name.endsWith('.md'))
  .map((entry) => `${entry.parentPath.slice(eventsDir.length)}/${entry.name}`.replace(/^\/+/, ''))
  .sort();
const isBadByDesign = (file: string) => /malformed|reject/.test(file.split('/').at(-1)!);
/** A CloudWatch Logs CONTROL_MESSAGE carries no event: it decodes to a skip only. */
const carriesNoEvent = (file: string) => file.includes('control-message');

async function decodeFixture(file: string): Promise<DecodeItem[]> {
  const items: DecodeItem[] = [];
  for await (const batch of decodeStream(createReadStream(`${eventsDir}${file}`), { file }))
    items.push(...batch);
  return items;
}

describe('fixtures under events/', () => {
  it('finds fixtures to decode', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.filter((file) => !isBadByDesign(file) && !carriesNoEvent(file)))(
    'decodes %s into records with no rejects',
    async (file) => {
      // Act
      const items = await decodeFixture(file);

      // Assess
      expect(items.filter((item) => item.kind === 'reject').map((item) => item.value)).toEqual([]);
      expect(items.filter((item) => item.kind === 'record').length).toBeGreaterThanOrEqual(1);
      expect(items.flatMap((item) => itemProblem(item, file) ?? [])).toEqual([]);
    },
  );

  it.each(files.filter(carriesNoEvent))('decodes %s into skips only', async (file) => {
    // Act
    const items = await decodeFixture(file);

    // Assess
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.every((item) => item.kind === 'skip')).toBe(true);
  });

  it.each(files.filter(isBadByDesign))('decodes %s into well-formed items without throwing', async (file) => {
    // Act
    const items = await decodeFixture(file);

    // Assess
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.flatMap((item) => itemProblem(item, file) ?? [])).toEqual([]);
    if (file.endsWith('.ndjson')) {
      const reasons = items.flatMap((item) => (item.kind === 'reject' ? [item.value.reason] : []));
      expect(reasons.filter((reason) => reason.startsWith('VPC flow'))).toEqual([]);
    }
  });
});
