import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError, PROJECT_ROOT, withEnvFile } from '../../src/config.js';
import { readConfig } from '../../src/main.js';
import { tempDir } from '../support/tmp.js';

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
    expect(c).toMatchObject({
      port: 3000,
      databasePath: join(PROJECT_ROOT, 'data', 'release-bot.sqlite'),
      redisUrl: undefined,
      pmUsers: [],
      agencyTimezone: 'Asia/Shanghai',
    });
    expect(c.slack).toBeUndefined();
    expect(c.wecom).toBeUndefined();
    expect(c.wecomKf).toBeUndefined();
  });

  it('resolves a relative DATABASE_PATH from the project root, whatever the working directory', () => {
    expect(readConfig({ DATABASE_PATH: 'data/x.sqlite' }).databasePath).toBe(join(PROJECT_ROOT, 'data', 'x.sqlite'));
    expect(readConfig({ DATABASE_PATH: '/srv/bot.sqlite' }).databasePath).toBe('/srv/bot.sqlite');
  });

  it('resolves a relative CALENDAR_FILE from the project root too, whatever the working directory', () => {
    const file = join(tempDir(), 'calendar.json');
    writeFileSync(file, JSON.stringify({ holidays: { '2027-01-01': { en: "New Year's Day", zh: '元旦' } } }));
    const cwd = process.cwd();
    process.chdir(tempDir());
    try {
      const c = readConfig({ CALENDAR_FILE: relative(PROJECT_ROOT, file) });
      expect(c.calendarFile).toBe(file);
      expect(Object.keys(c.calendar.holidays)).toContain('2027-01-01');
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads .env from the project root under the environment: what is set wins, the file fills the rest', () => {
    const root = tempDir();
    expect(withEnvFile({ PORT: '1' }, root)).toEqual({ PORT: '1' }); // no .env: nothing changes
    writeFileSync(join(root, '.env'), 'PORT=3301\nSLACK_BOT_TOKEN="xoxb-1"\n# a comment\nLOG_LEVEL=warn\n');
    expect(withEnvFile({ PORT: '4000' }, root)).toEqual({ PORT: '4000', SLACK_BOT_TOKEN: 'xoxb-1', LOG_LEVEL: 'warn' });
    writeFileSync(join(root, 'other.env'), 'PORT=5000\n');
    expect(withEnvFile({ ENV_FILE: 'other.env' }, root)).toEqual({ ENV_FILE: 'other.env', PORT: '5000' });
    expect(() => withEnvFile({ ENV_FILE: 'missing.env' }, root)).toThrow(ConfigError);
  });

  it('links replies to PUBLIC_URL, or to localhost on PORT', () => {
    expect(readConfig({ PORT: '3301' }).publicUrl).toBe('http://localhost:3301');
    expect(readConfig({ PUBLIC_URL: 'https://bot.agency.cn/' }).publicUrl).toBe('https://bot.agency.cn');
    expect(() => readConfig({ PUBLIC_URL: 'bot.agency.cn' })).toThrow(/PUBLIC_URL must be the address PMs open/);
  });

  it('refuses a LOG_FORMAT it does not know, naming the two it does', () => {
    expect(readConfig({ LOG_FORMAT: 'Pretty' }).logFormat).toBe('pretty');
    expect(() => readConfig({ LOG_FORMAT: 'yaml' })).toThrow('LOG_FORMAT must be json or pretty (got "yaml")');
  });

  it('checks App secrets with WeChat’s own host when a platform is on, another base when given, and not at all with `off`', () => {
    // The local chat (no platform): a newcomer's made-up App IDs and secrets stay on this machine unless WECHAT_API_BASE says otherwise.
    expect(readConfig({}).wechatApiBase).toBeUndefined();
    expect(readConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }).wechatApiBase).toBe(
      'https://api.weixin.qq.com',
    );
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
    expect(() => readConfig({ WECOM_KF_SECRET: 's', WECOM_KF_OPEN_KFID: 'wk1' })).toThrow(
      /need the WeCom app variables/,
    );
    expect(() => readConfig({ ...WECOM, WECOM_KF_SECRET: 's' })).toThrow(/Missing WECOM_KF_OPEN_KFID/);
  });

  it('turns a fully configured platform on', () => {
    const c = readConfig({
      ...WECOM,
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      WECOM_API_BASE: 'http://127.0.0.1:9/',
    });
    expect(c.slack).toMatchObject({ signingSecret: 's', botToken: 'xoxb', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(c.wecom).toMatchObject({ corpId: 'wx5823bf96d3bd56c7', agentId: 1000002, apiBase: 'http://127.0.0.1:9' });
  });

  it('refuses a bad SECRET_KEY, PM_USERS entry, port or time zone with the fix', () => {
    expect(() => readConfig({ SECRET_KEY: 'c2hvcnQ=' })).toThrow(/openssl rand -base64 32/);
    expect(() => readConfig({ PM_USERS: 'lin' })).toThrow(/slack:U123 or wecom:zhangsan/);
    expect(() => readConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => readConfig({ AGENCY_TIMEZONE: 'Mars/Base' })).toThrow(/IANA/);
    expect(
      readConfig({ SECRET_KEY: Buffer.alloc(32, 1).toString('base64'), PM_USERS: 'slack:U1, wecom:lin' }),
    ).toMatchObject({ pmUsers: ['slack:U1', 'wecom:lin'] });
  });
});
