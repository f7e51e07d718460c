/**
 * The service at rest: time from spawn to the first `/healthz` 200, and the resident memory (RSS)
 * of every process the start command leaves running, a few seconds after it is ready. Two ways to
 * start, side by side: `npm run dev` (tsx, the transpiler loaded at run time) and `npm start`
 * (the compiled JavaScript in dist/, built by `npm run build`). Each is started ROUNDS times on a
 * fresh database; the median is printed. The bench starts its own redis-server on 127.0.0.1 and
 * passes REDIS_URL, so the figures are the service's own processes (redis-server is apart).
 * Prints figures; asserts nothing.
 *
 *   npm run bench -- idle
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startPrivateRedis } from '../jobs/redis-server.js';
import { PROJECT_ROOT } from '../src/config.js';

const ROUNDS = 3;
/** How long the service sits idle after /healthz before its memory is read. */
const SETTLE_MS = 3_000;

interface Mode {
  name: string;
  command: string;
  args: string[];
  available(): boolean;
  /** Extra environment (PROCESSING). */
  env?: Record<string, string>;
}

const MODES: Mode[] = [
  {
    name: 'npm run dev (tsx src/main.ts)',
    command: join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'),
    args: [join(PROJECT_ROOT, 'src', 'main.ts')],
    available: () => true,
  },
  {
    name: 'npm start (node dist/src/main.js)',
    command: process.execPath,
    args: [join(PROJECT_ROOT, 'dist', 'src', 'main.js')],
    available: () => existsSync(join(PROJECT_ROOT, 'dist', 'src', 'main.js')),
  },
  {
    name: 'npm start, PROCESSING=inline (no worker thread)',
    command: process.execPath,
    args: [join(PROJECT_ROOT, 'dist', 'src', 'main.js')],
    available: () => existsSync(join(PROJECT_ROOT, 'dist', 'src', 'main.js')),
    env: { PROCESSING: 'inline' },
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Every live process whose ancestry leads to `root` (Linux /proc), with its RSS in bytes and its name. */
function processTree(root: number): { pid: number; name: string; rss: number }[] {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      name.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  const tree: { pid: number; name: string; rss: number }[] = [];
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      tree.push({ pid, name: name.get(pid) ?? '?', rss: kb * 1024 });
    } catch {
      // gone meanwhile
    }
  }
  return tree;
}

async function once(
  mode: Mode,
  redisUrl: string,
): Promise<{ readyMs: number; processes: { name: string; rss: number }[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-idle-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ENV_FILE: '/dev/null',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'bot.sqlite'),
    SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `idle-${port}`,
    WECHAT_API_BASE: 'off',
    LOG_LEVEL: 'error',
    ...mode.env,
  };
  const started = performance.now();
  const child: ChildProcess = spawn(mode.command, mode.args, {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (child.exitCode !== null) throw new Error(`${mode.name} exited before /healthz:\n${stderr}`);
      await sleep(20);
    }
    const readyMs = performance.now() - started;
    await sleep(SETTLE_MS);
    const processes = processTree(child.pid ?? -1);
    return { readyMs, processes };
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const redis = await startPrivateRedis();
  try {
    process.stdout.write(
      `${ROUNDS} starts each, fresh database, Redis apart; RSS read ${SETTLE_MS / 1000} s after the first /healthz 200 (median)\n`,
    );
    const summary: string[] = [];
    for (const mode of MODES) {
      if (!mode.available()) {
        process.stdout.write(`${mode.name}: not built (run npm run build first)\n`);
        continue;
      }
      const runs = [];
      for (let i = 0; i < ROUNDS; i += 1) runs.push(await once(mode, redis.url));
      const ready = median(runs.map((r) => r.readyMs));
      const total = median(runs.map((r) => r.processes.reduce((sum, p) => sum + p.rss, 0)));
      const last = runs[runs.length - 1]?.processes ?? [];
      const each = last.map((p) => `${p.name} ${(p.rss / 1024 / 1024).toFixed(0)} MB`).join(' + ');
      process.stdout.write(
        `${mode.name}: /healthz 200 after ${ready.toFixed(0)} ms; ${last.length} process(es), RSS ${(total / 1024 / 1024).toFixed(0)} MB (${each})\n`,
      );
      summary.push(
        `${mode.name} ${(ready / 1000).toFixed(1)} s, ${last.length} process(es), ${(total / 1024 / 1024).toFixed(0)} MB`,
      );
    }
    process.stdout.write(
      `summary idle: ${summary.join(' · ')} (before issue 21, npm start = tsx: 5.8 s, 2 processes, 217 MB) · load average ${loadavg()[0]?.toFixed(1)}\n`,
    );
  } finally {
    await redis.stop();
  }
}
