import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';

/**
 * The slice of the S3 REST API the refresh uses (path-style PutObject and GetObject), on
 * 127.0.0.1, so the real S3 client signs and sends real requests. There is no S3 emulator on npm.
 */
export async function startLoopbackS3() {
  const objects = new Map<string, { body: Buffer; contentType?: string }>();
  const puts: string[] = [];
  let failPuts = false;
  const server = createServer((req, res) => {
    const key = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT') {
        if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
          res.writeHead(403).end('<Error><Code>AccessDenied</Code></Error>');
          return;
        }
        if (failPuts) {
          res
            .writeHead(503, { 'content-type': 'application/xml' })
            .end('<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>');
          return;
        }
        puts.push(key);
        objects.set(key, { body: Buffer.concat(chunks), contentType: req.headers['content-type'] });
        res.writeHead(200, { etag: '"loopback"' }).end();
        return;
      }
      const hit = objects.get(key);
      if (!hit) {
        res
          .writeHead(404, { 'content-type': 'application/xml' })
          .end('<Error><Code>NoSuchKey</Code></Error>');
        return;
      }
      res.writeHead(200, { 'content-type': hit.contentType ?? 'application/octet-stream' }).end(hit.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'loopback', secretAccessKey: 'loopback' },
    maxAttempts: 1,
  });
  return {
    client,
    objects,
    puts,
    failPuts(on: boolean) {
      failPuts = on;
    },
    stop() {
      client.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
