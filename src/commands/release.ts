/**
 * The core `/release` subcommands: help, start, status, done, skip, ask, whitelist, invite, close, due.
 * Other modules register theirs (src/main.ts lists them); platforms extend `start`, `invite` and
 * `status` through `CommandDeps` — their target syntax and status notes — never by wrapping a handler.
 */
import { checkDate, todayIn } from '../checklist/dates.js';
import { itemDef } from '../checklist/items.js';
import { ITEM_KEYS } from '../checklist/types.js';
import { DOMAIN, ICP } from '../checklist/rules.js';
import { itemLabel, questionsMessage } from '../conversation/questions.js';
import { isLocale, type Locale, render, t } from '../i18n/index.js';
import type { Client, Platform, Release, Thread } from '../release/model.js';
import { questionRecipients } from '../release/recipients.js';
import { reminderId } from '../reminders/planner.js';
import { buildStatus } from '../status/model.js';
import { formatTime } from '../status/format.js';
import { historyLines, overviewText, releaseText } from '../status/render-text.js';
import { resolveClient, resolveItem } from './args.js';
import {
  type ChatTarget,
  type CommandContext,
  type CommandDeps,
  type CommandHandler,
  type CommandReply,
  type Commands,
  type LinkTarget,
  reply,
} from './index.js';

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
export function postToClient(
  deps: CommandDeps,
  client: Client,
  message:
    | Parameters<CommandDeps['outbox']['post']>[1]
    | ((locale: Locale) => Parameters<CommandDeps['outbox']['post']>[1]),
): Thread[] {
  const readers = questionRecipients(deps.people, client, deps.service.store.threadsOfClient(client.id));
  for (const { thread, locale } of readers)
    deps.outbox.post({ kind: 'thread', thread }, typeof message === 'function' ? message(locale) : message);
  return readers.map((r) => r.thread);
}

/** The other client whose open release already owns this conversation, if any: rebinding it would hijack their thread. */
function ownedByAnother(
  deps: CommandDeps,
  platform: Platform,
  channel: string,
  clientId: number | undefined,
): Client | undefined {
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

/** The chat target `arg` names (`<prefix><id>`), with its id. */
function chatTargetOf(targets: readonly ChatTarget[], arg: string): { target: ChatTarget; id: string } | undefined {
  const target = targets.find((x) => arg.toLowerCase().startsWith(x.prefix) && arg.length > x.prefix.length);
  return target && { target, id: arg.slice(target.prefix.length) };
}

/** The link target named by the last word of `<client> … <word>` (at least one word before it). */
function linkTargetOf(deps: CommandDeps, args: string[]): LinkTarget | undefined {
  const last = args.at(-1)?.toLowerCase();
  if (args.length < 2 || !last) return undefined;
  return deps.targets.find((x): x is LinkTarget => x.type === 'link' && x.word === last);
}

function reasonOf(err: unknown): string {
  const withReason = err as { reason?: unknown };
  if (typeof withReason?.reason === 'string') return withReason.reason;
  return err instanceof Error ? err.message : String(err);
}

/** `invite <client> <word>`: a link that binds whoever opens it (the scene: src/use-cases/invite-links.ts). */
async function inviteByLink(
  ctx: CommandContext,
  clientWords: string[],
  deps: CommandDeps,
  target: LinkTarget,
): Promise<CommandReply> {
  const { store } = deps.service;
  const found = resolveClient(store, clientWords);
  if (!found) return reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: clientWords.join(' ') } });
  const release = store.openReleaseOf(found.client.id);
  if (!release) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  if (!target.link) return reply(ctx.locale, { key: target.copy.off });
  const { scene, daysLeft } = deps.invites.scene(release);
  try {
    const url = await target.link(scene);
    return reply(ctx.locale, { key: target.copy.invited, params: { client: found.client.name, url, days: daysLeft } });
  } catch (err) {
    return reply(ctx.locale, { key: target.copy.failed, params: { client: found.client.name, reason: reasonOf(err) } });
  }
}

/** A release's name or version among `start`'s words: `v2.1`, `2.1.0`, or `"Spring sale"` after `as`. */
const VERSION = /^v\d+(?:\.\d+)*[a-z0-9.-]*$|^\d+\.\d+(?:\.\d+)*$/i;

/**
 * `<client> [v2.1] [en|zh]`: the client's name, then optionally a release name or version and a language, in either order.
 *
 *   nameAndLocale(['Acme', 'Coffee', 'v2.1', 'en'])  // { name: 'Acme Coffee', locale: 'en', releaseName: 'v2.1' }
 *   nameAndLocale(['Acme', 'as', 'Spring sale'])      // { name: 'Acme', locale: undefined, releaseName: 'Spring sale' }
 */
export function nameAndLocale(args: readonly string[]): {
  name: string;
  locale: Locale | undefined;
  releaseName?: string;
} {
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
  return { name: words.join(' '), locale, ...(releaseName ? { releaseName } : {}) };
}

