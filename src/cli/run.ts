/** Dispatches `release-bot <command> …` to the command's module; testable with any streams. */
import type { CliCommand, CliIO } from './command.js';
import { UsageError } from './command.js';
import { COMMANDS } from './index.js';

function help(io: CliIO): void {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  io.stdout.write('Usage: release-bot <command>\n\n');
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
    io.stderr.write(`Unknown command "${name}".\n`);
    help(io);
    return 1;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\nUsage: release-bot ${command.usage}\n`);
      return 1;
    }
    throw err;
  }
}

