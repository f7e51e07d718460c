/**
 * The service's one HTTP server: a tiny router over node:http. Adapters mount their routes
 * (`/slack/events`, `/wecom/callback`, `/`), and get the raw request so they can verify
 * signatures over the exact bytes.
 *
 *   const http = createHttpServer({ logger });
 *   http.route('GET', '/healthz', (req, res) => sendJson(res, 200, { ok: true }));
 *   await http.listen(3000, '0.0.0.0');
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../src/logger.js';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/** The client broke off its request (the body ended early, the connection reset): its fault, a 400. */
export class RequestAbortedError extends Error {
  readonly code = 'REQUEST_ABORTED';
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLargeError(`Body of ${declared} bytes is over the ${limit}-byte limit`);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > limit) throw new BodyTooLargeError(`Body is over the ${limit}-byte limit`);
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw err;
    throw new RequestAbortedError('The request body ended before its declared length', { cause: err });
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(body);
}

export interface HttpServer {
  route(method: string, path: string, handler: Handler): void;
  /** Routes whose path starts with `prefix` (e.g. `/releases/`). */
  routePrefix(method: string, prefix: string, handler: Handler): void;
  listen(port: number, host: string): Promise<number>;
  /** Stops taking connections and waits for requests in flight. */
  close(): Promise<void>;
  readonly server: Server;
}

/**
 * The request target as a URL on this server, or undefined (a 400) when it is not one: only
 * printable ASCII (browsers percent-encode the rest); origin-form (`/path?q`) read against a fixed
 * base, so it can never name a host — `//[`, a network-path reference, is refused; absolute-form
 * (`http://host/path`, legal in HTTP/1.1) keeps only its path and query. `new URL` never throws out.
 */
export function requestUrl(target: string | undefined): URL | undefined {
  const raw = target ?? '/';
  if (raw.length === 0 || !/^[\x21-\x7e]+$/.test(raw) || raw.startsWith('//')) return undefined;
  try {
    if (raw.startsWith('/')) return new URL(`http://localhost${raw}`);
    if (!/^https?:\/\//i.test(raw)) return undefined;
    const absolute = new URL(raw);
    return new URL(`http://localhost${absolute.pathname}${absolute.search}`);
  } catch {
    return undefined;
  }
}

/** The last answer a failed request gets: never a throw out of the server (one would end the process). */
function answerFailure(res: ServerResponse, status: number, error: string): void {
  try {
    if (!res.headersSent) sendJson(res, status, { error });
    else res.end();
  } catch {
    res.destroy();
  }
}

export function createHttpServer(deps: { logger: Logger }): HttpServer {
  const exact = new Map<string, Handler>();
  const prefixes: { method: string; prefix: string; handler: Handler }[] = [];

  const find = (method: string, path: string): Handler | undefined =>
    exact.get(`${method} ${path}`) ?? prefixes.find((p) => p.method === method && path.startsWith(p.prefix))?.handler;

  /** Every handler, sync or async, runs inside this one guard: a throw is a 400/413/500 answer, a 500 one log line. */
  const failed = (res: ServerResponse, path: string, err: unknown): void => {
    if (err instanceof BodyTooLargeError) return answerFailure(res, 413, 'body too large');
    if (err instanceof RequestAbortedError) return answerFailure(res, 400, 'request body incomplete');
    try {
      deps.logger.error({ err, path }, 'request failed');
    } catch {
      // This runs in a .catch: a throw from here would be an unhandled rejection, which ends the process.
    }
    answerFailure(res, 500, 'internal error');
  };

  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    const url = requestUrl(req.url);
    if (!url) {
      deps.logger.debug({ method: req.method }, 'refused a request whose target is not a URL on this server');
      return answerFailure(res, 400, 'bad request target');
    }
    const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
    const handler = find(method, url.pathname);
    if (!handler) {
      const known = [...exact.keys()].some((k) => k.endsWith(` ${url.pathname}`));
      return sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
    }
    try {
      Promise.resolve(handler(req, res, url)).catch((err: unknown) => failed(res, url.pathname, err));
    } catch (err) {
      failed(res, url.pathname, err);
    }
  };

  const server = createServer((req, res) => {
    try {
      dispatch(req, res);
    } catch (err) {
      failed(res, '(unrouted)', err);
    }
  });
  server.keepAliveTimeout = 5000;

  return {
    server,
    route: (method, path, handler) => {
      exact.set(`${method} ${path}`, handler);
    },
    routePrefix: (method, prefix, handler) => {
      prefixes.push({ method, prefix, handler });
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
