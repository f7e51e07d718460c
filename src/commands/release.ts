/**
 * The core `/release` subcommands: help, start, status, done, skip, ask, whitelist, invite.
 * Reminders, exports and 微信客服 add theirs through `Commands.register`.
 */
import { checkDate, todayIn } from '../checklist/dates.js';
import { itemDef } from '../checklist/items.js';
import { ITEM_KEYS } from '../checklist/types.js';
import { DOMAIN, ICP } from '../checklist/rules.js';
import { itemLabel, questionsMessage } from '../conversation/questions.js';
import { isLocale, type Locale, render, t } from '../i18n/index.js';
import { type Client, type Platform, type Release, ROBOT_CHANNEL_PREFIX, type Thread } from '../release/model.js';
import { questionRecipients } from '../release/recipients.js';
import { maskSecret } from '../release/secrets.js';
import { reminderId } from '../reminders/planner.js';
import { buildStatus } from '../status/model.js';
import { formatTime } from '../status/format.js';
import { historyLines, overviewText, releaseText } from '../status/render-text.js';
import { resolveClient, resolveItem } from './args.js';
import { type CommandContext, type CommandDeps, type CommandHandler, type CommandReply, type Commands, reply } from './index.js';

const itemList = (): string => ITEM_KEYS.join(', ');

/** Resolves `<client> …` to its open release, or answers why not. */
export function withClient(
  ctx: CommandContext,
  args: string[],
  deps: CommandDeps,
  command: string,
  minRest: number,
): { client: Client; release: Release; rest: string[] } | CommandReply {
  if (args.length === 0) return reply(ctx.locale, { key: 'cmd.need_client', params: { command } });
  const found = resolveClient(deps.service.store, args, minRest);
  const name = args.slice(0, Math.max(1, args.length - minRest)).join(' ');
  if (!found) return reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: name } });
  const release = deps.service.store.openReleaseOf(found.client.id);
  if (!release) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  return { ...found, release };
}

export function isReply(x: object): x is CommandReply {
  return 'message' in x;
}

/**
 * Posts a message to the client's conversations that get questions (their contacts who do the work,
 * and threads with no contact), each rendered in its reader's language.
 */
export function postToClient(deps: CommandDeps, client: Client, message: Parameters<CommandDeps['outbox']['post']>[1] | ((locale: Locale) => Parameters<CommandDeps['outbox']['post']>[1])): Thread[] {
  const readers = questionRecipients(deps.service.store, client, deps.service.store.threadsOfClient(client.id));
  for (const { thread, locale } of readers) deps.outbox.post({ kind: 'thread', thread }, typeof message === 'function' ? message(locale) : message);
  return readers.map((r) => r.thread);
}

/** The other client whose open release already owns this conversation, if any: rebinding it would hijack their thread. */
function ownedByAnother(deps: CommandDeps, platform: Platform, channel: string, clientId: number | undefined): Client | undefined {
  const { store } = deps.service;
  const thread = store.findThread(platform, channel);
  if (!thread || thread.clientId === clientId) return undefined;
  const owner = store.getClient(thread.clientId);
  return owner && store.openReleaseOf(owner.id) ? owner : undefined;
}

/** Generated from the command table (`Commands.names()`), so a command added anywhere shows up here. */
function helpOf(commands: Commands): CommandHandler {
  return (ctx) => ({ message: { text: commands.help(ctx.locale, itemList()) }, visibility: 'ephemeral' });
}

/** `resume` before 微信客服 is set up (bots/wecom replaces it): help lists it, and it says how to turn kf on. */
const resumeWithoutKf: CommandHandler = (ctx) => reply(ctx.locale, { key: 'wecom.kf_off' });

