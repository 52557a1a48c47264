import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type DecodeItem, decodeStream } from '@vigil/decode';

/** CloudTrail records from `events/`, the shapes the synthetic corpus is drawn from. */
export async function loadCloudTrailTemplates(eventsDir: string): Promise<Record<string, unknown>[]> {
  const templates: Record<string, unknown>[] = [];
  const files = walk(eventsDir).filter((f) => !/malformed|reject/.test(f) && !f.endsWith('.md'));
  for (const file of files) {
    const items: DecodeItem[] = [];
    for await (const batch of decodeStream([readFileSync(file)], { file })) items.push(...batch);
    for (const item of items) {
      if (item.kind === 'record' && item.value.source === 'cloudtrail') templates.push(item.value.record);
    }
  }
  if (templates.length === 0) throw new Error(`no CloudTrail records found under ${eventsDir}`);
  return templates;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Deterministic CloudTrail NDJSON: templates cycled, with unique event ids, advancing times and
 * varied source addresses, cut into ~1 MiB chunks as a file read would deliver them.
 */
export function generateNdjson(templates: readonly Record<string, unknown>[], records: number): Buffer[] {
  const chunks: Buffer[] = [];
  let lines: string[] = [];
  let size = 0;
  const t0 = Date.UTC(2026, 10, 1);
  for (let i = 0; i < records; i++) {
    const line = JSON.stringify(variant(templates[i % templates.length]!, i, t0));
    lines.push(line);
    size += line.length + 1;
    if (size >= 1 << 20) {
      chunks.push(Buffer.from(`${lines.join('\n')}\n`));
      lines = [];
      size = 0;
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(`${lines.join('\n')}\n`));
  return chunks;
}

/** The same records as S3-delivered CloudTrail files (`{"Records":[…]}`), 1,000 records per file. */
export function generateRecordsFiles(
  templates: readonly Record<string, unknown>[],
  records: number,
): Buffer[] {
  const files: Buffer[] = [];
  const t0 = Date.UTC(2026, 10, 1);
  for (let start = 0; start < records; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(start + 1000, records); i++)
      batch.push(variant(templates[i % templates.length]!, i, t0));
    files.push(Buffer.from(JSON.stringify({ Records: batch })));
  }
  return files;
}

function variant(template: Record<string, unknown>, i: number, t0: number): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0');
  return {
    ...template,
    eventID: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4000-8000-${hex}`,
    requestID: `r${hex}`,
    eventTime: new Date(t0 + i * 250).toISOString().replace('.000Z', 'Z'),
    sourceIPAddress: `198.51.${(i >> 8) & 255}.${i & 255}`,
  };
}
