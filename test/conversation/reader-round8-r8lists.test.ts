/**
 * Round 8 (corpus H), lists and list edits through the conversation: a domain added to the URL whitelist on file and
 * a WeChat ID written with a dot (docs/reader.md, "Round 8, from corpus H").
 */
import { describe, expect, it } from 'vitest';
import { localReleases } from '../support/local-client.js';

const release = localReleases();

describe('a domain added to the URL whitelist', () => {
  it('“域名再加一个 …” (zh): added to the domains on file, under the ICP filing on file', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['admin_url_whitelist']);
    await r.say('api.acme-coffee.cn 粤ICP备2022012345号-1');
    r.asked(['admin_url_whitelist']);
    await r.say('域名再加一个 img.acme-coffee.cn');
    expect(r.item('admin_url_whitelist')?.value).toEqual({
      domains: ['api.acme-coffee.cn', 'img.acme-coffee.cn'],
      icp: '粤ICP备2022012345号-1',
    });
  });

  it('“add one more domain: …” (en) with nothing on file: kept, its ICP filing asked (a half whitelist)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['admin_url_whitelist']);
    const reply = await r.say('one more domain: cdn.bluetea.cn');
    expect(r.item('admin_url_whitelist')).toMatchObject({ status: 'asked', value: { domains: ['cdn.bluetea.cn'] } });
    expect(reply).toContain('Admin UI URL whitelist updated: cdn.bluetea.cn'); // its filing is asked in turn (whitelist-halves)
  });
});

describe('a WeChat ID written with a dot', () => {
  it('is read as the client wrote it and refused when stored, with the reason, so no entry is lost unseen', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['beta_whitelist']);
    const reply = await r.say('Beta testers: mia_qa, leo.chen, sam_ops');
    expect(r.item('beta_whitelist')?.value).toBeNull();
    expect(reply).toContain('leo.chen');
  });
});
