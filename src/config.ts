/**
 * The core's configuration, read from the environment: everything but the chat platforms, whose
 * sections their adapters read (`PlatformParts.readConfig`, src/platforms.ts). src/main.ts's
 * `readConfig` puts the two together; it is the one reader of `process.env`.
 *
 *   const core = readCoreConfig(env, { platformOn: true, pmUsers: [{ prefix: 'echo', example: 'echo:ann' }] });
 *
 * A platform whose variables are all absent is off (`undefined`); a half-configured one throws a
 * `ConfigError` that names what is missing (`group` below), so start-up fails with the fix in the message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import { CalendarFileError, loadCalendarFile } from './calendar/file.js';
import { type CalendarOverrides, NO_OVERRIDES } from './calendar/working-calendar.js';
import { ITEM_KEYS, type ItemKey } from './checklist/types.js';
import { isLocale, type Locale } from './i18n/index.js';
import type { Env, PmUserSyntax } from './platforms.js';

/**
 * The folder holding this project's package.json: relative paths (DATABASE_PATH, `.env`) resolve from
 * here, whatever the working directory — from src/ (tsx) and from the compiled dist/src/ alike.
 */
export const PROJECT_ROOT = projectRoot(fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, ''));

/** `npm run build` puts this file in dist/src/: its parent's parent is the project then. */
function projectRoot(parent: string): string {
  return /[\\/]dist$/.test(parent) && !existsSync(`${parent}/package.json`) ? parent.replace(/[\\/]dist$/, '') : parent;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A PM as PM_USERS names them: `<platform>:<id>`. */
export type PlatformUser = `${string}:${string}`;

/** What the core's configuration needs to know about the platforms the adapters read. */
export interface PlatformFacts {
  /** Some chat platform is configured (then the App-secret check asks WeChat's own host by default). */
  platformOn: boolean;
  /** The platforms PMs work from (PM_USERS), `local` included by the composition root. */
  pmUsers: readonly PmUserSyntax[];
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  redisUrl?: string;
  /** BullMQ key prefix: lets several bots (or test runs) share one Redis without seeing each other's jobs. */
  queuePrefix: string;
  /** 32 bytes; undefined means "use (or create) the key file beside the database". */
  secretKey?: Buffer;
  pmUsers: PlatformUser[];
  /** PM_LOCALE: the language of replies and notices to PMs (unset: English, or the conversation's). */
  pmLocale?: Locale;
  /** Per-PM languages from PM_USERS entries such as `<platform>:<id>:en`. */
  pmLocales: Record<string, Locale>;
  agencyTimezone: string;
  /** Our developers' WeChat IDs, named when the bot asks the client to add them. */
  agencyDevelopers: string[];
  dashboardToken?: string;
  logLevel: string;
  /** WeChat's server API for the App-secret check; undefined when WECHAT_API_BASE=off, or unset on the local chat. */
  wechatApiBase: string | undefined;
  /** Where PMs' browsers reach this server (links in replies); default `http://localhost:<PORT>`. */
  publicUrl: string;
  /**
   * PUBLIC_URL as set, for links sent to clients (their private page, `/c/<token>`): undefined when
   * PUBLIC_URL is unset — a client cannot open localhost, so the bot tells the PM instead of sending one.
   */
  clientLinkBase?: string;
  /** `pretty`: human lines (the default on a terminal); `json`: pino JSON (the default otherwise). Undefined: decided by the TTY. */
  logFormat?: LogFormat;
  /** CALENDAR_FILE's path, when set. */
  calendarFile?: string;
  /** Extra holidays and working days from CALENDAR_FILE (none when unset). */
  calendar: CalendarOverrides;
  /** REMINDER_RULES: the nudge cadence, in working days. */
  reminderCadence: ReminderCadence;
  /** LEAD_TIMES: working days an item needs before launch, overriding the checklist's. */
  leadTimes: Partial<Record<ItemKey, number>>;
  /** Files clients send: where they are kept (FILES_DIR) and the caps (FILE_MAX_MB, RELEASE_FILES_MAX_MB), in bytes. */
  files: FilesConfig;
  /** OUTBOX_CONCURRENCY: sends in flight at once across all conversations (each conversation: one at a time). */
  outboxConcurrency: number;
  /**
   * PROCESSING: where stored messages are read and answered after the ack — `worker` (a worker
   * thread with its own SQLite connection, the default) or `inline` (this process's event loop).
   */
  processing: Processing;
}

export interface FilesConfig {
  dir: string;
  maxFileBytes: number;
  maxReleaseBytes: number;
}

const MB = 1024 * 1024;

/** FILES_DIR (default: `files/` beside the database), FILE_MAX_MB (20), RELEASE_FILES_MAX_MB (200). */
export function parseFilesConfig(env: Env, databasePath: string): FilesConfig {
  const dir = nonEmpty(env.FILES_DIR)
    ? resolveFromRoot(env.FILES_DIR.trim())
    : databasePath === ':memory:'
      ? resolveFromRoot('./data/files')
      : join(dirname(databasePath), 'files');
  const mb = (name: 'FILE_MAX_MB' | 'RELEASE_FILES_MAX_MB', fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback * MB;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new ConfigError(`${name} must be a positive number of megabytes, like ${fallback} (got "${raw}").`);
    return Math.floor(n * MB);
  };
  const maxFileBytes = mb('FILE_MAX_MB', 20);
  const maxReleaseBytes = mb('RELEASE_FILES_MAX_MB', 200);
  if (maxReleaseBytes < maxFileBytes)
    throw new ConfigError(
      'RELEASE_FILES_MAX_MB must be at least FILE_MAX_MB: a release must hold one file of the largest size.',
    );
  return { dir, maxFileBytes, maxReleaseBytes };
}

/** Sends in flight at once when OUTBOX_CONCURRENCY is unset. */
export const DEFAULT_OUTBOX_CONCURRENCY = 32;

/** A whole number from `min` to `max`, or `fallback` when unset. */
export function wholeNumber(name: string, raw: string | undefined, min: number, max: number, fallback: number): number;
export function wholeNumber(name: string, raw: string | undefined, min: number, max: number): number | undefined;
export function wholeNumber(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback?: number,
): number | undefined {
  if (!nonEmpty(raw)) return fallback;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw.trim()}").`);
  return n;
}

