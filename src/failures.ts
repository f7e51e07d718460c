/**
 * What to tell an operator when start-up or a CLI command fails: one paragraph that names the variable
 * or path and the fix, never a stack trace (LOG_LEVEL=debug adds it). Errors are recognised by their
 * stable `code` (db/, jobs/ and node:net set them), so the core imports none of those modules.
 *
 *   process.stderr.write(`${describeFailure(err, { debug: false })}\n`);
 */
import { type MessageKey, t } from './i18n/index.js';

interface Coded {
  code?: unknown;
  path?: unknown;
  reason?: unknown;
  port?: unknown;
  url?: unknown;
  applied?: unknown;
  known?: unknown;
  message?: unknown;
}

/** The operator-facing line for an error, or undefined when its code is not one we explain. */
function explain(err: Coded): string | undefined {
  const str = (v: unknown): string => String(v ?? '');
  const keyed: Record<string, MessageKey> = {
    DATABASE_MISSING: 'fail.database_missing',
    DATABASE_UNWRITABLE: 'fail.database_unwritable',
    DATABASE_TOO_NEW: 'fail.database_too_new',
    REDIS_UNREACHABLE: 'fail.redis_unreachable',
    EADDRINUSE: 'fail.port_in_use',
    EACCES: 'fail.port_denied',
  };
  const code = str(err.code);
  const key = keyed[code];
  if (key && (code !== 'EACCES' || err.port !== undefined)) {
    return t('en', key, {
      path: str(err.path),
      reason: str(err.reason),
      port: str(err.port),
      url: str(err.url),
      applied: str(err.applied),
      known: str(err.known),
    });
  }
  // Errors whose own message already names the variable and the fix (ConfigError, RedisUnavailableError, usage).
  if (code === 'CONFIG_INVALID' || code === 'REDIS_UNAVAILABLE' || code === 'USAGE') return str(err.message);
  return undefined;
}

export function describeFailure(err: unknown, opts: { debug: boolean }): string {
  const coded: Coded = typeof err === 'object' && err !== null ? (err as Coded) : { message: String(err) };
  const known = explain(coded);
  const stack = opts.debug && err instanceof Error && err.stack ? `\n\n${err.stack}` : '';
  if (known) return `${known}${stack}`;
  const message = err instanceof Error ? err.message : String(err);
  return `${t('en', 'fail.unexpected', { message })}${stack}`;
}

/** `redis://user:pass@host:6379/0` → `redis://host:6379/0`: a URL fit for a message (no password). */
export function redisUrlForHumans(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}
