/**
 * 10,000 reminders due at the same moment: how late do they go out (p50/p99, goal: all within
 * 1 s) and does any go out twice (goal: none)? Uses a private redis-server and a temp SQLite file;
 * the real planner, firer, BullMQ scheduler and worker (whose sweeps fire most of the burst).
 * Prints figures; asserts nothing.
 *
 *   npm run bench -- reminders
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { LocalChat } from '../bots/local/chat.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { bullConnection, REMINDER_QUEUE, type ReminderPayload } from '../jobs/queues.js';
import { startPrivateRedis } from '../jobs/redis-server.js';
import type { FireRequest, FireResult, SweptFiring } from '../jobs/fire.js';
import { reminderFiring, startReminderWorker } from '../jobs/reminder-worker.js';
import { BullScheduler } from '../jobs/scheduler.js';
import { EventBus } from '../src/events.js';
import { createLogger } from '../src/logger.js';
import { Outbox } from '../src/outbox.js';
import { systemClock } from '../src/ports.js';
import { ReminderFirer } from '../src/reminders/firing.js';
import type { ReleaseStore } from '../src/release/store.js';
import { ReminderPlanner } from '../src/reminders/planner.js';
import { WorkingCalendar } from '../src/calendar/working-calendar.js';
import { secretBox } from '../src/release/secrets.js';
import { ReleaseService } from '../src/release/service.js';

const COUNT = 10_000;
const LEAD_MS = 3_000;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-reminders-'));
  const redis = await startPrivateRedis();
  // Releases, reminders and their BullMQ jobs are seeded by a process of their own: this one, measured,
  // opens a database and a queue that hold them, as the service does when a burst comes due.
  const setupStart = Date.now();
  const seeded = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'seed-releases.ts'),
      join(dir, 'bench.sqlite'),
      String(COUNT),
      redis.url,
      'bench',
      String(LEAD_MS + COUNT / 2),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    },
  );
  if (seeded.status !== 0) throw new Error('seeding the bench database failed');
  const { dueAt, addMs } = JSON.parse(seeded.stdout) as { dueAt: string; addMs: number };
  const db = openDatabase(join(dir, 'bench.sqlite'));
  runMigrations(db);
  const store = createStore(db);
  const logger = createLogger({ level: 'silent' });
  const service = new ReleaseService(store, systemClock, secretBox(Buffer.alloc(32, 1)));
  const outbox = new Outbox({ store, chats: new Map([['local', new LocalChat()]]), clock: systemClock, logger });
  // Today and the next days are working days here, whatever the date the bench runs on (a weekend or a
  // holiday would hold every copy for the next working morning instead of sending it).
  const days = Array.from({ length: 3 }, (_, i) => new Date(Date.now() + i * 86_400_000).toISOString().slice(0, 10));
  const calendar = new WorkingCalendar({
    holidays: {},
    workdays: Object.fromEntries(days.map((d) => [d, { en: 'bench day', zh: '基准测试日' }])),
  });
  const planner = new ReminderPlanner(store, undefined, undefined, calendar);
  // As in production (src/main.ts, jobs/index.ts): a fired reminder publishes `reminder.due` at its commit,
  // whose subscriber kicks the outbox, which sends on this event loop while the burst still fires.
  const events = new EventBus(logger, store);
  events.on('reminder.due', () => void outbox.kick());
  const firer = new ReminderFirer({ store, service, outbox, planner, clock: systemClock, events });
  const queueConnection = bullConnection(redis.url);
  const queue = new Queue<ReminderPayload>(REMINDER_QUEUE, { connection: queueConnection, prefix: 'bench' });
  const scheduler = new BullScheduler(queue, systemClock);

  const rssAtStart = process.memoryUsage().rss;
  if (Date.now() > Date.parse(dueAt))
    process.stdout.write('warning: scheduling took longer than the lead time; lateness includes it\n');

  // Lateness is taken when a firing commits (its message is in the outbox), whether a job's own
  // batch or a sweep fired it.
  const lateness: number[] = [];
  const sends = new Map<string, number>();
  // Event-loop time spent in fire() (its transaction and commit), split by who asked: the sweeps (the burst) and the jobs' own batches.
  const spent = { sweep: 0, jobs: 0 };
  let commits = 0;
  // BullMQ's jobs handled while the burst was still firing: their round trips share the event loop with the sweeps.
  const duringBurst = { batches: 0, jobs: 0 };
  let swept = 0;
  let inFire = 0;
  const committed = (request: FireRequest, result: FireResult, at: number): void => {
    if (!result.ok || result.outcome !== 'sent') return;
    lateness.push(at - Date.parse(request.dueAt));
    sends.set(request.id, (sends.get(request.id) ?? 0) + 1);
  };
  // fire() opens one transaction per call (the savepoints of a re-run are nested in it): time those.
  const timedStore: ReleaseStore = Object.assign(Object.create(store) as ReleaseStore, {
    transaction: <T>(fn: () => T, opts?: { durable?: 'now' | 'later' }): T => {
      const t0 = performance.now();
      try {
        return store.transaction(fn, opts);
      } finally {
        inFire += performance.now() - t0;
        commits += 1;
      }
    },
  });
  const fired = (by: 'jobs' | 'sweep', firings: readonly SweptFiring[]): void => {
    const at = Date.now();
    if (by === 'jobs' && lateness.length < COUNT) {
      duringBurst.batches += 1;
      duringBurst.jobs += firings.length;
    }
    spent[by] += inFire;
    inFire = 0;
    for (const f of firings) committed(f.request, f.result, at);
    if (by === 'sweep') swept += firings.filter((f) => f.result.ok && f.result.outcome === 'sent').length;
  };
  const { process: fire, alarm } = reminderFiring({ firer, store: timedStore, planner, scheduler, fired });
  const jobOutcomes = new Map<string, number>();
  const worker = startReminderWorker({
    url: redis.url,
    prefix: 'bench',
    logger,
    process: async (job) => {
      const outcome = await fire(job);
      jobOutcomes.set(outcome, (jobOutcomes.get(outcome) ?? 0) + 1);
      return outcome;
    },
  });
  alarm.start();
  outbox.start();
  // RSS while the burst fires (sampled), beside the process's whole-life peak (maxRSS).
  let burstPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    burstPeak = Math.max(burstPeak, process.memoryUsage().rss);
  }, 10);
  const deadline = Date.parse(dueAt) + 120_000;
  // Redis commands counted by the server (a BullMQ script is one round trip, its calls inside count too), before the due time to the last job done.
  const probe = new Redis(redis.url);
  const redisCalls = async (): Promise<Map<string, number>> =>
    new Map(
      [...(await probe.info('commandstats')).matchAll(/^cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/gm)].map((m) => [
        m[1] ?? '',
        Number(m[2]),
      ]),
    );
  const callsBefore = await redisCalls();
  // This process's CPU (all its threads: the sweeps, BullMQ's jobs, the event loop, GC helpers) from the due time to the last firing.
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(dueAt) - Date.now() - 20)));
  const cpuAtDue = process.cpuUsage();
  while (lateness.length < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const allFiredAt = Date.now();
  const cpu = process.cpuUsage(cpuAtDue);
  const sentByOutbox = db.$client.prepare("select count(*) as n from outbox where state = 'sent'").get() as {
    n: number;
  };
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const jobsDone = (): number => [...jobOutcomes.values()].reduce((a, b) => a + b, 0);
  while (jobsDone() < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

  clearInterval(sampler);
  const callsAfter = await redisCalls();
  const commands = [...callsAfter]
    .map(([name, n]): [string, number] => [name, n - (callsBefore.get(name) ?? 0)])
    .filter(([name, n]) => n > 0 && name !== 'info')
    .sort((a, b) => b[1] - a[1]);
  const totalCommands = commands.reduce((sum, [, n]) => sum + n, 0);
  const scripts = commands.find(([name]) => name === 'evalsha')?.[1] ?? 0;
  const info = await probe.info('memory');
  await probe.quit();
  const redisMemory = Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
  const peakRedis = Number(/used_memory_peak:(\d+)/.exec(info)?.[1] ?? 0);
  const sorted = [...lateness].sort((a, b) => a - b);
  const duplicates = [...sends.values()].filter((n) => n > 1).length;
  const outboxRows = db.$client.prepare("select count(*) as n from outbox where dedupe_key like 'due-%'").get() as {
    n: number;
  };
  const lines = [
    `reminders:            ${COUNT} due at the same moment (setup ${Date.now() - setupStart} ms, addBulk ${addMs} ms)`,
    `fired:                ${lateness.length}`,
    `lateness p50 / p99:   ${percentile(sorted, 50)} ms / ${percentile(sorted, 99)} ms (first ${sorted[0] ?? 0} ms, max ${sorted.at(-1) ?? 0} ms)`,
    `within 1 s:           ${sorted.filter((ms) => ms <= 1000).length} / ${COUNT}`,
    `time firing:          sweeps ${spent.sweep.toFixed(0)} ms (${((spent.sweep / Math.max(1, swept)) * 1000).toFixed(0)} µs per reminder in its transaction: re-read, message, outbox row, mark sent, commit; the batch's contexts are read before it), jobs' own batches ${spent.jobs.toFixed(0)} ms; ${commits} transactions`,
    `process cpu:          ${cpuMs.toFixed(0)} ms from the due time to the last firing (${((cpuMs * 1000) / COUNT).toFixed(0)} µs per reminder, everything included), over ${allFiredAt - Date.parse(dueAt)} ms`,
    `fired by sweeps:      ${swept} (the rest by their own job's batch)`,
    `outbox:               ${sentByOutbox.n} messages sent (local chat) by the last firing — reminder.due kicks the outbox as in production, on the same event loop`,
    `jobs:                 ${[...jobOutcomes].map(([o, n]) => `${n} ${o}`).join(', ')} (all done ${Date.now() - allFiredAt} ms after the last firing; ${duringBurst.jobs} in ${duringBurst.batches} batches while the burst fired)`,
    `redis commands:       ${totalCommands} from the due time to the last job done, ${(totalCommands / COUNT).toFixed(1)} per reminder; ${(scripts / COUNT).toFixed(1)} scripts per reminder (evalsha: one round trip each) (${commands
      .slice(0, 6)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')})`,
    `sent twice:           ${duplicates} (outbox rows ${outboxRows.n})`,
    `redis memory:         ${mb(redisMemory)} (peak ${mb(peakRedis)})`,
    `process memory:       rss ${mb(process.memoryUsage().rss)} now, peak ${mb(process.resourceUsage().maxRSS * 1024)} over the whole run, ${mb(burstPeak)} while the burst fired (goal < 200 MB; the releases seeded by another process), heap ${mb(process.memoryUsage().heapUsed)}; ${mb(rssAtStart)} before the burst`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(
    `summary reminders: ${sorted.filter((ms) => ms <= 1000).length} / ${COUNT} fired within 1 s (goal all; p99 ${percentile(sorted, 99)} ms) · process cpu ${((cpuMs * 1000) / COUNT).toFixed(0)} µs per reminder · sent twice ${duplicates} (goal 0) · rss while the burst fired ${mb(burstPeak)} (goal < 200 MB) · load average ${loadavg()[0]?.toFixed(1)}\n`,
  );

  await alarm.close();
  await outbox.stop();
  await events.idle();
  await worker.close();
  await queue.close();
  await queueConnection.quit();
  closeDatabase(db);
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
