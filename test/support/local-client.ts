/**
 * The client of the local conversation `client`, as conversation tests drive it: a message through the bot, the
 * outbox flushed, the bot's answers read back from the local chat's transcript.
 */
import { randomUUID } from 'node:crypto';
import type { ItemKey } from '../../src/checklist/types.js';
import type { TestApp } from './app.js';

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
