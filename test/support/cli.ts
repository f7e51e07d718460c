import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

/** Runs `release-bot <argv>` in-process with in-memory streams; returns the exit code and what it printed. */
export async function runReleaseBot(
  argv: string[],
  opts: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  stdin.end(opts.stdin ?? '');
  const code = await runCli(argv, { stdin, stdout, stderr, env: { WECHAT_API_BASE: 'off', ...opts.env } }); // no App-secret check against WeChat from tests
  return { code, out, err };
}
