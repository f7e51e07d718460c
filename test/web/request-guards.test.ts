/**
 * What a hostile web page or a stranger on the network can make of the pages: an open redirect
 * through `next`, a rebound DNS name driving the local chat, a cross-site POST, a proxy hiding the
 * real client, a guessed dashboard token, a scrape of /metrics. Each is refused, and nothing changes.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { safeNext } from '../../web/respond.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { seedAcme } from '../status/seed.js';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A request over loopback (`from` picks the source address; 127.0.0.2 is "not this machine"); `host` overrides Host. */
function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; from?: string; host?: string } = {},
): Promise<Answer> {
  const headers = { host: opts.host ?? `127.0.0.1:${port}`, ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers, localAddress: opts.from, setHost: false },
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

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const TOKEN = 'correct horse battery';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('next= after sign-in stays on this site', () => {
  it('refuses control characters, //, backslashes and other origins; keeps real paths', () => {
    for (const raw of [
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '//evil.example',
      '/\\evil.example',
      '/a\\b',
      '/ok//x',
      'https://evil.example/',
      'evil.example',
      '/\u0000x',
      '/x\u007f',
      ' /x',
      '',
    ]) {
      expect(safeNext(raw)).toBe('/');
    }
    expect(safeNext('/releases/1?lang=zh')).toBe('/releases/1?lang=zh');
    expect(safeNext('/中')).toBe('/%E4%B8%AD');
    expect(safeNext('/a/../releases/2')).toBe('/releases/2');
  });

  it('without DASHBOARD_TOKEN: /login?next=/%09/evil.example goes home, and a non-ASCII next is a 303, not a crash', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    const tab = await send(port, '/login?next=/%09/evil.example');
    expect(tab.status).toBe(303);
    expect(tab.headers.location).toBe('/');
    const chinese = await send(port, '/login?next=/%E4%B8%AD');
    expect(chinese.status).toBe(303);
    expect(chinese.headers.location).toBe('/%E4%B8%AD');
    expect((await send(port, '/healthz')).status).toBe(200);
  });

  it('with DASHBOARD_TOKEN: POST /login with a non-ASCII or off-site next signs in and stays on this site', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: TOKEN } });
    const port = await t.app.listen();
    const signIn = (next: string) =>
      send(port, '/login', {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ token: TOKEN, next }).toString(),
      });
    const chinese = await signIn('/中');
    expect(chinese.status).toBe(303);
    expect(chinese.headers.location).toBe('/%E4%B8%AD');
    for (const next of ['/\t/evil.example', '/\\evil.example', '//evil.example'])
      expect((await signIn(next)).headers.location).toBe('/');
  });
});