const start: CommandHandler = (ctx, args, deps) => {
  // `start <client> [en|zh] <word>`: a client reached only through an invite link — open the release, answer with the link.
  const link = linkTargetOf(deps, args);
  if (link) {
    if (!link.link) return reply(ctx.locale, { key: link.copy.off });
    const { name, locale } = nameAndLocale(args.slice(0, -1));
    deps.service.startRelease({ clientName: name, pmUser: ctx.user, actor: ctx.user, locale });
    return inviteByLink(ctx, [name], deps, link);
  }
  const targets = deps.targets.filter((x): x is ChatTarget => x.type === 'chat' && x.inStart);
  const contacts = args.flatMap((a) => chatTargetOf(targets, a) ?? []);
  const words = args.filter((a) => !targets.some((x) => a.toLowerCase().startsWith(x.prefix)));
  const { name, locale, releaseName } = nameAndLocale(words);
  if (!name) return reply(ctx.locale, { key: 'cmd.need_client', params: { command: 'start' } });
  const { service, conversation, outbox } = deps;
  return service.store.transaction(() => {
    const existing = service.store.findClientByName(name);
    const known = existing ? service.store.threadsOfClient(existing.id) : [];
    if (!ctx.conversation && contacts.length === 0 && known.length === 0) {
      return reply(ctx.locale, { key: 'cmd.no_conversation', params: { client: name } });
    }
    const named = contacts.map(({ target, id }) => ({
      target,
      id,
      channel: target.channel(id),
      where: `${target.prefix}${target.shown(id)}`,
    }));
    const addresses = [
      ...(ctx.conversation
        ? [
            {
              platform: ctx.conversation.platform,
              channel: ctx.conversation.channel,
              where: t(ctx.locale, 'cmd.where_thread'),
            },
          ]
        : []),
      ...named.map((c) => ({ platform: c.target.platform, channel: c.channel, where: c.where })),
    ];
    for (const a of addresses) {
      const owner = ownedByAnother(deps, a.platform, a.channel, existing?.id);
      if (owner)
        return reply(ctx.locale, { key: 'cmd.conversation_taken', params: { where: a.where, other: owner.name } });
    }
    const { client, release, created, carried } = service.startRelease({
      clientName: name,
      pmUser: ctx.user,
      actor: ctx.user,
      locale,
      name: releaseName,
    });
    const threads: Thread[] = [];
    if (ctx.conversation)
      threads.push(service.bindThread({ clientId: client.id, ...ctx.conversation, actor: ctx.user }));
    for (const c of named) {
      const displayChannel = c.target.displayChannel?.(c.id);
      threads.push(
        service.bindThread({
          clientId: client.id,
          platform: c.target.platform,
          channel: c.channel,
          ...(displayChannel ? { displayChannel } : {}),
          kind: c.target.kind,
          shared: true,
          actor: ctx.user,
        }),
      );
    }
    const progress = service.progress(release.id);
    if (!created)
      return reply(ctx.locale, {
        key: 'cmd.already_open',
        params: { client: client.name, done: progress.done, total: progress.total },
      });
    // Each conversation that gets questions reads the opening in its contact's language (src/release/recipients.ts).
    const opening = conversation.openingBy(release);
    for (const { thread, locale: readsIn } of questionRecipients(
      deps.people,
      client,
      threads.length > 0 ? threads : known,
    )) {
      if (thread.kind === 'channel') {
        outbox.post(
          { kind: 'thread', thread },
          {
            text: t(readsIn, 'conv.root', {
              client: client.name,
              done: progress.done,
              total: progress.total,
              pm: ctx.user,
            }),
            opensThread: true,
          },
        );
      }
      outbox.post({ kind: 'thread', thread }, opening(readsIn));
    }
    const where = named.length > 0 ? named.map((c) => c.where).join(', ') : t(ctx.locale, 'cmd.where_thread');
    const started = reply(
      ctx.locale,
      { key: 'cmd.started', params: { client: client.name, total: progress.total, where } },
      'in_channel',
    );
    const previous = service.store.releasesOf(client.id).at(-2);
    if (!previous && !release.name) return started;
    // A repeat (or named) release: its number, name and what was carried forward.
    const repeat = t(ctx.locale, 'people.started_repeat', {
      client: client.name,
      seq: release.seq ?? 1,
      name: release.name ? ` (${release.name})` : '',
      carried: carried.length,
      from: previous?.seq ?? 1,
      fresh: progress.total - carried.length,
    });
    return previous ? { ...started, message: { text: `${repeat}\n${started.message.text}` } } : started;
  });
};

