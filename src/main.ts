/**
 * The composition root: the one place that wires the core to SQLite (db/), Redis and BullMQ
 * (jobs/) and the chat platforms (bots/). `npm start` runs this file.
 *
 *   const app = await createApp(readConfig(process.env));
 *   await app.listen();            // GET /healthz answers 200 once ready
 *   await app.stop();              // what SIGTERM does
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Redis } from 'ioredis';
import { LocalChat } from '../bots/local/chat.js';
import { mountSlack } from '../bots/slack/index.js';
import { WeChatHttpApi } from '../bots/wechat/api.js';
import { mountWeCom, weComCommandParts } from '../bots/wecom/index.js';
import { closeDatabase, type Db, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { sqliteRequestLog } from '../db/request-log.js';
import { createFileStore } from '../db/file-store.js';
import { createStore } from '../db/store.js';
import { takeTurnsWith, WriteTurns, writeTurnsOf } from '../db/write-turns.js';
import { type ReminderJobs, startReminderJobs } from '../jobs/index.js';
import type { MissingJobs } from '../jobs/reconciler.js';
import { RedisLink } from '../jobs/redis-link.js';
import { startPrivateRedis, type PrivateRedis } from '../jobs/redis-server.js';
import { ReleaseBot } from './bot.js';
import { Commands } from './commands/index.js';
import { registerCorrectionCommands } from './commands/corrections.js';
import { registerReleaseCommands } from './commands/release.js';
import { registerClientSettingsCommands } from './commands/client-settings.js';
import { registerPeopleCommands } from './commands/people.js';
import { registerExportCommand } from './commands/export.js';
import { type Config as CoreConfig, readCoreConfig, wantsStack, withEnvFile } from './config.js';
import type { Env, PmUserSyntax } from './platforms.js';
import { type SlackConfig, slackParts } from '../bots/slack/parts.js';
import { kfParts, type WeComConfig, type WeComKfConfig, wecomParts } from '../bots/wecom/parts.js';
import type { FileStore } from './files/store.js';
import { describeFailure, redisUrlForHumans } from './failures.js';
import { startupLines } from './startup.js';
import { registerWaitCommand } from './commands/waiting.js';
import { registerFileCommand } from './commands/files.js';
import { Conversation } from './conversation/flow.js';
import { createHttpServer, type HttpServer, sendJson, sendText } from '../web/server.js';
import { t } from './i18n/index.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { Outbox } from './outbox.js';
import { type Chat, type Clock, systemClock } from './ports.js';
import { AppSecretChecker } from './use-cases/app-secret-check.js';
import type { Platform } from './release/model.js';
import { LimitRecheck } from './use-cases/limit-recheck.js';
import { secretBox } from './release/secrets.js';
import { registerReminderCommands } from './reminders/commands.js';
import { calendarGaps, WorkingCalendar } from './calendar/working-calendar.js';
import { localParts } from './reminders/business-hours.js';
import { configurePlanning } from './status/launch.js';
import { configurePmLocales } from './i18n/index.js';
import { DEFAULT_RULES, ReminderPlanner } from './reminders/planner.js';
import type { ItemKey } from './checklist/types.js';
import { ReleaseService } from './release/service.js';
import { editableText } from './status/format.js';
import type { ReleaseStore } from './release/store.js';
import { ClientLinks } from './links/client-links.js';
import { ClientLinkOffers } from './links/offers.js';
import { registerLinkCommands } from './commands/links.js';
import { mountClientPage } from '../web/client-page.js';
import { PageAccess } from '../web/auth.js';
import { mountPages } from '../web/index.js';
import { pageLocale } from '../web/locale.js';
import { InviteLinks } from './use-cases/invite-links.js';
import { HumanTakeover } from './use-cases/human-takeover.js';
import { type AppEvents, EventBus } from './events.js';
import { ProcessingThread, serveProcessing } from './processing.js';

// === The platforms: each adapter's configuration section, start-up line and metrics (src/platforms.ts)

/** The adapters' parts, listed once; the core knows a platform only by its name. */
const PLATFORM_PARTS = [slackParts, wecomParts, kfParts] as const;
/** The local chat's PM (`local:pm`, the local chat page and the terminal chat). */
const LOCAL_PM: PmUserSyntax = { prefix: 'local', example: 'local:pm' };
/** How PMs are named on every platform they work from (PM_USERS, `/release hand-over`). */
const PM_USER_SYNTAX: readonly PmUserSyntax[] = [...PLATFORM_PARTS.flatMap((p) => p.pmUsers ?? []), LOCAL_PM];