const start: CommandHandler = (ctx, args, deps) => {
  const contacts = args.filter((a) => /^wecom:\S+$/i.test(a)).map((a) => a.slice('wecom:'.length));
  const { words, locale, releaseName } = startWords(args.filter((a) => !/^wecom:/i.test(a)));
  const name = words.join(' ');
  if (!name) return reply(ctx.locale, { key: 'cmd.need_client', params: { command: 'start' } });
  const { service, conversation, outbox } = deps;
  return service.store.transaction(() => {
    const existing = service.store.findClientByName(name);
    const known = existing ? service.store.threadsOfClient(existing.id) : [];
    if (!ctx.conversation && contacts.length === 0 && known.length === 0) {
      return reply(ctx.locale, { key: 'cmd.no_conversation', params: { client: name } });
    }
    const addresses = [
      ...(ctx.conversation ? [{ platform: ctx.conversation.platform, channel: ctx.conversation.channel, where: t(ctx.locale, 'cmd.where_thread') }] : []),
      ...contacts.map((c) => ({ platform: 'wecom' as const, channel: c, where: `wecom:${c}` })),
    ];
    for (const a of addresses) {
      const owner = ownedByAnother(deps, a.platform, a.channel, existing?.id);
      if (owner) return reply(ctx.locale, { key: 'cmd.conversation_taken', params: { where: a.where, other: owner.name } });
    }
    const { client, release, created, carried } = service.startRelease({ clientName: name, pmUser: ctx.user, actor: ctx.user, locale, name: releaseName });
    const threads: Thread[] = [];
    if (ctx.conversation) threads.push(service.bindThread({ clientId: client.id, ...ctx.conversation, actor: ctx.user }));
    for (const userid of contacts) threads.push(service.bindThread({ clientId: client.id, platform: 'wecom', channel: userid, kind: 'user', shared: true, actor: ctx.user }));
    const progress = service.progress(release.id);
    if (!created) return reply(ctx.locale, { key: 'cmd.already_open', params: { client: client.name, done: progress.done, total: progress.total } });
    const opening = conversation.openingBy(release);
    for (const { thread, locale: readsIn } of questionRecipients(service.store, client, threads.length > 0 ? threads : service.store.threadsOfClient(client.id))) {
      if (thread.kind === 'channel') {
        outbox.post({ kind: 'thread', thread }, {
          text: t(readsIn, 'conv.root', { client: client.name, done: progress.done, total: progress.total, pm: ctx.user }),
          opensThread: true,
        });
      }
      outbox.post({ kind: 'thread', thread }, opening(readsIn));
    }
    const where = contacts.length > 0 ? contacts.map((c) => `wecom:${c}`).join(', ') : t(ctx.locale, 'cmd.where_thread');
    const started = reply(ctx.locale, { key: 'cmd.started', params: { client: client.name, total: progress.total, where } }, 'in_channel');
    if ((release.seq ?? 1) <= 1 && !release.name) return started;
    const named = release.name ? ` (${release.name})` : '';
    const previous = service.store.releasesOf(client.id).at(-2);
    const repeat = t(ctx.locale, 'people.started_repeat', { client: client.name, seq: release.seq ?? 1, name: named, carried: carried.length, from: previous?.seq ?? 1, fresh: progress.total - carried.length });
    return { ...started, message: { text: carried.length > 0 || previous ? `${repeat}\n${started.message.text}` : started.message.text } };
  });
};

/** A release's name or version among `start`'s words: `v2.1`, `2.1.0`, or `"Spring sale"` after `as`. */
const VERSION = /^v\d+(?:\.\d+)*[a-z0-9.-]*$|^\d+\.\d+(?:\.\d+)*$/i;

/**
 * `start`'s words: the client's name, then optionally a release name or version and a language, in either order.
 *
 *   startWords(['Acme', 'Coffee', 'v2.1', 'en'])  // { words: ['Acme', 'Coffee'], locale: 'en', releaseName: 'v2.1' }
 *   startWords(['Acme', 'as', 'Spring sale'])      // { words: ['Acme'], releaseName: 'Spring sale' }
 */
export function startWords(args: readonly string[]): { words: string[]; locale?: Locale; releaseName?: string } {
  const words = [...args];
  let locale: Locale | undefined;
  let releaseName: string | undefined;
  for (let guard = 0; guard < 3 && words.length > 1; guard += 1) {
    const last = words.at(-1) ?? '';
    if (!locale && isLocale(last.toLowerCase())) locale = last.toLowerCase() as Locale;
    else if (!releaseName && VERSION.test(last)) releaseName = last;
    else if (!releaseName && words.length > 2 && words.at(-2)?.toLowerCase() === 'as') {
      releaseName = last;
      words.pop();
    } else break;
    words.pop();
  }
  return { words, locale, releaseName };
}

