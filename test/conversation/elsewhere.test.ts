/**
 * A value said to be somewhere the bot cannot see ("sent it by email", "it's in the shared sheet", "same as last time,
 * you have it"): nothing is recorded, and the client is told to send it here — privately for the App secret.
 */
import { describe, expect, it } from 'vitest';
import { t as copy } from '../../src/i18n/index.js';
import { localReleases } from '../support/local-client.js';

const release = localReleases();

describe('a value said to be elsewhere', () => {
  it('“WeChat IDs are in the email” (en): developers stay open, and the client is asked to send them here', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['developers']);
    const reply = await r.say('the developer WeChat IDs are all in the email I sent Monday');
    expect(r.item('developers')?.value).toBeNull();
    expect(reply).toContain('I can only see this conversation');
    expect(reply).toContain('Developers');
    expect(reply).not.toContain(copy('en', 'conv.not_understood'));
  });

  it('“商户号发你邮箱了” while another item is asked (zh): the reply names the merchant account, not the item asked', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['app_id', 'merchant_account']);
    const reply = await r.say('商户号的资料我昨天发你邮箱了');
    expect(r.item('merchant_account')?.value).toBeNull();
    expect(r.item('app_id')?.value).toBeNull();
    expect(reply).toContain('我这边只能看到这个会话');
    expect(reply).toContain('商户号');
  });

  it('an item already on file, said to be in the email too (en): not asked for again, nothing changes', async () => {
    const r = await release('en', 'Blue Tea', { merchant_account: { status: 'active', merchant_id: '1900012345' } });
    r.asked(['app_id']);
    const reply = await r.say('the merchant ID is also in the spreadsheet I shared');
    expect(r.item('merchant_account')?.value).toEqual({ status: 'active', merchant_id: '1900012345' });
    expect(reply).not.toContain('is not on file yet');
  });

  it('the App secret “sent by email” (zh): asked again through the private button, never in the chat', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['app_secret']);
    const reply = await r.say('secret 我发邮件给你们了');
    expect(r.item('app_secret')?.value).toBeNull();
    expect(reply).toContain('私下发送 AppSecret');
    expect(reply).not.toContain('直接发在这里');
  });
});