/** The service's configuration: the core's, and each configured platform's section (undefined = off). */
export type Config = CoreConfig & { slack?: SlackConfig; wecom?: WeComConfig; wecomKf?: WeComKfConfig };

/**
 * The one reader of `process.env`: the core's settings and each adapter's section.
 * `{ platforms: false }`: none is read (the terminal chat: a running service owns the platforms).
 *
 *   const config = readConfig(process.env);
 *   if (config.slack) …
 */
export function readConfig(env: Env = process.env, opts: { platforms?: boolean } = {}): Config {
  const on =
    opts.platforms === false
      ? {}
      : { slack: slackParts.readConfig(env), wecom: wecomParts.readConfig(env), wecomKf: kfParts.readConfig(env) };
  const core = readCoreConfig(env, { platformOn: Boolean(on.slack || on.wecom), pmUsers: PM_USER_SYNTAX });
  return { ...core, ...on };
}

/** `npm start`'s line for each platform that is on. */
function platformLines(config: Config): string[] {
  const lines = [
    config.slack && slackParts.startupLine(config.slack),
    config.wecom && wecomParts.startupLine(config.wecom),
    config.wecomKf && kfParts.startupLine(config.wecomKf),
  ];
  return lines.filter((line): line is string => typeof line === 'string');
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  /** Replaces the platform's chat (tests pass fakes at the network edge instead, where they can). */
  chats?: Chat[];
  /** Adds the local chat even when Slack or WeCom is configured (the terminal chat, the demo). */
  localChat?: boolean;
}

