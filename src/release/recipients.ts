/**
 * Who on the client's side reads a message, in which language and zone. A client's contacts
 * (`/release contact add`) sit at thread addresses: questions, nudges and notices go to the threads
 * of those who do the work (`works`, `both`), escalations to those who only decide (`decides`).
 * A thread with no contact (a group chat, a Slack channel bound before contacts) reads everything
 * in the client's language; so does every thread of a client without contacts.
 *
 *   recipients('questions', client, threads, contacts)  // [{ thread, locale: 'en', timezone: 'Europe/Berlin' }]
 */
import type { Locale } from '../i18n/index.js';
import type { Client, Contact, Thread } from './model.js';
import type { ReleaseStore } from './store.js';

export interface Recipient {
  thread: Thread;
  locale: Locale;
  timezone: string;
  contact?: Contact;
}

export type Purpose = 'questions' | 'escalation';

const works = (c: Contact): boolean => c.role === 'works' || c.role === 'both';

/** The contact at a thread's address, if any. */
export function contactAt(
  contacts: readonly Contact[],
  thread: Pick<Thread, 'platform' | 'channel'>,
): Contact | undefined {
  return contacts.find((c) => c.platform === thread.platform && c.address === thread.channel);
}

export function recipients(
  purpose: Purpose,
  client: Client,
  threads: readonly Thread[],
  contacts: readonly Contact[],
): Recipient[] {
  const anyWorker = contacts.some(works);
  const out: Recipient[] = [];
  for (const thread of threads) {
    const contact = contactAt(contacts, thread);
    const reader = {
      thread,
      locale: contact?.locale ?? client.locale,
      timezone: contact?.timezone ?? client.timezone,
      ...(contact ? { contact } : {}),
    };
    if (purpose === 'escalation') {
      if (contact?.role === 'decides') out.push(reader);
    } else if (!contact || works(contact) || !anyWorker) out.push(reader);
  }
  return out;
}

/** `recipients('questions', …)` with the client's contacts read from the store. */
export function questionRecipients(
  store: Pick<ReleaseStore, 'contactsOf'>,
  client: Client,
  threads: readonly Thread[],
): Recipient[] {
  return recipients('questions', client, threads, store.contactsOf(client.id));
}

/** The zone reminders are planned in: the first contact who does the work and has a zone of their own, else the client's. */
export function workZone(client: Client, contacts: readonly Contact[]): string {
  return contacts.find((c) => works(c) && c.timezone)?.timezone ?? client.timezone;
}

/** A client as one recipient reads it (their language and zone): what the conversation and messages take. */
export function asReadBy(client: Client, reader: Pick<Recipient, 'locale' | 'timezone'>): Client {
  return { ...client, locale: reader.locale, timezone: reader.timezone };
}

/** The client as the contact at `thread` reads it (their own language and zone), or as it is. */
export function clientAsReadAt(
  store: Pick<ReleaseStore, 'contactsOf'>,
  client: Client,
  thread: Pick<Thread, 'platform' | 'channel'>,
): Client {
  const contact = contactAt(store.contactsOf(client.id), thread);
  return contact
    ? asReadBy(client, { locale: contact.locale ?? client.locale, timezone: contact.timezone ?? client.timezone })
    : client;
}
