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

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: (err: Error) => maskDeep(pino.stdSerializers.err(err)) as ReturnType<typeof pino.stdSerializers.err> },
      formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskSecretsIn(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    opts.destination,
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