export interface App {
  config: Config;
  db: Db;
  store: ReleaseStore;
  /** Files clients sent, beside the database (FILES_DIR): src/files/store.ts. */
  files: FileStore;
  service: ReleaseService;
  bot: ReleaseBot;
  commands: Commands;
  outbox: Outbox;
  http: HttpServer;
  /** The one view of Redis: its monitor connection answers /healthz; its state is logged once per change. */
  redisLink: RedisLink;
  redisUrl: string;
  /** Reminder jobs on BullMQ: the queue, its worker, the daily jobs and the reconciler. */
  jobs: ReminderJobs;
  logger: Logger;
  clock: Clock;
  /** True when REDIS_URL was unset and the app started its own redis-server. */
  redisIsPrivate: boolean;
  /** Present when no Slack or WeCom is configured: the embedded local chat. */
  localChat?: LocalChat;
  /** The App-secret check with WeChat; absent with WECHAT_API_BASE=off. */
  appSecrets?: AppSecretChecker;
  /** The clients' private-page links (`/release link`, offered in chat; need PUBLIC_URL). */
  links: ClientLinks;
  /** Starts the work without HTTP: resumes stored messages, sends the outbox (the terminal chat, the demo). */
  start(): Promise<void>;
  /** Starts listening on config.port (0 = any free port), then `start()`; returns the port. */
  listen(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The database alone, migrated: for CLI commands that read or write state without the service.
 * `mustExist` (status, reminders, export): fail with a message naming DATABASE_PATH instead of creating an empty one.
 */
export function openStore(
  config: Config,
  opts: { mustExist?: boolean } = {},
): { store: ReleaseStore; files: FileStore; db: Db; close(): void } {
  const db = openDatabase(config.databasePath, opts);
  try {
    runMigrations(db);
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  return {
    store: createStore(db),
    files: createFileStore(db, { dir: config.files.dir, limits: config.files }),
    db,
    close: () => closeDatabase(db),
  };
}

/** REDIS_URL is set but nothing answers there; `url` carries no password. */
export class RedisUnreachableError extends Error {
  readonly code = 'REDIS_UNREACHABLE';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`REDIS_UNREACHABLE: ${url}: ${reason}`);
    this.name = 'RedisUnreachableError';
  }
}

/** Connects, or throws RedisUnreachableError with the first connection error (not ioredis's "Connection is closed."). */
async function connectOrExplain(redis: Redis, url: string): Promise<void> {
  let first: string | undefined;
  const remember = (err: Error): void => {
    first ??= err.message;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
  } catch (err) {
    redis.disconnect();
    throw new RedisUnreachableError(
      redisUrlForHumans(url),
      first ?? (err instanceof Error ? err.message : String(err)),
    );
  } finally {
    redis.off('error', remember);
  }
}

/** SECRET_KEY, or a key file beside the database, made on first start (the embedded default). */
function loadSecretKey(config: Config, logger: Logger): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = join(dirname(config.databasePath), 'secret.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600 });
  logger.warn({ file }, 'SECRET_KEY is not set: created a key file beside the database. Set SECRET_KEY in production.');
  return key;
}

async function connectRedis(config: Config, logger: Logger): Promise<{ url: string; privateRedis?: PrivateRedis }> {
  if (config.redisUrl) return { url: config.redisUrl };
  const privateRedis = await startPrivateRedis({ dataDir: dirname(config.databasePath), logger });
  logger.info(
    { url: privateRedis.url, redisPid: privateRedis.pid },
    'REDIS_URL is not set: started a private redis-server (it stops with the service)',
  );
  return { url: privateRedis.url, privateRedis };
}

/**
 * The service: the parts, in the order they start. Each line is one part; the functions below say
 * how each is made. Platforms plug in at three places: their command parts (target syntax, status
 * notes, own commands), their mount (routes and chats) and their `PlatformParts` in `PLATFORM_PARTS`
 * (configuration section, start-up line, metrics).
 */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const clock = opts.clock ?? systemClock;
  const db = openMigrated(config.databasePath);
  const keyed = { ...config, secretKey: loadSecretKey(config, logger) };
  const core = buildCore(keyed, opts, { db, logger, clock });
  const { url: redisUrl, privateRedis, redisLink } = await connectRedisOrClose(config, logger, db);
  /** Parts to stop on shutdown, in reverse order of start. */
  const closers: (() => Promise<void>)[] = [];
  try {
    // An injected clock (tests) cannot cross into a worker thread: such an app processes inline.
    if (config.processing === 'worker' && !opts.clock) closers.push(startProcessingThread(keyed, core, db, logger));
    const http = createHttpServer({ logger });
    const access = new PageAccess(config.dashboardToken); // pages and /metrics: this machine, or the dashboard token
    mountMetrics(http, access, core.store, core.metrics);
    await mountPlatforms(config, core, { db, http, clock, logger, closers });
    const appSecrets = startAppSecretCheck(config, core, { clock, logger, closers });
    const jobs = await startJobs(config, core, { redisLink, clock, logger, closers, appSecrets });
    let ready = false;
    mountWeb(http, config, core, { access, db, redisLink, jobs, clock, logger, isReady: () => ready });
    const run = { db, http, redisLink, redisUrl, privateRedis, jobs, appSecrets, logger, clock, closers };
    return assembleApp(config, core, run, (value) => {
      ready = value;
    });
  } catch (err) {
    // A start that fails after Redis connected (Slack refusing the token at auth.test, the reminder
    // jobs or their reconcile failing) gives back what it took before the error reaches the caller.
    for (const close of closers.reverse())
      await close().catch((e: unknown) =>
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'a part failed to stop after a failed start'),
      );
    await redisLink.close();
    await privateRedis?.stop();
    closeDatabase(db);
    throw err;
  }
}

/** The pages beside the platforms' routes: /healthz, the status pages and local chat, the client page by link. */
function mountWeb(
  http: HttpServer,
  config: Config,
  core: Core,
  w: {
    access: PageAccess;
    db: Db;
    redisLink: RedisLink;
    jobs: Awaited<ReturnType<typeof startJobs>>;
    clock: Clock;
    logger: Logger;
    isReady: () => boolean;
  },
): void {
  const { store, files, service, bot, localChat, links, secrets, calendar } = core;
  const { access, db, redisLink, jobs, clock, logger, isReady } = w;
  mountHealth(http, { config, db, redisLink, jobs, store, calendar, clock, isReady });
  mountPages(http, { store, clock, bot, access, chat: localChat, timeZone: config.agencyTimezone, files });
  const secure = config.clientLinkBase?.startsWith('https:') ?? false;
  const csrf = (input: string) => secrets.fingerprint(input);
  mountClientPage(http, { links, service, bot, clock, logger, csrf, secure, files });
}

