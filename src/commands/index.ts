/**
 * PMs' `/release …` commands, the same on every platform. Each subcommand is a handler in a
 * registry; adapters pass the text after `/release` and render the reply (text, or the status view
 * richly where they can). Only users in PM_USERS may run them.
 *
 *   const reply = await commands.execute({ platform: 'slack', user: 'slack:U1', isPm: true, locale: 'en' }, 'status');
 */
import type { Conversation } from '../conversation/flow.js';
import { type Locale, type Message, pmLocaleOf, t } from '../i18n/index.js';
import type { Outbox } from '../outbox.js';
import type { Clock, OutboundMessage } from '../ports.js';
import type { Platform, ThreadKind } from '../release/model.js';
import type { ReleaseService } from '../release/service.js';
import type { ReleaseStatus } from '../status/model.js';
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
  /** The structured status behind the text, for platforms that render it richly. */
  view?: { kind: 'overview'; statuses: ReleaseStatus[] } | { kind: 'release'; status: ReleaseStatus };
}

export interface CommandDeps {
  service: ReleaseService;
  conversation: Conversation;
  outbox: Outbox;
  clock: Clock;
}

export type CommandHandler = (ctx: CommandContext, args: string[], deps: CommandDeps) => CommandReply | Promise<CommandReply>;

export function reply(locale: Locale, message: Message, visibility: CommandReply['visibility'] = 'ephemeral'): CommandReply {
  return { message: { text: t(locale, message.key, message.params) }, visibility };
}

export class Commands {
  private readonly handlers = new Map<string, CommandHandler>();

  constructor(private readonly deps: CommandDeps) {}

  /** Adds (or replaces) a subcommand; returns the one it replaced, so a handler can extend it. */
  register(name: string, handler: CommandHandler): CommandHandler | undefined {
    const previous = this.handlers.get(name);
    this.handlers.set(name, handler);
    return previous;
  }

  async execute(ctx: CommandContext, text: string): Promise<CommandReply> {
    const [first, ...args] = tokenize(text.replace(/^\s*\/release\b/i, ''));
    const name = (first ?? 'help').toLowerCase();
    const handler = this.handlers.get(name);
    if (!ctx.isPm) return reply(ctx.locale, { key: 'cmd.not_pm' });
    // A PM is answered in their own language (PM_USERS' slack:U123:en, else PM_LOCALE), not the client's.
    ctx = { ...ctx, locale: pmLocaleOf(ctx.user, ctx.locale) };
    if (!handler) {
      const help = await this.handlers.get('help')?.(ctx, [], this.deps);
      const unknown = t(ctx.locale, 'cmd.unknown', { input: text.trim() });
      return { message: { text: [unknown, help?.message.text].filter(Boolean).join('\n\n') }, visibility: 'ephemeral' };
    }
    return handler(ctx, args, this.deps);
  }
}
