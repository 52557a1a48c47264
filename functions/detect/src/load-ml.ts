import { join } from 'node:path';
import { createIpLookup, type IpLookup, readIpDatabase, type ScoringModel } from '@vigil/features';
import { loadModels } from '@vigil/scoring';

/** What the ML stage needs for every batch, loaded once per cold start. */
export interface DetectMl {
  models: ReadonlyMap<string, ScoringModel>;
  ipInfo: IpLookup;
}

/** File names of the ip-location-db IPv4 tables, as their npm packages ship them and the asset copies them. */
export const IP_DB_FILES = {
  asnCsv: 'asn-ipv4-num.csv',
  countryCsv: 'geo-whois-asn-country-ipv4-num.csv',
} as const;

/** The IP tables as the asset lays them out: both files in one folder (`VIGIL_IP_DB_DIR`). */
export function ipDbPaths(dir: string): { asnCsv: string; countryCsv: string } {
  return { asnCsv: join(dir, IP_DB_FILES.asnCsv), countryCsv: join(dir, IP_DB_FILES.countryCsv) };
}

/**
 * The models of `modelsDir` (each file checked against the manifest's sha256) and the IP →
 * AS/country tables: a missing or altered file fails the cold start, naming it, rather than
 * detecting without models. The local stack passes the workspace's copies of the tables.
 */
export async function loadMl(
  modelsDir: string,
  ipPaths: { asnCsv: string; countryCsv: string },
): Promise<DetectMl> {
  const [models, database] = await Promise.all([loadModels(modelsDir), readIpDatabase(ipPaths)]);
  return { models, ipInfo: createIpLookup(database) };
}
