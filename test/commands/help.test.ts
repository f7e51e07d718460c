/**
 * `/release help` is generated from the command table, so it cannot drift: every registered command
 * is listed, with its own copy in both languages, and the README names each one too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageLine } from '../../src/commands/index.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { isMessageKey, LOCALES } from '../../src/i18n/index.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const pm = { platform: 'local' as const, user: 'local:pm', isPm: true, locale: 'en' as const };

describe('/release help', () => {
  it('lists every command in the table, resume and the WeCom group targets included', async () => {
    const names = t.app.commands.names();
    expect(names).toEqual(
      expect.arrayContaining([
        'start',
        'status',
        'done',
        'skip',
        'ask',
        'whitelist',
        'invite',
        'close',
        'due',
        'resume',
        'snooze',
        'remind',
        'export',
        'help',
      ]),
    );
    for (const locale of LOCALES) {
      const help = (await t.app.bot.command({ ...pm, locale }, '/release help')).message.text;
      for (const name of names) expect(help).toContain(usageLine(locale, name));
      expect(help).toContain('wecom-chat:<chatid>');
      expect(help).toContain('wecom-robot:<webhook key>');
    }
  });

  it('says the whitelist is checked 24 h later at the next working hour, not at night or on a holiday', async () => {
    expect((await t.app.bot.command(pm, '/release help')).message.text).toContain(
      '(checked 24 h later, at the next working hour)',
    );
    expect((await t.app.bot.command({ ...pm, locale: 'zh' }, '/release help')).message.text).toContain(
      '（24 小时后、在下一个工作时段检查）',
    );
  });

  it('has copy for each command in both languages (a command added without it fails here)', () => {
    for (const name of t.app.commands.names()) {
      expect(isMessageKey(`cmd.usage.${name}`), `cmd.usage.${name} in src/i18n/{en,zh}/commands.ts`).toBe(true);
      for (const locale of LOCALES) expect(usageLine(locale, name)).toMatch(new RegExp(`^/release ${name}\\b`));
    }
  });

  it('is mirrored in the README: every command in the table is documented', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const name of t.app.commands.names())
      expect(readme, `README.md documents /release ${name}`).toMatch(new RegExp(`/release ${name}\\b`));
  });

  it('starts every reply with a capital letter', async () => {
    const reply = await t.app.bot.command(
      { ...pm, conversation: { platform: 'local', channel: 'c', kind: 'local', shared: false } },
      '/release start acme coffee en',
    );
    expect(reply.message.text).toMatch(/^Release started for acme coffee/);
    // "{client} · {label}: done." with a client the PM named in lower case.
    expect((await t.app.bot.command(pm, '/release done acme coffee sentry')).message.text).toBe(
      'Acme coffee · Sentry: done.',
    );
  });
});
