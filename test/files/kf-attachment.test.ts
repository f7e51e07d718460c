/**
 * A 微信客服 client's image: fetched with media/get and 微信客服's own token (not the app's), stored,
 * linked to the one file item asked, and the client told in the chat.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pngImage } from '../support/files.js';
import { KF_ENV, type KfSession, startKfSession } from '../wecom/kf-session.js';
import { waitFor } from '../wecom/wecom-client.js';

let s: KfSession;
beforeAll(async () => {
  s = await startKfSession({ client: 'Blue Tea', user: 'wmWang' });
});
afterAll(() => s?.close());

it('an image through 微信客服 is fetched with the kf token, stored and linked to the item asked', async () => {
  const { t, kf, fake } = s;
  const release = t.app.store.openReleaseOf(t.app.service.clientByName('Blue Tea').id);
  if (!release) throw new Error('no release');
  t.app.service.markAsked(release.id, ['app_icon']);
  const icon = pngImage(32, 32, [250, 200, 0]);
  fake.media.set('KF-MEDIA-1', { bytes: icon, name: 'logo.png', type: 'image/png' });
  const before = kf.sentTo('wmWang').length;
  kf.clientSendsMedia('wmWang', 'image', 'KF-MEDIA-1');
  await s.notify();
  const reply = await waitFor(
    () =>
      kf
        .sentTo('wmWang')
        .slice(before)
        .find((m) => m.includes('已保存')),
    'the reply to the image',
  );
  expect(reply).toContain('已保存 📎 logo.png（小程序图标）');
  const kfToken = fake.tokensIssued.find((x) => x.secret === KF_ENV.WECOM_KF_SECRET)?.token;
  expect(fake.mediaGets).toEqual([{ mediaId: 'KF-MEDIA-1', token: kfToken }]);
  const [stored] = t.app.files.list(release.id);
  expect(stored).toMatchObject({
    itemKey: 'app_icon',
    name: 'logo.png',
    mime: 'image/png',
    source: 'kf',
    sentBy: 'kf:wmWang',
    bytes: icon.length,
  });
});
