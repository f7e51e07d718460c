/**
 * `release-bot` (`npx release-bot <command>`): the PM's and operator's command line.
 * Each command lives in `src/cli/<name>.ts`; `src/cli/run.ts` dispatches.
 */
import type { CliIO } from './cli/command.js';
import { runCli } from './cli/run.js';

const io: CliIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
process.exitCode = await runCli(process.argv.slice(2), io);
