/**
 * When the bot offers the client's private page in the chat: as it first asks for the App secret on
 * a platform whose chat has no private form (its adapter says so, `PlatformParts.noPrivateForm`: a
 * secret-only link, once, 24 hours — so the secret never goes into the chat's history; again when the
 * secret is asked again — a mistyped one, or one WeChat refused — and its last link was used or expired), and as it first asks for a long list (developers, the beta whitelist, nearby locations:
 * a full link, 7 days), unless the contact already has a live full link. Without PUBLIC_URL it tells
 * the PM instead, once per release.
 *
 *   conversation.offerLinks(new ClientLinkOffers(links, store, clock, { noPrivateForm: ['echo'] }));
 */
import { ITEM_DEFS } from '../checklist/items.js';
import type { ItemKey } from '../checklist/types.js';
import type { LinkOffers } from '../conversation/flow.js';
import { pmLocaleOf, t } from '../i18n/index.js';
import type { Clock } from '../ports.js';
import type { ReleaseStore } from '../release/store.js';
import type { ClientLinks, LinkScope } from './client-links.js';

/** Lists that run long (20 developers, 10 stores with their addresses): easier typed on a page (the record's `longList`). */
export const LONG_LISTS: ReadonlySet<ItemKey> = new Set(ITEM_DEFS.filter((d) => d.longList).map((d) => d.key));
/** The event that says the PM was told PUBLIC_URL is missing (once per release). */
const NO_URL_EVENT = 'client_link_unavailable';

export class ClientLinkOffers implements LinkOffers {
  constructor(
    private readonly links: ClientLinks,
    private readonly store: ReleaseStore,
    private readonly clock: Clock,
    /** Platforms whose chat has no private form for a secret (their adapters name them). */
    private readonly platforms: { noPrivateForm: readonly string[] } = { noPrivateForm: [] },
  ) {}

  offer(input: Parameters<LinkOffers['offer']>[0]): ReturnType<LinkOffers['offer']> {
    const fresh = (key: ItemKey): boolean => input.asking.includes(key) && !input.askedBefore.has(key);
    const scopes: LinkScope[] = [];
    const live = this.links.live(input.release.id).filter((l) => l.threadId === input.thread.id);
    // Asked again (refused by WeChat, mistyped) once the last secret link was used or expired: a new one.
    const secretAgain = input.asking.includes('app_secret') && !live.some((l) => l.scope === 'secret');
    if (this.platforms.noPrivateForm.includes(input.thread.platform) && (fresh('app_secret') || secretAgain))
      scopes.push('secret');
    const hasFull = live.some((l) => l.scope === 'full');
    if ([...LONG_LISTS].some(fresh) && !hasFull) scopes.push('full');
    if (scopes.length === 0) return {};
    // The local chat (a demo on this machine) has no client to send a link to: nothing to tell the PM either.
    if (!this.links.enabled) return input.thread.platform === 'local' ? {} : this.tellPm(input, scopes);
    const locale = input.client.locale;
    const lines = scopes.flatMap((scope) => {
      const issued = this.links.issue({
        release: input.release,
        thread: input.thread,
        contact: input.contact ?? this.links.contactOf(input.release, input.thread),
        scope,
        actor: 'bot',
      });
      return issued.kind === 'issued'
        ? [t(locale, scope === 'secret' ? 'conv.link_secret' : 'conv.link_full', { url: issued.url })]
        : [];
    });
    return lines.length > 0 ? { line: lines.join('\n') } : {};
  }

  /** PUBLIC_URL is unset: the PM hears it once per release, the client gets no link. */
  private tellPm(
    input: Parameters<LinkOffers['offer']>[0],
    scopes: readonly LinkScope[],
  ): ReturnType<LinkOffers['offer']> {
    if (this.store.lastEvent(input.release.id, NO_URL_EVENT)) return {};
    this.store.appendEvent({
      releaseId: input.release.id,
      clientId: input.client.id,
      type: NO_URL_EVENT,
      actor: 'bot',
      after: { scopes },
      at: this.clock.now().toISOString(),
    });
    const pmLocale = pmLocaleOf(input.release.pmUser);
    const scope = scopes.map((s) => t(pmLocale, `link.scope.${s}`)).join('; ');
    return { pmNotice: t(pmLocale, 'pm.link_no_public_url', { client: input.client.name, scope }) };
  }
}
