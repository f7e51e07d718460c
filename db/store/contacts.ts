/**
 * A client's contacts (who is asked, who decides, in which language and zone) and the agency
 * members watching a client's digest lines. Rare writes, small reads: queries built each time, but
 * `contactsOf`, read for every message.
 *
 *   store.putContact({ clientId: 1, platform: 'wecom', address: 'zhang', role: 'works', locale: 'zh', at });
 *   store.watchersOf(1);  // ['slack:U2']
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toContact } from './rows.js';

type ContactMethods = Pick<ReleaseStore, 'contactsOf' | 'putContact' | 'removeContact' | 'watchersOf' | 'setWatching'>;

export function contactStore(db: Db): ContactMethods {
  // Read for every message a client sends (who reads the reply, in which language): prepared once.
  const ofClient = lazy(() =>
    db
      .select()
      .from(s.contacts)
      .where(eq(s.contacts.clientId, sql.placeholder('clientId')))
      .orderBy(asc(s.contacts.id))
      .prepare(),
  );
  return {
    contactsOf: (clientId) => ofClient().all({ clientId }).map(toContact),
    putContact: ({ clientId, platform, address, role, name, locale, timezone, at }) => {
      const set = {
        role,
        ...(name !== undefined ? { name } : {}),
        ...(locale !== undefined ? { locale } : {}),
        ...(timezone !== undefined ? { timezone } : {}),
      };
      const row = db
        .insert(s.contacts)
        .values({
          clientId,
          platform,
          address,
          role,
          name: name ?? null,
          locale: locale ?? null,
          timezone: timezone ?? null,
          createdAt: at,
        })
        .onConflictDoUpdate({ target: [s.contacts.clientId, s.contacts.platform, s.contacts.address], set })
        .returning()
        .get();
      return toContact(row);
    },
    removeContact: (id) => {
      db.delete(s.contacts).where(eq(s.contacts.id, id)).run();
    },
    watchersOf: (clientId) =>
      db
        .select({ user: s.watchers.user })
        .from(s.watchers)
        .where(eq(s.watchers.clientId, clientId))
        .orderBy(asc(s.watchers.createdAt))
        .all()
        .map((r) => r.user),
    setWatching: (clientId, user, watching, at) => {
      if (watching)
        return db.insert(s.watchers).values({ clientId, user, createdAt: at }).onConflictDoNothing().run().changes > 0;
      return (
        db
          .delete(s.watchers)
          .where(and(eq(s.watchers.clientId, clientId), eq(s.watchers.user, user)))
          .run().changes > 0
      );
    },
  };
}
