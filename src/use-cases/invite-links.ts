/**
 * Bind by invite: a platform whose clients arrive through a link (微信客服's `add_contact_way`, and
 * any future one with invite links) asks the core for the release's scene, puts it in its link, and
 * calls `open` when someone arrives with it. The rules live here, not in the adapter: a link works
 * for `INVITE_LINK_VALID_DAYS`, then binds no one new (the client it already bound may come back);
 * a person bound to another client is not moved; an expired link is reported to the PM once a day.
 * See docs/architecture.md, "Adapters own their platform".
 *
 *   const { scene, daysLeft } = invites.scene(release);          // a valid scene again, or a fresh one
 *   invites.open({ scene, platform: 'kf', channel: userId, kind: 'kf', actor, expiredNotice });
 */
import { randomBytes } from 'node:crypto';
import type { Conversation } from '../conversation/flow.js';
import { type MessageKey, PM_LOCALE, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { type Outbox, userAddress } from '../outbox.js';
import type { Clock } from '../ports.js';
import type { Platform, Release, Thread, ThreadKind } from '../release/model.js';
import type { ReleaseService } from '../release/service.js';
import type { ClientStore, ReleaseRecords, ThreadStore } from '../release/store.js';

/** An invite link binds whoever opens it: it works for 14 days, then the PM sends a fresh one (a forwarded old link binds no one). */
export const INVITE_LINK_VALID_DAYS = 14;
const VALID_MS = INVITE_LINK_VALID_DAYS * 24 * 3_600_000;

/** Whether a release's invite link still binds who opens it. */
export function inviteSceneValid(release: Pick<Release, 'inviteScene' | 'inviteSceneAt'>, now: Date): boolean {
  return Boolean(
    release.inviteScene && release.inviteSceneAt && now.getTime() - Date.parse(release.inviteSceneAt) < VALID_MS,
  );
}

/** A scene for an invite link: 24 chars of [A-Za-z0-9_-] from 18 random bytes (not guessable, no secret in it). */
export function newInviteScene(): string {
  return randomBytes(18).toString('base64url');
}

export interface InviteLinksDeps {
  store: Pick<ReleaseRecords, 'updateRelease' | 'findReleaseByInviteScene' | 'transaction'> &
    Pick<ClientStore, 'getClient'> &
    Pick<ThreadStore, 'findThread'>;
  service: Pick<ReleaseService, 'bindThread'>;
  conversation: Pick<Conversation, 'opening'>;
  outbox: Pick<Outbox, 'post'>;
  clock: Clock;
  logger: Logger;
}

export type InviteOpened =
  | { kind: 'bound'; thread: Thread }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'taken' };

export class InviteLinks {
  constructor(private readonly deps: InviteLinksDeps) {}

  /** The scene to put in the release's link: a link still valid is sent again as it is; an expired one is replaced (the old one binds no one). */
  scene(release: Release): { scene: string; daysLeft: number } {
    const now = this.deps.clock.now();
    if (inviteSceneValid(release, now) && release.inviteScene && release.inviteSceneAt) {
      return {
        scene: release.inviteScene,
        daysLeft: Math.ceil((Date.parse(release.inviteSceneAt) + VALID_MS - now.getTime()) / 86_400_000),
      };
    }
    const scene = newInviteScene();
    this.deps.store.updateRelease(release.id, { inviteScene: scene, inviteSceneAt: now.toISOString() });
    return { scene, daysLeft: INVITE_LINK_VALID_DAYS };
  }

  /**
   * Someone opened the link carrying `scene` and is `channel` on `platform`: bind them to the release's
   * client, greet them and ask the first questions. `expiredNotice` (params: client, days) tells the PM
   * an old link was opened; `beforeGreeting` runs once bound, before the greeting is queued.
   */
  open(input: {
    scene: string | undefined;
    platform: Platform;
    channel: string;
    kind: ThreadKind;
    actor: string;
    expiredNotice: MessageKey;
    beforeGreeting?: (thread: Thread) => void;
  }): InviteOpened {
    const { store, service, conversation, outbox, logger } = this.deps;
    return store.transaction(() => {
      const release = input.scene ? store.findReleaseByInviteScene(input.scene) : undefined;
      if (!release || release.state !== 'open') {
        logger.warn(
          { platform: input.platform, scene: input.scene ?? null },
          'invite link with an unknown scene or a closed release: nothing bound',
        );
        return { kind: 'unknown' };
      }
      const existing = store.findThread(input.platform, input.channel);
      const now = this.deps.clock.now();
      // An old link binds no one new; the client it already bound may still use it to come back.
      if (!inviteSceneValid(release, now) && existing?.clientId !== release.clientId) {
        logger.warn(
          { platform: input.platform, releaseId: release.id },
          'invite link expired: nothing bound; the PM is told',
        );
        const client = store.getClient(release.clientId);
        const pm = release.pmUser ? userAddress(release.pmUser) : undefined;
        // Once a day at most, however often the old link is opened.
        const once = `${input.platform}-expired-${release.id}-${now.toISOString().slice(0, 10)}`;
        if (client && pm)
          outbox.post(
            pm,
            { text: t(PM_LOCALE, input.expiredNotice, { client: client.name, days: INVITE_LINK_VALID_DAYS }) },
            once,
          );
        return { kind: 'expired' };
      }
      if (existing && existing.clientId !== release.clientId) {
        logger.warn(
          { platform: input.platform, clientId: existing.clientId },
          'invite link opened by someone bound to another client: nothing bound',
        );
        return { kind: 'taken' };
      }
      const client = store.getClient(release.clientId);
      if (!client) return { kind: 'unknown' };
      const thread = service.bindThread({
        clientId: client.id,
        platform: input.platform,
        channel: input.channel,
        kind: input.kind,
        shared: false,
        actor: input.actor,
      });
      input.beforeGreeting?.(thread);
      outbox.post({ kind: 'thread', thread }, conversation.opening(client, release));
      return { kind: 'bound', thread };
    });
  }
}
