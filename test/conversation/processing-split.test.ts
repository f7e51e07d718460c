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

  it('hands the next slice over before the worker answered for the one before, and settles them in order', async () => {
    const app = await opened();
    const answers: (() => void)[] = [];
    const handedOver: number[][] = [];
    app.bot.processElsewhere({
      process: (ids) => {
        handedOver.push([...ids]);
        // The worker answers only when the test says so.
        return new Promise<number[]>((resolve) => answers.push(() => void app.bot.processStored(ids).then(resolve)));
      },
    });
    const order: string[] = [];
    const messages = Array.from({ length: 40 }, (_, i) =>
      app.bot
        .accept(client(`message ${i}`, `p-${i}`), { untilProcessed: true })
        .then(() => void order.push(`message ${i}`)),
    );
    for (let i = 0; i < 500 && handedOver.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(handedOver.map((ids) => ids.length)).toEqual([32, 8]); // the second before the first was answered
    answers[1]?.(); // the worker would not answer out of order; settling waits for the first anyway
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    answers[0]?.();
    await Promise.all(messages);
    expect(order).toEqual(Array.from({ length: 40 }, (_, i) => `message ${i}`));
    expect(app.store.unprocessedInbound()).toEqual([]);
  });

  it('a worker gone with slices handed over: this thread processes each of them, in the order they came', async () => {
    const app = await opened();
    const rejections: ((err: Error) => void)[] = [];
    app.bot.processElsewhere({ process: () => new Promise<number[]>((_, reject) => rejections.push(reject)) });
    const processed: string[] = [];
    const messages = Array.from({ length: 40 }, (_, i) =>
      app.bot
        .accept(client(`message ${i}`, `g-${i}`), { untilProcessed: true })
        .then(() => void processed.push(`${i}`)),
    );
    for (let i = 0; i < 500 && rejections.length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rejections).toHaveLength(2);
    for (const reject of rejections.reverse()) reject(new Error('the processing worker exited'));
    await Promise.all(messages);
    expect(processed).toEqual(Array.from({ length: 40 }, (_, i) => `${i}`));
    expect(app.store.unprocessedInbound()).toEqual([]);
    const ids = app.store.events(app.store.openReleaseOf(1)?.id ?? 0, 500).filter((e) => e.type === 'inbound');
    expect(
      ids
        .map((e) => e.text)
        .reverse()
        .slice(-40),
    ).toEqual(Array.from({ length: 40 }, (_, i) => `message ${i}`));
  });
});
