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
import { Redis } from 'ioredis';
import { LocalChat } from '../bots/local/chat.js';
import { mountSlack } from '../bots/slack/index.js';
import { WeChatHttpApi } from '../bots/wechat/api.js';
import { mountWeCom } from '../bots/wecom/index.js';
import { closeDatabase, type Db, openDatabase } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { startReminderJobs } from '../jobs/index.js';
import { startPrivateRedis, type PrivateRedis } from '../jobs/redis-server.js';
import { ReleaseBot } from './bot.js';
import { Commands } from './commands/index.js';
import { registerReleaseCommands } from './commands/release.js';
import { registerExportCommand } from './commands/export.js';
import { type Config, readConfig } from './config.js';
import { Conversation } from './conversation/flow.js';
import { createHttpServer, type HttpServer, sendJson, sendText } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { Outbox } from './outbox.js';
import { type Chat, type Clock, systemClock } from './ports.js';
import { AppSecretChecker } from './release/app-secret-check.js';
import type { Platform } from './release/model.js';
import { secretBox } from './release/secrets.js';
import { registerReminderCommands } from './reminders/commands.js';
import { DEFAULT_RULES, ReminderPlanner } from './reminders/planner.js';
import { ReleaseService } from './release/service.js';
import type { ReleaseStore } from './release/store.js';
import { mountPages } from './web/index.js';

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
  service: ReleaseService;
  bot: ReleaseBot;
  commands: Commands;
  outbox: Outbox;
  http: HttpServer;
  redis: Redis;
  redisUrl: string;
  logger: Logger;
  clock: Clock;
  /** Present when no Slack or WeCom is configured: the embedded local chat. */
  localChat?: LocalChat;
  /** The App-secret check with WeChat; absent with WECHAT_API_BASE=off. */
  appSecrets?: AppSecretChecker;
  /** Starts the work without HTTP: resumes stored messages, sends the outbox (the terminal chat, the demo). */
  start(): Promise<void>;
  /** Starts listening on config.port (0 = any free port), then `start()`; returns the port. */
  listen(): Promise<number>;
  stop(): Promise<void>;
}

/** The database alone, migrated: for CLI commands that read or write state without the service. */
export function openStore(config: Config): { store: ReleaseStore; db: Db; close(): void } {
  const db = openDatabase(config.databasePath);
  runMigrations(db);
  return { store: createStore(db), db, close: () => closeDatabase(db) };
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
  const privateRedis = await startPrivateRedis();
  logger.info({ url: privateRedis.url }, 'REDIS_URL is not set: started a private redis-server');
  return { url: privateRedis.url, privateRedis };
}

