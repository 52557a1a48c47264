import { describe, expect, it } from 'vitest';
import { ProtoWriter } from './protobuf.ts';

describe('ProtoWriter', () => {
  it('writes varints as in the protobuf encoding guide (150 → 08 96 01)', () => {
    expect([...new ProtoWriter().int(1, 150).finish()]).toEqual([0x08, 0x96, 0x01]);
  });

  it('writes a negative int64 as ten bytes of two’s complement', () => {
    expect([...new ProtoWriter().int(1, -1).finish()]).toEqual([
      0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
    ]);
  });

  it('length-prefixes strings and packed floats', () => {
    expect([...new ProtoWriter().string(2, 'testing').finish()]).toEqual([
      0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67,
    ]);
    expect([...new ProtoWriter().packedFloats(7, [1]).finish()]).toEqual([
      0x3a, 0x04, 0x00, 0x00, 0x80, 0x3f,
    ]);
  });

  it('packs int64 lists as consecutive varints', () => {
    expect([...new ProtoWriter().packedInts(4, [3, 270, 86942]).finish()]).toEqual([
      0x22, 0x06, 0x03, 0x8e, 0x02, 0x9e, 0xa7, 0x05,
    ]);
  });
});