const status: CommandHandler = (ctx, args, deps) => {
  const { store } = deps.service;
  const now = deps.clock.now();
  if (args.length === 0) {
    const statuses = buildStatus(store.statusRows(), now);
    return { message: { text: overviewText(ctx.locale, statuses) }, visibility: 'ephemeral', view: { kind: 'overview', statuses } };
  }
  const found = resolveClient(store, args);
  if (!found) return reply(ctx.locale, { key: 'status.not_found', params: { client: args.join(' ') } });
  const [one] = buildStatus(store.statusRows({ clientId: found.client.id }), now);
  if (!one) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  // The PM's language: a Chinese-speaking client's status still reads in the PM's own.
  const locale = ctx.locale;
  // A client with earlier releases: its history under the latest one's status.
  const history = store.releasesOf(found.client.id);
  const text = history.length > 1 ? `${releaseText(locale, one, now)}\n\n${historyLines(locale, found.client.name, history, found.client.timezone).join('\n')}` : releaseText(locale, one, now);
  return { message: { text }, visibility: 'ephemeral', view: { kind: 'release', status: one } };
};

/** done / skip / ask <client> <item>. */
function itemCommand(kind: 'done' | 'skip' | 'ask'): CommandHandler {
  return (ctx, args, deps) => {
    const found = withClient(ctx, args, deps, kind, 1);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    const key = resolveItem(rest.join(' '));
    // Replies in the PM's language; the question re-sent to the client in the client's.
    const locale = ctx.locale;
    if (!key) return reply(locale, { key: 'cmd.unknown_item', params: { item: rest.join(' '), items: itemList() } });
    const label = itemLabel(locale, key);
    const { service } = deps;
    return service.store.transaction(() => {
      if (kind === 'done') {
        service.setStatus(release.id, key, 'done', ctx.user, undefined, 'pm');
        return reply(locale, { key: 'cmd.item_done', params: { client: client.name, label } }, 'in_channel');
      }
      if (kind === 'skip') {
        service.setStatus(release.id, key, 'n/a', ctx.user, undefined, 'pm');
        return reply(locale, { key: 'cmd.item_na', params: { client: client.name, label } }, 'in_channel');
      }
      service.setStatus(release.id, key, 'asked', ctx.user, null);
      service.markAsked(release.id, [key], ctx.user);
      postToClient(deps, client, (locale) => questionsMessage(locale, [], [key]));
      return reply(locale, { key: 'cmd.item_asked', params: { client: client.name, label } }, 'in_channel');
    });
  };
}

const whitelist: CommandHandler = (ctx, args, deps) => {
  const domainsAt = args.findIndex((a) => DOMAIN.test(a.toLowerCase()));
  const found = withClient(ctx, domainsAt > 0 ? args.slice(0, domainsAt) : args, deps, 'whitelist', 0);
  if (isReply(found)) return found;
  const { client, release } = found;
  const tail = domainsAt > 0 ? args.slice(domainsAt) : [];
  const domains = tail.filter((a) => DOMAIN.test(a.toLowerCase())).map((d) => d.toLowerCase());
  const icp = tail.find((a) => ICP.test(a));
  if (domains.length === 0) return reply(ctx.locale, { key: 'cmd.whitelist_need_domains', params: { client: client.name } });
  const now = deps.clock.now();
  const submittedAt = now.toISOString();
  const result = deps.service.recordAnswer(release.id, 'mp_url_whitelist', { domains, icp, submitted_at: submittedAt }, { actor: ctx.user, mode: 'replace', status: 'waiting' });
  const label = itemLabel(ctx.locale, 'mp_url_whitelist');
  if (result.kind === 'invalid') return reply(ctx.locale, { key: 'cmd.item_invalid', params: { client: client.name, label, reason: render(ctx.locale, result.reason) } });
  // The planned check (24 h later, moved to the client's next working hour); the bare 24 h when no planner runs.
  const planned = deps.service.store.getReminder(reminderId.whitelist(release.id));
  const checkAt = planned?.state === 'scheduled' ? planned.dueAt : new Date(now.getTime() + (itemDef('mp_url_whitelist').waitHours ?? 24) * 3_600_000).toISOString();
  return reply(ctx.locale, { key: 'cmd.whitelist_recorded', params: { client: client.name, domains: domains.join(', '), at: formatTime(checkAt, client.timezone) } }, 'in_channel');
};

/**
 * How an invite target binds: a WeCom member (a 1:1 conversation), or an app group chat or group robot —
 * both send-only (WeCom delivers no group messages to the app), so they get notices and reminders, not questions.
 * A robot's webhook key is a credential (anyone holding it can post to the group): it is sealed, the
 * thread's channel is its fingerprint, and replies and the audit trail show it masked (`shown`).
 */
const INVITE_TARGETS: { prefix: string; kind: 'user' | 'appchat'; robot: boolean; shown: (id: string) => string; opening: boolean }[] = [
  { prefix: 'wecom:', kind: 'user', robot: false, shown: (id) => id, opening: true },
  { prefix: 'wecom-chat:', kind: 'appchat', robot: false, shown: (id) => id, opening: false },
  { prefix: 'wecom-robot:', kind: 'appchat', robot: true, shown: maskedKey, opening: false },
];

