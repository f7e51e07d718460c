/**
 * Ack latency under load, measured from outside and side by side in one run: signed Slack message
 * events at 100, 200 and 400 per second for 10 s each, into bound release threads (every message is
 * read and answered: each is an answer the reader records and replies to), posted to
 *  - the bot (`npm start`'s compiled service when built, else tsx), Slack's Web API faked here on 127.0.0.1,
 *    twice: PROCESSING=worker (reading and answering in a worker thread) and PROCESSING=inline (in
 *    the ack's event loop), each its own process and database, loaded one after the other;
 *  - the floor: a bare Bolt app that inserts each event durably into SQLite before acking (bench/ack-floor.ts).
 * Per rate: p50/p99 of each, their ratio, errors (non-200, or no answer within 10 s), lost
 * (acknowledged but not stored), and whether the bot read and answered every acknowledged message:
 * how many it had processed, how many replies it queued, and how long after the load the last one
 * was done (waiting up to 20 s). A summary line per variant puts each figure beside its goal. Goals (issue 21): our p99 ≤ 3× the floor's at 200/s, never
 * over 1 s at 400/s, 0 errors, 0 lost. Prints figures; asserts nothing.
 *
 *   npm run bench -- ack
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, startPrivateRedis } from '../jobs/redis-server.js';
import { PROJECT_ROOT } from '../src/config.js';
import { startFakeSlack } from '../test/slack/support/fake-slack.js';
import { commandBody, slackSignature } from '../test/slack/support/sign.js';

const SECRET = 'bench-ack-signing-secret-0123456789';
const RATES = (process.env.ACK_RATES ?? '100,200,400').split(',').map(Number);
const SECONDS = 10;
const CHANNELS = 40;
/** Both ways of processing after the ack (PROCESSING), measured in the same run. */
const VARIANTS = (['worker', 'inline'] as const).filter((v) => !process.env.ACK_ONLY || process.env.ACK_ONLY === v);
/** BENCH_CPU_PROF=<dir>: the bots write V8 CPU profiles there (`node --cpu-prof`), one per thread. */
const CPU_PROF = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
const PM = 'UPM';
const ANSWERS = [
  'AppID wx1a2b3c4d5e6f7a8b',
  '商户号还在申请中',
  '类目是 餐饮-点餐平台',
  'we have no stores, online only',
  '统计用神策',
  'AppID wx9c30ea09dff20c5f',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Sent {
  eventId: string;
  ms?: number;
  ok: boolean;
}

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.setTimeout(10_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

function signedHeaders(body: string, contentType = 'application/json'): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(SECRET, timestamp, body),
  };
}

