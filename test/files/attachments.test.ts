/**
 * Files clients send, end to end: a Slack file (files.info + the private URL with the bot token)
 * and a WeCom image (media/get with the app token) fetched from local fakes, stored beside the
 * database, linked to their item, shown as thumbnails on the release page in real Chromium and
 * listed in the exports; a file over the cap and a file of the wrong type refused with a clear
 * reply; the same file twice stored once; a file nobody can place goes to the PM, who links it.
 */
import { readdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main.js';
import { launchChromium } from '../web/browser.js';
import { pngImage, ZIP_HEAD } from '../support/files.js';
import { CHANNEL, CLIENT_USER, type SlackApp, startSlackApp } from '../slack/support/slack-app.js';
import { type FakeWeCom, startFakeWeCom } from '../wecom/fake-wecom.js';
import { SAMPLE, waitFor, weComSender, wecomEnv } from '../wecom/wecom-client.js';
import { startTestApp, type TestApp } from '../support/app.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

function releaseOf(app: App, client: string): number {
  const release = app.store.openReleaseOf(app.service.clientByName(client).id);
  if (!release) throw new Error(`no open release of ${client}`);
  return release.id;
}

/** Opens the release page in Chromium: the thumbnails in the item's row, as the browser decoded them. */
async function thumbnailsOf(
  port: number,
  releaseId: number,
  itemKey: string,
): Promise<{ alt: string | null; width: number; src: string | null }[]> {
  const page = await browser.newPage({ locale: 'en-US' });
  try {
    await page.goto(`http://127.0.0.1:${port}/releases/${releaseId}?lang=en`);
    const row = page.locator(`table.items tr[data-item="${itemKey}"]`);
    await row.locator('img.thumb').first().waitFor();
    // Waits for every image in the row to load (or fail), then reads what the browser made of it.
    return await row.locator('img.thumb').evaluateAll((imgs) =>
      Promise.all(
        (imgs as HTMLImageElement[]).map(async (img) => {
          await img.decode().catch(() => undefined);
          return { alt: img.getAttribute('alt'), width: img.naturalWidth, src: img.getAttribute('src') };
        }),
      ),
    );
  } finally {
    await page.close();
  }
}

describe('a Slack file', () => {
  let s: SlackApp;
  let port: number;
  beforeAll(async () => {
    s = await startSlackApp({ env: { FILE_MAX_MB: '0.01' } }); // 10 KB: a small cap the test can go over
    port = Number(new URL(s.url).port);
    await s.command('start Acme Coffee en');
    await s.settle();
  });
  afterAll(() => s?.close());

  const share = (eventId: string, text: string, files: { id: string; name: string; mimetype: string }[]) =>
    s.event(
      {
        type: 'message',
        subtype: 'file_share',
        channel: CHANNEL,
        user: CLIENT_USER,
        text,
        ts: `${s.nowSec()}.${eventId.slice(-3).padStart(6, '0')}`,
        files,
      },
      eventId,
    );

  /** The bot's last message in the client's channel (the PM's notices go to their DM, and the outbox sends
   *  conversations in parallel, so the last post overall may be the PM's). */
  const lastToClient = (): string =>
    s
      .posted()
      .filter((m) => m.channel === CHANNEL)
      .at(-1)?.text ?? '';

  it('is fetched with the bot token, stored, linked to the item the message names, shown on the page and in the exports', async () => {
    const icon = pngImage(16, 16, [220, 40, 40]);
    s.slack.files.set('F1', { name: 'icon-1024.png', mimetype: 'image/png', bytes: icon });
    expect(
      (await share('EvFILE001', 'here is the app icon', [{ id: 'F1', name: 'icon-1024.png', mimetype: 'image/png' }]))
        .status,
    ).toBe(200);
    await s.settle();
    const releaseId = releaseOf(s.app, 'Acme Coffee');
    expect(s.slack.calls('files.info')).toContainEqual(expect.objectContaining({ file: 'F1' }));
    expect(s.slack.downloads).toEqual([{ id: 'F1', authorization: 'Bearer xoxb-test-token' }]);
    const [stored] = s.app.files.list(releaseId);
    expect(stored).toMatchObject({
      number: 1,
      itemKey: 'app_icon',
      name: 'icon-1024.png',
      mime: 'image/png',
      bytes: icon.length,
      source: 'slack',
      sentBy: `slack:${CLIENT_USER}`,
    });
    expect(s.app.files.read(stored?.id ?? 0)?.content.equals(icon)).toBe(true);
    const reply = lastToClient();
    expect(reply).toContain('Saved 📎 icon-1024.png for App icon.');
    // The icon is what the App icon item asked for: it is recorded as done.
    expect(s.app.store.item(releaseId, 'app_icon')?.status).toBe('done');

    const thumbs = await thumbnailsOf(port, releaseId, 'app_icon');
    expect(thumbs).toEqual([{ alt: 'icon-1024.png', width: 16, src: `/files/${stored?.id}` }]);
    const md = await (await fetch(`http://127.0.0.1:${port}/releases/${releaseId}/export.md?lang=en`)).text();
    expect(md).toMatch(/\| App icon \| `app_icon` \|.*\| #1 icon-1024\.png \(1 KB\) \|/);
    const csv = await (await fetch(`http://127.0.0.1:${port}/releases/${releaseId}/export.csv?lang=en`)).text();
    expect(csv.split('\r\n').find((l) => l.includes(',app_icon,'))).toMatch(/,#1 icon-1024\.png \(1 KB\)$/);
    expect(s.logs.join('\n')).not.toContain('xoxb-test-token');
  });

  it('over the size cap: refused from files.info alone (never downloaded), with a reply that gives the size and the limit', async () => {
    s.slack.files.set('F2', {
      name: 'share-card.png',
      mimetype: 'image/png',
      bytes: pngImage(4, 4, [1, 2, 3]),
      size: 3 * 1024 * 1024,
    });
    await share('EvFILE002', 'share image', [{ id: 'F2', name: 'share-card.png', mimetype: 'image/png' }]);
    await s.settle();
    expect(s.slack.downloads.map((d) => d.id)).not.toContain('F2');
    expect(lastToClient()).toContain(
      '“share-card.png” is 3 MB; a file can be at most 10 KB. Please send a smaller version',
    );
    expect(s.app.files.list(releaseOf(s.app, 'Acme Coffee'))).toHaveLength(1);
  });

  it('the same file again (another Slack file id, the same bytes) is stored once', async () => {
    s.slack.files.set('F3', { name: 'icon copy.png', mimetype: 'image/png', bytes: pngImage(16, 16, [220, 40, 40]) });
    await share('EvFILE003', 'app icon again', [{ id: 'F3', name: 'icon copy.png', mimetype: 'image/png' }]);
    await s.settle();
    expect(lastToClient()).toContain('I already have icon-1024.png (for App icon); nothing new to save.');
    expect(s.app.files.list(releaseOf(s.app, 'Acme Coffee'))).toHaveLength(1);
    const blobs = readdirSync(s.app.config.files.dir, { recursive: true }).filter((p) =>
      /[0-9a-f]{64}$/.test(String(p)),
    );
    expect(blobs).toHaveLength(1);
  });
});

describe('a WeCom image', () => {
  let fake: FakeWeCom;
  let t: TestApp;
  let port: number;
  let wecom: ReturnType<typeof weComSender>;
  let seq = 0;
  const image = (from: string, mediaId: string) =>
    wecom.plain(
      `<xml><ToUserName><![CDATA[${SAMPLE.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1732500000</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://127.0.0.1:9/pic]]></PicUrl><MediaId><![CDATA[${mediaId}]]></MediaId><MsgId>img-${(seq += 1)}</MsgId><AgentID>1000002</AgentID></xml>`,
    );
  const lastTo = (user: string, count: number) =>
    waitFor(() => fake.messagesTo(user).length >= count && fake.messagesTo(user).at(-1), `message ${count} to ${user}`);

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url, { FILE_MAX_MB: '0.01' }) });
    port = await t.app.listen();
    wecom = weComSender(`http://127.0.0.1:${port}`);
    await wecom.text('pm_lin', '/release start Acme Coffee wecom:wang', 'pm-1');
    await lastTo('wang', 1);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('is fetched with media/get and the app’s token, linked to the one file item asked, shown on the page and in the exports', async () => {
    const releaseId = releaseOf(t.app, 'Acme Coffee');
    t.app.service.markAsked(releaseId, ['permission_page']);
    const design = pngImage(24, 12, [30, 120, 200]);
    fake.media.set('MEDIA-1', { bytes: design, name: '授权页设计.png', type: 'image/png' });
    expect(await (await image('wang', 'MEDIA-1')).text()).toBe('success');
    const reply = await lastTo('wang', 2);
    expect(reply).toContain('已保存 📎 授权页设计.png（授权页设计）');
    const appToken = t.app.config.wecom && fake.tokensIssued.find((x) => x.secret === 'app-secret-for-tests')?.token;
    expect(fake.mediaGets).toEqual([{ mediaId: 'MEDIA-1', token: appToken }]);
    const [stored] = t.app.files.list(releaseId);
    expect(stored).toMatchObject({
      number: 1,
      itemKey: 'permission_page',
      name: '授权页设计.png',
      mime: 'image/png',
      source: 'wecom',
      sentBy: 'wecom:wang',
    });

    expect(await thumbnailsOf(port, releaseId, 'permission_page')).toEqual([
      { alt: '授权页设计.png', width: 24, src: `/files/${stored?.id}` },
    ]);
    const served = await fetch(`http://127.0.0.1:${port}/files/${stored?.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBe(
      `inline; filename="_____.png"; filename*=UTF-8''${encodeURIComponent('授权页设计.png')}`,
    );
    expect(Buffer.from(await served.arrayBuffer()).equals(design)).toBe(true);
    const md = await (await fetch(`http://127.0.0.1:${port}/releases/${releaseId}/export.md`)).text();
    expect(md).toContain('#1 授权页设计.png (1 KB)');
  });

  it('over the cap: cut off while downloading, the client told the size and the limit', async () => {
    fake.media.set('MEDIA-BIG', {
      bytes: Buffer.concat([pngImage(2, 2, [0, 0, 0]), Buffer.alloc(40_000)]),
      name: 'big.png',
      type: 'image/png',
    });
    await image('wang', 'MEDIA-BIG');
    const reply = await lastTo('wang', 3);
    expect(reply).toMatch(/「big\.png」大小为 \d+ KB，单个文件最大 10 KB/);
    expect(t.app.files.list(releaseOf(t.app, 'Acme Coffee'))).toHaveLength(1);
  });

  it('a file that is not an image or a PDF is refused by its bytes, whatever its name', async () => {
    fake.media.set('MEDIA-ZIP', { bytes: ZIP_HEAD, name: 'icons.png', type: 'image/png' });
    await image('wang', 'MEDIA-ZIP');
    expect(await lastTo('wang', 4)).toContain(
      '「icons.png」是 ZIP 文件，无法保存。请发送图片（PNG、JPEG、GIF 或 WebP）或 PDF。',
    );
    expect(t.app.files.list(releaseOf(t.app, 'Acme Coffee'))).toHaveLength(1);
  });

  it('with two file items asked and none named, the PM is asked which, and /release file links it', async () => {
    const releaseId = releaseOf(t.app, 'Acme Coffee');
    t.app.service.markAsked(releaseId, ['app_icon', 'sharing_flow']);
    fake.media.set('MEDIA-2', { bytes: pngImage(8, 8, [9, 9, 9]), name: 'share.png', type: 'image/png' });
    await image('wang', 'MEDIA-2');
    expect(await lastTo('wang', 5)).toContain('已保存 📎 share.png。项目经理会把它归到对应的事项下。');
    const toPm = await waitFor(
      () => fake.messagesTo('pm_lin').find((m) => m.includes('share.png')),
      'the PM asked which item',
    );
    expect(toPm).toContain('/release file Acme Coffee 2 <item>');
    expect(t.app.files.byNumber(releaseId, 2)?.itemKey).toBeNull();
    const pmBefore = fake.messagesTo('pm_lin').length; // the notice above names #2 too: wait for the command's own reply
    await wecom.text('pm_lin', '/release file Acme Coffee 2 sharing_flow', 'pm-2');
    await waitFor(
      () =>
        fake
          .messagesTo('pm_lin')
          .slice(pmBefore)
          .find((m) => m.includes('#2')),
      'the reply to /release file',
    );
    expect(t.app.files.byNumber(releaseId, 2)?.itemKey).toBe('sharing_flow');
    expect(
      t.app.store
        .events(releaseId)
        .some((e) => e.type === 'file_link' && e.itemKey === 'sharing_flow' && e.actor === 'wecom:pm_lin'),
    ).toBe(true);
  });
});