/** `merchant_account=10,admin_url_whitelist=15` → per item key, in working days. */
export function parseLeadTimes(raw: string | undefined): Partial<Record<ItemKey, number>> {
  const out: Partial<Record<ItemKey, number>> = {};
  for (const entry of listOf(raw)) {
    const [name = '', value = ''] = entry.split('=');
    const key = ITEM_KEYS.find((k) => k === name.trim());
    const n = Number(value.trim().replace(/d$/, ''));
    if (!key)
      throw new ConfigError(
        `LEAD_TIMES: "${name}" is not a checklist item; use item keys such as merchant_account=10 (items: ${ITEM_KEYS.join(', ')}).`,
      );
    if (!Number.isInteger(n) || n < 0 || n > 120)
      throw new ConfigError(`LEAD_TIMES: ${entry} needs a whole number of working days from 0 to 120.`);
    out[key] = n;
  }
  return out;
}

/** How often an unanswered question is chased, in working days of the calendar (REMINDER_RULES). */
export interface ReminderCadence {
  /** Working days from the question to the first nudge, and between nudges. */
  nudgeAfterDays: number;
  /** Nudges in the thread before the PM is told. */
  maxNudges: number;
  /** Working days from the last nudge to the PM's escalation. */
  escalateAfterDays: number;
}

/** STORY.md's rhythm: asked on day 0, nudged on working days 2 and 4, the PM told on day 6. */
export const DEFAULT_CADENCE: ReminderCadence = { nudgeAfterDays: 2, maxNudges: 2, escalateAfterDays: 2 };

const CADENCE_KEYS: Record<string, keyof ReminderCadence> = {
  nudge_after: 'nudgeAfterDays',
  max_nudges: 'maxNudges',
  escalate_after: 'escalateAfterDays',
};

/** `nudge_after=2,max_nudges=2,escalate_after=2` (any subset; the rest keep their defaults). */
export function parseReminderRules(raw: string | undefined): ReminderCadence {
  const cadence = { ...DEFAULT_CADENCE };
  for (const entry of listOf(raw)) {
    const [name = '', value = ''] = entry.split('=');
    const key = CADENCE_KEYS[name.trim()];
    const n = Number(value.trim().replace(/d$/, ''));
    if (!key)
      throw new ConfigError(
        `REMINDER_RULES: "${entry}" is not a rule; use nudge_after=N, max_nudges=N and escalate_after=N (N in working days, e.g. nudge_after=2,max_nudges=2,escalate_after=2).`,
      );
    const min = key === 'maxNudges' ? 0 : 1;
    if (!Number.isInteger(n) || n < min || n > 60)
      throw new ConfigError(`REMINDER_RULES: ${name}=${value} must be a whole number from ${min} to 60.`);
    cadence[key] = n;
  }
  return cadence;
}

function readCalendarFile(raw: string | undefined): CalendarOverrides {
  if (!nonEmpty(raw)) return NO_OVERRIDES;
  try {
    return loadCalendarFile(raw.trim());
  } catch (err) {
    if (err instanceof CalendarFileError) throw new ConfigError(err.message);
    throw err;
  }
}

