import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceKind } from '@vigil/decode';
import { simulatedNetworks } from './campaigns/networks.ts';
import { simulate } from './simulate.ts';
import type { SimulateOptions } from './types.ts';

/** One file per source, in the shape each is exported in, plus the labels beside them. */
export const SIMULATION_FILES: Readonly<Record<SourceKind | 'labels', string>> = {
  cloudtrail: 'cloudtrail.ndjson',
  azure: 'azure.ndjson',
  gcp: 'gcp.ndjson',
  vpcflow: 'vpcflow.log',
  labels: 'labels.ndjson',
};

/** The simulated internet's AS and country table, for `pnpm detect --networks`. */
export const NETWORKS_FILE = 'networks.json';

export type SimulationCounts = Record<SourceKind, number>;

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/**
 * Writes a simulation to `dir`: `cloudtrail.ndjson`, `azure.ndjson`, `gcp.ndjson` (one native
 * record per line), `vpcflow.log` (default-format flow lines, no header) and `labels.ndjson`,
 * whose line i labels the i-th record overall: its file and line there, source, time, id,
 * persona, principal and label (campaign, technique and actor for attacks), and
 * `networks.json`, the AS and country of every simulated network. Streams as it goes, so
 * memory stays flat.
 */
export async function writeSimulation(options: SimulateOptions, dir: string): Promise<SimulationCounts> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, NETWORKS_FILE), `${JSON.stringify(simulatedNetworks(), null, 1)}\n`);
  const open = (name: string) => createWriteStream(join(dir, name), { encoding: 'utf8' });
  const streams: Record<SourceKind, WriteStream> = {
    cloudtrail: open(SIMULATION_FILES.cloudtrail),
    azure: open(SIMULATION_FILES.azure),
    gcp: open(SIMULATION_FILES.gcp),
    vpcflow: open(SIMULATION_FILES.vpcflow),
  };
  const labels = open(SIMULATION_FILES.labels);
  const counts: SimulationCounts = { cloudtrail: 0, azure: 0, gcp: 0, vpcflow: 0 };
  try {
    for (const record of simulate(options)) {
      const line = ++counts[record.source];
      await write(streams[record.source], `${record.text}\n`);
      const label = {
        file: SIMULATION_FILES[record.source],
        line,
        source: record.source,
        time: new Date(record.time).toISOString(),
        uid: record.uid,
        persona: record.persona,
        principal: record.principal,
        label: record.label,
        ...(record.campaign
          ? { campaign: record.campaign, technique: record.technique, actor: record.actor }
          : {}),
      };
      await write(labels, `${JSON.stringify(label)}\n`);
    }
  } finally {
    await Promise.all([...Object.values(streams), labels].map(close));
  }
  return counts;
}
