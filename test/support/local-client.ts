/**
 * The client of the local conversation `client`, as conversation tests drive it: a message through the bot, the
 * outbox flushed, the bot's answers read back from the local chat's transcript.
 */
import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import type { ItemKey, ItemValue } from '../../src/checklist/types.js';
import { PM } from '../jobs/reminder-helpers.js';
import { startTestApp, type TestApp } from './app.js';

type App = TestApp['app'];

/** The client says `text`; resolves to what the bot answered in the thread (its messages joined by newlines). */
export async function clientSays(app: App, text: string): Promise<string> {
  const seen = app.localChat?.transcript.length ?? 0;
  await app.bot.handle({
    platform: 'local',
    channel: 'client',
    sender: 'local:client',
    text,
    externalId: randomUUID(),
  });
  await app.outbox.flush();
  return (app.localChat?.transcript.slice(seen) ?? []).map((m) => m.message.text).join('\n');
}

/** Exactly `keys` are the items just asked: every other asked item goes back to todo. */
export function askOnly(app: App, releaseId: number, keys: ItemKey[]): void {
  for (const item of app.store.items(releaseId))
    if (item.status === 'asked') app.service.setStatus(releaseId, item.key, 'todo', 'test');
  app.service.markAsked(releaseId, keys, 'test');
}

/**
 * A release the PM starts in the local conversation, driven from its client's side: which items are asked, what the
 * client says (the bot's answer back), what an item holds, what the PM's status says. `answered` is on file first.
 */
export async function localRelease(
  app: App,
  locale: 'en' | 'zh',
  name: string,
  answered: Partial<Record<ItemKey, ItemValue>> = {},
) {
  await app.bot.command(PM, `/release start ${name} ${locale}`);
  await app.outbox.flush();
  const id = app.store.openReleaseOf(app.service.clientByName(name).id)?.id as number;
  for (const [key, value] of Object.entries(answered))
    app.service.recordAnswer(id, key as ItemKey, value as ItemValue, { actor: 'test', mode: 'replace' });
  return {
    app,
    id,
    asked: (keys: ItemKey[]) => askOnly(app, id, keys),
    say: (text: string): Promise<string> => clientSays(app, text),
    item: (key: ItemKey) => app.store.item(id, key),
    status: async () => (await app.bot.command(PM, `/release status ${name}`)).message.text,
  };
}

/**
 * A test file's local releases: `release(locale, name, answered?)` starts a private app for the test and a release in
 * its local conversation; the app is closed after each test.
 */
export function localReleases() {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  return async (locale: 'en' | 'zh', name: string, answered: Partial<Record<ItemKey, ItemValue>> = {}) => {
    t = await startTestApp();
    return localRelease(t.app, locale, name, answered);
  };
}
