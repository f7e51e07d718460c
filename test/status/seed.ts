/**
 * Seeds a real app's database through the release service, the way a release really unfolds:
 * questions asked, days pass, the client answers (a secret among them), the PM blocks an item,
 * the bot sends a message. Shared by the status, export and page tests.
 *
 *   const acme = seedAcme(t);          // blocked + overdue: needs attention first
 *   const blue = seedQuiet(t, 'Blue Tea');
 */
import type { TestApp } from '../support/app.js';
import { CLIENT_APP_ID } from '../support/ids.js';

export const ACME_SECRET = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
export const ACME_APP_ID = CLIENT_APP_ID;

export function seedAcme(t: TestApp, name = 'Acme Coffee') {
  const { service, outbox, bot } = t.app;
  const { client, release } = service.startRelease({
    clientName: name,
    pmUser: 'local:pm',
    actor: 'local:pm',
    locale: 'en',
  });
  const thread = service.bindThread({
    clientId: client.id,
    platform: 'local',
    channel: `seed-${client.id}`,
    kind: 'local',
    actor: 'local:pm',
  });
  service.markAsked(release.id, ['developers', 'template_ids', 'app_id'], 'bot');
  t.clock.advance(4 * 86_400_000);
  bot.receive({
    platform: 'local',
    channel: thread.channel,
    sender: 'local:client',
    text: `our AppID is ${ACME_APP_ID}, secret ${ACME_SECRET}`,
    externalId: `seed-${client.id}`,
  });
  service.recordAnswer(release.id, 'app_id', ACME_APP_ID, { actor: 'local:client' });
  service.recordSecret(release.id, 'app_secret', ACME_SECRET, 'local:client');
  service.setStatus(release.id, 'app_icon', 'blocked', 'local:pm', 'brand team, "v2", not ready');
  outbox.post({ kind: 'thread', thread }, { text: 'Thanks — App ID saved.' });
  return { client, release, thread };
}

/** A release started just now, nothing asked: needs no attention. */
export function seedQuiet(t: TestApp, name: string) {
  return t.app.service.startRelease({ clientName: name, pmUser: 'local:pm', actor: 'local:pm', locale: 'zh' });
}