/** Open loop: `rate` requests a second for `seconds`, each on time whatever the answers do. */
async function load(
  url: string,
  rate: number,
  seconds: number,
  tag: string,
  threads: { channel: string; ts: string }[],
): Promise<Sent[]> {
  const total = rate * seconds;
  const sent: Sent[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
    for (; i < due; i += 1) {
      const thread = threads[i % threads.length] ?? { channel: 'C0', ts: '1.1' };
      const eventId = `Ev${tag}${i}`;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(i).padStart(6, '0')}`;
      const event = {
        type: 'message',
        channel: thread.channel,
        user: 'UCLIENT',
        text: ANSWERS[i % ANSWERS.length],
        ts,
        thread_ts: thread.ts,
        channel_type: 'channel',
      };
      const body = JSON.stringify({
        token: 'x',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      const entry: Sent = { eventId, ok: false };
      sent.push(entry);
      pending.push(
        post(url, body, signedHeaders(body)).then((r) => {
          entry.ms = r.ms;
          entry.ok = r.status === 200;
        }),
      );
    }
    await sleep(2);
  }
  await Promise.all(pending);
  return sent;
}

function spawnService(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exited: Promise<void>; output: () => string } {
  const child = spawn(cmd, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ENV_FILE: '/dev/null', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, exited: new Promise((resolve) => child.once('exit', () => resolve())), output: () => output };
}

async function waitHttp(
  url: string,
  ok: (status: number) => boolean,
  proc: { child: ChildProcess; output(): string },
): Promise<void> {
  for (let i = 0; i < 1200; i += 1) {
    const status = await fetch(url, { method: 'GET' }).then(
      (r) => r.status,
      () => 0,
    );
    if (ok(status)) return;
    if (proc.child.exitCode !== null) throw new Error(`exited:\n${proc.output()}`);
    await sleep(100);
  }
  throw new Error(`${url} never answered:\n${proc.output()}`);
}

interface Phase {
  p50: number;
  p99: number;
  errors: number;
  lost: number;
  drainMs?: number;
}

function summarise(sent: Sent[], stored: (ids: string[]) => number): Phase {
  const times = sent.flatMap((s) => (s.ok && s.ms !== undefined ? [s.ms] : [])).sort((a, b) => a - b);
  const acked = sent.filter((s) => s.ok).map((s) => s.eventId);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    errors: sent.length - acked.length,
    lost: acked.length - stored(acked),
  };
}

/** A bot under test: one process per processing variant (PROCESSING), each with its own database. */
interface BotUnderTest {
  name: 'worker' | 'inline';
  port: number;
  db: string;
  proc: ReturnType<typeof spawnService>;
}

/** Per variant and rate: the figures, printed as a table at the end and as one summary line. */
interface Row {
  rate: number;
  name: string;
  phase: Phase;
  processed: number;
  acked: number;
  answered: number;
  drainMs: number;
  /** The floor's p99 at the same rate, measured right after. */
  floorP99?: number;
}

/** Waiting longer for the backlog would push the whole run past 5 minutes on a loaded machine. */
const DRAIN_LIMIT_MS = 20_000;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ack-'));
  const redis = await startPrivateRedis();
  const slack = await startFakeSlack();
  const compiled = existsSync(join(PROJECT_ROOT, 'dist', 'src', 'main.js'));
  const floorPort = await freePort();
  const floorDb = join(dir, 'floor.sqlite');
  const bots: BotUnderTest[] = [];
  for (const name of VARIANTS) {
    const port = await freePort();
    const db = join(dir, `bot-${name}.sqlite`);
    const proc = spawnService(
      compiled ? process.execPath : join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
      [...(compiled ? CPU_PROF : []), join(PROJECT_ROOT, compiled ? 'dist/src/main.js' : 'src/main.ts')],
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_PATH: db,
        SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: `bench-ack-${name}`,
        PM_USERS: `slack:${PM}`,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_API_URL: slack.apiUrl,
        WECHAT_API_BASE: 'off',
        LOG_LEVEL: 'error',
        PROCESSING: name,
      },
    );
    bots.push({ name, port, db, proc });
  }
  const floor = spawnService(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench', 'ack-floor.ts')], {
    PORT: String(floorPort),
    SLACK_SIGNING_SECRET: SECRET,
    DATABASE_PATH: floorDb,
  });
  const inList = (ids: string[]) => ids.map(() => '?').join(',');
  const sqls: Database.Database[] = [];
  try {
    for (const bot of bots) await waitHttp(`http://127.0.0.1:${bot.port}/healthz`, (s) => s === 200, bot.proc);
    await waitHttp(`http://127.0.0.1:${floorPort}/slack/events`, (s) => s > 0, floor);
    const floorUrl = `http://127.0.0.1:${floorPort}/slack/events`;

    const targets = [];
    for (const bot of bots) {
      const url = `http://127.0.0.1:${bot.port}/slack/events`;
      // One release per channel, started by the PM; its thread is where the client answers.
      for (let c = 0; c < CHANNELS; c += 1) {
        const body = commandBody({
          command: '/release',
          text: `start Bench Co ${c} en`,
          user_id: PM,
          channel_id: `CB${c}`,
          response_url: slack.responseUrl(`start-${bot.name}-${c}`),
        });
        const res = await post(url, body, signedHeaders(body, 'application/x-www-form-urlencoded'));
        if (res.status !== 200) throw new Error(`/release start answered ${res.status}:\n${bot.proc.output()}`);
      }
      const sql = new Database(bot.db, { readonly: true });
      sqls.push(sql);
      const threadRows = () =>
        sql
          .prepare("select channel, thread_ts as ts from threads where platform = 'slack' and thread_ts is not null")
          .all() as { channel: string; ts: string }[];
      for (let i = 0; i < 600 && threadRows().length < CHANNELS; i += 1) await sleep(100);
      const threads = threadRows();
      if (threads.length < CHANNELS)
        throw new Error(`only ${threads.length} of ${CHANNELS} release threads opened:\n${bot.proc.output()}`);
      const count = (where: string) => (ids: string[]) =>
        ids.length === 0
          ? 0
          : (
              sql
                .prepare(`select count(*) as n from events where ${where} external_id in (${inList(ids)})`)
                .get(...ids.map((id) => `slack:${id}`)) as { n: number }
            ).n;
      targets.push({
        bot,
        url,
        threads,
        stored: count(''),
        processed: count("state = 'processed' and"),
        outboxRows: () => (sql.prepare('select count(*) as n from outbox').get() as { n: number }).n,
      });
    }
    const floorSql = new Database(floorDb, { readonly: true });
    sqls.push(floorSql);
    const floorStored = (ids: string[]): number =>
      ids.length === 0
        ? 0
        : (
            floorSql.prepare(`select count(*) as n from events where event_id in (${inList(ids)})`).get(...ids) as {
              n: number;
            }
          ).n;

    process.stdout.write(
      `signed message events into ${CHANNELS} bound release threads, ${SECONDS} s per rate and variant, one after another; the bot runs ${compiled ? 'dist/ (npm start)' : 'src/ with tsx (not built)'}; load average at the start: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}\n`,
    );
    process.stdout.write(
      'rate    | PROCESSING | bot p50 / p99          | floor p50 / p99       | p99 ratio | errors bot/floor | lost bot/floor | bot: processed, replies queued, done after the load\n',
    );
    const rows: Row[] = [];
    for (const rate of RATES) {
      for (const target of targets) {
        const repliesBefore = target.outboxRows();
        const sent = await load(target.url, rate, SECONDS, `${target.bot.name[0]}${rate}-`, target.threads);
        const loadEnd = performance.now();
        const acked = sent.filter((s) => s.ok).map((s) => s.eventId);
        const phase = summarise(sent, target.stored);
        while (performance.now() - loadEnd < DRAIN_LIMIT_MS && target.processed(acked) < acked.length) await sleep(50);
        rows.push({
          rate,
          name: target.bot.name,
          phase,
          processed: target.processed(acked),
          acked: acked.length,
          answered: target.outboxRows() - repliesBefore,
          drainMs: performance.now() - loadEnd,
        });
        await sleep(1000);
      }
      const floorSent = await load(floorUrl, rate, SECONDS, `f${rate}-`, targets[0]?.threads ?? []);
      await sleep(500);
      const theirs = summarise(floorSent, floorStored);
      for (const row of rows.filter((r) => r.rate === rate)) {
        const ours = row.phase;
        const ratio = theirs.p99 > 0 ? ours.p99 / theirs.p99 : Number.NaN;
        const done =
          row.processed < row.acked
            ? `not done after ${DRAIN_LIMIT_MS / 1000} s`
            : `${(row.drainMs / 1000).toFixed(1)} s`;
        process.stdout.write(
          `${String(rate).padEnd(3)}/s  | ${row.name.padEnd(10)} | ${ours.p50.toFixed(1).padStart(6)} / ${ours.p99.toFixed(1).padStart(7)} ms   | ${theirs.p50.toFixed(1).padStart(5)} / ${theirs.p99.toFixed(1).padStart(6)} ms    | ${ratio.toFixed(1).padStart(7)}×  | ${String(ours.errors).padStart(6)} / ${String(theirs.errors).padEnd(8)} | ${String(ours.lost).padStart(5)} / ${String(theirs.lost).padEnd(7)} | ${row.processed} of ${row.acked}, ${row.answered}, ${done}\n`,
        );
        row.floorP99 = theirs.p99;
      }
      await sleep(1000);
    }
    for (const name of VARIANTS) {
      const at = (rate: number) => rows.find((r) => r.rate === rate && r.name === name);
      const r200 = at(200);
      const r400 = at(400);
      const errors = rows.filter((r) => r.name === name).reduce((n, r) => n + r.phase.errors, 0);
      const lost = rows.filter((r) => r.name === name).reduce((n, r) => n + r.phase.lost, 0);
      const ratio = r200?.floorP99 ? r200.phase.p99 / r200.floorP99 : Number.NaN;
      process.stdout.write(
        `summary ack PROCESSING=${name}: p99 at 200/s ${ratio.toFixed(1)}× the floor (goal ≤ 3×) · p99 at 400/s ${(r400?.phase.p99 ?? Number.NaN).toFixed(0)} ms (goal < 1000 ms) · errors ${errors} (goal 0) · lost ${lost} (goal 0) · load average ${loadavg()[0]?.toFixed(1)}\n`,
      );
    }
    for (const bot of bots) {
      const logged = [
        ...new Set(
          bot.proc
            .output()
            .split('\n')
            .filter((l) => l.includes('"level":50')),
        ),
      ].slice(0, 3);
      if (logged.length > 0)
        process.stdout.write(`PROCESSING=${bot.name} logged errors, e.g.:\n${logged.join('\n')}\n`);
    }
  } finally {
    for (const sql of sqls) sql.close();
    for (const bot of bots) bot.proc.child.kill('SIGTERM');
    floor.child.kill('SIGTERM');
    await Promise.all([...bots.map((b) => b.proc.exited), floor.exited]);
    await slack.close();
    await redis.stop();
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
