/**
 * Human takeover, for a platform where a person of the agency can take a client's conversation over
 * (微信客服's servicers). The rule is the core's: while a human holds the session the bot keeps what
 * the client writes for the record, stays silent and tells the PM (in the words the adapter names);
 * when the adapter cannot tell who holds it (its lookup failed) the bot answers — a client is never
 * left unanswered because of a lookup. The adapter only reports what its platform says.
 *
 *   takeover.speakFor('echo', 'echo.human_kept');              // at mount: the PM's notice
 *   const inbound = takeover.arrived(decoded, 'human');          // then bot.receive / bot.accept
 *   takeover.keep(eventId, text, client, release, 'echo');       // the bot, processing it
 */
import { type MessageKey, t } from '../i18n/index.js';
import { type Outbox, userAddress } from '../outbox.js';
import type { Inbound } from '../inbound.js';
import type { Client, Platform, Release } from '../release/model.js';
import type { EventLog } from '../release/store.js';

/** Who holds a client's conversation, as the platform says: a human, the bot, or unknown (the lookup failed). */
export type SessionHolder = 'human' | 'bot' | 'unknown';

export interface HumanTakeoverDeps {
  store: Pick<EventLog, 'markProcessed'>;
  outbox: Pick<Outbox, 'post'>;
}

export class HumanTakeover {
  private readonly notices = new Map<Platform, MessageKey>();

  constructor(private readonly deps: HumanTakeoverDeps) {}

  /** The PM's notice for `platform` (params: client, text); default: `conv.human_kept`. */
  speakFor(platform: Platform, notice: MessageKey): void {
    this.notices.set(platform, notice);
  }

  /** What the bot does with a client's message, given who holds the session: silent only for a human. */
  arrived(inbound: Inbound, holder: SessionHolder): Inbound {
    return holder === 'human' ? { ...inbound, humanHandled: true } : inbound;
  }

  /**
   * A message that arrived while a human held the session: marked processed, the PM told. The notice
   * quotes the stored text, masked with the release's secret context (the PM sees ••••last4).
   */
  keep(
    eventId: number,
    text: string | null,
    client: Client | undefined,
    release: Release | undefined,
    platform: Platform,
  ): void {
    this.deps.store.markProcessed(eventId, release?.id ?? null);
    const pm = release?.pmUser ? userAddress(release.pmUser) : undefined;
    if (!client || !pm) return;
    const notice = this.notices.get(platform) ?? 'conv.human_kept';
    this.deps.outbox.post(pm, {
      text: t(client.locale, notice, { client: client.name, text: (text ?? '').slice(0, 500) }),
    });
  }
}
