/**
 * pino, with secrets kept out: known secret fields are redacted and any App-secret-shaped run
 * (32 hex) in a log message is masked. Inject it; never import a global logger.
 *
 *   const logger = createLogger({ level: 'info' });
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { maskSecretsIn } from './release/secrets.js';

export type Logger = PinoLogger;

const REDACT = [
  'secret',
  '*.secret',
  '*.appSecret',
  '*.app_secret',
  '*.token',
  '*.access_token',
  '*.botToken',
  '*.signingSecret',
  '*.corpSecret',
  '*.encodingAesKey',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/** Every string in a log object, however deep (an error's message, a payload), with secret-shaped runs masked. */
function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecretsIn(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };

/** One pino JSON line as a human one: `12:00:01 WARN  message  key=value …`. */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const { level, time, msg, pid: _pid, hostname: _host, ...rest } = entry;
  const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 19) : '';
  const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [clock, LEVELS[Number(level)] ?? String(level), String(msg ?? ''), ...fields]
    .filter((x) => x !== '')
    .join('  ');
}

/** A destination that writes pino's lines as `prettyLine`s (LOG_FORMAT=pretty, the default on a terminal). */
export function prettyDestination(out: { write(s: string): unknown } = process.stdout): DestinationStream {
  return { write: (line: string) => out.write(`${prettyLine(line)}\n`) };
}

export function createLogger(
  opts: { level?: string; destination?: DestinationStream; format?: 'json' | 'pretty' } = {},
): Logger {
  const destination =
    opts.format === 'pretty' ? prettyDestination(opts.destination ?? process.stdout) : opts.destination;
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: {
        err: (err: Error) => maskDeep(pino.stdSerializers.err(err)) as ReturnType<typeof pino.stdSerializers.err>,
      },
      formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskSecretsIn(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
