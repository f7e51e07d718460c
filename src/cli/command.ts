/** One `release-bot` subcommand: a file in `src/cli/` that exports a `CliCommand`. */
import type { Readable, Writable } from 'node:stream';

/** The command line speaks English; results about a client use its language or --lang. */
export const CLI_LOCALE = 'en' as const;

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** Returns the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** Splits `--flag value` / `--flag` options from positional arguments. */
export function parseArgs(
  args: string[],
  flags: { boolean?: string[]; string?: string[]; choices?: Record<string, readonly string[]> },
): {
  positional: string[];
  options: Record<string, string | boolean>;
} {
  const positional: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (flags.boolean?.includes(name)) options[name] = true;
    else if (flags.string?.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      const allowed = flags.choices?.[name];
      if (allowed && !allowed.includes(value))
        throw new UsageError(`--${name} must be ${allowed.join(' or ')} (got "${value}")`);
      options[name] = value;
    } else throw new UsageError(`Unknown option --${name}`);
  }
  return { positional, options };
}
