/**
 * The human start-up summary `npm start` prints on a terminal: one line per fact — the URL to open,
 * the platforms that are on, the database, the Redis. (Off a terminal, pino's JSON lines say the same.)
 *
 *   process.stdout.write(`${startupLines(app, port).join('\n')}\n`);
 */
import type { Config } from './config.js';
import { redisUrlForHumans } from './failures.js';
import { t } from './i18n/index.js';

export interface StartupFacts {
  config: Pick<Config, 'host' | 'databasePath' | 'wechatApiBase'>;
  /** The platforms that are on, one line each (their adapters' `PlatformParts.startupLine`). */
  platforms: readonly string[];
  redisUrl: string;
  redisIsPrivate: boolean;
  localChat?: unknown;
}

/** The address a person types: `localhost` for a wildcard or loopback bind, else the host itself. */
function browsableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '127.0.0.1' || host === '::1' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

export function startupLines(app: StartupFacts, port: number): string[] {
  const base = `http://${browsableHost(app.config.host)}:${port}`;
  const { platforms } = app;
  const redis = app.redisIsPrivate
    ? t('en', 'start.redis_private', { url: app.redisUrl })
    : t('en', 'start.redis_url', { url: redisUrlForHumans(app.redisUrl) });
  return [
    t('en', 'start.ready'),
    app.localChat
      ? t('en', 'start.open_chat', { url: `${base}/chat` })
      : t('en', 'start.open_status', { url: `${base}/` }),
    t('en', 'start.platforms', { list: platforms.length > 0 ? platforms.join(', ') : t('en', 'start.platforms_none') }),
    t('en', 'start.database', { path: app.config.databasePath }),
    t('en', 'start.redis', { redis }),
    t('en', app.config.wechatApiBase ? 'start.wechat_on' : 'start.wechat_off', { url: app.config.wechatApiBase ?? '' }),
    t('en', 'start.stop'),
  ];
}