/** The running service: its parts, and how it starts (recover, then serve) and stops (in reverse). */
function assembleApp(
  config: Config,
  core: Core,
  run: {
    db: Db;
    http: HttpServer;
    redisLink: RedisLink;
    redisUrl: string;
    privateRedis: PrivateRedis | undefined;
    jobs: Awaited<ReturnType<typeof startJobs>>;
    appSecrets: ReturnType<typeof startAppSecretCheck>;
    logger: Logger;
    clock: Clock;
    closers: (() => Promise<void>)[];
  },
  setReady: (ready: boolean) => void,
): App {
  const { store, files, service, bot, commands, outbox, localChat, links } = core;
  const { db, http, redisLink, redisUrl, privateRedis, jobs, appSecrets, logger, clock, closers } = run;
  const parts = { config, db, store, files, service, bot, commands, outbox, http, redisLink, redisUrl, jobs };
  const app: App = {
    ...parts,
    logger,
    clock,
    localChat,
    links,
    redisIsPrivate: privateRedis !== undefined,
    ...(appSecrets ? { appSecrets } : {}),
    async start() {
      const recovered = await bot.recover();
      if (recovered > 0) logger.info({ recovered }, 'processed messages stored before the last stop');
      store.statusRows(); // reads the overview once now, so a PM's first /release status is served from it
      appSecrets?.recover(); // answers whose check the last stop cut short
      outbox.start();
      setReady(true);
    },
    listen: () => listenThenStart(app, () => app.start()),
    async stop() {
      setReady(false);
      await http.close();
      await bot.idle(); // what was acknowledged is read and answered before the parts it needs stop
      for (const close of closers.reverse()) await close();
      await outbox.stop();
      await redisLink.close();
      await privateRedis?.stop();
      closeDatabase(db);
    },
  };
  return app;
}

function openMigrated(path: string): Db {
  const db = openDatabase(path);
  try {
    runMigrations(db);
  } catch (err) {
    closeDatabase(db);
    throw err;
  }
  return db;
}

type Core = ReturnType<typeof buildCore>;

