/**
 * `release-bot` (`npx release-bot <command>`): the PM's and operator's command line.
 * Each command lives in `src/cli/<name>.ts`; `src/cli/run.ts` dispatches. `.env` at the project root
 * is read as `npm start` reads it (the environment wins), so both find the same database.
 */
import type { CliIO } from './cli/command.js';
import { runCli } from './cli/run.js';
import { wantsStack, withEnvFile } from './config.js';
import { describeFailure } from './failures.js';

let debug = wantsStack(process.env);
try {
  const env = withEnvFile(process.env);
  debug = wantsStack(env);
  const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env };
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (err) {
  process.stderr.write(`${describeFailure(err, { debug })}\n`);
  process.exitCode = 1;
}
