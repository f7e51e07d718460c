/** Dispatches `release-bot <command> …` to the command's module; testable with any streams. */
import type { CliCommand, CliIO } from './command.js';
import { UsageError } from './command.js';
import { COMMANDS } from './index.js';
import { t } from '../i18n/index.js';
import { describeFailure } from '../failures.js';
import { CLI_LOCALE } from './command.js';

function help(io: CliIO): void {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  io.stdout.write(`${t(CLI_LOCALE, 'cli.usage')}\n\n`);
  for (const c of COMMANDS) io.stdout.write(`  ${c.usage.padEnd(width)}  ${c.summary}\n`);
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help(io);
    return name ? 0 : 1;
  }
  const command: CliCommand | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`${t(CLI_LOCALE, 'cli.unknown_command', { name })}\n`);
    help(io);
    return 1;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n${t(CLI_LOCALE, 'cli.usage_of', { usage: command.usage })}\n`);
      return 1;
    }
    // Everything else (no database, a database from a newer version, Redis unreachable, bad config): what to fix, no stack.
    const level = io.env.LOG_LEVEL?.trim();
    io.stderr.write(`${describeFailure(err, { debug: level === 'debug' || level === 'trace' })}\n`);
    return 1;
  }
}
