/**
 * PMs' `/release …` commands, the same on every platform. Each subcommand is a handler in a
 * registry; adapters pass the text after `/release` and render the reply (text, or the status view
 * richly where they can). Only users in PM_USERS may run them.
 *
 *   const reply = await commands.execute({ platform: 'slack', user: 'slack:U1', isPm: true, locale: 'en' }, 'status');
 */
import type { Conversation } from '../conversation/flow.js';
import type { FileStore } from '../files/store.js';
import { isMessageKey, type Locale, type Message, type MessageKey, pmLocaleOf, t } from '../i18n/index.js';
import type { Outbox } from '../outbox.js';
import type { Clock, OutboundMessage } from '../ports.js';
import type { Client, Platform, ThreadKind } from '../release/model.js';
import type { ReleaseService } from '../release/service.js';
import type { PeopleStore, ReminderStore, StatusReads } from '../release/store.js';
import type { ReleaseStatus } from '../status/model.js';
import type { InviteLinks } from '../use-cases/invite-links.js';
import { tokenize } from './args.js';

export interface CommandContext {
  platform: Platform;
  /** Prefixed platform user id of who ran it, e.g. `slack:U123`. */
  user: string;
  isPm: boolean;
  /** The PM's language for replies that concern no single client. */
  locale: Locale;
  /** The conversation the command was run in, which `start` binds to the client (a Slack channel). */
  conversation?: { platform: Platform; channel: string; kind: ThreadKind; shared: boolean };
}

export interface CommandReply {
  message: OutboundMessage;
  /** `ephemeral`: only the PM sees it (Slack); `in_channel`: everyone in the conversation. */
  visibility: 'ephemeral' | 'in_channel';
  /** A file for the PM (the export's CSV): platforms that can upload one do (Slack: files.uploadV2 to the PM); the text carries a link too. */
  file?: { filename: string; title: string; content: string };
  /** The structured status behind the text, for platforms that render it richly. */
  view?:
    | { kind: 'overview'; statuses: ReleaseStatus[] }
    | {
        kind: 'release';
        status: ReleaseStatus /** Lines after the items: adapters' notes, the client's release history. */;
        notes?: string[];
      };
}

/**
 * A conversation a PM names in `start` or `invite` in an adapter's own syntax (`<prefix><id>`, e.g.
 * WeCom's `wecom:<userid>`): the adapter supplies it, the core binds it. See docs/architecture.md.
 */
export interface ChatTarget {
  type: 'chat';
  platform: Platform;
  prefix: string;
  kind: ThreadKind;
  /** A conversation the client answers in gets the open questions; a send-only group only notices and reminders. */
  opening: boolean;
  /** `start <client> <prefix><id>` binds it too (not only `invite`). */
  inStart: boolean;
  /** The channel id to bind: the id itself, or the fingerprint of a credential it seals (inside the command's transaction). */
  channel(id: string): string;
  /** The id is a credential (a webhook key): a command naming it is stored with it sealed, shown masked. */
  credential?: boolean;
  /** How replies show the id (a credential masked). */
  shown(id: string): string;
  /** How the audit trail shows the bound channel, when the channel id alone means nothing to a person. */
  displayChannel?(id: string): string;
}

/**
 * A platform that binds whoever opens an invite link, named by one word (`start|invite <client> kf`):
 * the core keeps the scene and its expiry (src/use-cases/invite-links.ts), the adapter makes the link.
 */
export interface LinkTarget {
  type: 'link';
  word: string;
  /** The link carrying `scene`; absent when the platform is not set up (the PM is told `copy.off`). */
  link?: (scene: string) => Promise<string>;
  copy: {
    /** Params: client, url, days. */
    invited: MessageKey;
    /** Params: client, reason. */
    failed: MessageKey;
    off: MessageKey;
  };
}

export type InviteTarget = ChatTarget | LinkTarget;

/** Lines a platform adds to one release's status (微信客服's reply window). */
export type StatusNote = (
  client: Pick<Client, 'id' | 'name' | 'locale' | 'timezone'>,
  locale: Locale,
  now: Date,
) => string[];

export interface CommandDeps {
  service: ReleaseService;
  conversation: Conversation;
  outbox: Outbox;
  clock: Clock;
  /** Reminder rows (close cancels them; whitelist and wait say when the check comes). */
  reminders: ReminderStore;
  /** The status views' reads. */
  status: StatusReads;
  /** A client's contacts and watchers (src/commands/people.ts; questions go to who does the work). */
  people: PeopleStore;
  /** The adapters' invite targets, listed in the composition root. */
  targets: readonly InviteTarget[];
  /** Bind by invite (scene, expiry, who may bind), for link targets. */
  invites: Pick<InviteLinks, 'scene'>;
  /** The adapters' lines for a release's status. */
  statusNotes: readonly StatusNote[];
  /** Where the status pages are reached from a PM's browser (PUBLIC_URL), for links in replies. */
  publicUrl?: string;
  /** Files clients sent (src/files): `/release file` lists and links them. */
  files?: FileStore;
}