export type LogFormat = 'json' | 'pretty';

/** Where stored messages are processed after the ack (PROCESSING; docs/architecture.md, "The inbound path"). */
export type Processing = 'worker' | 'inline';

const WECHAT_DEFAULT_BASE = 'https://api.weixin.qq.com';

/**
 * WECHAT_API_BASE: unset = WeChat's own host when a platform is on, none on the local chat (a newcomer's
 * fake App IDs and secrets stay on this machine); `off` = no App-secret check (the demo, a closed network).
 */
function wechatBase(raw: string | undefined, platformOn: boolean): string | undefined {
  if (!nonEmpty(raw)) return platformOn ? WECHAT_DEFAULT_BASE : undefined;
  return raw.trim() === 'off' ? undefined : raw.trim().replace(/\/+$/, '');
}

const listOf = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A platform's variables as a group (adapters' `readConfig`): the values when all are set,
 * undefined when none is, and a `ConfigError` naming the missing ones when only some are.
 */
export function group<K extends string>(
  env: Env,
  platform: string,
  names: readonly K[],
): Record<K, string> | undefined {
  const set = names.filter((n) => nonEmpty(env[n]));
  if (set.length === 0) return undefined;
  const missing = names.filter((n) => !nonEmpty(env[n]));
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing ${missing.join(', ')}: ${platform} is half-configured (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set). ` +
        `Set all of ${names.join(', ')}, or none to turn ${platform} off.`,
    );
  }
  return Object.fromEntries(names.map((n) => [n, String(env[n]).trim()])) as Record<K, string>;
}

export function nonEmpty(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

function parseSecretKey(raw: string | undefined): Buffer | undefined {
  if (!nonEmpty(raw)) return undefined;
  const key = Buffer.from(raw.trim(), 'base64');
  if (key.length !== 32) {
    throw new ConfigError(
      `SECRET_KEY must be 32 bytes encoded as base64 (got ${key.length} bytes). Make one with: openssl rand -base64 32`,
    );
  }
  return key;
}

function parsePort(raw: string | undefined): number {
  if (!nonEmpty(raw)) return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${raw}").`);
  }
  return port;
}

/** An IANA time zone this runtime knows (Asia/Shanghai, Europe/Berlin). */
export function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function parseProcessing(raw: string | undefined): Processing {
  if (!nonEmpty(raw)) return 'worker';
  const v = raw.trim().toLowerCase();
  if (v === 'worker' || v === 'inline') return v;
  throw new ConfigError(
    `PROCESSING must be worker or inline (got "${raw}"). Unset, messages are read and answered in a worker thread.`,
  );
}

function parseLogFormat(raw: string | undefined): LogFormat | undefined {
  if (!nonEmpty(raw)) return undefined;
  const v = raw.trim().toLowerCase();
  if (v === 'json' || v === 'pretty') return v;
  throw new ConfigError(
    `LOG_FORMAT must be json or pretty (got "${raw}"). Unset, it is pretty on a terminal and json otherwise.`,
  );
}

function parsePublicUrl(raw: string | undefined, port: number): string {
  if (!nonEmpty(raw)) return `http://localhost:${port || 3000}`;
  const url = raw.trim().replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(url)) {
    throw new ConfigError(
      `PUBLIC_URL must be the address PMs open the status page at, like https://bot.example.com (got "${raw}").`,
    );
  }
  return url;
}

/** DATABASE_PATH (and CALENDAR_FILE, ENV_FILE) as an absolute path: a relative one is taken from the project root, so `npm start` and the CLI agree from any folder. */
export function resolveFromRoot(path: string, root = PROJECT_ROOT): string {
  return path === ':memory:' || isAbsolute(path) ? path : resolve(root, path);
}

/** LOG_LEVEL debug or trace: a start-up or CLI failure also prints its stack. */
export function wantsStack(env: Env): boolean {
  const level = env.LOG_LEVEL?.trim();
  return level === 'debug' || level === 'trace';
}

/**
 * The environment with `.env` under it: variables already set win, and the file fills in the rest.
 * ENV_FILE names another file (a relative name from the project root); a missing default `.env` is fine,
 * a missing ENV_FILE is an error that names it.
 *
 *   const config = readConfig(withEnvFile(process.env));
 */
