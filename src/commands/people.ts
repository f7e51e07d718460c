/**
 * Who works on a client: `/release pm <client> <user>` hands a release to another PM (audited; the
 * digest and escalations follow the release's PM), `/release watch|unwatch <client>` adds a client's
 * lines to another agency member's digest, `/release contact add|remove|list <client> …` keeps the
 * client's contacts (who does the work, who decides, each in their own language and zone), and
 * `/release set-hours <client> 09:00-18:00` their business hours.
 *
 *   registerPeopleCommands(commands, { pmUsers: config.pmUsers, planner });
 *   await bot.command(ctx, 'contact add Acme wecom:zhang works en Europe/Berlin Zhang Wei');
 */
import { validTimezone } from '../config.js';
import { isLocale, type Locale, pmLocaleOf, t } from '../i18n/index.js';
import { userAddress } from '../outbox.js';
import type { Contact, ContactRole, Platform } from '../release/model.js';
import { formatHours, parseHours } from '../reminders/business-hours.js';
import { CLIENT_FACING } from '../reminders/firing.js';
import type { ReminderPlanner } from '../reminders/planner.js';
import type { PmUserSyntax } from '../platforms.js';
import { resolveClient } from './args.js';
import {
  type ChatTarget,
  type CommandContext,
  type CommandDeps,
  type CommandHandler,
  type CommandReply,
  type Commands,
  reply,
} from './index.js';
import { isReply, withClient } from './release.js';

export interface PeopleOptions {
  /** PM_USERS: only they may run a release. */
  pmUsers: readonly string[];
  /** How each platform's PMs are named (`<prefix>:<id>`, a platform's mention): the adapters say. */
  users: readonly PmUserSyntax[];
  /** Moves scheduled reminders into new business hours; absent when reminders are off. */
  planner?: ReminderPlanner;
}

/**
 * A user as PMs type them: `<platform>:<id>` for a platform PMs work from, a platform's own mention
 * (its adapter reads it, `PmUserSyntax.mention`), or a bare name in the local chat.
 *
 *   platformUser('local:pm', 'local', users)  // 'local:pm'
 */
export function platformUser(word: string, platform: Platform, users: readonly PmUserSyntax[]): string | undefined {
  for (const syntax of users) {
    const mentioned = syntax.mention?.(word);
    if (mentioned) return mentioned;
  }
  const m = /^([a-z][\w-]*):(\S+)$/i.exec(word);
  const prefix = m?.[1]?.toLowerCase();
  if (m && users.some((u) => u.prefix === prefix)) return `${prefix}:${m[2]}`;
  return platform === 'local' && /^\w+$/.test(word) ? `local:${word}` : undefined;
}

function handOver(options: PeopleOptions): CommandHandler {
  return (ctx, args, deps) => {
    const found = withClient(ctx, args, deps, 'pm', 0);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    const user = rest.length === 1 ? platformUser(rest[0] as string, ctx.platform, options.users) : undefined;
    if (!user) return reply(ctx.locale, { key: 'people.pm_usage', params: { client: client.name } });
    if (!options.pmUsers.includes(user)) return reply(ctx.locale, { key: 'people.pm_not_pm', params: { user } });
    if (release.pmUser === user)
      return reply(ctx.locale, { key: 'people.pm_same', params: { user, client: client.name } });
    const { store } = deps.service;
    const at = deps.clock.now().toISOString();
    return store.transaction(() => {
      store.updateRelease(release.id, { pmUser: user });
      // The timeline: who handed the release to whom, when.
      store.appendEvent({
        releaseId: release.id,
        clientId: client.id,
        type: 'release',
        actor: ctx.user,
        before: { pmUser: release.pmUser },
        after: { pmUser: user },
        at,
      });
      const progress = deps.service.progress(release.id);
      const to = userAddress(user);
      const locale = pmLocaleOf(user);
      if (to)
        deps.outbox.post(to, {
          text: t(locale, 'people.pm_told', {
            client: client.name,
            seq: release.seq ?? 1,
            by: ctx.user,
            done: progress.done,
            total: progress.total,
          }),
        });
      const previous = release.pmUser ?? t(ctx.locale, 'people.nobody');
      return reply(
        ctx.locale,
        { key: 'people.pm_done', params: { client: client.name, user, previous } },
        'in_channel',
      );
    });
  };
}

function watchCommand(watching: boolean): CommandHandler {
  return (ctx, args, deps) => {
    const command = watching ? 'watch' : 'unwatch';
    if (args.length === 0) return reply(ctx.locale, { key: 'cmd.need_client', params: { command } });
    const found = resolveClient(deps.service.store, args);
    if (!found || found.rest.length > 0)
      return reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: args.join(' ') } });
    const { client } = found;
    const changed = deps.service.store.transaction(() => {
      const did = deps.people.setWatching(client.id, ctx.user, watching, deps.clock.now().toISOString());
      if (did)
        deps.service.store.appendEvent({
          clientId: client.id,
          releaseId: deps.service.store.openReleaseOf(client.id)?.id ?? null,
          type: 'watch',
          actor: ctx.user,
          after: { watching },
          at: deps.clock.now().toISOString(),
        });
      return did;
    });
    const key = watching
      ? changed
        ? 'people.watch_done'
        : 'people.watch_already'
      : changed
        ? 'people.unwatch_done'
        : 'people.unwatch_not';
    return reply(ctx.locale, { key, params: { client: client.name } });
  };
}

