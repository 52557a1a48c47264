import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An error the service answers with: AWS JSON protocols put the code in `__type`. */
export class ServiceFault extends Error {
  override name = 'ServiceFault';
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export type Operation = (input: Record<string, unknown>) => unknown;

export interface JsonServiceOptions {
  /** `X-Amz-Target` prefix, e.g. `AmazonSQS` or `AWSEvents`. */
  targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`. */
  contentType: string;
  /** Prefix of `__type` in error bodies (`com.amazonaws.sqs#`), empty for services that send bare codes. */
  errorPrefix: string;
  operations: Record<string, Operation>;
}

export interface JsonService {
  endpoint: string;
  stop(): Promise<void>;
}

/** Largest request body accepted; the services' own limits are checked by the operations. */
const MAX_BODY = 1024 * 1024;

/**
 * A loopback server speaking an AWS JSON protocol (1.0 or 1.1): POST `/`, the operation in
 * `X-Amz-Target`, a JSON body in and out, errors as `{"__type", "message"}` with a 4xx status.
 */
export async function startJsonService(options: JsonServiceOptions): Promise<JsonService> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      reply(res, options, 500, { __type: `${options.errorPrefix}InternalError`, message: String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(options: JsonServiceOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fault = (code: string, message: string) =>
    reply(res, options, 400, { __type: `${options.errorPrefix}${code}`, message });
  if (req.method !== 'POST')
    return fault('UnknownOperationException', `method ${req.method} is not supported`);
  const target = String(req.headers['x-amz-target'] ?? '');
  const [prefix, name] = target.split('.');
  const operation = prefix === options.targetPrefix && name ? options.operations[name] : undefined;
  if (!operation)
    return fault('UnknownOperationException', `unknown operation ${target || '(no X-Amz-Target)'}`);
  if (!String(req.headers['content-type'] ?? '').startsWith(options.contentType)) {
    return fault('ValidationException', `Content-Type must be ${options.contentType}`);
  }
  if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
    return reply(res, options, 403, {
      __type: `${options.errorPrefix}MissingAuthenticationToken`,
      message: 'Request is missing a SigV4 Authorization header',
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY) return fault('RequestEntityTooLarge', `request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  let input: unknown;
  try {
    input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return fault('SerializationException', 'request body is not JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return fault('SerializationException', 'request body is not a JSON object');
  }
  try {
    reply(res, options, 200, operation(input as Record<string, unknown>) ?? {});
  } catch (error) {
    if (!(error instanceof ServiceFault)) throw error;
    reply(res, options, error.status, {
      __type: `${options.errorPrefix}${error.code}`,
      message: error.message,
    });
  }
}

function reply(res: ServerResponse, options: JsonServiceOptions, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': options.contentType,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': crypto.randomUUID(),
  });
  res.end(text);
}

/** Reads a required string member, failing like the services do when it is absent. */
export function requireString(
  input: Record<string, unknown>,
  name: string,
  code = 'ValidationException',
): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') {
    throw new ServiceFault(
      code,
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}
