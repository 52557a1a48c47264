import { readFileSync } from 'node:fs';
import { decodeStream } from '@vigil/decode';
import { normalize } from '@vigil/normalize';

const file = process.argv[2]!;
const n = Number(process.argv[3] ?? 1);
let i = 0;
const short = (v: unknown): unknown =>
  typeof v === 'string'
    ? v.slice(0, 60)
    : Array.isArray(v)
      ? `[${v.length}]`
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [
              k,
              typeof x === 'object' && x
                ? Array.isArray(x)
                  ? `[${x.length}]`
                  : `{${Object.keys(x).join(',')}}`
                : short(x),
            ]),
          )
        : v;
for await (const batch of decodeStream([readFileSync(file, 'utf8')], { file })) {
  for (const item of batch) {
    if (item.kind !== 'record') {
      console.log(item.kind, JSON.stringify(item.value).slice(0, 200));
      continue;
    }
    if (i++ >= n) continue;
    const r = normalize(item.value);
    console.log(item.value.variant, JSON.stringify(short(item.value.record)));
    if (r.ok) {
      const e = r.event as any;
      console.log(
        'EVENT',
        JSON.stringify({
          md: e.metadata.product.name,
          log: e.metadata.log_name,
          actor: e.actor?.user,
          acct: e.cloud.account,
          api: e.api?.operation,
          cls: e.class_uid,
        }),
      );
    } else console.log(r);
  }
}