const ROLES: readonly ContactRole[] = ['works', 'decides', 'both'];
const isRole = (w: string): w is ContactRole => (ROLES as readonly string[]).includes(w);

/** `<platform>:<channel>` of a conversation (`slack:C123`, `kf:wm…`, `local:client`), or an adapter's chat target (`wecom:zhang`). */
function readAddress(word: string): { platform: Platform; address: string } | undefined {
  const m = /^([a-z][\w-]*):(\S+)$/i.exec(word);
  return m ? { platform: (m[1] as string).toLowerCase(), address: m[2] as string } : undefined;
}

/** An adapter's 1:1 chat target the word names (`wecom:<userid>`): a contact there can be bound and asked at once. */
function chatTargetFor(deps: CommandDeps, word: string): { target: ChatTarget; id: string } | undefined {
  const target = deps.targets.find(
    (x): x is ChatTarget =>
      x.type === 'chat' && x.opening && word.toLowerCase().startsWith(x.prefix) && word.length > x.prefix.length,
  );
  return target && { target, id: word.slice(target.prefix.length) };
}

function describeContact(
  locale: Locale,
  c: Contact,
  client: { locale: Locale; timezone: string },
): Record<string, string> {
  return {
    who: `${c.name ? `${c.name} ` : ''}${c.platform}:${c.address}`,
    role: t(locale, `people.role.${c.role}`),
    language: c.locale
      ? t(locale, `plan.language.${c.locale}`)
      : t(locale, 'people.client_language', { language: t(locale, `plan.language.${client.locale}`) }),
    timezone: c.timezone ?? t(locale, 'people.client_timezone', { timezone: client.timezone }),
  };
}

/**
 * `contact add <client> <address> works|decides|both [zh|en] [<zone>] [name…]`,
 * `contact remove <client> <address>`, `contact list <client>`.
 */
const contact: CommandHandler = (ctx, args, deps) => {
  const [verb, ...rest] = args;
  const sub = verb?.toLowerCase();
  const { store } = deps.service;
  const usage = (name: string): CommandReply =>
    reply(ctx.locale, { key: 'people.contact_usage', params: { client: name || '<client>' } });
  if (sub !== 'add' && sub !== 'remove' && sub !== 'list') return usage('');
  // The client is the words before the address (add, remove) or all of them (list).
  const at = rest.findIndex((w) => readAddress(w) !== undefined);
  const clientWords = sub === 'list' ? rest : at > 0 ? rest.slice(0, at) : rest;
  const found = clientWords.length > 0 ? resolveClient(store, clientWords) : undefined;
  if (!found || found.rest.length > 0) {
    return clientWords.length === 0
      ? usage('')
      : reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: clientWords.join(' ') } });
  }
  const { client } = found;
  const contacts = deps.people.contactsOf(client.id);
  if (sub === 'list') return listContacts(ctx, deps, client.id);
  if (at < 0) return usage(client.name);
  const word = rest[at] as string;
  const chat = sub === 'add' ? chatTargetFor(deps, word) : undefined;
  const where = chat
    ? { platform: chat.target.platform, address: chat.target.channel(chat.id) }
    : (readAddress(word) as { platform: Platform; address: string });
  const tail = rest.slice(at + 1);
  const now = deps.clock.now().toISOString();

  if (sub === 'remove') {
    const existing = contacts.find((c) => c.platform === where.platform && c.address === where.address);
    if (!existing)
      return reply(ctx.locale, {
        key: 'people.contact_unknown',
        params: { client: client.name, address: rest[at] as string },
      });
    const params = describeContact(ctx.locale, existing, client);
    const workers = contacts.filter((c) => c.role !== 'decides');
    if (existing.role !== 'decides' && workers.length === 1 && contacts.length > 1)
      return reply(ctx.locale, { key: 'people.contact_last_worker', params: { ...params, client: client.name } });
    store.transaction(() => {
      deps.people.removeContact(existing.id);
      store.appendEvent({
        clientId: client.id,
        releaseId: store.openReleaseOf(client.id)?.id ?? null,
        type: 'contact',
        actor: ctx.user,
        before: { platform: existing.platform, address: existing.address, role: existing.role },
        after: null,
        at: now,
      });
    });
    return reply(
      ctx.locale,
      { key: 'people.contact_removed', params: { client: client.name, who: params.who as string } },
      'in_channel',
    );
  }

  // add: a role, then optionally a language and a zone, in any order; the rest is the name.
  const role = tail[0]?.toLowerCase();
  if (!role || !isRole(role)) return usage(client.name);
  let locale: Locale | undefined;
  let timezone: string | undefined;
  const nameWords: string[] = [];
  for (const w of tail.slice(1)) {
    if (!locale && isLocale(w.toLowerCase())) locale = w.toLowerCase() as Locale;
    else if (!timezone && w.includes('/') && validTimezone(w)) timezone = w;
    else nameWords.push(w);
  }
  // An adapter's 1:1 target (a WeCom member) is bound at once; any other address must already be one of the client's conversations.
  const thread = store.findThread(where.platform, where.address);
  if ((thread && thread.clientId !== client.id) || (!thread && !chat))
    return reply(ctx.locale, { key: 'people.contact_bad_address', params: { address: word, client: client.name } });
  const existed = contacts.some((c) => c.platform === where.platform && c.address === where.address);
  const saved = store.transaction(() => {
    if (!thread && chat) {
      const bound = deps.service.bindThread({
        clientId: client.id,
        platform: chat.target.platform,
        channel: where.address,
        kind: chat.target.kind,
        shared: true,
        actor: ctx.user,
      });
      const release = store.openReleaseOf(client.id);
      // A new member who does the work gets the release's questions so far, in their own language.
      if (release && role !== 'decides')
        deps.outbox.post(
          { kind: 'thread', thread: bound },
          deps.conversation.openingBy(release)(locale ?? client.locale),
        );
    }
    const c = deps.people.putContact({
      clientId: client.id,
      platform: where.platform,
      address: where.address,
      role,
      name: nameWords.length > 0 ? nameWords.join(' ') : undefined,
      locale: locale ?? null,
      timezone: timezone ?? null,
      at: now,
    });
    store.appendEvent({
      clientId: client.id,
      releaseId: store.openReleaseOf(client.id)?.id ?? null,
      type: 'contact',
      actor: ctx.user,
      after: { platform: c.platform, address: c.address, role: c.role, locale: c.locale, timezone: c.timezone },
      at: now,
    });
    return c;
  });
  return reply(
    ctx.locale,
    {
      key: existed ? 'people.contact_updated' : 'people.contact_added',
      params: { client: client.name, ...describeContact(ctx.locale, saved, client) },
    },
    'in_channel',
  );
};