/**
 * A webhook key as people may see it: the mask and its last 4 characters (none of a key too short to spare them).
 *
 *   maskedKey('a1b2c3d4-0000-4bc4-97a0-0ec2f1e95aaa')  // '••••5aaa'
 */
function maskedKey(key: string): string {
  return maskSecret(key.length >= 12 ? key.slice(-4) : '');
}

const invite: CommandHandler = (ctx, args, deps) => {
  const target = args.at(-1) ?? '';
  const found = withClient(ctx, args, deps, 'invite', 1);
  if (isReply(found)) return found;
  const { client, release } = found;
  const how = INVITE_TARGETS.find((x) => target.toLowerCase().startsWith(x.prefix) && target.length > x.prefix.length);
  if (!how) return reply(ctx.locale, { key: 'cmd.invite_usage', params: { client: client.name } });
  const id = target.slice(how.prefix.length);
  const who = `${how.prefix}${how.shown(id)}`;
  return deps.service.store.transaction(() => {
    const channel = how.robot ? deps.service.keepRobotKey(id) : id;
    const owner = ownedByAnother(deps, 'wecom', channel, client.id);
    if (owner) return reply(ctx.locale, { key: 'cmd.conversation_taken', params: { where: who, other: owner.name } });
    const displayChannel = how.robot ? `${ROBOT_CHANNEL_PREFIX}${how.shown(id)}` : id;
    const bind = { clientId: client.id, platform: 'wecom' as const, channel, displayChannel, kind: how.kind, shared: true, actor: ctx.user };
    const thread = deps.service.bindThread(bind);
    if (how.opening) deps.outbox.post({ kind: 'thread', thread }, deps.conversation.opening(client, release));
    return reply(ctx.locale, { key: how.opening ? 'cmd.invited' : 'cmd.invited_notices', params: { client: client.name, who } }, 'in_channel');
  });
};

/** due <client> <YYYY-MM-DD>: the release's target date; the client is warned 3 days and 1 day before. */
const due: CommandHandler = (ctx, args, deps) => {
  const date = args.at(-1) ?? '';
  const found = withClient(ctx, args, deps, 'due', 1);
  if (isReply(found)) return found;
  const { client, release } = found;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return reply(ctx.locale, { key: 'cmd.due_usage', params: { client: client.name } });
  // A date that does not exist or is past would promise warnings that never come.
  const verdict = checkDate(date, { today: todayIn(client.timezone, deps.clock.now()), timezone: client.timezone });
  if (!verdict.ok) return reply(ctx.locale, { key: 'cmd.due_refused', params: { client: client.name, reason: render(ctx.locale, verdict.reason) } });
  deps.service.setTargetDate(release.id, verdict.date, ctx.user);
  return reply(ctx.locale, { key: 'cmd.due_set', params: { client: client.name, date } }, 'in_channel');
};

/** close <client>: the release is finished (or abandoned); its reminders stop, its conversations stay bound. */
const close: CommandHandler = (ctx, args, deps) => {
  const found = withClient(ctx, args, deps, 'close', 0);
  if (isReply(found)) return found;
  const { client, release } = found;
  const { store } = deps.service;
  const at = deps.clock.now().toISOString();
  return store.transaction(() => {
    const progress = deps.service.progress(release.id);
    store.updateRelease(release.id, { state: 'closed', closedAt: at });
    for (const r of store.remindersOf(release.id, 'scheduled')) store.setReminderState(r.id, 'cancelled', at);
    store.appendEvent({ releaseId: release.id, clientId: client.id, type: 'release', actor: ctx.user, before: { state: 'open' }, after: { state: 'closed' }, at });
    return reply(ctx.locale, { key: 'cmd.closed', params: { client: client.name, done: progress.done, total: progress.total } }, 'in_channel');
  });
};

export function registerReleaseCommands(commands: Commands): void {
  commands.register('help', helpOf(commands));
  commands.register('start', start);
  commands.register('status', status);
  commands.register('done', itemCommand('done'));
  commands.register('skip', itemCommand('skip'));
  commands.register('ask', itemCommand('ask'));
  commands.register('whitelist', whitelist);
  commands.register('invite', invite);
  commands.register('close', close);
  commands.register('due', due);
  commands.register('resume', resumeWithoutKf);
}

