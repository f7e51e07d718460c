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

export function createLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT, censor: '[redacted]' },
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