const status: CommandHandler = (ctx, args, deps) => {
  const { store } = deps.service;
  const now = deps.clock.now();
  if (args.length === 0) {
    const statuses = buildStatus(deps.status.statusRows(), now);
    return {
      message: { text: overviewText(ctx.locale, statuses) },
      visibility: 'ephemeral',
      view: { kind: 'overview', statuses },
    };
  }
  const found = resolveClient(store, args);
  if (!found) return reply(ctx.locale, { key: 'status.not_found', params: { client: args.join(' ') } });
  const [one] = buildStatus(deps.status.statusRows({ clientId: found.client.id }), now);
  if (!one) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  // The PM's language: a Chinese-speaking client's status still reads in the PM's own.
  const locale = ctx.locale;
  const notes = deps.statusNotes.flatMap((note) => note(one.client, one.client.locale, now));
  // A client with earlier releases: its history under the latest one's status.
  const history = store.releasesOf(found.client.id);
  const past =
    history.length > 1 ? ['', ...historyLines(locale, found.client.name, history, found.client.timezone)] : [];
  const text = [releaseText(locale, one, now), ...(notes.length > 0 ? ['', ...notes] : []), ...past].join('\n');
  const extra = [...notes, ...past.slice(1)];
  return {
    message: { text },
    visibility: 'ephemeral',
    view: { kind: 'release', status: one, ...(extra.length > 0 ? { notes: extra } : {}) },
  };
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
  if (domains.length === 0)
    return reply(ctx.locale, { key: 'cmd.whitelist_need_domains', params: { client: client.name } });
  const now = deps.clock.now();
  const submittedAt = now.toISOString();
  const result = deps.service.recordAnswer(
    release.id,
    'mp_url_whitelist',
    { domains, icp, submitted_at: submittedAt },
    { actor: ctx.user, mode: 'replace', status: 'waiting' },
  );
  const label = itemLabel(ctx.locale, 'mp_url_whitelist');
  if (result.kind === 'invalid')
    return reply(ctx.locale, {
      key: 'cmd.item_invalid',
      params: { client: client.name, label, reason: render(ctx.locale, result.reason) },
    });
  // The planned check (24 h later, moved to the client's next working hour); the bare 24 h when no planner runs.
  const planned = deps.reminders.getReminder(reminderId.whitelist(release.id));
  const checkAt =
    planned?.state === 'scheduled'
      ? planned.dueAt
      : new Date(now.getTime() + (itemDef('mp_url_whitelist').waitHours ?? 24) * 3_600_000).toISOString();
  return reply(
    ctx.locale,
    {
      key: 'cmd.whitelist_recorded',
      params: { client: client.name, domains: domains.join(', '), at: formatTime(checkAt, client.timezone) },
    },
    'in_channel',
  );
};

/**
 * `invite <client> <target>`: a target an adapter supplies — a conversation (`<prefix><id>`: a member
 * gets the questions, a send-only group only notices and reminders), or an invite link (`<word>`).
 */
const invite: CommandHandler = (ctx, args, deps) => {
  const link = linkTargetOf(deps, args);
  if (link) return inviteByLink(ctx, args.slice(0, -1), deps, link);
  const arg = args.at(-1) ?? '';
  const found = withClient(ctx, args, deps, 'invite', 1);
  if (isReply(found)) return found;
  const { client, release } = found;
  const named = chatTargetOf(
    deps.targets.filter((x): x is ChatTarget => x.type === 'chat'),
    arg,
  );
  if (!named) return reply(ctx.locale, { key: 'cmd.invite_usage', params: { client: client.name } });
  const { target, id } = named;
  const who = `${target.prefix}${target.shown(id)}`;
  return deps.service.store.transaction(() => {
    const channel = target.channel(id);
    const owner = ownedByAnother(deps, target.platform, channel, client.id);
    if (owner) return reply(ctx.locale, { key: 'cmd.conversation_taken', params: { where: who, other: owner.name } });
    const displayChannel = target.displayChannel?.(id);
    const thread = deps.service.bindThread({
      clientId: client.id,
      platform: target.platform,
      channel,
      ...(displayChannel ? { displayChannel } : {}),
      kind: target.kind,
      shared: true,
      actor: ctx.user,
    });
    if (target.opening) deps.outbox.post({ kind: 'thread', thread }, deps.conversation.opening(client, release));
    return reply(
      ctx.locale,
      { key: target.opening ? 'cmd.invited' : 'cmd.invited_notices', params: { client: client.name, who } },
      'in_channel',
    );
  });
};

/** due <client> <YYYY-MM-DD>: the release's target date; the client is warned 3 days and 1 day before. */
const due: CommandHandler = (ctx, args, deps) => {
  const date = args.at(-1) ?? '';
  const found = withClient(ctx, args, deps, 'due', 1);
  if (isReply(found)) return found;
  const { client, release } = found;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
    return reply(ctx.locale, { key: 'cmd.due_usage', params: { client: client.name } });
  // A date that does not exist or is past would promise warnings that never come.
  const verdict = checkDate(date, { today: todayIn(client.timezone, deps.clock.now()), timezone: client.timezone });
  if (!verdict.ok)
    return reply(ctx.locale, {
      key: 'cmd.due_refused',
      params: { client: client.name, reason: render(ctx.locale, verdict.reason) },
    });
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
    for (const r of deps.reminders.remindersOf(release.id, 'scheduled'))
      deps.reminders.setReminderState(r.id, 'cancelled', at);
    store.appendEvent({
      releaseId: release.id,
      clientId: client.id,
      type: 'release',
      actor: ctx.user,
      before: { state: 'open' },
      after: { state: 'closed' },
      at,
    });
    return reply(
      ctx.locale,
      { key: 'cmd.closed', params: { client: client.name, done: progress.done, total: progress.total } },
      'in_channel',
    );
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
}