/** The platform-neutral core and the command table: no network yet. */
function buildCore(
  config: Config,
  opts: AppOptions,
  { db, logger, clock, worker = false }: { db: Db; logger: Logger; clock: Clock; worker?: boolean },
) {
  const store = createStore(db);
  const files = createFileStore(db, {
    dir: config.files.dir,
    limits: { maxFileBytes: config.files.maxFileBytes, maxReleaseBytes: config.files.maxReleaseBytes },
  });
  const secrets = secretBox(loadSecretKey(config, logger));
  const calendar = new WorkingCalendar(config.calendar);
  configurePlanning({ calendar, leadDays: config.leadTimes });
  configurePmLocales(config.pmLocale, config.pmLocales);
  // Events emitted inside a transaction are published when it commits (src/events.ts).
  const events = new EventBus(logger, store);
  const service = new ReleaseService(store, clock, secrets, events);

  // The processing worker sends nothing: its outbox only stores rows, and it has no chat.
  const chats = new Map<Platform, Chat>();
  const localChat = !worker && (opts.localChat || (!config.slack && !config.wecom)) ? new LocalChat() : undefined;
  if (localChat) chats.set('local', localChat);
  for (const chat of opts.chats ?? []) chats.set(chat.platform, chat);

  const metrics = new Metrics(Object.assign({}, ...PLATFORM_PARTS.map((p) => p.metrics ?? {})));
  const outbox = new Outbox({
    store,
    chats,
    clock,
    logger,
    metrics,
    events,
    concurrency: config.outboxConcurrency,
  });
  const conversation = new Conversation(service, { developers: config.agencyDevelopers });
  const invites = new InviteLinks({ store, service, conversation, outbox, clock, logger });
  const takeover = new HumanTakeover({ store, outbox });
  const planner = new ReminderPlanner(store, { ...DEFAULT_RULES, ...config.reminderCadence }, logger, calendar);
  // Inside the change's transaction (atomic with it): the planner's reminder rows, the re-check's outbox rows.
  service.onItemChange(planner);
  service.onItemChange(new LimitRecheck(service, outbox));
  // After the commit: reactions, on the event bus.
  events.on('release.opened', (e) =>
    logger.info({ releaseId: e.release.id, carried: e.carried.length }, 'release opened'),
  );
  events.on('delivery.failed', (e) => logger.warn({ outboxId: e.outboxId, to: e.to.kind }, 'message handed to the PM'));

  // The platforms' parts of the commands (target syntax, status notes, their own commands).
  const wecomParts = weComCommandParts({ config, store, secrets, clock });
  const commands = new Commands({
    service,
    conversation,
    outbox,
    clock,
    reminders: store,
    status: store,
    people: store,
    publicUrl: config.publicUrl,
    targets: wecomParts.targets,
    statusNotes: wecomParts.statusNotes,
    invites,
    files,
  });
  // The command table, in the order `/release help` lists it.
  registerReleaseCommands(commands);
  registerCorrectionCommands(commands);
  for (const [name, handler] of Object.entries(wecomParts.commands)) commands.register(name, handler);
  registerReminderCommands(commands, planner);
  registerClientSettingsCommands(commands, planner);
  registerPeopleCommands(commands, { pmUsers: config.pmUsers, users: PM_USER_SYNTAX, planner });
  registerWaitCommand(commands);
  registerFileCommand(commands);
  registerExportCommand(commands);
  // The client's private page (src/links): links need PUBLIC_URL.
  const links = new ClientLinks(store, clock, config.clientLinkBase, config.pmUsers);
  const linkOffers = new ClientLinkOffers(links, store, clock, {
    noPrivateForm: PLATFORM_PARTS.flatMap((p) => p.noPrivateForm ?? []),
  });
  conversation.offerLinks(linkOffers);
  registerLinkCommands(commands, links);

  const bot = new ReleaseBot({
    store,
    conversation,
    commands,
    outbox,
    events,
    secrets,
    clock,
    logger,
    metrics,
    pmUsers: config.pmUsers,
    files,
    takeover,
    otherWriterWaits: () => writeTurnsOf(db.$client)?.wanted() ?? false,
  });
  // What committed is sent now: a processed message's replies, a check's notices, a fired reminder.
  // (In the processing worker, the service does it when the worker's batch is done.)
  if (!worker) {
    events.on('changes.committed', () => void outbox.kick());
    events.on('reminder.due', () => void outbox.kick());
  }
  return {
    store,
    files,
    secrets,
    calendar,
    service,
    events,
    links,
    linkOffers,
    chats,
    localChat,
    metrics,
    outbox,
    conversation,
    invites,
    takeover,
    planner,
    wecomParts,
    commands,
    bot,
  };
}

// === PROCESSING=worker (src/processing.ts): this module is also the worker's entry

const PROCESSING_WORKER = 'release-bot-processing';

interface ProcessingWorkerData {
  kind: typeof PROCESSING_WORKER;
  config: Config;
  /** The two threads' turns at writing the database (db/write-turns.ts), the service first. */
  writeTurns: SharedArrayBuffer;
}

/** Starts the processing worker and hands the bot's stored messages to it; returns how to stop it. */
function startProcessingThread(config: Config, core: Core, db: Db, logger: Logger): () => Promise<void> {
  const turns = new WriteTurns(WriteTurns.sharedBuffer(), 'service');
  takeTurnsWith(db.$client, turns);
  // The worker's connection checkpoints the WAL (a checkpoint writes pages into the database and
  // fsyncs both files, on the thread whose commit crossed the threshold of 1,000 pages): not this
  // event loop, while the worker runs — unless the WAL grows ten times that without a worker commit
  // (a long quiet spell of reminders and sends only).
  db.$client.pragma('wal_autocheckpoint = 10000');
  const data: ProcessingWorkerData = { kind: PROCESSING_WORKER, config, writeTurns: turns.buffer };
  const thread = new ProcessingThread({
    entry: new URL(import.meta.url),
    workerData: data,
    logger,
    exited: () => {
      turns.freeIfHeldByWorker();
      db.$client.pragma('wal_autocheckpoint = 1000'); // SQLite's default
    },
    // The worker's commits, followed as the service's own: reminder jobs, checks, the outbox kick.
    done: ({ ops, facts }) => {
      core.planner.adopt(ops);
      // Outside a transaction `emit` publishes at once, and the drain's `events.idle()` waits for the handlers.
      for (const fact of facts) core.events.emit('fact.recorded', fact);
      core.events.emit('changes.committed', { by: 'message' });
    },
  });
  core.bot.processElsewhere(thread);
  return () => thread.stop();
}