export function withEnvFile(env: Env = process.env, root = PROJECT_ROOT): Env {
  const named = nonEmpty(env.ENV_FILE) ? resolveFromRoot(env.ENV_FILE.trim(), root) : undefined;
  const file = named ?? resolve(root, '.env');
  if (!existsSync(file)) {
    if (named)
      throw new ConfigError(
        `ENV_FILE: no file at ${named}. Create it (cp .env.example ${env.ENV_FILE}), or unset ENV_FILE to read .env.`,
      );
    return env;
  }
  let fromFile: Record<string, string | undefined>;
  try {
    fromFile = parseEnv(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(
      `Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}. Fix the file, or move it away.`,
    );
  }
  const merged: Env = { ...env };
  for (const [name, value] of Object.entries(fromFile)) {
    if (merged[name] === undefined) merged[name] = value;
  }
  return merged;
}

/** The core's part of the configuration; `facts` come from the adapters' sections (src/main.ts). */
export function readCoreConfig(env: Env, facts: PlatformFacts): Config {
  // Like DATABASE_PATH: a relative CALENDAR_FILE is taken from the project root, not the working directory.
  const calendarFile = nonEmpty(env.CALENDAR_FILE) ? resolveFromRoot(env.CALENDAR_FILE.trim()) : undefined;
  const pmPrefixes = facts.pmUsers.map((p) => p.prefix);
  const pmUserPattern = new RegExp(`^(${pmPrefixes.join('|')}):[^\\s:]+(:(en|zh))?$`);
  const examples = facts.pmUsers.filter((p) => p.prefix !== 'local').map((p) => p.example);
  const example = examples.length > 0 ? examples : facts.pmUsers.map((p) => p.example);
  const pmLocales: Record<string, Locale> = {};
  const pmUsers = listOf(env.PM_USERS).map((u) => {
    if (!pmUserPattern.test(u))
      throw new ConfigError(
        `PM_USERS: "${u}" is not valid; entries look like ${example.join(' or ')}, with the PM's language after a colon if it is not PM_LOCALE (${example[0]}:en).`,
      );
    const [platform, id, locale] = u.split(':') as [string, string, Locale | undefined];
    const user = `${platform}:${id}` as PlatformUser;
    if (locale) pmLocales[user] = locale;
    return user;
  });
  const pmLocaleRaw = env.PM_LOCALE?.trim();
  if (pmLocaleRaw && !isLocale(pmLocaleRaw))
    throw new ConfigError(`PM_LOCALE must be en or zh (got "${pmLocaleRaw}").`);

  const agencyTimezone = nonEmpty(env.AGENCY_TIMEZONE) ? env.AGENCY_TIMEZONE.trim() : 'Asia/Shanghai';
  if (!validTimezone(agencyTimezone)) {
    throw new ConfigError(`AGENCY_TIMEZONE "${agencyTimezone}" is not an IANA time zone (e.g. Asia/Shanghai).`);
  }

  const databasePath = resolveFromRoot(
    nonEmpty(env.DATABASE_PATH) ? env.DATABASE_PATH.trim() : './data/release-bot.sqlite',
  );

  return {
    port: parsePort(env.PORT),
    host: nonEmpty(env.HOST) ? env.HOST.trim() : '0.0.0.0',
    databasePath,
    redisUrl: nonEmpty(env.REDIS_URL) ? env.REDIS_URL.trim() : undefined,
    queuePrefix: nonEmpty(env.QUEUE_PREFIX) ? env.QUEUE_PREFIX.trim() : 'release-bot',
    secretKey: parseSecretKey(env.SECRET_KEY),
    pmUsers,
    ...(pmLocaleRaw && isLocale(pmLocaleRaw) ? { pmLocale: pmLocaleRaw } : {}),
    pmLocales,
    agencyTimezone,
    agencyDevelopers: listOf(env.AGENCY_DEVELOPERS),
    dashboardToken: nonEmpty(env.DASHBOARD_TOKEN) ? env.DASHBOARD_TOKEN.trim() : undefined,
    logLevel: nonEmpty(env.LOG_LEVEL) ? env.LOG_LEVEL.trim() : 'info',
    wechatApiBase: wechatBase(env.WECHAT_API_BASE, facts.platformOn),
    logFormat: parseLogFormat(env.LOG_FORMAT),
    publicUrl: parsePublicUrl(env.PUBLIC_URL, parsePort(env.PORT)),
    clientLinkBase: nonEmpty(env.PUBLIC_URL) ? parsePublicUrl(env.PUBLIC_URL, parsePort(env.PORT)) : undefined,
    ...(calendarFile ? { calendarFile } : {}),
    calendar: readCalendarFile(calendarFile),
    reminderCadence: parseReminderRules(env.REMINDER_RULES),
    leadTimes: parseLeadTimes(env.LEAD_TIMES),
    files: parseFilesConfig(env, databasePath),
    outboxConcurrency: wholeNumber('OUTBOX_CONCURRENCY', env.OUTBOX_CONCURRENCY, 1, 1000, DEFAULT_OUTBOX_CONCURRENCY),
    processing: parseProcessing(env.PROCESSING),
  };
}
