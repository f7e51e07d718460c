import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WeComApi } from '../../bots/wecom/api.js';
import { openEnvelope, sealEnvelope } from '../../bots/wecom/crypto.js';
import { classify, permanentReasonKey } from '../../bots/wecom/errors.js';
import { decodeAppMessage } from '../../bots/wecom/inbox.js';
import { decodeKfMessage } from '../../bots/wecom/kf/decode.js';
import { splitForWeCom, toMarkdown, toPlainText } from '../../bots/wecom/render.js';
import { parseXmlFields } from '../../bots/wecom/xml.js';
import { kfWindow } from '../../bots/wecom/kf/commands.js';
import { newInviteScene as newKfScene } from '../../src/use-cases/invite-links.js';
import { type MessageKey, t } from '../../src/i18n/index.js';
import { PM_LOCALE } from '../../src/reminders/messages.js';
import { startFakeWeCom } from './fake-wecom.js';
import { SAMPLE } from './wecom-client.js';

describe('WeCom rendering', () => {
  const message = {
    text: 'fallback',
    blocks: [
      { type: 'text' as const, text: '您好！' },
      {
        type: 'question' as const,
        number: 1,
        itemKey: 'merchant_account' as const,
        text: '商户号状态？',
        hint: '10 位数字',
      },
      {
        type: 'buttons' as const,
        buttons: [
          { action: 'answer' as const, itemKey: 'merchant_account' as const, value: 'active', label: '已开通' },
          { action: 'answer' as const, itemKey: 'merchant_account' as const, value: 'none', label: '未开通' },
          { action: 'secret' as const, itemKey: 'app_secret' as const, label: '私下发送 AppSecret' },
        ],
      },
    ],
  };

  it('puts a question’s choices under it as a reply hint, and says where a secret may go', () => {
    const md = toMarkdown(message, 'zh');
    expect(md).toBe(
      '您好！\n1. **商户号状态？**\n> 10 位数字\n> 请回复「已开通」/「未开通」\n' +
        'AppSecret 可以直接在这里发给我：这个对话只有您和机器人能看到，会加密保存。',
    );
    expect(toPlainText(message, 'en')).toContain('   Reply “已开通” / “未开通”');
  });

  it('splits long text on line boundaries into parts of at most 2048 bytes', () => {
    const long = Array.from({ length: 300 }, (_, i) => `第${i}行：等待客户回复`).join('\n');
    const parts = splitForWeCom(long);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(2048);
    expect(parts.join('\n')).toBe(long);
    expect(splitForWeCom('短')).toEqual(['短']);
  });
});

describe('WeCom errcodes', () => {
  it('sorts token, rate-limit, permanent and transient errors', () => {
    expect(classify(42001)).toEqual({ kind: 'token' });
    expect(classify(45009)).toMatchObject({ kind: 'rate_limited' });
    expect(classify(60020)).toMatchObject({ kind: 'permanent', reason: expect.stringContaining('trusted IPs') });
    expect(classify(-1)).toEqual({ kind: 'transient' });
    expect(classify(12345, 'weird')).toEqual({ kind: 'permanent', reason: 'WeCom refused it (errcode 12345: weird)' });
  });

  it('the PM-facing reasons are i18n copy (src/i18n/{en,zh}/wecom.ts), rendered in PM_LOCALE, with a Chinese version', () => {
    const cases: [number, MessageKey][] = [
      [40003, 'wecom.err_unknown_user'],
      [81013, 'wecom.err_not_member'],
      [86003, 'wecom.err_chat_gone'],
      [60020, 'wecom.err_trusted_ip'],
      [48002, 'wecom.err_api_denied'],
      [301002, 'wecom.err_outside_range'],
      [45015, 'wecom.err_kf_silent'],
      [45047, 'wecom.err_kf_full'],
      [95013, 'wecom.err_kf_ended'],
      [40096, 'wecom.err_kf_user'],
      [41001, 'wecom.err_token_missing'],
      [40001, 'wecom.err_wrong_secret'],
      [40013, 'wecom.err_wrong_corp'],
    ];
    expect(PM_LOCALE).toBe('en');
    for (const [errcode, key] of cases) {
      expect(permanentReasonKey(errcode)).toBe(key);
      expect(classify(errcode)).toEqual({ kind: 'permanent', reason: t(PM_LOCALE, key) });
      expect(t('zh', key)).not.toBe(t('en', key));
    }
    expect(classify(12345)).toEqual({
      kind: 'permanent',
      reason: t(PM_LOCALE, 'wecom.err_refused', { errcode: 12345 }),
    });
    expect(t('zh', 'wecom.err_refused_said', { errcode: 1, errmsg: 'x' })).toBe('企业微信拒绝了请求（错误码 1：x）');
    for (const key of ['wecom.err_unreachable', 'wecom.err_no_kf_link'] as const)
      expect(t('zh', key)).not.toBe(t('en', key));
  });
});