export type CommandHandler = (
  ctx: CommandContext,
  args: string[],
  deps: CommandDeps,
) => CommandReply | Promise<CommandReply>;

export function reply(
  locale: Locale,
  message: Message,
  visibility: CommandReply['visibility'] = 'ephemeral',
): CommandReply {
  return { message: { text: t(locale, message.key, message.params) }, visibility };
}

/** Edit distance (insert, delete, substitute, swap two neighbours = 1 each), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** "acme coffee has…" → "Acme coffee has…": every reply reads as a sentence. */
function capitalized(reply: CommandReply): CommandReply {
  const text = reply.message.text;
  if (reply.view || !/^[a-z]/.test(text)) return reply;
  return { ...reply, message: { ...reply.message, text: `${text[0]?.toUpperCase()}${text.slice(1)}` } };
}

/** The help line of a subcommand: its `cmd.usage.<name>` copy, or at least its name (a command registered without copy still shows). */
export function usageLine(locale: Locale, name: string): string {
  const key = `cmd.usage.${name}`;
  return isMessageKey(key) ? t(locale, key) : `/release ${name}`;
}

export class Commands {
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(private readonly deps: CommandDeps) {}

  /**
   * The words of a command that carry a credential (a target whose id is one, e.g. a group robot's
   * webhook key) and how they are shown: the bot stores the command with them sealed.
   *
   *   commands.credentialsIn('invite Acme wecom-robot:0a1b…c109')  // [{ plain: 'wecom-robot:0a1b…c109', shown: 'wecom-robot:••••c109' }]
   */
  credentialsIn(text: string): { plain: string; shown: string }[] {
    // As `tokenize` reads them: NFKC (full-width `：`), quotes around a word not part of it.
    return text
      .normalize('NFKC')
      .split(/\s+/)
      .map((word) => word.replace(/^["“]+|["”]+$/g, ''))
      .flatMap((word) => {
        const target = this.deps.targets.find(
          (x): x is ChatTarget =>
            x.type === 'chat' &&
            x.credential === true &&
            word.toLowerCase().startsWith(x.prefix) &&
            word.length > x.prefix.length,
        );
        return target
          ? [{ plain: word, shown: `${target.prefix}${target.shown(word.slice(target.prefix.length))}` }]
          : [];
      });
  }

  /**
   * Adds a subcommand; help lists it from then on. A name is registered once: a platform extends a
   * command through `CommandDeps` (targets, status notes), never by wrapping another's handler.
   */
  register(name: string, handler: CommandHandler): void {
    if (this.handlers.has(name)) throw new Error(`/release ${name} is registered twice`);
    this.handlers.set(name, handler);
  }

  /** Every subcommand, in the order registered: the command table that `/release help` is generated from. */
  names(): string[] {
    return [...this.handlers.keys()];
  }

  /** `/release help`: one line per registered subcommand (help itself last), then the items. */
  help(locale: Locale, items: string): string {
    const names = [...this.names().filter((n) => n !== 'help'), 'help'];
    return [
      t(locale, 'cmd.help_title'),
      ...names.map((n) => usageLine(locale, n)),
      t(locale, 'cmd.help_items', { items }),
    ].join('\n');
  }

  /** The registered name closest to a mistyped one, if any is close enough to be a likely typo. */
  closest(input: string): string | undefined {
    const ranked = this.names()
      .map((name) => ({ name, d: name.startsWith(input) || input.startsWith(name) ? 1 : distance(input, name) }))
      .sort((a, b) => a.d - b.d);
    const best = ranked[0];
    return best && best.d <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
  }

  async execute(ctx: CommandContext, text: string): Promise<CommandReply> {
    const [first, ...args] = tokenize(text.replace(/^\s*\/release\b/i, ''));
    const name = (first ?? 'help').toLowerCase();
    const handler = this.handlers.get(name);
    if (!ctx.isPm) return reply(ctx.locale, { key: 'cmd.not_pm' });
    // A PM is answered in their own language (PM_USERS' slack:U123:en, else PM_LOCALE), not the client's.
    ctx = { ...ctx, locale: pmLocaleOf(ctx.user, ctx.locale) };
    if (!handler) {
      const near = this.closest(name);
      // Echoed back as typed, but a credential in it (a robot's webhook key) only masked.
      const input = this.credentialsIn(text).reduce(
        (shown, c) => shown.replaceAll(c.plain, c.shown),
        text.normalize('NFKC').trim(),
      );
      return near
        ? reply(ctx.locale, {
            key: 'cmd.unknown_closest',
            params: { input, command: `/release ${near}`, usage: usageLine(ctx.locale, near) },
          })
        : reply(ctx.locale, { key: 'cmd.unknown', params: { input } });
    }
    return capitalized(await handler(ctx, args, this.deps));
  }
}
