/**
 * `release-bot chat`: a release conversation in the terminal, against the real database and queue.
 * You are the client; lines starting with /release are yours as the PM.
 */
import { createInterface } from 'node:readline/promises';
import { readConfig } from '../config.js';
import { createApp } from '../main.js';
import { t } from '../i18n/index.js';
import { createLogger } from '../logger.js';
import { CLI_LOCALE, type CliCommand, type CliIO } from './command.js';
import { type LocalMessage, LocalSession } from './local-session.js';

export function printMessages(io: CliIO, messages: readonly LocalMessage[]): void {
  for (const m of messages) {
    const who = m.to.startsWith('user:') ? t(CLI_LOCALE, 'cli.bot_to', { who: m.to.slice('user:'.length) }) : t(CLI_LOCALE, 'cli.bot');
    io.stdout.write(`\n${who}:\n${m.message.text.replace(/^/gm, '  ')}\n`);
  }
}

export const chat: CliCommand = {
  name: 'chat',
  usage: 'chat',
  summary: 'play the client (and the PM with /release …) in the terminal',
  async run(_args, io) {
    // The real database and queue, but no platform: a running service owns Slack and WeCom (the outbox
    // here sends only on the local chat, so their rows stay for the service).
    const config = { ...readConfig(io.env), slack: undefined, wecom: undefined, wecomKf: undefined };
    // The terminal is the chat: only warnings and errors are logged, to stderr.
    const app = await createApp(config, { localChat: true, logger: createLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, destination: process.stderr }) });
    await app.start();
    const session = new LocalSession(app, 'terminal');
    io.stdout.write(`${t(CLI_LOCALE, 'cli.chat_intro')}\n`);
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
    }
    return 0;
  },
};
