/**
 * 微信客服 (kf) in the commands, supplied by this adapter and listed in src/main.ts: the `kf` invite
 * target (`/release start|invite <client> kf` answers with an invite link whose scene — made and
 * expired by the core's bind-by-invite use case, src/use-cases/invite-links.ts — names the release),
 * `/release resume <client>` (hands a session a human servicer took back to the bot), and the status
 * note with the reply window WeChat allows: at most 5 messages in the 48 h after the client last wrote.
 *
 *   commands.register('resume', resumeCommand(kfPort));   // kfPort undefined: says how to turn kf on
 *   kfWindow(thread, store.sentSince(thread.id, …), now)   // { state: 'open', until, left: 3 }
 */
import type { CommandHandler, LinkTarget, StatusNote } from '../../../src/commands/index.js';
import { resolveClient } from '../../../src/commands/args.js';
import { reply } from '../../../src/commands/index.js';
import { type Locale, t } from '../../../src/i18n/index.js';
import type { Thread } from '../../../src/release/model.js';
import type { OutboxStore, ThreadStore } from '../../../src/release/store.js';
import { formatTime } from '../../../src/status/format.js';

/** WeChat's rule for 微信客服: 5 messages in the 48 h after the client's last message. */
export const KF_WINDOW_MS = 48 * 3_600_000;
export const KF_WINDOW_MESSAGES = 5;

export interface KfPort {
  /** A `kf/add_contact_way` link carrying `scene`. */
  inviteLink(scene: string): Promise<string>;
  /** Hands the session back to the bot (`kf/service_state/trans` to state 1). */
  resume(externalUserId: string): Promise<void>;
}

export type KfWindow =
  | { state: 'none' }
  | { state: 'open'; until: string; left: number }
  | { state: 'closed'; since: string }
  | { state: 'full'; until: string };

export function kfWindow(thread: Pick<Thread, 'lastInboundAt'>, sentSinceLastInbound: number, now: Date): KfWindow {
  if (!thread.lastInboundAt) return { state: 'none' };
  const until = new Date(Date.parse(thread.lastInboundAt) + KF_WINDOW_MS).toISOString();
  if (now.toISOString() >= until) return { state: 'closed', since: until };
  if (sentSinceLastInbound >= KF_WINDOW_MESSAGES) return { state: 'full', until };
  return { state: 'open', until, left: KF_WINDOW_MESSAGES - sentSinceLastInbound };
}

type WindowStore = Pick<ThreadStore, 'threadsOfClient'> & Pick<OutboxStore, 'sentSince'>;

/** The window lines for a client's kf sessions, for every status view. */
export function kfWindowLines(
  store: WindowStore,
  clientId: number,
  locale: Locale,
  timezone: string,
  now: Date,
): string[] {
  return store
    .threadsOfClient(clientId)
    .filter((th) => th.platform === 'kf')
    .map((th) => {
      const w = kfWindow(th, th.lastInboundAt ? store.sentSince(th.id, th.lastInboundAt) : 0, now);
      if (w.state === 'none') return t(locale, 'wecom.kf_window_none');
      if (w.state === 'closed') return t(locale, 'wecom.kf_window_closed', { since: formatTime(w.since, timezone) });
      if (w.state === 'full') return t(locale, 'wecom.kf_window_full');
      return t(locale, 'wecom.kf_window_open', { until: formatTime(w.until, timezone), left: w.left });
    });
}

/** The status of a release with 微信客服 sessions says how its reply window stands. */
export function kfStatusNote(store: WindowStore): StatusNote {
  return (client, locale, now) => kfWindowLines(store, client.id, locale, client.timezone, now);
}

/** `start|invite <client> kf`: a 微信客服 invite link (`port` absent: 微信客服 is not set up, and the PM is told how to turn it on). */
export function kfTarget(port: KfPort | undefined): LinkTarget {
  return {
    type: 'link',
    word: 'kf',
    ...(port ? { link: (scene: string) => port.inviteLink(scene) } : {}),
    copy: { invited: 'wecom.kf_invite', failed: 'wecom.kf_failed', off: 'wecom.kf_off' },
  };
}

function reasonOf(err: unknown): string {
  const withReason = err as { reason?: unknown };
  if (typeof withReason?.reason === 'string') return withReason.reason;
  return err instanceof Error ? err.message : String(err);
}

/** `/release resume <client>`: every 微信客服 session of the client back with the bot. */
export function resumeCommand(port: KfPort | undefined): CommandHandler {
  return async (ctx, args, deps) => {
    if (!port) return reply(ctx.locale, { key: 'wecom.kf_off' });
    const { store } = deps.service;
    const found = args.length > 0 ? resolveClient(store, args) : undefined;
    if (!found) return reply(ctx.locale, { key: 'wecom.resume_usage' });
    const sessions = store.threadsOfClient(found.client.id).filter((th) => th.platform === 'kf');
    if (sessions.length === 0)
      return reply(ctx.locale, { key: 'wecom.resume_none', params: { client: found.client.name } });
    try {
      for (const th of sessions) await port.resume(th.channel);
    } catch (err) {
      return reply(ctx.locale, {
        key: 'wecom.resume_failed',
        params: { client: found.client.name, reason: reasonOf(err) },
      });
    }
    return reply(ctx.locale, { key: 'wecom.resumed', params: { client: found.client.name } }, 'in_channel');
  };
}
