/**
 * Hand-written SQL beside drizzle on the reminder firing path: each statement the firing runs per
 * reminder (or per sweep), as plain better-sqlite3 and as a prepared drizzle query, timed in turns
 * (A, B, A, B … so the load of a shared machine falls on both) over a temp SQLite file with 5,000
 * reminders. The rule (issue #21): drizzle wherever it is within 10% of the plain statement.
 * Prints µs per call and the ratio; asserts nothing.
 *
 *   npm run bench -- reminder-sql
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { closeDatabase, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import * as s from '../db/schema.js';
import { createStore } from '../db/store.js';
import { LocalChat } from '../bots/local/chat.js';
import { sweepDue } from '../jobs/fire.js';
import { ITEM_KEYS } from '../src/checklist/types.js';
import { silentLogger } from '../src/logger.js';
import { Outbox } from '../src/outbox.js';
import type { Clock } from '../src/ports.js';
import { ReminderFirer } from '../src/reminders/firing.js';
import { ReminderPlanner } from '../src/reminders/planner.js';
import { secretBox } from '../src/release/secrets.js';
import { ReleaseService } from '../src/release/service.js';

const REMINDERS = 5_000;
const ROUNDS = 6;
const p = sql.placeholder;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reminder-sql-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  runMigrations(db);
  const store = createStore(db);
  const at = '2026-11-25T02:00:00.000Z';
  store.transaction(() => {
    for (let i = 0; i < REMINDERS; i += 1) {
      const client = store.createClient({ name: `Client ${i}`, locale: 'en', timezone: 'Asia/Shanghai', at });
      const release = store.createRelease({
        clientId: client.id,
        pmUser: 'local:pm',
        targetDate: '2030-01-01',
        keys: ITEM_KEYS.slice(0, 3),
        at,
      });
      store.upsertReminder({
        id: `due-${release.id}-1d`,
        releaseId: release.id,
        itemKey: null,
        kind: 'due_date',
        dueAt: new Date(Date.parse(at) + i * 1000).toISOString(),
        payload: { days: 1 },
      });
    }
  });
  const ids = Array.from({ length: REMINDERS }, (_, i) => `due-${i + 1}-1d`);
  const now = new Date(Date.parse(at) + REMINDERS * 1000).toISOString();
  const raw = db.$client;
  const cols =
    'id, release_id AS releaseId, item_key AS itemKey, kind, due_at AS dueAt, state, payload, sent_at AS sentAt';

  const pairs: { name: string; calls: number; plain: () => void; drizzle: () => void }[] = [
    (() => {
      const a = raw.prepare(`SELECT ${cols} FROM reminders WHERE id = ?`);
      const b = db
        .select()
        .from(s.reminders)
        .where(eq(s.reminders.id, p('id')))
        .prepare();
      return {
        name: 'getReminder (re-read per firing)',
        calls: REMINDERS,
        plain: () => {
          for (const id of ids) {
            const r = a.get(id) as { payload: string | null } | undefined;
            if (r?.payload) JSON.parse(r.payload);
          }
        },
        drizzle: () => {
          for (const id of ids) b.get({ id });
        },
      };
    })(),
    (() => {
      const a = raw
        .prepare('UPDATE reminders SET state = @state, sent_at = @sentAt WHERE id = @id RETURNING release_id')
        .pluck();
      const b = db
        .update(s.reminders)
        .set({ state: sql`${p('state')}`, sentAt: sql`${p('sentAt')}` })
        .where(eq(s.reminders.id, p('id')))
        .returning({ releaseId: s.reminders.releaseId })
        .prepare();
      return {
        name: 'setReminderState (mark sent)',
        calls: REMINDERS,
        plain: () => db.transaction(() => ids.forEach((id) => a.get({ id, state: 'scheduled', sentAt: null }))),
        drizzle: () => db.transaction(() => ids.forEach((id) => b.get({ id, state: 'scheduled', sentAt: null }))),
      };
    })(),
    (() => {
      const a = raw.prepare(
        `SELECT ${cols} FROM reminders WHERE state = 'scheduled' AND due_at <= ? ORDER BY due_at LIMIT ?`,
      );
      const b = db
        .select()
        .from(s.reminders)
        .where(and(eq(s.reminders.state, 'scheduled'), lte(s.reminders.dueAt, p('now'))))
        .orderBy(asc(s.reminders.dueAt))
        .limit(p('limit'))
        .prepare();
      return {
        name: 'dueReminders (500, a sweep)',
        calls: 20,
        plain: () => {
          for (let i = 0; i < 20; i += 1)
            for (const r of a.all(now, 500) as { payload: string | null }[]) if (r.payload) JSON.parse(r.payload);
        },
        drizzle: () => {
          for (let i = 0; i < 20; i += 1) b.all({ now, limit: 500 });
        },
      };
    })(),
    (() => {
      const a = raw.prepare(
        "SELECT id, due_at AS dueAt FROM reminders WHERE state = 'scheduled' ORDER BY due_at LIMIT ?",
      );
      const b = db
        .select({ id: s.reminders.id, dueAt: s.reminders.dueAt })
        .from(s.reminders)
        .where(eq(s.reminders.state, 'scheduled'))
        .orderBy(asc(s.reminders.dueAt))
        .limit(p('limit'))
        .prepare();
      return {
        name: 'nextScheduled (the alarm)',
        calls: REMINDERS,
        plain: () => {
          for (let i = 0; i < REMINDERS; i += 1) a.all(1);
        },
        drizzle: () => {
          for (let i = 0; i < REMINDERS; i += 1) b.all({ limit: 1 });
        },
      };
    })(),
    (() => {
      const a = raw
        .prepare(
          `INSERT INTO outbox (thread_id, platform, address, message, dedupe_key, created_at, next_attempt_at)
           VALUES (@threadId, @platform, @address, @message, @dedupeKey, @at, @at) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
        )
        .pluck();
      const b = db
        .insert(s.outbox)
        .values({
          threadId: sql`${p('threadId')}`,
          platform: sql`${p('platform')}`,
          address: sql`${p('address')}`,
          message: sql`${p('message')}`,
          dedupeKey: sql`${p('dedupeKey')}`,
          createdAt: sql`${p('at')}`,
          nextAttemptAt: sql`${p('at')}`,
        })
        .onConflictDoNothing({ target: s.outbox.dedupeKey })
        .returning({ id: s.outbox.id })
        .prepare();
      let n = 0;
      const message = JSON.stringify({ text: 'Heads-up: the release date is the next working day.' });
      return {
        name: 'outbox enqueue (one row per firing)',
        calls: REMINDERS,
        plain: () =>
          db.transaction(() =>
            ids.forEach(() =>
              a.get({ threadId: null, platform: 'local', address: 'c', message, dedupeKey: `k${n++}`, at }),
            ),
          ),
        drizzle: () =>
          db.transaction(() =>
            ids.forEach(() =>
              b.get({ threadId: null, platform: 'local', address: 'c', message, dedupeKey: `k${n++}`, at }),
            ),
          ),
      };
    })(),
  ];

  const lines: string[] = [`${REMINDERS} reminders; ${ROUNDS} rounds each, in turns; µs per call (median round)`];
  for (const pair of pairs) {
    const times = { plain: [] as number[], drizzle: [] as number[] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const kind of round % 2 === 0 ? (['plain', 'drizzle'] as const) : (['drizzle', 'plain'] as const)) {
        const t0 = performance.now();
        pair[kind]();
        times[kind].push(((performance.now() - t0) * 1000) / pair.calls);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const a = median(times.plain);
    const b = median(times.drizzle);
    const ratio = b / a;
    lines.push(
      `${pair.name.padEnd(38)} plain ${a.toFixed(1).padStart(7)} µs   drizzle ${b.toFixed(1).padStart(7)} µs   drizzle/plain ${ratio.toFixed(2)} ${ratio <= 1.1 ? '(within 10%: drizzle)' : '(over 10%: plain SQL)'}`,
    );
  }

  // The sweep itself: 500 due-date warnings per transaction, the batch's contexts and open items
  // read in one go (prefetch) or per reminder, in turns; each round re-arms the same reminders.
  const clock: Clock = { now: () => new Date(now) };
  const service = new ReleaseService(store, clock, secretBox(Buffer.alloc(32, 1)));
  const outbox = new Outbox({ store, chats: new Map([['local', new LocalChat()]]), clock, logger: silentLogger });
  const planner = new ReminderPlanner(store);
  const firer = new ReminderFirer({ store, service, outbox, planner, clock });
  const deps = { firer, store, clock };
  const rearm = () => {
    raw.exec("UPDATE reminders SET state = 'scheduled', sent_at = NULL; DELETE FROM outbox");
  };
  const sweepTimes = { prefetch: [] as number[], each: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const kind of round % 2 === 0 ? (['prefetch', 'each'] as const) : (['each', 'prefetch'] as const)) {
      rearm();
      const t0 = performance.now();
      let fired = 0;
      for (;;) {
        const swept = sweepDue(deps, 500, new Set(), { prefetch: kind === 'prefetch' });
        fired += swept.length;
        if (swept.length < 500) break;
      }
      sweepTimes[kind].push(((performance.now() - t0) * 1000) / fired);
    }
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  const pre = med(sweepTimes.prefetch);
  const each = med(sweepTimes.each);
  lines.push(
    `sweep of 500 per transaction: batch read ${pre.toFixed(1)} µs per reminder, read per reminder ${each.toFixed(1)} µs (${(((each - pre) / each) * 100).toFixed(0)}% saved by the batch read)`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
}
