/**
 * A release's checklist items and its encrypted secrets. Item reads are on every hot path (a
 * reply, a reminder, a status), so they are prepared once per store; an item update sets whichever
 * fields the patch carries, so it builds its query each time.
 *
 *   const store = { ...itemStore(db), ... };
 *   store.item(1, 'app_id')?.status;  // 'asked'
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { FINISHED, ITEM_KEYS, type ItemKey } from '../../src/checklist/types.js';
import type { ItemPatch, ReleaseStore } from '../../src/release/store.js';
import type { Db } from '../client.js';
import * as s from '../schema.js';
import { lazy } from './lazy.js';
import { toItem } from './rows.js';

type ItemMethods = Pick<
  ReleaseStore,
  'items' | 'openItems' | 'item' | 'updateItem' | 'putSecret' | 'getSecret' | 'deleteSecret'
>;

export function itemStore(db: Db): ItemMethods {
  const ofRelease = lazy(() =>
    db
      .select()
      .from(s.items)
      .where(eq(s.items.releaseId, sql.placeholder('releaseId')))
      .orderBy(asc(s.items.id))
      .prepare(),
  );
  const byKey = lazy(() =>
    db
      .select()
      .from(s.items)
      .where(and(eq(s.items.releaseId, sql.placeholder('releaseId')), eq(s.items.key, sql.placeholder('key'))))
      .prepare(),
  );
  // Answered from the items_status index alone, one row per release (a row per item costs twice as
  // much; item keys hold no comma).
  const open = lazy(() =>
    db.$client
      .prepare<[string], [number, string]>(
        `SELECT release_id, group_concat(key) FROM items WHERE release_id IN (SELECT value FROM json_each(?)) AND status NOT IN (${[...FINISHED].map((f) => `'${f}'`).join(', ')}) GROUP BY release_id`,
      )
      .raw(),
  );
  return {
    items: (releaseId) => ofRelease().all({ releaseId }).map(toItem),
    openItems: (releaseIds) => {
      const keys = new Map<number, ItemKey[]>(releaseIds.map((id) => [id, []]));
      if (releaseIds.length === 0) return keys;
      // In checklist order: the checklist filtered by the open keys (cheaper than sorting them with a comparator).
      for (const [releaseId, list] of open().all(JSON.stringify([...keys.keys()]))) {
        const listed = new Set(list.split(','));
        keys.set(
          releaseId,
          ITEM_KEYS.filter((key) => listed.has(key)),
        );
      }
      return keys;
    },
    item: (releaseId, key) => {
      const row = byKey().get({ releaseId, key });
      return row && toItem(row);
    },
    updateItem: (releaseId, key, patch: ItemPatch, at) => {
      db.update(s.items)
        .set({ ...patch, updatedAt: at })
        .where(and(eq(s.items.releaseId, releaseId), eq(s.items.key, key)))
        .run();
    },
    putSecret: (releaseId, name, secret, at) => {
      db.insert(s.secrets)
        .values({ releaseId, name, ...secret, createdAt: at, updatedAt: at })
        .onConflictDoUpdate({ target: [s.secrets.releaseId, s.secrets.name], set: { ...secret, updatedAt: at } })
        .run();
    },
    deleteSecret: (releaseId, name) => {
      db.delete(s.secrets)
        .where(and(eq(s.secrets.releaseId, releaseId), eq(s.secrets.name, name)))
        .run();
    },
    getSecret: (releaseId, name) => {
      const row = db
        .select()
        .from(s.secrets)
        .where(and(eq(s.secrets.releaseId, releaseId), eq(s.secrets.name, name)))
        .get();
      return row && { iv: row.iv, ciphertext: row.ciphertext, tag: row.tag, last4: row.last4 };
    },
  };
}
