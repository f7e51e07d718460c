/**
 * Where stored messages are processed elsewhere (PROCESSING=worker hands client messages to a worker
 * thread; PM commands and messages with files stay in the service): a slice is processed in the order
 * it came — runs handed over in turn, the others processed between them — and a message that failed
 * there rejects whoever waits for it (a page must not say "saved"). The worker's side is the bot's own
 * `processStored`, called here in-process in place of the thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Inbound } from '../../src/inbound.js';
import { PM } from '../jobs/reminder-helpers.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
afterEach(async () => t?.close());

const client = (text: string, id: string): Inbound => ({
  platform: 'local',
  channel: 'client',
  sender: 'local:client',
  text,
  externalId: id,
});

async function opened(): Promise<TestApp['app']> {
  t = await startTestApp();
  await t.app.bot.command(PM, '/release start Acme en');
  return t.app;
}

describe('processing elsewhere', () => {
  it('a PM command between two client messages splits the hand-over: client, command, client, in that order', async () => {
    const app = await opened();
    const handedOver: string[][] = [];
    app.bot.processElsewhere({
      process: async (ids) => {
        handedOver.push(ids.map((id) => app.store.inbound(id)?.text ?? ''));
        return app.bot.processStored(ids);
      },
    });
    const pm = {
      platform: 'local',
      channel: 'client',
      sender: 'local:pm',
      text: '/release status Acme',
      externalId: 'cmd-1',
      command: { isPm: true, locale: 'en' as const },
    };
    await Promise.all([
      app.bot.accept(client('AppID wx3c5e7a9b1d2f4e6a', 'm-1'), { untilProcessed: true }),
      app.bot.accept(pm, {
        untilProcessed: true,
        answer: { reply: async () => undefined, failed: async () => undefined },
      }),
      app.bot.accept(client('roles are added', 'm-2'), { untilProcessed: true }),
    ]);
    expect(handedOver).toEqual([['AppID wx3c5e7a9b1d2f4e6a'], ['roles are added']]);
    expect(app.store.unprocessedInbound()).toEqual([]);
  });

  it('a message that failed elsewhere rejects its waiter and stays stored for the next start', async () => {
    const app = await opened();
    app.bot.processElsewhere({ process: async (ids) => [...ids] });
    await expect(app.bot.accept(client('AppID wx3c5e7a9b1d2f4e6a', 'm-3'), { untilProcessed: true })).rejects.toThrow();
    expect(app.store.unprocessedInbound()).toHaveLength(1);
  });
});