function listContacts(ctx: CommandContext, deps: CommandDeps, clientId: number): CommandReply {
  const { store } = deps.service;
  const client = store.getClient(clientId);
  if (!client) return reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: String(clientId) } });
  const contacts = deps.people.contactsOf(client.id);
  const watchers = deps.people.watchersOf(client.id);
  const hours = formatHours({ opens: client.opensAt ?? 540, closes: client.closesAt ?? 1080 });
  const lines =
    contacts.length > 0
      ? [
          t(ctx.locale, 'people.contacts_title', { client: client.name, hours }),
          ...contacts.map((c) => t(ctx.locale, 'people.contact_line', describeContact(ctx.locale, c, client))),
        ]
      : [t(ctx.locale, 'people.contacts_none', { client: client.name })];
  if (watchers.length > 0) lines.push(t(ctx.locale, 'people.watching', { users: watchers.join(', ') }));
  return { message: { text: lines.join('\n') }, visibility: 'ephemeral' };
}

/** `set-hours <client> 09:00-18:00`: the client's business hours; scheduled client-facing reminders move into them. */
function setHours(options: PeopleOptions): CommandHandler {
  return (ctx, args, deps) => {
    const found = withClient(ctx, args, deps, 'set-hours', 1);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    const hours = parseHours(rest.join(''));
    if (!hours) return reply(ctx.locale, { key: 'people.hours_usage', params: { client: client.name } });
    const { store } = deps.service;
    const moved = store.transaction(() => {
      store.updateClient(client.id, { opensAt: hours.opens, closesAt: hours.closes });
      store.appendEvent({
        clientId: client.id,
        releaseId: release.id,
        type: 'client',
        actor: ctx.user,
        before: { hours: formatHours({ opens: client.opensAt ?? 540, closes: client.closesAt ?? 1080 }) },
        after: { hours: formatHours(hours) },
        at: deps.clock.now().toISOString(),
      });
      const planner = options.planner;
      if (!planner) return 0;
      let count = 0;
      for (const r of deps.reminders.remindersOf(release.id, 'scheduled')) {
        if (!CLIENT_FACING.has(r.kind)) continue;
        const next = planner.nextWorkingInstant(release, new Date(r.dueAt));
        if (next.toISOString() === r.dueAt) continue;
        planner.moveTo(r, next);
        count += 1;
      }
      planner.planDueDates(release, deps.clock.now());
      return count;
    });
    return reply(
      ctx.locale,
      { key: 'people.hours_done', params: { client: client.name, hours: formatHours(hours), moved } },
      'in_channel',
    );
  };
}

export function registerPeopleCommands(commands: Commands, options: PeopleOptions): void {
  commands.register('pm', handOver(options));
  commands.register('watch', watchCommand(true));
  commands.register('unwatch', watchCommand(false));
  commands.register('contact', contact);
  commands.register('set-hours', setHours(options));
}
