import { type Flow, flowLine } from '../formats/flow-line.ts';
import { hostCount, hostIn } from '../org/ip.ts';
import type { Interface } from '../org/network.ts';
import { INTERNET } from '../org/places.ts';
import type { Random } from '../random.ts';
import { HOUR, MINUTE } from '../time.ts';
import type { Day, Persona } from './day.ts';

/** Flow logs aggregate traffic over ten-minute capture windows (the default interval). */
const WINDOW = 10 * MINUTE;

/** Ports background scanners of the whole internet knock on; never this VPC's services. */
const SCANNED_PORTS = [22, 23, 21, 25, 445, 1433, 3306, 3389, 5900, 6379, 8080, 8443, 9200, 27017];

const TCP = 6;
const UDP = 17;

function ephemeral(rng: Random): number {
  return rng.int(32768, 60999);
}

function anyHost(rng: Random, cidr: string): string {
  return hostIn(cidr, rng.int(0, hostCount(cidr) - 1));
}

/**
 * Customer traffic over the UTC day: quiet in the small hours, highest in the European
 * afternoon when America is also awake.
 */
function load(hour: number): number {
  const h = ((hour % 24) + 24) % 24;
  const shifted = h < 6 ? h + 24 : h;
  return 0.25 + 0.75 * Math.max(0, Math.sin((Math.PI * (shifted - 7)) / 19));
}

interface Conversation {
  persona: string;
  on: Interface;
  client: string;
  server: string;
  port: number;
  protocol: number;
  /** Bytes the client sends and the server answers, roughly. */
  request: number;
  response: number;
}

/**
 * Emits both directions of an accepted conversation as the interface `on` records them, within
 * one capture window.
 */
function conversation(day: Day, account: string, windowStart: number, c: Conversation): void {
  const { rng } = day;
  const start = Math.floor(windowStart / 1000) + rng.int(0, 300);
  const end = start + rng.int(1, 280);
  const clientPort = c.protocol === UDP && c.port === 123 ? 123 : ephemeral(rng);
  const packetsOut = rng.int(2, 30);
  const packetsBack = Math.max(1, packetsOut + rng.int(-1, 8));
  const out: Flow = {
    account,
    eni: c.on.eni,
    src: c.client,
    dst: c.server,
    srcPort: clientPort,
    dstPort: c.port,
    protocol: c.protocol,
    packets: packetsOut,
    bytes: Math.max(packetsOut * 52, Math.round(c.request * rng.between(0.5, 1.5))),
    start,
    end,
    action: 'ACCEPT',
  };
  const back: Flow = {
    ...out,
    src: c.server,
    dst: c.client,
    srcPort: c.port,
    dstPort: clientPort,
    packets: packetsBack,
    bytes: Math.max(packetsBack * 52, Math.round(c.response * rng.between(0.5, 1.5))),
  };
  day.emit('vpcflow', start * 1000, c.on.eni, flowLine(out), c.persona);
  day.emit('vpcflow', start * 1000, c.on.eni, flowLine(back), c.persona);
}

/** An internet scanner tries a handful of closed ports on the load balancer: each is refused. */
function scannerProbe(day: Day, account: string, windowStart: number, lb: Interface): void {
  const { rng } = day;
  const source = anyHost(rng, INTERNET.scanners);
  const ports = rng.sample(SCANNED_PORTS, rng.int(1, 3));
  let start = Math.floor(windowStart / 1000) + rng.int(0, 500);
  for (const port of ports) {
    const flow: Flow = {
      account,
      eni: lb.eni,
      src: source,
      dst: lb.ip,
      srcPort: ephemeral(rng),
      dstPort: port,
      protocol: TCP,
      packets: rng.int(1, 2),
      bytes: rng.int(1, 2) * 44,
      start,
      end: start + rng.int(0, 30),
      action: 'REJECT',
    };
    day.emit('vpcflow', start * 1000, lb.eni, flowLine(flow), 'network/internet-scanners');
    start += rng.int(1, 40);
  }
}

/**
 * The production web tier's flow logs: customers on 443, the load balancer to the apps on
 * 8080 and its health checks, apps to the database (5432) and cache (6379), DNS to the VPC
 * resolvers, NTP and partner APIs through the NAT gateway, and the odd refused probe.
 */
function networkDay(day: Day): void {
  const { rng, org } = day;
  const net = org.network;
  const account = net.account;
  const scale = day.scale;
  for (let w = day.midnight; w < day.midnight + 24 * HOUR; w += WINDOW) {
    const f = load((w - day.midnight) / HOUR);
    const lb = () => rng.pick(net.loadBalancers);
    const app = () => rng.pick(net.apps);
    for (let i = rng.poisson(2.6 * f * scale); i > 0; i--) {
      const on = lb();
      conversation(day, account, w, {
        persona: 'network/web-clients',
        on,
        client: anyHost(rng, INTERNET.webClients),
        server: on.ip,
        port: 443,
        protocol: TCP,
        request: 2_500,
        response: 60_000,
      });
    }
    for (let i = rng.poisson(1.0 * f * scale); i > 0; i--) {
      const on = app();
      conversation(day, account, w, {
        persona: 'network/east-west',
        on,
        client: lb().ip,
        server: on.ip,
        port: 8080,
        protocol: TCP,
        request: 3_000,
        response: 40_000,
      });
    }
    if (rng.chance(Math.min(1, 0.7 * scale))) {
      const on = app();
      conversation(day, account, w, {
        persona: 'network/health-checks',
        on,
        client: lb().ip,
        server: on.ip,
        port: 8080,
        protocol: TCP,
        request: 600,
        response: 900,
      });
    }
    for (let i = rng.poisson((0.4 * f + 0.15) * scale); i > 0; i--)
      conversation(day, account, w, {
        persona: 'network/east-west',
        on: net.database,
        client: app().ip,
        server: net.database.ip,
        port: 5432,
        protocol: TCP,
        request: 4_000,
        response: 30_000,
      });
    for (let i = rng.poisson((0.3 * f + 0.1) * scale); i > 0; i--)
      conversation(day, account, w, {
        persona: 'network/east-west',
        on: net.cache,
        client: app().ip,
        server: net.cache.ip,
        port: 6379,
        protocol: TCP,
        request: 900,
        response: 2_000,
      });
    for (let i = rng.poisson(0.35 * scale); i > 0; i--) {
      const on = app();
      conversation(day, account, w, {
        persona: 'network/dns',
        on,
        client: on.ip,
        server: rng.pick(net.resolvers),
        port: 53,
        protocol: UDP,
        request: 80,
        response: 160,
      });
    }
    if (rng.chance(Math.min(1, 0.12 * scale)))
      conversation(day, account, w, {
        persona: 'network/nat-egress',
        on: net.nat,
        client: app().ip,
        server: anyHost(rng, INTERNET.ntpServers),
        port: 123,
        protocol: UDP,
        request: 76,
        response: 76,
      });
    for (let i = rng.poisson((0.3 * f + 0.1) * scale); i > 0; i--)
      conversation(day, account, w, {
        persona: 'network/nat-egress',
        on: net.nat,
        client: app().ip,
        server: anyHost(rng, INTERNET.partners),
        port: 443,
        protocol: TCP,
        request: 3_000,
        response: 12_000,
      });
    if (rng.chance(Math.min(1, 0.1 * scale))) scannerProbe(day, account, w, lb());
  }
}

export function networkPersona(): Persona {
  return { id: 'network/web-tier', zone: 'UTC', day: networkDay };
}
