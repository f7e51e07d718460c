/**
 * Where the WeChat checks (App secret, template IDs) post what they found: the client's threads,
 * and the release's PM by direct message. One place, so both checks reach people the same way.
 *
 *   postToClient(store, outbox, client, message);
 *   postToPm(outbox, release, text);
 */
import { type Outbox, userAddress } from '../outbox.js';
import type { Locale } from '../i18n/index.js';
import type { OutboundMessage } from '../ports.js';
import type { Client, Release, Thread } from '../release/model.js';
import { questionRecipients } from '../release/recipients.js';
import type { PeopleStore, ThreadStore } from '../release/store.js';

/** The message in each thread of the client that gets questions, in its reader's language (`src/release/recipients.ts`). */
export function postToClient(
  store: Pick<ThreadStore, 'threadsOfClient'> & Pick<PeopleStore, 'contactsOf'>,
  outbox: Outbox,
  client: Client,
  message: OutboundMessage | ((locale: Locale, thread: Thread) => OutboundMessage),
): void {
  for (const { thread, locale } of questionRecipients(store, client, store.threadsOfClient(client.id))) {
    outbox.post({ kind: 'thread', thread }, typeof message === 'function' ? message(locale, thread) : message);
  }
}

/** The text to the release's PM, when it has one. */
export function postToPm(outbox: Outbox, release: Release, text: string): void {
  const pm = release.pmUser ? userAddress(release.pmUser) : undefined;
  if (pm) outbox.post(pm, { text });
}
