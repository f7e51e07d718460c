/**
 * Seeds the reminders benchmark in a process of its own: `count` clients, each with an open release
 * (every checklist item), a bound local thread and a due-date warning due `leadMs` from the end of
 * the seeding, queued as BullMQ delayed jobs (500 per call). The measured process then opens a
 * database and a queue that already hold them, as the service does when a burst comes due — the
 * seed's own allocations are not counted against it. Prints `{ dueAt, addMs }` as JSON.
 *
 *   node --import tsx bench/seed-releases.ts /tmp/bench.sqlite 10000 redis://127.0.0.1:6390 bench 8000
 */
import { Queue } from 'bullmq';
import { closeDatabase, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { bullConnection, REMINDER_JOB_OPTIONS, REMINDER_QUEUE, type ReminderPayload } from '../jobs/queues.js';
import { ITEM_KEYS } from '../src/checklist/types.js';

export async function seed(
  path: string,
  count: number,
  redisUrl: string,
  prefix: string,
  leadMs: number,
): Promise<{ dueAt: string; addMs: number }> {
  const db = openDatabase(path);
  runMigrations(db);
  const store = createStore(db);
  const at = new Date().toISOString();
  store.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const client = store.createClient({
        name: `Client ${i}`,
        locale: i % 2 ? 'zh' : 'en',
        timezone: 'Asia/Shanghai',
        at,
      });
      // Open all day: the burst goes out whatever the hour the bench runs (else every copy is held for the morning).
      store.updateClient(client.id, { opensAt: 0, closesAt: 24 * 60 });
      store.createRelease({ clientId: client.id, pmUser: 'local:pm', targetDate: '2030-01-01', keys: ITEM_KEYS, at });
      store.bindThread({ clientId: client.id, platform: 'local', channel: `c${i}`, kind: 'local', at });
    }
  });
  const dueAt = new Date(Date.now() + leadMs).toISOString();
  const rows = store.transaction(() =>
    Array.from({ length: count }, (_, i) =>
      store.upsertReminder({
        id: `due-${i + 1}-1d`,
        releaseId: i + 1,
        itemKey: null,
        kind: 'due_date',
        dueAt,
        payload: { days: 1 },
      }),
    ),
  );
  closeDatabase(db);
  const connection = bullConnection(redisUrl);
  const queue = new Queue<ReminderPayload>(REMINDER_QUEUE, { connection, prefix });
  const addStart = Date.now();
  for (let i = 0; i < rows.length; i += 500) {
    await queue.addBulk(
      rows.slice(i, i + 500).map((r) => ({
        name: r.kind,
        data: { reminderId: r.id, dueAt: r.dueAt },
        opts: { ...REMINDER_JOB_OPTIONS, jobId: r.id, delay: Math.max(0, Date.parse(r.dueAt) - Date.now()) },
      })),
    );
  }
  const addMs = Date.now() - addStart;
  await queue.close();
  await connection.quit();
  return { dueAt, addMs };
}

const [path, count, redisUrl, prefix, leadMs] = process.argv.slice(2);
if (path && count && redisUrl && prefix && leadMs && process.argv[1]?.endsWith('seed-releases.ts')) {
  process.stdout.write(`${JSON.stringify(await seed(path, Number(count), redisUrl, prefix, Number(leadMs)))}\n`);
}