describe('callback crypto and XML', () => {
  it('round-trips, and refuses a wrong corp or a wrong token', () => {
    const env = sealEnvelope(SAMPLE, '<xml/>', '1', 'n');
    expect(openEnvelope(SAMPLE, env)).toEqual({ ok: true, plain: '<xml/>' });
    expect(openEnvelope({ ...SAMPLE, corpId: 'wwother' }, env)).toMatchObject({ ok: false, status: 400 });
    expect(openEnvelope({ ...SAMPLE, token: 'other' }, env)).toMatchObject({ ok: false, status: 401 });
  });

  it('keeps MsgId as a string (19 digits do not fit a double) and refuses DOCTYPE', () => {
    expect(parseXmlFields('<xml><MsgId>4561255354251345929</MsgId></xml>')?.MsgId).toBe('4561255354251345929');
    expect(parseXmlFields('<!DOCTYPE x [<!ENTITY a "b">]><xml><A>&a;</A></xml>')).toBeUndefined();
  });

  it('decodes app texts, PM commands, attachments and the kf event', () => {
    expect(decodeAppMessage({ MsgType: 'text', FromUserName: 'wang', Content: ' hi ', MsgId: '1' })).toMatchObject({
      kind: 'message',
      command: false,
      inbound: { sender: 'wecom:wang', text: 'hi', externalId: '1' },
    });
    expect(
      decodeAppMessage({ MsgType: 'text', FromUserName: 'lin', Content: '/release status', MsgId: '2' }),
    ).toMatchObject({ command: true });
    expect(decodeAppMessage({ MsgType: 'image', FromUserName: 'wang', MsgId: '3' })).toMatchObject({
      inbound: { attachments: [{ kind: 'image' }] },
    });
    expect(decodeAppMessage({ MsgType: 'event', Event: 'kf_msg_or_event', Token: 'T', OpenKfId: 'wk1' })).toEqual({
      kind: 'kf_event',
      token: 'T',
      openKfId: 'wk1',
    });
    expect(decodeAppMessage({ MsgType: 'event', Event: 'enter_agent' })).toMatchObject({ kind: 'ignored' });
  });

  it('decodes kf messages: client text, enter_session, and ignores servicer messages', () => {
    expect(
      decodeKfMessage({ msgid: 'm', origin: 3, msgtype: 'text', external_userid: 'wm1', text: { content: '好' } }),
    ).toMatchObject({ kind: 'client', inbound: { platform: 'kf', sender: 'kf:wm1', text: '好' } });
    expect(
      decodeKfMessage({
        msgid: 'e',
        origin: 4,
        msgtype: 'event',
        event: { event_type: 'enter_session', external_userid: 'wm1', scene: 's', welcome_code: 'w' },
      }),
    ).toEqual({ kind: 'enter', externalUserId: 'wm1', scene: 's', welcomeCode: 'w' });
    expect(decodeKfMessage({ msgid: 'x', origin: 5, msgtype: 'text', external_userid: 'wm1' })).toMatchObject({
      kind: 'ignored',
    });
  });
});

describe('the 微信客服 window', () => {
  const now = new Date('2026-11-25T10:00:00.000Z');
  it('is open for 48 h and 5 messages after the client last wrote', () => {
    expect(kfWindow({ lastInboundAt: null }, 0, now)).toEqual({ state: 'none' });
    expect(kfWindow({ lastInboundAt: '2026-11-24T10:00:00.000Z' }, 2, now)).toEqual({
      state: 'open',
      until: '2026-11-26T10:00:00.000Z',
      left: 3,
    });
    expect(kfWindow({ lastInboundAt: '2026-11-24T10:00:00.000Z' }, 5, now)).toMatchObject({ state: 'full' });
    expect(kfWindow({ lastInboundAt: '2026-11-23T10:00:00.000Z' }, 0, now)).toEqual({
      state: 'closed',
      since: '2026-11-25T10:00:00.000Z',
    });
  });

  it('makes scenes that fit kf’s rule and are not guessable', () => {
    const scenes = new Set(Array.from({ length: 50 }, () => newKfScene()));
    expect(scenes.size).toBe(50);
    for (const s of scenes) expect(s).toMatch(/^[0-9A-Za-z_-]{1,32}$/);
  });
});

describe('the access token', () => {
  it('is fetched once for concurrent senders and reused until it expires', async () => {
    const fake = await startFakeWeCom();
    let now = 1_000_000;
    const api = new WeComApi({ apiBase: fake.url, corpId: SAMPLE.corpId, secret: 's', now: () => now });
    await Promise.all(
      [1, 2, 3].map((i) =>
        api.post('/cgi-bin/message/send', { touser: `u${i}`, msgtype: 'text', text: { content: 'x' } }),
      ),
    );
    expect(fake.tokensIssued).toHaveLength(1);
    now += 7200_000;
    await api.post('/cgi-bin/message/send', { touser: 'u4', msgtype: 'text', text: { content: 'x' } });
    expect(fake.tokensIssued).toHaveLength(2);
    expect(fake.sends).toHaveLength(4);
    await fake.close();
  });
});

describe('WeCom signature and decryption against the official samples', () => {
  const samples = JSON.parse(
    readFileSync(new URL('../fixtures/wecom/official-samples.json', import.meta.url), 'utf8'),
  ) as {
    verifyUrl: { query: string; echo: string };
    message: { query: string; body: string; content: string };
  };
  const envelope = (query: string, encrypted: string) => {
    const q = new URLSearchParams(query);
    return {
      signature: q.get('msg_signature') ?? '',
      timestamp: q.get('timestamp') ?? '',
      nonce: q.get('nonce') ?? '',
      encrypted,
    };
  };

  it('verifies the published signatures and decrypts the published ciphertexts (the route adds the freshness check)', () => {
    const echo = openEnvelope(
      SAMPLE,
      envelope(samples.verifyUrl.query, new URLSearchParams(samples.verifyUrl.query).get('echostr') ?? ''),
    );
    expect(echo).toEqual({ ok: true, plain: samples.verifyUrl.echo });
    const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(samples.message.body)?.[1] ?? '';
    const message = openEnvelope(SAMPLE, envelope(samples.message.query, encrypted));
    expect(message.ok && parseXmlFields(message.plain)?.Content).toBe(samples.message.content);
    const forged = openEnvelope(SAMPLE, { ...envelope(samples.message.query, encrypted), nonce: '1' });
    expect(forged.ok ? 'opened' : forged.status).toBe(401);
  });
});
