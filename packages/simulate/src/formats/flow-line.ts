import { createHash } from 'node:crypto';
import type { Built } from './cloudtrail.ts';

/** One flow record of the default (version 2) format. */
export interface Flow {
  account: string;
  eni: string;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** IANA protocol number: 6 TCP, 17 UDP, 1 ICMP. */
  protocol: number;
  packets: number;
  bytes: number;
  /** Epoch seconds of the capture window. */
  start: number;
  end: number;
  action: 'ACCEPT' | 'REJECT';
}

/**
 * `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start
 * end action log-status`, as flow logs write the default format. Its id is the SHA-256 of the
 * line, which is how the normalizer names flow records.
 */
export function flowLine(f: Flow): Built {
  const text = `2 ${f.account} ${f.eni} ${f.src} ${f.dst} ${f.srcPort} ${f.dstPort} ${f.protocol} ${f.packets} ${f.bytes} ${f.start} ${f.end} ${f.action} OK`;
  return { text, uid: createHash('sha256').update(text).digest('hex') };
}
