/**
 * `release-bot chat [--db PATH]`: a release conversation in the terminal. You are the client; lines
 * starting with /release are yours as the PM. It runs on a throwaway database (removed when you quit)
 * unless `--db` names one, so nothing it does reaches a running service's releases, reminders or
 * App-secret checks; it never calls WeChat.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createApp, readConfig } from '../main.js';
import { t } from '../i18n/index.js';
import { createLogger } from '../logger.js';
import { CLI_LOCALE, type CliCommand, type CliIO, parseArgs } from './command.js';
import { type LocalMessage, LocalSession } from './local-session.js';

export function printMessages(io: CliIO, messages: readonly LocalMessage[]): void {
  for (const m of messages) {
    const who = m.to.startsWith('user:')
      ? t(CLI_LOCALE, 'cli.bot_to', { who: m.to.slice('user:'.length) })
      : t(CLI_LOCALE, 'cli.bot');
    io.stdout.write(`\n${who}:\n${m.message.text.replace(/^/gm, '  ')}\n`);
  }
}

/**
 * Where a chat or the demo keeps its data: `--db PATH` (kept; its reminders use the configured queue),
 * else a fresh temp folder removed by `cleanup` (with a queue prefix of its own, so a shared Redis never
 * hands it the service's jobs).
 */
export function sandboxEnv(
  io: CliIO,
  dbOption: string | boolean | undefined,
  name: string,
): { env: Record<string, string | undefined>; cleanup(): void; throwaway: boolean } {
  if (typeof dbOption === 'string')
    return { env: { ...io.env, DATABASE_PATH: resolve(dbOption) }, cleanup: () => undefined, throwaway: false };
  const dir = mkdtempSync(join(tmpdir(), `release-bot-${name}-`));
  return {
    env: {
      ...io.env,
      DATABASE_PATH: join(dir, `${name}.sqlite`),
      QUEUE_PREFIX: `${name}-${process.pid}-${Date.now()}`,
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    throwaway: true,
  };
}

export const chat: CliCommand = {
  name: 'chat',
  usage: 'chat [--db PATH]',
  summary:
    'play the client (and the PM with /release …) in the terminal, on a throwaway database unless --db names one',
  async run(args, io) {
    const { options } = parseArgs(args, { string: ['db'] });
    const sandbox = sandboxEnv(io, options.db, 'chat');
    // No platform and no WeChat: a running service owns the chat platforms, and typed App IDs stay on this machine.
    const config = readConfig({ ...sandbox.env, WECHAT_API_BASE: 'off' }, { platforms: false });
    // The terminal is the chat: only warnings and errors are logged, to stderr.
    let app: Awaited<ReturnType<typeof createApp>>;
    try {
      app = await createApp(config, {
        localChat: true,
        logger: createLogger({
          level: config.logLevel === 'info' ? 'warn' : config.logLevel,
          destination: process.stderr,
        }),
      });
    } catch (err) {
      sandbox.cleanup();
      throw err;
    }
    await app.start();
    const session = new LocalSession(app, 'terminal');
    io.stdout.write(`${t(CLI_LOCALE, 'cli.chat_intro')}\n`);
    io.stdout.write(
      `${sandbox.throwaway ? t(CLI_LOCALE, 'cli.chat_throwaway') : t(CLI_LOCALE, 'cli.chat_db', { path: config.databasePath })}\n`,
    );
    const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: false });
    try {
      for await (const line of rl) {
        const text = line.trim();
        if (!text) continue;
        const { answer, messages } = await session.send(text.startsWith('/release') ? 'pm' : 'client', text);
        if (answer) io.stdout.write(`\n${t(CLI_LOCALE, 'cli.to_pm')} ${answer.replace(/\n/g, '\n     ')}\n`);
        printMessages(io, messages);
      }
    } finally {
      rl.close();
      await app.stop();
      sandbox.cleanup();
    }
    return 0;
  },
};
