/**
 * Where the WeChat checks (App secret, template IDs) post what they found: the client's threads,
 * and the release's PM by direct message. One place, so both checks reach people the same way.
 *
 *   postToClient(store, outbox, client, message);
 *   postToPm(outbox, release, text);
 */
import { type Outbox, userAddress } from '../outbox.js';
import type { OutboundMessage } from '../ports.js';
import type { Client, Release } from '../release/model.js';
import type { ThreadStore } from '../release/store.js';

/** The message in every thread of the client. */
export function postToClient(store: Pick<ThreadStore, 'threadsOfClient'>, outbox: Outbox, client: Client, message: OutboundMessage): void {
  for (const thread of store.threadsOfClient(client.id)) outbox.post({ kind: 'thread', thread }, message);
}

/** The text to the release's PM, when it has one. */
export function postToPm(outbox: Outbox, release: Release, text: string): void {
  const pm = release.pmUser ? userAddress(release.pmUser) : undefined;
  if (pm) outbox.post(pm, { text });
}
