import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { MIGRATIONS_FOLDER, runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { tempDir } from '../support/tmp.js';
import { CLIENT_APP_ID } from '../support/ids.js';

interface Journal {
  entries: { idx: number; tag: string; when: number; breakpoints: boolean; version: string }[];
}

const journal = (): Journal =>
  JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;

/** A copy of the migrations folder holding only the first `n` migrations (plus extra SQL, if given). */
function migrationsUpTo(n: number, extra?: { tag: string; sql: string }): string {
  const dir = join(tempDir('migrations-'), 'migrations');
  mkdirSync(join(dir, 'meta'), { recursive: true });
  const j = journal();
  const entries = j.entries.slice(0, n);
  for (const e of entries) cpSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  if (extra) {
    const last = entries.at(-1);
    entries.push({
      idx: entries.length,
      tag: extra.tag,
      when: (last?.when ?? 0) + 1,
      breakpoints: true,
      version: last?.version ?? '6',
    });
    writeFileSync(join(dir, `${extra.tag}.sql`), extra.sql);
  }
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...j, entries }));
  return dir;
}

/**
 * Data in the shape of the first schema, written with plain SQL (the store's statements name every
 * column of today's schema, which an older database lacks): a client, a release with a 微信客服
 * scene, a thread, all items, an answer, an event, a reminder and an outbox row.
 */
function seed(db: Db): { releaseId: number } {
  const at = '2026-11-25T02:00:00.000Z';
  const sql = db.$client;
  const clientId = Number(
    sql
      .prepare(
        "INSERT INTO clients (name, name_key, locale, timezone, created_at) VALUES ('Acme Coffee', 'acme coffee', 'zh', 'Asia/Shanghai', ?)",
      )
      .run(at).lastInsertRowid,
  );
  const releaseId = Number(
    sql
      .prepare(
        "INSERT INTO releases (client_id, pm_user, kf_scene, created_at) VALUES (?, 'slack:UPM', 'scene-before-expiry', ?)",
      )
      .run(clientId, at).lastInsertRowid,
  );
  const threadId = Number(
    sql
      .prepare(
        "INSERT INTO threads (client_id, platform, channel, kind, created_at) VALUES (?, 'slack', 'C1', 'channel', ?)",
      )
      .run(clientId, at).lastInsertRowid,
  );
  const item = sql.prepare("INSERT INTO items (release_id, key, status, updated_at) VALUES (?, ?, 'todo', ?)");
  for (const key of ITEM_KEYS) item.run(releaseId, key, at);
  sql
    .prepare(
      `UPDATE items SET status = 'answered', value = '"${CLIENT_APP_ID}"', set_by = 'slack:U9', set_at = ? WHERE release_id = ? AND key = 'app_id'`,
    )
    .run(at, releaseId);
  sql
    .prepare(
      `INSERT INTO events (release_id, client_id, type, actor, text, created_at) VALUES (?, ?, 'inbound', 'slack:U9', 'AppID ${CLIENT_APP_ID}', ?)`,
    )
    .run(releaseId, clientId, at);
  sql
    .prepare("INSERT INTO reminders (id, release_id, item_key, kind, due_at) VALUES (?, ?, 'developers', 'nudge', ?)")
    .run(`nudge:${releaseId}:developers:1`, releaseId, at);
  sql
    .prepare(
      `INSERT INTO outbox (thread_id, platform, address, message, created_at, next_attempt_at) VALUES (?, 'slack', 'C1', '{"text":"hello"}', ?, ?)`,
    )
    .run(threadId, at, at);
  return { releaseId };
}

