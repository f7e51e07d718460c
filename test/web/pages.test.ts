import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PageAccess, SESSION_COOKIE } from '../../web/auth.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ACME_SECRET, seedAcme } from '../status/seed.js';
import { CLIENT_APP_ID } from '../support/ids.js';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A request on loopback; `from` picks the client's source address (127.0.0.2 is "not this machine" to the page). */
function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers, localAddress: opts.from },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the status page’s protection and inputs', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('without DASHBOARD_TOKEN the pages answer this machine only: 403 for another address', async () => {
    t = await startTestApp();
    seedAcme(t);
    const port = await t.app.listen();
    const local = await send(port, '/');
    expect(local.status).toBe(200);
    expect(local.headers['content-security-policy']).toContain("script-src 'none'");
    expect(local.body).toContain('Acme Coffee');
    const remote = await send(port, '/', { from: '127.0.0.2' });
    expect(remote.status).toBe(403);
    expect(remote.body).toContain('DASHBOARD_TOKEN');
    expect(remote.body).not.toContain('Acme Coffee');
    expect((await send(port, '/chat/messages?since=0', { from: '127.0.0.2' })).status).toBe(403);
    // A reverse proxy on this machine relays other people's requests: its forwarding header gives it away.
    expect((await send(port, '/', { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(403);
  });

  it('with DASHBOARD_TOKEN: sign-in first, a wrong token is a 401, the right one sets an HttpOnly SameSite cookie', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: 'correct horse battery' } });
    seedAcme(t);
    const port = await t.app.listen();
    const first = await send(port, '/releases/1');
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/login?next=%2Freleases%2F1');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const wrong = await send(port, '/login', { method: 'POST', headers: form, body: 'token=nope&next=%2F' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const right = await send(port, '/login', {
      method: 'POST',
      headers: form,
      body: 'token=correct+horse+battery&next=%2Freleases%2F1',
    });
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/releases/1');
    const cookie = right.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain('correct');
    const page = await send(port, '/releases/1', { headers: { cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(page.body).toContain(CLIENT_APP_ID);
    expect(page.body).not.toContain(ACME_SECRET);
    const forged = await send(port, '/', { headers: { cookie: `${SESSION_COOKIE}=forged` } });
    expect(forged.status).toBe(303);
    const malformed = await send(port, '/', { headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` } });
    expect(malformed.status).toBe(303);
    const offsite = await send(port, '/login', {
      method: 'POST',
      headers: form,
      body: 'token=correct+horse+battery&next=%2F%2Fevil.example',
    });
    expect(offsite.headers.location).toBe('/');
  });

  it('a missing release is a 404 page; malformed chat input is a 400 with what to send', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    expect((await send(port, '/releases/999')).status).toBe(404);
    expect((await send(port, '/releases/abc')).status).toBe(404);
    const json = { 'content-type': 'application/json' };
    const bad = await send(port, '/chat/messages', {
      method: 'POST',
      headers: json,
      body: '{"as":"boss","text":"hi"}',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toContain('"as":"client"');
    expect((await send(port, '/chat/messages', { method: 'POST', headers: json, body: '{not json' })).status).toBe(400);
    expect(
      (
        await send(port, '/chat/messages', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: '{"as":"client","text":"hi"}',
        })
      ).status,
    ).toBe(400);
    expect(
      (await send(port, '/chat/messages', { method: 'POST', headers: json, body: '{"as":"client","text":"   "}' }))
        .status,
    ).toBe(400);
    expect((await send(port, '/chat/messages?since=-1')).status).toBe(400);
    const empty = await send(port, '/chat/messages?since=0');
    expect(JSON.parse(empty.body)).toMatchObject({ messages: [], hasRelease: false });
  });

  it('the session check compares in constant time and knows loopback addresses and names', () => {
    const fake = (remoteAddress: string, cookie?: string, host = 'localhost:3000') =>
      ({
        method: 'GET',
        socket: { remoteAddress },
        headers: { host, ...(cookie ? { cookie } : {}) },
      }) as unknown as IncomingMessage;
    const open = new PageAccess(undefined);
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].map((a) => open.check(fake(a)))).toEqual(['ok', 'ok', 'ok']);
    expect(
      ['127.0.0.1:3000', '[::1]:3000', 'LOCALHOST', 'localhost:80'].map((h) =>
        open.check(fake('127.0.0.1', undefined, h)),
      ),
    ).toEqual(['ok', 'ok', 'ok', 'ok']);
    // A rebound DNS name, a look-alike, a user-info trick, no Host at all: not a loopback name.
    for (const host of [
      'evil.example:3000',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      'localhost@evil.example',
      '',
    ]) {
      expect(open.check(fake('127.0.0.1', undefined, host))).toBe('wrong-host');
    }
    expect(open.check(fake('192.0.2.10'))).toBe('forbidden');
    const locked = new PageAccess('s3cret');
    const cookie = locked.login('s3cret', true) ?? '';
    expect(cookie).toContain('Secure');
    expect(locked.login('s3cre', false)).toBeUndefined();
    expect(locked.check(fake('192.0.2.10', cookie.split(';')[0]))).toBe('ok');
    expect(locked.check(fake('127.0.0.1'))).toBe('login');
  });
});
