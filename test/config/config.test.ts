import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';

const WECOM = {
  WECOM_CORP_ID: 'wx5823bf96d3bd56c7',
  WECOM_CORP_SECRET: 'corp-secret',
  WECOM_AGENT_ID: '1000002',
  WECOM_TOKEN: 'QDG6eK',
  WECOM_ENCODING_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
};

describe('configuration', () => {
  it('starts with nothing set: every platform off, embedded defaults', () => {
    const c = readConfig({});
    expect(c).toMatchObject({ port: 3000, databasePath: './data/release-bot.sqlite', redisUrl: undefined, pmUsers: [], agencyTimezone: 'Asia/Shanghai' });
    expect(c.slack).toBeUndefined();
    expect(c.wecom).toBeUndefined();
    expect(c.wecomKf).toBeUndefined();
  });

  it('checks App secrets with WeChat’s own host by default, another base when given, and not at all with `off`', () => {
    expect(readConfig({}).wechatApiBase).toBe('https://api.weixin.qq.com');
    expect(readConfig({ WECHAT_API_BASE: 'http://127.0.0.1:9000/' }).wechatApiBase).toBe('http://127.0.0.1:9000');
    expect(readConfig({ WECHAT_API_BASE: 'off' }).wechatApiBase).toBeUndefined();
  });

  it('names what is missing when Slack is half-configured', () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      'Missing SLACK_SIGNING_SECRET: Slack is half-configured (SLACK_BOT_TOKEN is set). Set all of SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, or none to turn Slack off.',
    );
    expect(() => readConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toThrow(/SLACK_APP_TOKEN is set/);
  });

  it('names what is missing when WeCom is half-configured', () => {
    const { WECOM_TOKEN: _t, ...partial } = WECOM;
    expect(() => readConfig(partial)).toThrow(/Missing WECOM_TOKEN: WeCom is half-configured/);
    expect(() => readConfig({ ...WECOM, WECOM_AGENT_ID: 'abc' })).toThrow(/numeric AgentId/);
    expect(() => readConfig({ WECOM_KF_SECRET: 's', WECOM_KF_OPEN_KFID: 'wk1' })).toThrow(/need the WeCom app variables/);
    expect(() => readConfig({ ...WECOM, WECOM_KF_SECRET: 's' })).toThrow(/Missing WECOM_KF_OPEN_KFID/);
  });

  it('turns a fully configured platform on', () => {
    const c = readConfig({ ...WECOM, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb', SLACK_API_URL: 'http://127.0.0.1:9/api/', WECOM_API_BASE: 'http://127.0.0.1:9/' });
    expect(c.slack).toMatchObject({ signingSecret: 's', botToken: 'xoxb', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(c.wecom).toMatchObject({ corpId: 'wx5823bf96d3bd56c7', agentId: 1000002, apiBase: 'http://127.0.0.1:9' });
  });

  it('refuses a bad SECRET_KEY, PM_USERS entry, port or time zone with the fix', () => {
    expect(() => readConfig({ SECRET_KEY: 'c2hvcnQ=' })).toThrow(/openssl rand -base64 32/);
    expect(() => readConfig({ PM_USERS: 'lin' })).toThrow(/slack:U123 or wecom:zhangsan/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => readConfig({ AGENCY_TIMEZONE: 'Mars/Base' })).toThrow(/IANA/);
    expect(readConfig({ SECRET_KEY: Buffer.alloc(32, 1).toString('base64'), PM_USERS: 'slack:U1, wecom:lin' })).toMatchObject({ pmUsers: ['slack:U1', 'wecom:lin'] });
  });
});
