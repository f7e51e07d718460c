/**
 * 微信客服 (kf) in the commands: `/release invite <client> kf` answers with an invite link whose
 * scene names the release (a random token, not guessable, no secret in it), `/release resume
 * <client>` hands a session a human servicer took back to the bot, and status shows the reply
 * window WeChat allows: at most 5 messages in the 48 h after the client last wrote.
 * The kf API itself is a port (`KfPort`) that bots/wecom implements.
 *
 *   registerKfCommands(commands, kfPort);              // extends `invite`, adds `resume`, wraps `status`
 *   kfWindow(thread, store.sentSince(thread.id, …), now)   // { state: 'open', until, left: 3 }
 */
import { randomBytes } from 'node:crypto';
import { isLocale, type Locale, t } from '../i18n/index.js';
import type { Release, Thread } from '../release/model.js';
import type { ReleaseStore } from '../release/store.js';
import { formatTime } from '../status/format.js';
import { resolveClient } from './args.js';
import { type CommandHandler, type CommandReply, type Commands, reply } from './index.js';

/** WeChat's rule for 微信客服: 5 messages in the 48 h after the client's last message. */
export const KF_WINDOW_MS = 48 * 3_600_000;
export const KF_WINDOW_MESSAGES = 5;
/** An invite link binds whoever opens it: it works for 14 days, then the PM sends a fresh one (a forwarded old link binds no one). */
export const KF_SCENE_VALID_DAYS = 14;
const KF_SCENE_VALID_MS = KF_SCENE_VALID_DAYS * 24 * 3_600_000;

/** Whether a release's invite link still binds who opens it. */
export function kfSceneValid(release: Pick<Release, 'kfScene' | 'kfSceneAt'>, now: Date): boolean {
  return Boolean(release.kfScene && release.kfSceneAt && now.getTime() - Date.parse(release.kfSceneAt) < KF_SCENE_VALID_MS);
}

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

/** The window lines for a client's kf sessions, for every status view. */
export function kfWindowLines(store: ReleaseStore, clientId: number, locale: Locale, timezone: string, now: Date): string[] {
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

/** A scene for `kf/add_contact_way`: 24 chars of [A-Za-z0-9_-] from 18 random bytes. */
export function newKfScene(): string {
  return randomBytes(18).toString('base64url');
}

function reasonOf(err: unknown): string {
  const withReason = err as { reason?: unknown };
  if (typeof withReason?.reason === 'string') return withReason.reason;
  return err instanceof Error ? err.message : String(err);
}

export function registerKfCommands(commands: Commands, kf: KfPort | undefined): void {
  const inviteKf: CommandHandler = async (ctx, args, deps): Promise<CommandReply> => {
    const { store } = deps.service;
    const found = resolveClient(store, args.slice(0, -1));
    if (!found) return reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: args.slice(0, -1).join(' ') } });
    const release = store.openReleaseOf(found.client.id);
    if (!release) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
    if (!kf) return reply(ctx.locale, { key: 'wecom.kf_off' });
    // A link still valid is sent again as it is; an expired one is replaced (the old one binds no one).
    const now = deps.clock.now();
    const scene = kfSceneValid(release, now) && release.kfScene ? release.kfScene : newKfScene();
    if (scene !== release.kfScene) store.updateRelease(release.id, { kfScene: scene, kfSceneAt: now.toISOString() });
    try {
      const url = await kf.inviteLink(scene);
      const daysLeft = scene === release.kfScene && release.kfSceneAt ? Math.ceil((Date.parse(release.kfSceneAt) + KF_SCENE_VALID_MS - now.getTime()) / 86_400_000) : KF_SCENE_VALID_DAYS;
      return reply(ctx.locale, { key: 'wecom.kf_invite', params: { client: found.client.name, url, days: daysLeft } });
    } catch (err) {
      return reply(ctx.locale, { key: 'wecom.kf_failed', params: { client: found.client.name, reason: reasonOf(err) } });
    }
  };
  const previousInvite = commands.register('invite', (ctx, args, deps) =>
    args.at(-1)?.toLowerCase() === 'kf' && args.length >= 2 ? inviteKf(ctx, args, deps) : (previousInvite as CommandHandler)(ctx, args, deps),
  );

  /** `start <client> [en|zh] kf`: a client reached only through 微信客服 — open the release, answer with the link. */
  const previousStart = commands.register('start', async (ctx, args, deps) => {
    if (args.at(-1)?.toLowerCase() !== 'kf' || args.length < 2 || !ctx.isPm) return (previousStart as CommandHandler)(ctx, args, deps);
    if (!kf) return reply(ctx.locale, { key: 'wecom.kf_off' });
    const words = args.slice(0, -1);
    const last = words.at(-1)?.toLowerCase();
    const locale = last && isLocale(last) && words.length > 1 ? last : undefined;
    const name = (locale ? words.slice(0, -1) : words).join(' ');
    deps.service.startRelease({ clientName: name, pmUser: ctx.user, actor: ctx.user, locale });
    return inviteKf(ctx, [name, 'kf'], deps);
  });

  commands.register('resume', async (ctx, args, deps) => {
    const { store } = deps.service;
    const found = args.length > 0 ? resolveClient(store, args) : undefined;
    if (!found) return reply(ctx.locale, { key: 'wecom.resume_usage' });
    const sessions = store.threadsOfClient(found.client.id).filter((th) => th.platform === 'kf');
    if (sessions.length === 0 || !kf) return reply(ctx.locale, { key: 'wecom.resume_none', params: { client: found.client.name } });
    try {
      for (const th of sessions) await kf.resume(th.channel);
    } catch (err) {
      return reply(ctx.locale, { key: 'wecom.resume_failed', params: { client: found.client.name, reason: reasonOf(err) } });
    }
    return reply(ctx.locale, { key: 'wecom.resumed', params: { client: found.client.name } }, 'in_channel');
  });

  const previousStatus = commands.register('status', async (ctx, args, deps) => {
    const answer = await (previousStatus as CommandHandler)(ctx, args, deps);
    if (answer.view?.kind !== 'release') return answer;
    const { client } = answer.view.status;
    const lines = kfWindowLines(deps.service.store, client.id, client.locale, client.timezone, deps.clock.now());
    return lines.length === 0 ? answer : { ...answer, message: { ...answer.message, text: [answer.message.text, '', ...lines].join('\n') } };
  });
}