/** The worker thread: its own SQLite connection and core (no HTTP, no Redis, no sending). */
function runProcessingWorker(data: ProcessingWorkerData, port: NonNullable<typeof parentPort>): void {
  // A Buffer arrives as a plain Uint8Array.
  const config: Config = {
    ...data.config,
    ...(data.config.secretKey ? { secretKey: Buffer.from(data.config.secretKey) } : {}),
  };
  const logger = createLogger({ level: config.logLevel, format: config.logFormat ?? 'json' });
  // Migrated by the service before it started this worker. synchronous=NORMAL: the worker's commits
  // take no fsync, so the ack path (the other writer) never waits out one. Nothing acknowledged
  // depends on them: a power cut can only lose the worker's last commits together (WAL keeps them
  // atomic), whose messages are then still `received` and processed again at the next start; and
  // before any of their replies is sent, the outbox waits for the WAL file's fsync after the row's
  // in-flight mark (`store.durable()`, db/wal-sync.ts), the worker's earlier commits with it.
  const db = openDatabase(config.databasePath, { synchronous: 'NORMAL' });
  takeTurnsWith(db.$client, new WriteTurns(data.writeTurns, 'worker'));
  const core = buildCore(config, {}, { db, logger, clock: systemClock, worker: true });
  const facts: AppEvents['fact.recorded'][] = [];
  core.events.on('fact.recorded', (fact) => void facts.push(fact));
  serveProcessing(port, {
    bot: core.bot,
    afterBatch: () => ({ ops: core.planner.takePending(), facts: facts.splice(0) }),
    close: () => closeDatabase(db),
  });
}

function isProcessingWorker(data: unknown): data is ProcessingWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === PROCESSING_WORKER;
}

async function connectRedisOrClose(
  config: Config,
  logger: Logger,
  db: Db,
): Promise<{ url: string; privateRedis?: PrivateRedis; redisLink: RedisLink }> {
  const { url, privateRedis } = await connectRedis(config, logger);
  const redisLink = new RedisLink(url, logger);
  try {
    await connectOrExplain(redisLink.monitor, url);
  } catch (err) {
    await privateRedis?.stop();
    closeDatabase(db);
    throw err;
  }
  return { url, privateRedis, redisLink };
}

/** GET /metrics: Prometheus text, behind the pages' access rule. */
function mountMetrics(
  http: HttpServer,
  access: PageAccess,
  store: Pick<ReleaseStore, 'listOpenReleases' | 'scheduledReminders' | 'pendingOutbox'>,
  metrics: Metrics,
): void {
  http.route('GET', '/metrics', (req, res, url) => {
    if (!access.mayScrape(req)) {
      const headers: Record<string, string> = access.needsLogin ? { 'www-authenticate': 'Bearer realm="metrics"' } : {};
      return sendJson(
        res,
        access.needsLogin ? 401 : 403,
        { error: t(pageLocale(req, url), 'web.metrics_forbidden') },
        headers,
      );
    }
    const gauges = {
      release_bot_open_releases: store.listOpenReleases().length,
      release_bot_scheduled_reminders: store.scheduledReminders().length,
      release_bot_outbox_pending: store.pendingOutbox(),
    };
    sendText(res, 200, metrics.render(gauges), 'text/plain; version=0.0.4');
  });
}

interface Mounting {
  db: Db;
  http: HttpServer;
  clock: Clock;
  logger: Logger;
  closers: (() => Promise<void>)[];
}

