/**
 * The client page's links and guards over plain HTTP: a 404 that says nothing for a guessed, expired,
 * revoked or used token; CSRF; the link offered in a 微信客服 thread when the bot asks for the App
 * secret (or a long list), and the PM told instead when PUBLIC_URL is unset; a page save echoed in
 * that thread in the client's language, with provenance "client page".
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/index.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startFakeWeChat } from '../wechat/fake-wechat.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const APP_ID = 'wx3c5e7a9b1d2f4e6a';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers },
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

const PM: CommandContext = { platform: 'wecom', user: 'wecom:pm_lin', isPm: true, locale: 'en' };
const tokenOf = (text: string | undefined): string => /\/c\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1] ?? '';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The page's CSRF cookie and form token, as a browser would hold them. */
async function formSession(port: number, token: string): Promise<{ cookie: string; csrf: string }> {
  const page = await send(port, `/c/${token}`);
  const cookie = (page.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  return { cookie, csrf };
}

describe('client page links', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  /** A 微信客服 client, Acme (zh), whose contact wrote once. */
  async function kfClient(env: Record<string, string> = { PUBLIC_URL: 'https://bot.agency.example' }) {
    t = await startTestApp({ env });
    const app = t.app;
    const { client, release } = app.service.startRelease({
      clientName: 'Acme',
      pmUser: 'wecom:pm_lin',
      actor: 'wecom:pm_lin',
      locale: 'zh',
    });
    const thread = app.service.bindThread({
      clientId: client.id,
      platform: 'kf',
      channel: 'wmACME',
      kind: 'kf',
      actor: 'wecom:pm_lin',
    });
    const say = (text: string) =>
      app.bot.handle({
        platform: 'kf',
        channel: 'wmACME',
        sender: 'kf:wmACME',
        text,
        externalId: randomBytes(6).toString('hex'),
      });
    /** What the bot queued for the client's thread, oldest first. */
    const toClient = () =>
      app.store
        .releaseMessages(release.id, 100)
        .filter((m) => m.threadId === thread.id)
        .map((m) => m.message.text)
        .reverse();
    /** What the bot queued for the PM (direct messages, no thread). */
    const toPm = () =>
      app.db.$client
        .prepare<[], { message: string }>(
          "SELECT message FROM outbox WHERE thread_id IS NULL AND address LIKE '%pm_lin%' ORDER BY id",
        )
        .all()
        .map((r) => (JSON.parse(r.message) as { text: string }).text);
    return { app, client, release, thread, say, toClient, toPm };
  }

  it('an unknown, malformed, expired, revoked or used token: the same 404, revealing nothing', async () => {
    const { app, release } = await kfClient();
    const port = await app.listen();
    const full = tokenOf((await app.bot.command(PM, '/release link Acme')).message.text);
    const revoked = tokenOf((await app.bot.command(PM, '/release link Acme')).message.text);
    const secretOnly = tokenOf((await app.bot.command(PM, '/release link Acme secret')).message.text);
    expect((await send(port, `/c/${full}`)).status).toBe(200);

    const unlinked = await app.bot.command(
      PM,
      `/release unlink Acme ${app.links.live(release.id).find((l) => l.scope === 'full')?.id}`,
    );
    expect(unlinked.message.text).toMatch(/^Revoked Acme’s page link\(s\): #\d+/);
    // The newest full link was revoked (links are listed newest first): that is `revoked`.
    const { cookie, csrf } = await formSession(port, secretOnly);
    const used = await send(port, `/c/${secretOnly}`, {
      method: 'POST',
      headers: { ...FORM, cookie },
      body: new URLSearchParams({
        csrf,
        item: 'app_secret',
        action: 'secret',
        secret: 'a'.repeat(28) + '7b6c',
      }).toString(),
    });
    expect(used.status).toBe(200);
    expect(used.body).not.toContain('a'.repeat(28));

    const answers = [
      await send(port, `/c/${randomBytes(32).toString('base64url')}`), // guessed
      await send(port, '/c/short'), // malformed
      await send(port, `/c/${revoked}`),
      await send(port, `/c/${secretOnly}`), // used
    ];
    t?.clock.advance(8 * 86_400_000);
    answers.push(await send(port, `/c/${full}`)); // expired
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body).toBe(answers[0]?.body);
      expect(a.body).not.toContain('Acme');
      expect(a.headers['content-security-policy']).toContain("default-src 'none'");
      expect(a.headers['set-cookie']).toBeUndefined();
    }
    // A POST to a dead link is the same 404 and records nothing.
    const late = await send(port, `/c/${full}`, {
      method: 'POST',
      headers: { ...FORM, cookie },
      body: `item=app_id&action=save&value=${CLIENT_APP_ID}`,
    });
    expect(late.status).toBe(404);
    expect(app.store.item(release.id, 'app_id')?.value).toBeNull();
  });

  it('a POST without the CSRF token (or with another browser’s, or from another site) is refused and records nothing', async () => {
    const { app, release } = await kfClient();
    const port = await app.listen();
    const token = tokenOf((await app.bot.command(PM, '/release link Acme')).message.text);
    const page = await send(port, `/c/${token}`);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toMatch(/<script|<link|src="http/);
    const { cookie, csrf } = await formSession(port, token);
    const other = await formSession(port, token);
    const body = (extra: Record<string, string>) =>
      new URLSearchParams({ item: 'app_id', action: 'save', value: CLIENT_APP_ID, ...extra }).toString();

    expect(
      (await send(port, `/c/${token}`, { method: 'POST', headers: { ...FORM, cookie }, body: body({}) })).status,
    ).toBe(403);
    expect((await send(port, `/c/${token}`, { method: 'POST', headers: FORM, body: body({ csrf }) })).status).toBe(403);
    expect(
      (
        await send(port, `/c/${token}`, {
          method: 'POST',
          headers: { ...FORM, cookie: other.cookie },
          body: body({ csrf }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send(port, `/c/${token}`, {
          method: 'POST',
          headers: { ...FORM, cookie, 'sec-fetch-site': 'cross-site' },
          body: body({ csrf }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send(port, `/c/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', cookie },
          body: body({ csrf }),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await send(port, `/c/${token}`, {
          method: 'POST',
          headers: { ...FORM, cookie },
          body: body({ csrf, item: 'servers' }),
        })
      ).status,
    ).toBe(400); // the agency's item
    expect(app.store.item(release.id, 'app_id')?.value).toBeNull();

    const saved = await send(port, `/c/${token}`, {
      method: 'POST',
      headers: { ...FORM, cookie },
      body: body({ csrf }),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(`/c/${token}?item=app_id&outcome=saved#item-app_id`);
    expect(app.store.item(release.id, 'app_id')).toMatchObject({
      value: CLIENT_APP_ID,
      setBy: 'kf:wmACME',
      setHow: 'page',
    });
  });

  it('asking for the App secret on 微信客服 offers a single-use secret link; a long list a 7-day one; a page save is echoed in the thread in Chinese', async () => {
    const { app, release, say, toClient } = await kfClient();
    await say('你好');
    await say(`AppID ${CLIENT_APP_ID}，企业主体，已认证`);
    const asked = toClient().at(-1) ?? '';
    expect(asked).toContain('AppSecret');
    expect(asked).toContain('请不要在聊天中发送 AppSecret');
    expect(asked).toContain('https://bot.agency.example/c/');
    const secretToken = tokenOf(asked);
    const links = app.links.live(release.id);
    expect(links.find((l) => l.scope === 'secret')).toMatchObject({ contact: 'kf:wmACME' });
    expect(Date.parse(links.find((l) => l.scope === 'secret')?.expiresAt ?? '') - t!.clock.now().getTime()).toBe(
      24 * 3600_000,
    );
    expect(asked).not.toContain('较长的清单'); // no long list asked yet
    // Asked: its nudge is planned. A page save re-plans it like a chat answer (below).
    const nudges = () =>
      app.store.remindersOf(release.id, 'scheduled').filter((r) => r.itemKey === 'app_secret' && r.kind === 'nudge');
    expect(nudges()).toHaveLength(1);
    const port = await app.listen();
    const { cookie, csrf } = await formSession(port, secretToken);
    const secret = '00112233445566778899aabbccdd7b6c';
    const done = await send(port, `/c/${secretToken}`, {
      method: 'POST',
      headers: { ...FORM, cookie },
      body: new URLSearchParams({ csrf, item: 'app_secret', action: 'secret', secret }).toString(),
    });
    expect(done.status).toBe(200);
    expect(done.body).toContain('••••7b6c');
    expect(done.body).not.toContain(secret);
    expect(toClient().at(-1)).toContain('收到（通过网页）：AppSecret，••••7b6c');
    expect(app.store.item(release.id, 'app_secret')).toMatchObject({
      status: 'answered',
      setBy: 'kf:wmACME',
      setRole: 'client',
      setHow: 'page',
    });
    expect(nudges()).toEqual([]);
    // The stored inbound event holds the secret sealed only.
    expect(JSON.stringify(app.store.events(release.id, 50))).not.toContain(secret);

    // When the developers list comes up: a full link (7 days), once.
    await say('商户号：未开通。角色加好了');
    const next = toClient().at(-1) ?? '';
    expect(next).toContain('开发者');
    expect(next).toContain('较长的清单可以在您的专属网页填写');
    const full = app.links.live(release.id).find((l) => l.scope === 'full');
    expect(Date.parse(full?.expiresAt ?? '') - t!.clock.now().getTime()).toBe(7 * 24 * 3600_000);
    await say('开发者：dev_zhao, dev_sun');
    expect(toClient().filter((m) => m.includes('较长的清单'))).toHaveLength(1);
  });

  it('a secret from the single-use link that WeChat refuses: asked again with a new secret link, not the used one', async () => {
    const wechat = await startFakeWeChat();
    try {
      wechat.register(APP_ID, '8f7e6d5c4b3a29180f1e2d3c4b5a6978');
      const { app, release, say, toClient } = await kfClient({
        PUBLIC_URL: 'https://bot.agency.example',
        WECHAT_API_BASE: wechat.url,
      });
      await say(`AppID ${APP_ID}，企业主体，已认证`);
      const first = tokenOf(toClient().at(-1));
      expect(first).not.toBe('');
      const port = await app.listen();
      const { cookie, csrf } = await formSession(port, first);
      const typo = '8f7e6d5c4b3a29180f1e2d3c4b5a6979';
      const save = await send(port, `/c/${first}`, {
        method: 'POST',
        headers: { ...FORM, cookie },
        body: new URLSearchParams({ csrf, item: 'app_secret', action: 'secret', secret: typo }).toString(),
      });
      expect(save.status).toBe(200);
      await app.appSecrets?.idle();
      await app.outbox.flush();
      expect(app.store.item(release.id, 'app_secret')?.status).toBe('blocked');
      const again = toClient().at(-1) ?? '';
      expect(again).toContain('AppSecret');
      expect(again).not.toContain(typo);
      const second = tokenOf(again);
      expect(second).not.toBe('');
      expect(second).not.toBe(first);
      expect(app.links.live(release.id).filter((l) => l.scope === 'secret')).toMatchObject([{ contact: 'kf:wmACME' }]);
    } finally {
      await wechat.close();
    }
  });

  it('without PUBLIC_URL: /release link says so and sends nothing; asking for the secret tells the PM once instead of sending a link', async () => {
    const { app, release, say, toClient, toPm } = await kfClient({});
    const reply = await app.bot.command(PM, '/release link Acme');
    expect(reply.message.text).toContain('PUBLIC_URL is not set: no link was sent to Acme');
    expect(app.store.linksOf(release.id)).toEqual([]);
    await say(`AppID ${CLIENT_APP_ID}，企业主体，已认证`);
    expect(toClient().join('\n')).not.toContain('/c/');
    const notices = toPm().filter((m) => m.includes('PUBLIC_URL is not set, so I could not send Acme'));
    expect(notices).toHaveLength(1);
    await say('开发者：dev_zhao, dev_sun');
    expect(toPm().filter((m) => m.includes('PUBLIC_URL is not set'))).toHaveLength(1);
  });
});

describe('client page uploads over HTTP', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('an upload over FILE_MAX_MB is refused before it is read, as a page; a multipart post to a secret-only link is a 400', async () => {
    t = await startTestApp({
      env: { PUBLIC_URL: 'https://bot.agency.example', FILE_MAX_MB: '1', RELEASE_FILES_MAX_MB: '2' },
    });
    const app = t.app;
    const { client, release } = app.service.startRelease({
      clientName: 'Acme',
      pmUser: 'wecom:pm_lin',
      actor: 'wecom:pm_lin',
      locale: 'en',
    });
    app.service.bindThread({
      clientId: client.id,
      platform: 'kf',
      channel: 'wmACME',
      kind: 'kf',
      actor: 'wecom:pm_lin',
    });
    const port = await app.listen();
    const full = tokenOf((await app.bot.command(PM, '/release link Acme')).message.text);
    const secretOnly = tokenOf((await app.bot.command(PM, '/release link Acme secret')).message.text);
    const { cookie, csrf } = await formSession(port, full);
    const boundary = 'b0undary';
    const multipart = (fileBytes: number) =>
      [
        `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="item"\r\n\r\napp_icon\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nupload\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="icon.png"\r\nContent-Type: image/png\r\n\r\n${'x'.repeat(fileBytes)}\r\n`,
        `--${boundary}--\r\n`,
      ].join('');
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie };
    const big = await send(port, `/c/${full}`, { method: 'POST', headers, body: multipart(1024 * 1024 + 70 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toContain('text/html');
    expect(big.body).toContain('over the 1 MB limit for one file');
    // Not a PNG by its bytes: refused beside the field, nothing kept.
    const fake = await send(port, `/c/${full}`, { method: 'POST', headers, body: multipart(2000) });
    expect(fake.status).toBe(422);
    expect(fake.body).toContain('not a kind of file I can keep');
    expect(app.files.list(release.id)).toEqual([]);
    const other = await formSession(port, secretOnly);
    expect(
      (
        await send(port, `/c/${secretOnly}`, {
          method: 'POST',
          headers: { ...headers, cookie: other.cookie },
          body: multipart(10),
        })
      ).status,
    ).toBe(400);
  });
});
