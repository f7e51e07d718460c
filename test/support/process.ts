/**
 * Runs the real entry points as child processes (`npm start`'s compiled `dist/src/main.js`, the
 * `release-bot` launcher, which runs the compiled CLI), as a newcomer would, and collects what they print.
 * The test run builds dist/ first when the sources changed (test/support/build.ts).
 *
 *   const run = startService({ PORT: '0', … });
 *   await run.waitFor(/Release bot is running/);
 *   await run.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

const MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');

/** The parent's environment without anything that would configure the bot (a developer's own variables, a .env). */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
  // ENV_FILE=/dev/null: a developer's own .env at the project root never leaks into a test.
  return { ...base, WECHAT_API_BASE: 'off', ENV_FILE: '/dev/null', ...env };
}

export interface Running {
  child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves when stdout or stderr matches, rejects when the process exits first. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  stop(): Promise<number>;
}

function watch(child: ChildProcess): Running {
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    wake();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    wake();
  });
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  void exited.then(wake);
  const running: Running = {
    child,
    out: () => out,
    err: () => err,
    exited,
    async waitFor(pattern) {
      for (;;) {
        const seen = `${out}\n${err}`;
        const m = pattern.exec(seen);
        if (m) return m[0];
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`exited (${child.exitCode}) before ${pattern}:\n${seen}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  return running;
}

/** `npm start` (node dist/src/main.js) with exactly `env` (plus PATH/HOME), from `cwd` (the project root by default). */
export function startService(env: Record<string, string>, cwd = PROJECT_ROOT): Running {
  return watch(spawn(process.execPath, [MAIN], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** `npx release-bot …` through the real launcher (bin/release-bot.js), from `cwd`. */
export function runCliProcess(argv: string[], env: Record<string, string>, cwd = PROJECT_ROOT): Running {
  return watch(
    spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'release-bot.js'), ...argv], {
      cwd,
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}