/** The chat platforms, each when configured: their routes, and their chats into the outbox's map. */
async function mountPlatforms(
  config: Config,
  core: Core,
  { db, http, clock, logger, closers }: Mounting,
): Promise<void> {
  const { store, bot, chats } = core;
  // === Slack (bots/slack)
  if (config.slack) {
    const localeOf = (channel: string) => {
      const thread = store.findThread('slack', channel);
      return (thread && store.getClient(thread.clientId)?.locale) ?? 'en';
    };
    const releaseThreadOf = (clientName: string) => {
      const client = store.findClientByName(clientName);
      return client
        ? store.threadsOfClient(client.id).find((thread) => thread.platform === 'slack' && thread.threadTs)
        : undefined;
    };
    const editableValueOf = (channel: string, itemKey: ItemKey): string => {
      const thread = store.findThread('slack', channel);
      const release = thread && store.openReleaseOf(thread.clientId);
      const value = release ? store.item(release.id, itemKey)?.value : undefined;
      return value === undefined || value === null ? '' : editableText(itemKey, value, localeOf(channel));
    };
    const requestLog = sqliteRequestLog(db);
    const slack = await mountSlack({
      config: config.slack,
      pmUsers: config.pmUsers,
      bot,
      clock,
      logger,
      http,
      localeOf,
      releaseThreadOf,
      editableValueOf,
      requestLog,
    });
    if (!chats.has('slack')) chats.set('slack', slack.chat);
    closers.push(slack.stop);
  }
  // === WeCom (bots/wecom) and 微信客服
  if (config.wecom) {
    const { service, invites, takeover, outbox, metrics, wecomParts: parts } = core;
    const wecom = mountWeCom({
      config: { ...config, wecom: config.wecom },
      parts,
      http,
      bot,
      service,
      invites,
      takeover,
      outbox,
      store,
      clock,
      logger,
      metrics,
    });
    for (const chat of wecom.chats) if (!chats.has(chat.platform)) chats.set(chat.platform, chat);
    closers.push(wecom.stop);
  }
}

/** The App-secret check with WeChat (bots/wechat): when an App ID or secret is answered, and every working-day morning. */
function startAppSecretCheck(
  config: Config,
  core: Core,
  { clock, logger, closers }: Omit<Mounting, 'db' | 'http'>,
): AppSecretChecker | undefined {
  if (!config.wechatApiBase) return undefined;
  const { service, store, outbox, events, linkOffers } = core;
  const wechat = new WeChatHttpApi({ apiBase: config.wechatApiBase, now: () => clock.now().getTime() });
  // A check that changes an item commits with `changes.committed`: the reminder jobs mirror what it planned.
  const appSecrets = new AppSecretChecker({ service, store, outbox, wechat, clock, logger, events, linkOffers });
  // An App ID, App secret or template IDs answered: checked once the answer commits (never on a rollback).
  events.on('fact.recorded', (e) => appSecrets.itemChanged(e));
  // Answers committed by a message: the checks they asked for run (a check's own changes do not ask again).
  events.on('changes.committed', (e) => (e.by === 'message' ? appSecrets.flush() : undefined));
  // Closers run in reverse: this one after the platforms (no new answers), before the reminder jobs it flushes into.
  closers.unshift(() => appSecrets.stop());
  return appSecrets;
}

/** Reminders on BullMQ (jobs/): after the platforms, so a reminder that fires at once finds its chat in the outbox's map. */
async function startJobs(
  config: Config,
  core: Core,
  deps: {
    redisLink: RedisLink;
    clock: Clock;
    logger: Logger;
    closers: (() => Promise<void>)[];
    appSecrets?: AppSecretChecker;
  },
): Promise<ReminderJobs> {
  const { store, service, outbox, planner, events } = core;
  const { appSecrets, logger } = deps;
  const jobs = await startReminderJobs({
    link: deps.redisLink,
    prefix: config.queuePrefix,
    store,
    service,
    outbox,
    clock: deps.clock,
    logger,
    agencyTimezone: config.agencyTimezone,
    planner,
    events,
    ...(appSecrets ? { checkAppSecrets: () => appSecrets.checkAll() } : {}),
  });
  events.on('changes.committed', () => jobs.flush());
  deps.closers.unshift(() => jobs.close()); // stopped after the platforms (closers run in reverse)
  const reconciled = await jobs.reconcile();
  if (reconciled > 0) logger.info({ reconciled }, 'reminder jobs checked against SQLite');
  return jobs;
}

/**
 * GET /healthz: 200 "ok", or 200 "degraded" while Redis is unreachable or lacks jobs (commands and
 * messages are still answered; reminders catch up), 503 while starting or without the database.
 */