export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const logger = opts.logger ?? createLogger({ level: config.logLevel });
  const clock = opts.clock ?? systemClock;
  const db = openDatabase(config.databasePath);
  runMigrations(db);
  const store = createStore(db);
  const secrets = secretBox(loadSecretKey(config, logger));
  const service = new ReleaseService(store, clock, secrets);

  const chats = new Map<Platform, Chat>();
  const localChat = opts.localChat || (!config.slack && !config.wecom) ? new LocalChat() : undefined;
  if (localChat) chats.set('local', localChat);
  for (const chat of opts.chats ?? []) chats.set(chat.platform, chat);

  const metrics = new Metrics();
  const outbox = new Outbox({ store, chats, clock, logger, metrics });
  const conversation = new Conversation(service, { developers: config.agencyDevelopers });
  const commands = new Commands({ service, conversation, outbox, clock });
  registerReleaseCommands(commands);
  const bot = new ReleaseBot({ store, conversation, commands, outbox, secrets, clock, logger, metrics, pmUsers: config.pmUsers });

  const { url: redisUrl, privateRedis } = await connectRedis(config, logger);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();

  const http = createHttpServer({ logger });
  /** Parts to stop on shutdown, in reverse order of start. */
  const closers: (() => Promise<void>)[] = [];
  let ready = false;
  http.route('GET', '/healthz', async (_req, res) => {
    const database = (() => {
      try {
        db.$client.prepare('select 1').get();
        return 'ok';
      } catch {
        return 'down';
      }
    })();
    const redisState = await redis.ping().then(
      () => 'ok',
      () => 'down',
    );
    const ok = ready && database === 'ok' && redisState === 'ok';
    sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : ready ? 'degraded' : 'starting', database, redis: redisState });
  });

  http.route('GET', '/metrics', (_req, res) => {
    const gauges = {
      release_bot_open_releases: store.listOpenReleases().length,
      release_bot_scheduled_reminders: store.scheduledReminders().length,
      release_bot_outbox_pending: store.pendingOutbox(),
    };
    sendText(res, 200, metrics.render(gauges), 'text/plain; version=0.0.4');
  });

  // === Slack (bots/slack) — mounted here when config.slack is set.
  if (config.slack) {
    const localeOf = (channel: string) => {
      const thread = store.findThread('slack', channel);
      return (thread && store.getClient(thread.clientId)?.locale) ?? 'en';
    };
    const releaseThreadOf = (clientName: string) => {
      const client = store.findClientByName(clientName);
      return client ? store.threadsOfClient(client.id).find((thread) => thread.platform === 'slack' && thread.threadTs) : undefined;
    };
    const slack = await mountSlack({ config: config.slack, pmUsers: config.pmUsers, bot, clock, logger, http, localeOf, releaseThreadOf });
    if (!chats.has('slack')) chats.set('slack', slack.chat);
    closers.push(slack.stop);
  }

  // === WeCom (bots/wecom) and 微信客服 — mounted here when config.wecom is set.
  if (config.wecom) {
    const wecom = mountWeCom({ config: { ...config, wecom: config.wecom }, http, bot, commands, service, conversation, outbox, store, clock, logger });
    for (const chat of wecom.chats) if (!chats.has(chat.platform)) chats.set(chat.platform, chat);
    closers.push(wecom.stop);
  }

  // === Reminders (jobs/): BullMQ scheduler, workers, reconciler — after the platforms, so a reminder
  // that fires at once finds its chat in the outbox's map.
  const reminderPlanner = new ReminderPlanner(store, DEFAULT_RULES, logger);
  service.onItemChange(reminderPlanner);
  registerReminderCommands(commands, reminderPlanner);
  // === App-secret check (bots/wechat): when an App ID or secret is answered, and every working-day morning.
  const wechatApiBase = config.wechatApiBase;
  // A check that changes an item may plan or cancel reminders: the reminder jobs (started below) make those calls.
  let flushReminders = (): Promise<void> => Promise.resolve();
  const settled = async (): Promise<void> => {
    await flushReminders();
    void outbox.kick();
  };
  const appSecrets = wechatApiBase ? new AppSecretChecker({ service, store, outbox, wechat: new WeChatHttpApi({ apiBase: wechatApiBase }), clock, logger, settled }) : undefined;
  if (appSecrets) {
    service.onItemChange(appSecrets);
    bot.onAfterChange(() => appSecrets.flush());
    // Closers run in reverse: this one after the platforms (no new answers), before the reminder jobs it flushes into.
    closers.unshift(() => appSecrets.stop());
  }
  const reminderJobs = await startReminderJobs({
    url: redisUrl,
    prefix: config.queuePrefix,
    store,
    service,
    outbox,
    clock,
    logger,
    agencyTimezone: config.agencyTimezone,
    planner: reminderPlanner,
    ...(appSecrets ? { checkAppSecrets: () => appSecrets.checkAll() } : {}),
  });
  bot.onAfterChange(() => reminderJobs.flush());
  flushReminders = () => reminderJobs.flush();
  closers.unshift(() => reminderJobs.close()); // stopped after the platforms (closers run in reverse)
  const reconciled = await reminderJobs.reconcile();
  if (reconciled > 0) logger.info({ reconciled }, 'reminder jobs checked against SQLite');

  // === Status page, local chat page, exports (bots/local, src/status) — mounted here.
  // The local chat page acts as PM local:pm itself (isPm: true), so no PM_USERS entry is needed.
  registerExportCommand(commands);
  mountPages(http, { store, clock, bot, dashboardToken: config.dashboardToken, chat: localChat });
  if (localChat) logger.info({ path: '/chat' }, 'no Slack or WeCom configured: the local chat page is at /chat');

  const app: App = {
    config,
    db,
    store,
    service,
    bot,
    commands,
    outbox,
    http,
    redis,
    redisUrl,
    logger,
    clock,
    localChat,
    ...(appSecrets ? { appSecrets } : {}),
    async start() {
      const recovered = await bot.recover();
      if (recovered > 0) logger.info({ recovered }, 'processed messages stored before the last stop');
      store.statusRows(); // reads the overview once now, so a PM's first /release status is served from it
      appSecrets?.recover(); // answers whose check the last stop cut short
      outbox.start();
      ready = true;
    },
    async listen() {
      const port = await http.listen(config.port, config.host);
      await app.start();
      logger.info({ port }, 'release bot listening');
      return port;
    },
    async stop() {
      ready = false;
      await http.close();
      for (const close of closers.reverse()) await close();
      await outbox.stop();
      await redis.quit().catch(() => redis.disconnect());
      await privateRedis?.stop();
      closeDatabase(db);
    },
  };
  return app;
}

/** `npm start`: read the environment, start, and shut down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = readConfig(process.env);
  const app = await createApp(config);
  await app.listen();
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

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`release bot failed to start: ${message}\n`);
    process.exit(1);
  });
}
