/**
 * The one guard around every handler: a handler that throws (at once or later), a body cut short,
 * a target that is no URL here — each gets an answer and at most one log line, and the server keeps
 * answering. Driven over a real socket against the service's own HTTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer, readBody, requestUrl, sendJson } from '../../web/server.js';
import { createLogger } from '../../src/logger.js';
import { rawRequest } from '../support/raw-http.js';

describe('the HTTP guard', () => {
  const lines: string[] = [];
  let http: HttpServer;
  let port: number;
  const get = (path: string) =>
    rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  const failures = () => lines.filter((l) => l.includes('request failed')).length;

  beforeAll(async () => {
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    http = createHttpServer({ logger });
    http.route('GET', '/sync-throw', () => {
      throw new Error('boom at once');
    });
    http.route('GET', '/async-throw', async () => {
      await new Promise((r) => setTimeout(r, 5));
      throw new Error('boom later');
    });
    http.route('GET', '/bad-header', (_req, res) => {
      res.writeHead(200, { location: '/\u4e2d' }); // what used to end the process
      res.end();
    });
    http.route('GET', '/after-headers', async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
      throw new Error('boom mid-answer');
    });
    http.route('POST', '/body', async (req, res) => sendJson(res, 200, { bytes: (await readBody(req)).length }));
    http.route('GET', '/ok', (_req, res) => sendJson(res, 200, { ok: true }));
    port = await http.listen(0, '127.0.0.1');
  });
  afterAll(() => http.close());

  it('a handler that throws, synchronously or after an await, gets a 500 and exactly one log line each', async () => {
    expect((await get('/sync-throw')).status).toBe(500);
    expect(failures()).toBe(1);
    expect((await get('/async-throw')).status).toBe(500);
    expect(failures()).toBe(2);
    expect((await get('/bad-header')).status).toBe(500);
    expect(failures()).toBe(3);
    // Headers already out: the answer is cut off (the client sees a 200 it cannot trust), still one line.
    expect((await get('/after-headers')).status).toBe(200);
    expect(failures()).toBe(4);
    expect((await get('/ok')).status).toBe(200);
  });

  it('a target that is not a URL on this server is a 400 without a handler run or an error log', async () => {
    const before = failures();
    for (const target of ['//[', '//evil.example/ok', '*', 'http://[', '/\u00e4']) {
      expect(
        (
          await rawRequest(
            port,
            Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 'latin1'),
          )
        ).status,
        target,
      ).toBe(400);
    }
    expect(failures()).toBe(before);
    expect(requestUrl('http://evil.example/ok?x=1')?.href).toBe('http://localhost/ok?x=1');
    expect(requestUrl('/a//b')?.pathname).toBe('/a//b');
  });

  it('a body shorter than its Content-Length is a client error, not a 500', async () => {
    const before = failures();
    const res = await rawRequest(port, 'POST /body HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nshort', {
      endWrite: true,
    });
    expect([0, 400]).toContain(res.status);
    expect(failures()).toBe(before);
    expect((await get('/ok')).status).toBe(200);
  });
});