function mountHealth(
  http: HttpServer,
  deps: {
    config: Config;
    db: Db;
    redisLink: RedisLink;
    jobs: ReminderJobs;
    store: Pick<ReleaseStore, 'listOpenReleases'>;
    calendar: WorkingCalendar;
    clock: Clock;
    isReady: () => boolean;
  },
): void {
  http.route('GET', '/healthz', async (_req, res) => {
    const health = await checkHealth(deps.db, deps.redisLink, () => deps.jobs.health());
    const status = !deps.isReady()
      ? 'starting'
      : health.database !== 'ok'
        ? 'down'
        : health.redis !== 'ok' || health.missing
          ? 'degraded'
          : 'ok';
    // A year without holiday data does not stop the bot (it counts Monday–Friday), but the operator should know.
    const targets = deps.store.listOpenReleases().flatMap((r) => (r.targetDate ? [r.targetDate] : []));
    const gaps = calendarGaps(deps.calendar, localParts(deps.clock.now(), deps.config.agencyTimezone), targets);
    const calendarState =
      gaps.length === 0 ? 'ok' : { status: 'no holiday data', years: gaps, fix: 'add these years to CALENDAR_FILE' };
    sendJson(res, status === 'ok' || status === 'degraded' ? 200 : 503, { status, ...health, calendar: calendarState });
  });
}

/** Listens on config.port (0 = any free port), then starts the work; returns the port. */
async function listenThenStart(
  app: Pick<App, 'http' | 'config' | 'logger' | 'localChat'>,
  start: () => Promise<void>,
): Promise<number> {
  const { config, logger, localChat } = app;
  const port = await app.http.listen(config.port, config.host).catch((err: unknown) => {
    // EADDRINUSE / EACCES carry the port, so the message can name PORT and the fix.
    if (err && typeof err === 'object' && !('port' in err)) Object.assign(err, { port: config.port });
    throw err;
  });
  await start();
  logger.info(
    { port, chat: localChat ? '/chat' : undefined },
    localChat
      ? 'release bot listening; no Slack or WeCom configured: the local chat page is at /chat'
      : 'release bot listening',
  );
  return port;
}

interface Health {
  database: 'ok' | 'down';
  redis: 'ok' | 'down';
  /** What Redis lacks compared with SQLite; absent when nothing (or when Redis is down). */
  missing?: MissingJobs;
}

/** The health check's findings; no Redis call waits longer than the link's command timeout. */
async function checkHealth(db: Db, link: RedisLink, jobsHealth: () => Promise<MissingJobs>): Promise<Health> {
  let database: Health['database'] = 'ok';
  try {
    db.$client.prepare('select 1').get();
  } catch {
    database = 'down';
  }
  if (!(await link.ping())) return { database, redis: 'down' };
  try {
    const missing = await jobsHealth();
    return missing.schedulers.length > 0 || missing.reminderJobs > 0
      ? { database, redis: 'ok', missing }
      : { database, redis: 'ok' };
  } catch {
    return { database, redis: 'down' };
  }
}

/** `npm start`: read the environment, start, and shut down gracefully on SIGTERM/SIGINT. */
async function main(config: Config, pretty: boolean): Promise<void> {
  const logger = createLogger({ level: config.logLevel, format: pretty ? 'pretty' : 'json' });
  const app = await createApp(config, { logger });
  let port: number;
  try {
    port = await app.listen();
  } catch (err) {
    await app.stop().catch(() => undefined);
    throw err;
  }
  if (pretty)
    process.stdout.write(`${startupLines({ ...app, platforms: platformLines(app.config) }, port).join('\n')}\n`);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

if (!isMainThread && parentPort && isProcessingWorker(workerData)) runProcessingWorker(workerData, parentPort);
else if (isMainThread && import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let debug = wantsStack(process.env);
  const start = async (): Promise<void> => {
    const env = withEnvFile(process.env);
    debug = wantsStack(env);
    const config = readConfig(env);
    await main(config, (config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty');
  };
  start().catch((err: unknown) => {
    process.stderr.write(`${t('en', 'fail.start_prefix', { reason: describeFailure(err, { debug }) })}\n`);
    process.exit(1);
  });
}