describe('loopback-only pages need a loopback Host, no proxy, and a same-origin POST', () => {
  it('a rebound DNS name (Host: evil.example) gets 421 for the pages and the local chat, and the bot hears nothing', async () => {
    t = await startTestApp();
    seedAcme(t);
    const port = await t.app.listen();
    const rebound = `evil.example:${port}`;
    const page = await send(port, '/', { host: rebound });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain('Acme Coffee');
    expect((await send(port, '/releases/1', { host: rebound })).status).toBe(421);
    expect((await send(port, '/chat/messages?since=0', { host: rebound })).status).toBe(421);
    const post = await send(port, '/chat/messages', {
      method: 'POST',
      host: rebound,
      headers: JSON_TYPE,
      body: '{"as":"pm","text":"/release start Evil Corp"}',
    });
    expect(post.status).toBe(421);
    expect(t.app.localChat?.since(0).filter((m) => m.from !== undefined)).toEqual([]);
    expect(t.app.store.findClientByName('Evil Corp')).toBeUndefined();
    // The loopback names themselves still work, with or without a port.
    for (const host of ['localhost', `localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`])
      expect((await send(port, '/', { host })).status).toBe(200);
  });

  it('a cross-site POST to the local chat is refused (403) and runs nothing; the page’s own POST goes through', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    const body = '{"as":"pm","text":"/release start Evil Corp"}';
    const crossSite: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: `http://localhost:${port + 1}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const res = await send(port, '/chat/messages', { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body });
      expect(res.status).toBe(403);
    }
    expect(t.app.localChat?.since(0)).toEqual([]);
    expect(t.app.store.findClientByName('Evil Corp')).toBeUndefined();
    const own = await send(port, '/chat/messages', {
      method: 'POST',
      headers: { ...JSON_TYPE, origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' },
      body,
    });
    expect(own.status).toBe(202);
    expect(t.app.store.findClientByName('Evil Corp')).toBeDefined();
  });

  it('any proxy client-IP header makes a loopback request remote (403)', async () => {
    t = await startTestApp();
    seedAcme(t);
    const port = await t.app.listen();
    for (const name of [
      'x-forwarded-for',
      'x-real-ip',
      'cf-connecting-ip',
      'true-client-ip',
      'x-client-ip',
      'forwarded',
    ]) {
      const res = await send(port, '/', {
        headers: { [name]: name === 'forwarded' ? 'for=203.0.113.7' : '203.0.113.7' },
      });
      expect(res.status, name).toBe(403);
      expect(res.body).not.toContain('Acme Coffee');
      expect((await send(port, '/chat/messages?since=0', { headers: { [name]: '203.0.113.7' } })).status, name).toBe(
        403,
      );
    }
  });

  it('with DASHBOARD_TOKEN a cross-site POST /login is refused and sets no cookie', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: TOKEN } });
    const port = await t.app.listen();
    const res = await send(port, '/login', {
      method: 'POST',
      headers: { ...FORM, origin: 'https://evil.example' },
      body: `token=${encodeURIComponent(TOKEN)}`,
    });
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
    // Our own sign-in form: the page's Referrer-Policy: no-referrer makes the browser send Origin: null, beside Sec-Fetch-Site.
    const own = await send(port, '/login', {
      method: 'POST',
      headers: { ...FORM, origin: 'null', 'sec-fetch-site': 'same-origin' },
      body: `token=${encodeURIComponent(TOKEN)}`,
    });
    expect(own.status).toBe(303);
    expect(own.headers['set-cookie']).toBeDefined();
  });
});

describe('sign-in attempts are limited per client address', () => {
  it('the 11th wrong token within 15 minutes is a 429 with Retry-After, for the right token too; another address is not held up; after the window it works', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: TOKEN } });
    const port = await t.app.listen();
    const attempt = (token: string, from?: string) =>
      send(port, '/login', {
        method: 'POST',
        headers: FORM,
        body: new URLSearchParams({ token, next: '/' }).toString(),
        from,
      });
    for (let i = 0; i < 10; i += 1) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const held = await attempt('guess-10');
    expect(held.status).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(800);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(900);
    expect(held.body).toContain('Too many sign-in attempts');
    const right = await attempt(TOKEN);
    expect(right.status).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
    expect((await attempt(TOKEN, '127.0.0.2')).status).toBe(303);
    t.clock.advance(15 * 60_000 + 1_000);
    const later = await attempt(TOKEN);
    expect(later.status).toBe(303);
    expect(later.headers['set-cookie']?.[0]).toContain('release_bot_session=');
  });
});

describe('sign-in attempts sent all at once', () => {
  it('30 wrong tokens in flight together: 10 are weighed (401), the other 20 are held (429)', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: TOKEN } });
    const port = await t.app.listen();
    // Every request's headers first, so each handler has started before any body arrives.
    const pending = Array.from({ length: 30 }, (_, i) => {
      const body = new URLSearchParams({ token: `guess-${i}`, next: '/' }).toString();
      let sendBody = (): void => {};
      const answer = new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/login',
            method: 'POST',
            headers: { ...FORM, 'content-length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.flushHeaders();
        sendBody = () => req.end(body);
      });
      return { answer, sendBody: () => sendBody() };
    });
    await new Promise((r) => setTimeout(r, 300));
    for (const p of pending) p.sendBody();
    const statuses = await Promise.all(pending.map((p) => p.answer));
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  });
});

describe('/metrics answers this machine, or the token', () => {
  it('without DASHBOARD_TOKEN: loopback only (another address, a proxy header or a rebound Host is refused)', async () => {
    t = await startTestApp();
    const port = await t.app.listen();
    const local = await send(port, '/metrics');
    expect(local.status).toBe(200);
    expect(local.body).toContain('release_bot_open_releases');
    for (const opts of [
      { from: '127.0.0.2' },
      { headers: { 'x-forwarded-for': '203.0.113.7' } },
      { host: 'evil.example' },
    ]) {
      const res = await send(port, '/metrics', opts);
      expect(res.status).toBe(403);
      expect(res.body).not.toContain('release_bot_');
    }
  });

  it('with DASHBOARD_TOKEN: from elsewhere only with Authorization: Bearer <token> or a session cookie', async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: TOKEN } });
    const port = await t.app.listen();
    const bare = await send(port, '/metrics', { from: '127.0.0.2' });
    expect(bare.status).toBe(401);
    expect(bare.headers['www-authenticate']).toContain('Bearer');
    expect(
      (await send(port, '/metrics', { from: '127.0.0.2', headers: { authorization: 'Bearer wrong' } })).status,
    ).toBe(401);
    const bearer = await send(port, '/metrics', { from: '127.0.0.2', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.body).toContain('release_bot_open_releases');
    const login = await send(port, '/login', {
      method: 'POST',
      headers: FORM,
      body: `token=${encodeURIComponent(TOKEN)}`,
    });
    const cookie = (login.headers['set-cookie']?.[0] ?? '').split(';')[0] as string;
    expect((await send(port, '/metrics', { from: '127.0.0.2', headers: { cookie } })).status).toBe(200);
  });
});