const count = (db: Db, table: string): number =>
  (db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

let open: Db[] = [];
afterEach(() => {
  for (const db of open) closeDatabase(db);
  open = [];
});

function fresh(): Db {
  const db = openDatabase(join(tempDir(), 'bot.sqlite'));
  open.push(db);
  return db;
}

describe('database', () => {
  it('opens in WAL mode with foreign keys on', () => {
    const db = fresh();
    runMigrations(db);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('round-trips clients, releases, threads, items, events, reminders, secrets, outbox and cursors', () => {
    const db = fresh();
    runMigrations(db);
    const { releaseId } = seed(db);
    const store = createStore(db);
    const at = '2026-11-25T03:00:00.000Z';
    store.putSecret(releaseId, 'app_secret', { iv: 'aXY=', ciphertext: 'Y3Q=', tag: 'dGFn', last4: '7e6d' }, at);
    const outboxId = store.enqueue({
      threadId: 1,
      platform: 'slack',
      address: 'C1',
      message: { text: 'hi', blocks: [{ type: 'text', text: 'hi' }] },
      dedupeKey: 'k1',
      at,
    });
    expect(
      store.enqueue({ threadId: 1, platform: 'slack', address: 'C1', message: { text: 'again' }, dedupeKey: 'k1', at }),
    ).toBeUndefined();
    store.setCursor('kf:sync', 'CURSOR1', at);

    expect(store.findClientByName('  acme   COFFEE ')?.name).toBe('Acme Coffee');
    expect(store.openReleaseOf(1)?.id).toBe(releaseId);
    expect(store.findThread('slack', 'C1')?.kind).toBe('channel');
    expect(store.item(releaseId, 'app_id')).toMatchObject({
      status: 'answered',
      value: CLIENT_APP_ID,
      setBy: 'slack:U9',
    });
    expect(store.items(releaseId)).toHaveLength(26);
    expect(store.events(releaseId)[0]?.text).toBe(`AppID ${CLIENT_APP_ID}`);
    expect(store.getReminder(`nudge:${releaseId}:developers:1`)?.state).toBe('scheduled');
    expect(store.getSecret(releaseId, 'app_secret')?.last4).toBe('7e6d');
    expect(store.getOutbox(outboxId as number)?.message).toEqual({
      text: 'hi',
      blocks: [{ type: 'text', text: 'hi' }],
    });
    expect(store.getCursor('kf:sync')).toBe('CURSOR1');
    expect(store.statusRows({ clientId: 1 })[0]?.items).toHaveLength(26);
    expect(store.statusRows()[0]?.progress).toMatchObject({ done: 1, total: 26 });
  });

  it('stores an inbound delivery once, by its platform id', () => {
    const db = fresh();
    runMigrations(db);
    const store = createStore(db);
    const e = {
      type: 'inbound',
      externalId: 'slack:Ev1',
      actor: 'slack:U9',
      text: 'hi',
      at: '2026-11-25T02:00:00.000Z',
    };
    const first = store.recordInbound(e);
    expect(first).toBeTypeOf('number');
    expect(store.recordInbound(e)).toBeUndefined();
    expect(store.unprocessedInbound()).toEqual([first]);
  });

  it('upgrades from every earlier schema with data in it, losing nothing', () => {
    const total = journal().entries.length;
    expect(total).toBeGreaterThanOrEqual(2);
    const expiryMigration = journal().entries.findIndex((e) => e.tag === '0006_releases_kf_scene_at');
    expect(expiryMigration).toBeGreaterThan(0);
    const contactsMigration = journal().entries.findIndex((e) => e.tag === '0011_repeat_releases_contacts');
    expect(contactsMigration).toBeGreaterThan(0);
    for (let n = 1; n < total; n += 1) {
      const db = fresh();
      runMigrations(db, migrationsUpTo(n));
      const { releaseId } = seed(db);
      const before = {
        items: count(db, 'items'),
        events: count(db, 'events'),
        threads: count(db, 'threads'),
        reminders: count(db, 'reminders'),
      };
      runMigrations(db);
      expect({
        items: count(db, 'items'),
        events: count(db, 'events'),
        threads: count(db, 'threads'),
        reminders: count(db, 'reminders'),
      }).toEqual(before);
      const store = createStore(db);
      expect(store.item(releaseId, 'app_id')?.value).toBe(CLIENT_APP_ID);
      // Provenance came later: a value from before says who set it, and nothing about how.
      expect(store.item(releaseId, 'app_id')).toMatchObject({
        setBy: 'slack:U9',
        setRole: null,
        setHow: null,
        pmNote: null,
      });
      // Columns added later get their values: an invite link made before links expired counts from the upgrade.
      if (n <= expiryMigration) expect(store.getRelease(releaseId)?.inviteSceneAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(store.dueOutbox('9999-12-31T00:00:00.000Z', 10)[0]).toMatchObject({
        message: { text: 'hello' },
        partsSent: 0,
      });
      // Repeat releases and contacts came later: a release is the client's no. 1, and its one conversation its one contact (who works and decides, in the client's language and zone).
      expect(store.getRelease(releaseId)).toMatchObject({ seq: 1, name: null });
      // (The backfill runs once, in its migration: data written after it is not backfilled — later migrations must not matter.)
      if (n <= contactsMigration)
        expect(store.contactsOf(1)).toEqual([
          expect.objectContaining({ platform: 'slack', address: 'C1', role: 'both', locale: null, timezone: null }),
        ]);
      expect(store.getClient(1)).toMatchObject({ opensAt: 540, closesAt: 1080 });
    }
  });

  it('keeps child rows when a migration rebuilds a parent table (foreign keys off during migrations)', () => {
    const total = journal().entries.length;
    const db = fresh();
    runMigrations(db);
    seed(db);
    const items = count(db, 'items');
    // The shape drizzle-kit emits to alter a column in SQLite: copy, drop, rename.
    const rebuild = [
      "CREATE TABLE `__new_clients` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `name` text NOT NULL, `name_key` text NOT NULL, `locale` text DEFAULT 'en' NOT NULL, `timezone` text DEFAULT 'Asia/Shanghai' NOT NULL, `created_at` text NOT NULL);",
      'INSERT INTO `__new_clients` SELECT `id`, `name`, `name_key`, `locale`, `timezone`, `created_at` FROM `clients`;',
      'DROP TABLE `clients`;',
      'ALTER TABLE `__new_clients` RENAME TO `clients`;',
      'CREATE UNIQUE INDEX `clients_name_key` ON `clients` (`name_key`);',
    ].join('\n--> statement-breakpoint\n');
    runMigrations(db, migrationsUpTo(total, { tag: '9999_rebuild_clients', sql: rebuild }));
    expect(count(db, 'items')).toBe(items);
    expect(count(db, 'releases')).toBe(1);
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('the status overview cache', () => {
  it('is refreshed by a write on this connection and by a commit from another one', () => {
    const path = join(tempDir(), 'bot.sqlite');
    const a = openDatabase(path);
    const b = openDatabase(path);
    open.push(a, b);
    runMigrations(a);
    const [sa, sb] = [createStore(a), createStore(b)];
    const { releaseId } = seed(a);
    const done = (s: ReturnType<typeof createStore>) => s.statusRows()[0]?.progress?.done;
    expect([done(sa), done(sb)]).toEqual([1, 1]);
    sa.updateItem(releaseId, 'roles', { status: 'done', value: 'done' }, '2026-11-25T03:00:00.000Z');
    expect([done(sa), done(sb)]).toEqual([2, 2]);
    sb.updateItem(releaseId, 'sentry', { status: 'done', value: 'done' }, '2026-11-25T03:00:00.000Z');
    expect([done(sa), done(sb)]).toEqual([3, 3]);
  });

  it('reads again only what changed: an answer, a new release, a closed one, a reminder, a client message', () => {
    const db = fresh();
    runMigrations(db);
    const store = createStore(db);
    const { releaseId } = seed(db);
    const at = '2026-11-25T03:00:00.000Z';
    expect(store.statusRows().map((r) => r.progress?.done)).toEqual([1]);
    store.updateItem(releaseId, 'roles', { status: 'done', value: 'done' }, at);
    expect(store.statusRows()[0]?.progress?.done).toBe(2);
    store.upsertReminder({
      id: `nudge-${releaseId}-roles-1`,
      releaseId,
      itemKey: 'roles',
      kind: 'nudge',
      dueAt: '2026-11-20T00:00:00.000Z',
    });
    expect(store.statusRows()[0]?.nextReminderAt).toBe('2026-11-20T00:00:00.000Z');
    store.setReminderState(`nudge-${releaseId}-roles-1`, 'cancelled', at);
    expect(store.statusRows()[0]?.nextReminderAt).toBe('2026-11-25T02:00:00.000Z');
    store.appendEvent({ releaseId, type: 'inbound', actor: 'slack:U9', text: 'hi', at });
    expect(store.statusRows()[0]?.lastInboundAt).toBe(at);
    const blue = store.createClient({ name: 'Blue Tea', locale: 'en', timezone: 'Asia/Shanghai', at });
    const second = store.createRelease({ clientId: blue.id, pmUser: null, keys: ITEM_KEYS, at });
    expect(
      store
        .statusRows()
        .map((r) => r.clientName)
        .sort(),
    ).toEqual(['Acme Coffee', 'Blue Tea']);
    store.updateClient(blue.id, { locale: 'zh' });
    expect(store.statusRows().find((r) => r.releaseId === second.id)?.locale).toBe('zh');
    store.updateRelease(releaseId, { state: 'closed' });
    expect(store.statusRows().map((r) => r.releaseId)).toEqual([second.id]);
  });
});
