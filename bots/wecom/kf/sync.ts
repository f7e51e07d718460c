/**
 * Pulls 微信客服 messages after a `kf_msg_or_event` callback: `kf/sync_msg` page by page, each
 * page's messages stored together with the next cursor in ONE transaction — a crash or a repeated
 * callback neither loses nor repeats a message (and msgids are deduplicated anyway). Network first
 * (the page, the session states), then the synchronous write (`bot.receive`); then the core's one
 * inbound queue (`bot.later`) reads and answers them. Who holds each session (a human servicer, the
 * bot, unknown) is reported to the core's human-takeover rule (src/use-cases/human-takeover.ts),
 * which decides what the bot does with the message.
 *
 *   const sync = new KfSync(deps);
 *   sync.onEvent(token);   // queued: one pull at a time
 */
import type { ReleaseBot } from '../../../src/bot.js';
import type { Logger } from '../../../src/logger.js';
import type { Outbox } from '../../../src/outbox.js';
import type { Clock } from '../../../src/ports.js';
import type { ReleaseService } from '../../../src/release/service.js';
import type { CursorStore } from '../../../src/release/store.js';
import type { InviteLinks } from '../../../src/use-cases/invite-links.js';
import type { HumanTakeover, SessionHolder } from '../../../src/use-cases/human-takeover.js';
import type { WeComApi } from '../api.js';
import type { KfChat } from './chat.js';
import { decodeKfMessage, type KfDecoded, type KfMessage } from './decode.js';

/** kf/service_state: 3 = a human servicer has the session; 0/1 = new or with the bot (智能助手). */
const HUMAN = 3;
const MAX_PAGES = 50;

export interface KfSyncDeps {
  api: WeComApi;
  openKfId: string;
  bot: ReleaseBot;
  service: ReleaseService;
  /** Where the pull stands (`kf:<open_kfid>`), stored with each page. */
  cursors: CursorStore;
  /** Bind by invite: the core decides who a link binds (scene, expiry, someone bound elsewhere). */
  invites: Pick<InviteLinks, 'open'>;
  /** Human takeover: the core decides what a message from a session a servicer holds means. */
  takeover: Pick<HumanTakeover, 'arrived'>;
  outbox: Outbox;
  chat: KfChat;
  clock: Clock;
  logger: Logger;
}

export class KfSync {
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly deps: KfSyncDeps) {}

  private get cursorName(): string {
    return `kf:${this.deps.openKfId}`;
  }

  onEvent(token: string): void {
    this.queue = this.queue
      .then(() => this.pull(token))
      .catch((err: unknown) =>
        this.deps.logger.error({ err }, '微信客服 sync failed; the next callback resumes from the stored cursor'),
      );
  }

  /**
   * One pull at start-up, from the stored cursor: a callback acknowledged just before a crash is
   * not left waiting for the client's next message. sync_msg takes no callback token here (it is
   * optional; without it WeChat applies a stricter rate limit, fine for one call). Without a stored
   * cursor nothing was ever pulled: skipped, so a first start does not answer 3 days of history.
   * https://developer.work.weixin.qq.com/document/path/94670
   *
   *   sync.pullAtStart();   // queued like a callback's pull
   */
  pullAtStart(): void {
    if (this.deps.cursors.getCursor(this.cursorName) === undefined) return;
    this.queue = this.queue
      .then(() => this.pull(undefined))
      .catch((err: unknown) =>
        this.deps.logger.warn(
          { err },
          '微信客服 start-up sync failed; the next callback resumes from the stored cursor',
        ),
      );
  }

  /** Waits for pulls in flight; stored messages nobody processed are resumed by `bot.recover()`. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.queue;
  }

  /** Resolves when every queued pull has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async pull(token: string | undefined): Promise<void> {
    const { api, service, clock } = this.deps;
    const stored: number[] = [];
    try {
      for (let page = 0; page < MAX_PAGES && !this.stopped; page += 1) {
        const cursor = this.deps.cursors.getCursor(this.cursorName);
        const request = { cursor, limit: 1000, open_kfid: this.deps.openKfId };
        const reply = await api.post('/cgi-bin/kf/sync_msg', token === undefined ? request : { ...request, token });
        const decoded = ((reply.msg_list as KfMessage[] | undefined) ?? []).map(decodeKfMessage);
        const holders = await this.sessionHolders(decoded);
        if (this.stopped) return;
        service.store.transaction(() => {
          for (const d of decoded) stored.push(...this.apply(d, holders));
          if (typeof reply.next_cursor === 'string' && reply.next_cursor)
            this.deps.cursors.setCursor(this.cursorName, reply.next_cursor, clock.now().toISOString());
        });
        if (!reply.has_more) break;
      }
    } finally {
      // What was stored is answered even when a later page failed; after a stop, `recover()` does it.
      if (!this.stopped) {
        for (const eventId of stored) this.deps.bot.later(eventId);
        await this.deps.bot.idle();
      }
    }
  }

  /** Who holds each of the batch's clients' sessions, as 微信客服 says (network: before the transaction). */
  private async sessionHolders(batch: KfDecoded[]): Promise<Map<string, SessionHolder>> {
    const users = new Set(batch.flatMap((d) => (d.kind === 'client' ? [d.externalUserId] : [])));
    const holders = new Map<string, SessionHolder>();
    for (const user of users) {
      try {
        const state = await this.deps.api.post('/cgi-bin/kf/service_state/get', {
          open_kfid: this.deps.openKfId,
          external_userid: user,
        });
        holders.set(user, state.service_state === HUMAN ? 'human' : 'bot');
      } catch (err) {
        holders.set(user, 'unknown');
        this.deps.logger.warn(
          { err: err instanceof Error ? err.message : String(err) },
          '微信客服 session state unknown; reported as such (the core lets the bot answer)',
        );
      }
    }
    return holders;
  }

  /** Synchronous, inside the page's transaction. Returns what to process after the pull. */
  private apply(d: KfDecoded, holders: ReadonlyMap<string, SessionHolder>): number[] {
    if (d.kind === 'ignored') return [];
    if (d.kind === 'enter') {
      this.enterSession(d.externalUserId, d.scene, d.welcomeCode);
      return [];
    }
    const result = this.deps.bot.receive(
      this.deps.takeover.arrived(d.inbound, holders.get(d.externalUserId) ?? 'unknown'),
    );
    return result.kind === 'duplicate' ? [] : [result.eventId];
  }

  /** The invite link's scene names a release: the core's bind-by-invite binds this client, greets them, asks the first questions. */
  private enterSession(externalUserId: string, scene: string | undefined, welcomeCode: string | undefined): void {
    this.deps.invites.open({
      scene,
      platform: 'kf',
      channel: externalUserId,
      kind: 'kf',
      actor: `kf:${externalUserId}`,
      expiredNotice: 'wecom.kf_scene_expired',
      beforeGreeting: () => {
        if (welcomeCode) this.deps.chat.rememberWelcome(externalUserId, welcomeCode);
      },
    });
  }
}
