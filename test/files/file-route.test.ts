/**
 * `GET /files/<id>` is behind the status page's access rule, answers the type the bytes were
 * checked to be (nosniff, sandboxed), shows images inline and downloads anything else; and the
 * 微信客服 / WeCom decoders carry the media id a file is fetched by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAppMessage } from '../../bots/wecom/inbox.js';
import { decodeKfMessage } from '../../bots/wecom/kf/decode.js';
import { PDF_DOC, pngImage } from '../support/files.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('GET /files/<id>', () => {
  let t: TestApp;
  let base: string;
  let png: number;
  let pdf: number;
  beforeAll(async () => {
    t = await startTestApp({ env: { DASHBOARD_TOKEN: 'tok-files-1' } });
    base = `http://127.0.0.1:${await t.app.listen()}`;
    const { release } = t.app.service.startRelease({
      clientName: 'Acme Coffee',
      pmUser: 'local:pm',
      actor: 'local:pm',
      locale: 'en',
    });
    const at = t.clock.now().toISOString();
    const put = (name: string, content: Buffer) => {
      const r = t.app.files.put({
        releaseId: release.id,
        itemKey: 'app_icon',
        name,
        content,
        source: 'slack',
        sentBy: 'slack:U9',
        at,
      });
      if (!r.ok) throw new Error('not stored');
      return r.file.id;
    };
    png = put('icon.png', pngImage(4, 4, [5, 5, 5]));
    pdf = put('brief "v2".pdf', PDF_DOC);
  });
  afterAll(() => t?.close());

  const signedIn = async (): Promise<string> => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: 'token=tok-files-1&next=%2F',
      redirect: 'manual',
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (!cookie) throw new Error(`no session cookie (HTTP ${res.status})`);
    return cookie;
  };

  it('without signing in: sent to the login page, no bytes', async () => {
    const res = await fetch(`${base}/files/${png}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/files/${png}`)}`);
    expect(res.headers.get('content-type')).not.toBe('image/png');
  });

  it('signed in: an image inline, a PDF as a download, with its checked type, nosniff and a sandbox; an unknown id is 404', async () => {
    const cookie = await signedIn();
    const image = await fetch(`${base}/files/${png}`, { headers: { cookie } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBe(`inline; filename="icon.png"; filename*=UTF-8''icon.png`);
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    const doc = await fetch(`${base}/files/${pdf}`, { headers: { cookie } });
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(doc.headers.get('content-disposition')).toBe(
      `attachment; filename="brief _v2_.pdf"; filename*=UTF-8''${encodeURIComponent('brief _v2_.pdf')}`,
    );
    expect(Buffer.from(await doc.arrayBuffer()).equals(PDF_DOC)).toBe(true);
    expect(
      (await fetch(`${base}/files/${png}?download=1`, { headers: { cookie } })).headers.get('content-disposition'),
    ).toMatch(/^attachment;/);
    expect((await fetch(`${base}/files/999`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${base}/files/../../etc/passwd`, { headers: { cookie } })).status).toBe(404);
  });
});

describe('media ids from WeCom and 微信客服', () => {
  it('an image or a file carries the id media/get fetches it by; voice does not', () => {
    expect(
      decodeKfMessage({
        msgid: 'm1',
        origin: 3,
        msgtype: 'image',
        external_userid: 'wm1',
        image: { media_id: 'MID-1' },
      }),
    ).toMatchObject({ inbound: { attachments: [{ kind: 'image', ref: 'MID-1' }] } });
    expect(
      decodeKfMessage({ msgid: 'm2', origin: 3, msgtype: 'file', external_userid: 'wm1', file: { media_id: 'MID-2' } }),
    ).toMatchObject({ inbound: { attachments: [{ kind: 'file', ref: 'MID-2' }] } });
    expect(decodeKfMessage({ msgid: 'm3', origin: 3, msgtype: 'voice', external_userid: 'wm1' })).toMatchObject({
      inbound: { attachments: [{ kind: 'other' }] },
    });
    expect(
      decodeAppMessage({ MsgType: 'image', FromUserName: 'wang', MsgId: '9', MediaId: 'MID-3', PicUrl: 'http://x' }),
    ).toMatchObject({ inbound: { attachments: [{ kind: 'image', ref: 'MID-3' }] } });
  });
});
