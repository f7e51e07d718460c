/**
 * Private client-page links: `PUBLIC_URL/c/<token>`, one per client contact. A token is 256 random
 * bits (base64url, 43 characters); only its SHA-256 is stored. Each link is bound to one release and
 * one contact (the thread its saves are echoed to, the id they are recorded as), expires (7 days; a
 * secret-only link 24 hours and works once) and can be revoked by the PM.
 *
 *   const links = new ClientLinks(store, clock, 'https://bot.agency.cn');
 *   const issued = links.issue({ release, thread, contact: 'kf:wm1', scope: 'secret', actor: 'bot' });
 *   // { kind: 'issued', link, url: 'https://bot.agency.cn/c/3q…' }
 *   links.open(token)  // the live link, or undefined: expired, revoked, used, unknown — all alike
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, OutboundMessage } from '../ports.js';
import type { ClientLink, Release, Thread } from '../release/model.js';
import type { ReleaseStore } from '../release/store.js';

export const FULL_LINK_TTL_MS = 7 * 24 * 3600_000;
export const SECRET_LINK_TTL_MS = 24 * 3600_000;
/** The path prefix of every client page. */
export const CLIENT_PAGE_PREFIX = '/c/';
/** What a token looks like: 32 random bytes, base64url. Anything else is not looked up. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type LinkScope = ClientLink['scope'];

const LINK_IN_TEXT = /\/c\/[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/**
 * A sent message with its client-page tokens cut (`/c/…`), or undefined when it holds none: the
 * outbox keeps a message after sending it, and the token is stored only as its hash.
 */
export function withoutLinkTokens(message: OutboundMessage): OutboundMessage | undefined {
  const json = JSON.stringify(message);
  if (!LINK_IN_TEXT.test(json)) return undefined;
  LINK_IN_TEXT.lastIndex = 0;
  return JSON.parse(json.replace(LINK_IN_TEXT, `${CLIENT_PAGE_PREFIX}…`)) as OutboundMessage;
}

export type IssueResult = { kind: 'issued'; link: ClientLink; url: string } | { kind: 'no_public_url' };

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class ClientLinks {
  constructor(
    private readonly store: ReleaseStore,
    private readonly clock: Clock,
    /** PUBLIC_URL as set; undefined: no link can be sent (a client cannot open localhost). */
    readonly base: string | undefined,
    /** PM_USERS: their messages in a client's thread are not the client's. */
    private readonly pmUsers: readonly string[] = [],
  ) {}

  get enabled(): boolean {
    return this.base !== undefined;
  }

  /** Makes a new link (the token is returned once, in the URL, and never stored). */
  issue(input: { release: Release; thread: Thread; contact: string; scope: LinkScope; actor: string }): IssueResult {
    if (!this.base) return { kind: 'no_public_url' };
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const ttl = input.scope === 'secret' ? SECRET_LINK_TTL_MS : FULL_LINK_TTL_MS;
    const link = this.store.transaction(() => {
      const created = this.store.createLink({
        tokenHash: tokenHash(token),
        releaseId: input.release.id,
        threadId: input.thread.id,
        contact: input.contact,
        scope: input.scope,
        createdBy: input.actor,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttl).toISOString(),
      });
      this.store.appendEvent({
        releaseId: input.release.id,
        clientId: input.release.clientId,
        type: 'client_link',
        actor: input.actor,
        after: { link: created.id, scope: input.scope, contact: input.contact, expiresAt: created.expiresAt },
        at: now.toISOString(),
      });
      return created;
    });
    return { kind: 'issued', link, url: `${this.base}${CLIENT_PAGE_PREFIX}${token}` };
  }

  /** The live link a token opens: undefined for an unknown, expired, revoked or used one, or one whose release closed. */
  open(token: string): ClientLink | undefined {
    if (!TOKEN_SHAPE.test(token)) return undefined;
    const link = this.store.linkByTokenHash(tokenHash(token));
    return link && this.isLive(link) ? link : undefined;
  }

  isLive(link: ClientLink): boolean {
    if (link.revokedAt || link.usedAt) return false;
    if (Date.parse(link.expiresAt) <= this.clock.now().getTime()) return false;
    return this.store.getRelease(link.releaseId)?.state === 'open';
  }

  /** The release's links still live, newest first. */
  live(releaseId: number): ClientLink[] {
    return this.store.linksOf(releaseId).filter((l) => this.isLive(l));
  }

  /** Revokes one link of the release (by id), or all its live links; returns the ids revoked. */
  revoke(releaseId: number, actor: string, id?: number): number[] {
    const at = this.clock.now().toISOString();
    return this.store.transaction(() => {
      const release = this.store.getRelease(releaseId);
      const targets = this.store.linksOf(releaseId).filter((l) => (id === undefined ? this.isLive(l) : l.id === id));
      const revoked = targets.filter((l) => this.store.revokeLink(l.id, at)).map((l) => l.id);
      for (const link of revoked) {
        this.store.appendEvent({
          releaseId,
          clientId: release?.clientId ?? null,
          type: 'client_link',
          actor,
          after: { link, revoked: true },
          at,
        });
      }
      return revoked;
    });
  }

  /** A single-use link, spent; false when it already was (a second submit racing the first). */
  spend(link: ClientLink): boolean {
    return this.store.useLink(link.id, this.clock.now().toISOString());
  }

  /**
   * The contact a link for `thread` is bound to: the last client who wrote in it (their saves are
   * then recorded as them, and their `撤销` in chat takes a page save back), else the thread's own id.
   */
  contactOf(release: Release, thread: Thread): string {
    const last = this.store
      .events(release.id, 200)
      .find(
        (e) =>
          e.type === 'inbound' && !this.pmUsers.includes(e.actor) && isFrom(this.store.inbound(e.id)?.payload, thread),
      );
    return last?.actor ?? `${thread.platform}:${thread.channel}`;
  }
}

function isFrom(payload: unknown, thread: Thread): boolean {
  if (typeof payload !== 'object' || payload === null) return false;
  const p = payload as { platform?: unknown; channel?: unknown; command?: unknown; staff?: unknown };
  return p.platform === thread.platform && p.channel === thread.channel && p.command === undefined && p.staff !== true;
}
