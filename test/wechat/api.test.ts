import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callerIp, WeChatHttpApi } from '../../bots/wechat/api.js';
import { type FakeWeChat, startFakeWeChat } from './fake-wechat.js';

const APP_ID = 'wx1234567890abcdef';
const SECRET = 'right-secret-0123456789abcdef';

let fake: FakeWeChat;
let api: WeChatHttpApi;

beforeAll(async () => {
  fake = await startFakeWeChat();
  fake.register(APP_ID, SECRET);
  api = new WeChatHttpApi({ apiBase: fake.url });
});
afterAll(() => fake.close());
afterEach(() => {
  fake.calls.length = 0;
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('WeChatHttpApi.checkAppSecret', () => {
  it('accepts the right pair, asking stable_token without forcing a refresh', async () => {
    const result = await api.checkAppSecret(APP_ID, SECRET);
    expect(result).toEqual({ ok: true });
    expect(fake.calls).toEqual([
      { appid: APP_ID, secret: SECRET, force_refresh: false, grant_type: 'client_credential' },
    ]);
  });

  it('never returns the access token WeChat answered with', async () => {
    // The fake does hand out a token, so the check below could fail.
    const raw = await fetch(`${fake.url}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET, force_refresh: false }),
    });
    expect(JSON.stringify(await raw.json())).toContain('ACCESS_TOKEN');
    const result = await api.checkAppSecret(APP_ID, SECRET);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('ACCESS_TOKEN');
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a wrong secret is wrong_secret with errcode 40125', async () => {
    const result = await api.checkAppSecret(APP_ID, 'not-the-secret');
    expect(result).toEqual({ ok: false, problem: 'wrong_secret', errcode: 40125 });
  });

  it('40001 is wrong_secret too', async () => {
    fake.failNext({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest rid: x' });
    expect(await api.checkAppSecret(APP_ID, SECRET)).toEqual({ ok: false, problem: 'wrong_secret', errcode: 40001 });
  });

  it('an unknown App ID is wrong_app_id with errcode 40013', async () => {
    const result = await api.checkAppSecret('wx0000000000000000', SECRET);
    expect(result).toEqual({ ok: false, problem: 'wrong_app_id', errcode: 40013 });
  });

  it('40164 is ip_not_allowed with the caller IPv4 from errmsg', async () => {
    fake.failNext({
      errcode: 40164,
      errmsg: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: x',
    });
    const result = await api.checkAppSecret(APP_ID, SECRET);
    expect(result).toEqual({ ok: false, problem: 'ip_not_allowed', errcode: 40164, ip: '203.0.113.7' });
  });

  it('40243 (AppSecret frozen) is frozen', async () => {
    fake.failNext({ errcode: 40243, errmsg: 'AppSecret已被冻结，请登录小程序平台解冻后再次调用。rid: x' });
    expect(await api.checkAppSecret(APP_ID, SECRET)).toEqual({ ok: false, problem: 'frozen', errcode: 40243 });
  });

  it.each([-1, 45009, 45011, 48001])('errcode %i is unavailable, errcode kept', async (errcode) => {
    fake.failNext({ errcode, errmsg: 'busy rid: x' });
    expect(await api.checkAppSecret(APP_ID, SECRET)).toEqual({ ok: false, problem: 'unavailable', errcode });
  });

  it('HTTP 502 is unavailable', async () => {
    fake.failNext({ httpStatus: 502 });
    expect(await api.checkAppSecret(APP_ID, SECRET)).toEqual({ ok: false, problem: 'unavailable' });
    expect(fake.calls).toHaveLength(1);
  });

  it('a closed port is unavailable', async () => {
    const server = createServer();
    const url = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const closed = new WeChatHttpApi({ apiBase: url });
    expect(await closed.checkAppSecret(APP_ID, SECRET)).toEqual({ ok: false, problem: 'unavailable' });
  });

  it('an answer that is not JSON, or a server that never answers, is unavailable', async () => {
    let answered = 0;
    const server = createServer((req, res) => {
      answered += 1;
      if (req.url?.startsWith('/html')) res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      // anything else: never answered
    });
    const url = await listen(server);
    try {
      expect(await new WeChatHttpApi({ apiBase: `${url}/html` }).checkAppSecret(APP_ID, SECRET)).toEqual({
        ok: false,
        problem: 'unavailable',
      });
      const started = Date.now();
      const slow = new WeChatHttpApi({ apiBase: `${url}/hang`, timeoutMs: 200 });
      expect(await slow.checkAppSecret(APP_ID, SECRET)).toEqual({ ok: false, problem: 'unavailable' });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(answered).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('callerIp', () => {
  it('takes the first IPv4, else the first token after "invalid ip"', () => {
    expect(callerIp('invalid ip 198.51.100.4 ipv6 ::ffff:198.51.100.4, not in whitelist rid: 1')).toBe('198.51.100.4');
    expect(callerIp('invalid ip ::ffff:198.51.100.4, not in whitelist rid: 1')).toBe('198.51.100.4');
    expect(callerIp('invalid ip 2001:db8::1, not in whitelist rid: 1')).toBe('2001:db8::1');
    expect(callerIp('not in whitelist')).toBeUndefined();
  });
});
