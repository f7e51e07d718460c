/**
 * Client-page links: one row per link, found by the SHA-256 of its token (the token itself is never stored).
 *
 *   const store = { ...linkStore(db), ... };
 *   store.linkByTokenHash(sha256hex(token))?.releaseId;
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ClientLink } from '../../src/release/model.js';
import type { ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';

type LinkMethods = Pick<ReleaseStore, 'createLink' | 'linkByTokenHash' | 'linksOf' | 'revokeLink' | 'useLink'>;
type LinkRow = typeof s.clientLinks.$inferSelect;

const toLink = (r: LinkRow): ClientLink => ({ ...r });

export function linkStore(db: Db): LinkMethods {
  return {
    createLink: (input) => toLink(db.insert(s.clientLinks).values(input).returning().get()),
    linkByTokenHash: (tokenHash) => {
      const row = db.select().from(s.clientLinks).where(eq(s.clientLinks.tokenHash, tokenHash)).get();
      return row && toLink(row);
    },
    linksOf: (releaseId) =>
      db
        .select()
        .from(s.clientLinks)
        .where(eq(s.clientLinks.releaseId, releaseId))
        .orderBy(desc(s.clientLinks.id))
        .all()
        .map(toLink),
    revokeLink: (id, at) =>
      db
        .update(s.clientLinks)
        .set({ revokedAt: at })
        .where(and(eq(s.clientLinks.id, id), isNull(s.clientLinks.revokedAt)))
        .run().changes > 0,
    useLink: (id, at) =>
      db
        .update(s.clientLinks)
        .set({ usedAt: at })
        .where(and(eq(s.clientLinks.id, id), isNull(s.clientLinks.usedAt)))
        .run().changes > 0,
  };
}
