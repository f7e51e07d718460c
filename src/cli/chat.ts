/**
 * `release-bot chat`: a release conversation in the terminal, against the real database and queue.
 * You are the client; lines starting with /release are yours as the PM.
 */
import { createInterface } from 'node:readline/promises';
import { readConfig } from '../config.js';
import { createApp } from '../main.js';
import { createLogger } from '../logger.js';
import type { CliCommand, CliIO } from './command.js';
import { type LocalMessage, LocalSession } from './local-session.js';

export function printMessages(io: CliIO, messages: readonly LocalMessage[]): void {
  for (const m of messages) {
    const who = m.to.startsWith('user:') ? `bot → ${m.to.slice('user:'.length)}` : 'bot';
    io.stdout.write(`\n${who}:\n${m.message.text.replace(/^/gm, '  ')}\n`);
  }
}

export const chat: CliCommand = {
  name: 'chat',
  usage: 'chat',
  summary: 'play the client (and the PM with /release …) in the terminal',
  async run(_args, io) {
    const config = readConfig(io.env);
    const app = await createApp(config, { localChat: true, logger: createLogger({ level: io.env.LOG_LEVEL ?? 'warn', destination: process.stderr }) });
    await app.start();
    const session = new LocalSession(app, 'terminal');
    io.stdout.write('You are the client. Lines starting with /release are the PM’s (try: /release start Acme Coffee). Ctrl-D quits.\n');
    const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: false });
    try {
      for await (const line of rl) {
        const text = line.trim();
        if (!text) continue;
        const { answer, messages } = await session.send(text.startsWith('/release') ? 'pm' : 'client', text);
        if (answer) io.stdout.write(`\n(PM) ${answer.replace(/\n/g, '\n     ')}\n`);
        printMessages(io, messages);
      }
    } finally {
      rl.close();
      await app.stop();
    }
    return 0;
  },
};
