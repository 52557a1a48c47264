import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  url(path: string): string;
  stop(): Promise<void>;
}

/** Serves fixed feed bodies on 127.0.0.1 (`path → [status, body]`), for refresh tests. */
export async function startFeedServer(
  routes: Readonly<Record<string, readonly [number, string]>>,
): Promise<FeedServer> {
  const server = createServer((req, res) => {
    const hit = routes[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(hit?.[0] ?? 404, { 'content-type': 'text/plain' });
    res.end(hit?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (p) => `${base}${p}`,
    stop() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
