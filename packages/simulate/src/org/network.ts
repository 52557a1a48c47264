import type { Random } from '../random.ts';
import type { AwsAccount } from './aws.ts';

export interface Interface {
  eni: string;
  ip: string;
}

/** The production web tier's VPC in us-east-1, whose flow logs are collected. */
export interface WebNetwork {
  account: string;
  loadBalancers: readonly Interface[];
  apps: readonly Interface[];
  database: Interface;
  cache: Interface;
  nat: Interface;
  /** DNS resolvers in the shared-services subnet (Route 53 Resolver endpoints). */
  resolvers: readonly string[];
}

function eni(rng: Random): string {
  return `eni-0${rng.hex(16)}`;
}

export function buildWebNetwork(rng: Random, prod: AwsAccount): WebNetwork {
  const res = prod.byRegion.get('us-east-1')!;
  return {
    account: prod.id,
    loadBalancers: [
      { eni: eni(rng), ip: '10.10.1.10' },
      { eni: eni(rng), ip: '10.10.2.10' },
    ],
    apps: res.instances.filter((i) => i.tier === 'app').map((i) => ({ eni: eni(rng), ip: i.privateIp })),
    database: { eni: eni(rng), ip: '10.10.21.5' },
    cache: { eni: eni(rng), ip: '10.10.21.30' },
    nat: { eni: eni(rng), ip: '10.10.1.50' },
    resolvers: ['10.10.0.10', '10.10.0.11'],
  };
}
