/**
 * `/release link <client> [secret]` sends the client's contact a link to their private page
 * (PUBLIC_URL/c/<token>) in their chat thread and tells the PM its number; `/release unlink <client>
 * [<n>]` revokes one link or every live one. Without PUBLIC_URL no link is sent, and the PM is told.
 *
 *   registerLinkCommands(commands, links);
 */
import { t } from '../i18n/index.js';
import type { ClientLinks } from '../links/client-links.js';
import type { Thread } from '../release/model.js';
import { formatTime } from '../status/format.js';
import { type Commands, reply } from './index.js';
import { isReply, withClient } from './release.js';

/** The thread a link goes to: the one the client wrote in last (else the first bound). */
function contactThread(threads: readonly Thread[]): Thread | undefined {
  return [...threads].sort((a, b) => (b.lastInboundAt ?? '').localeCompare(a.lastInboundAt ?? '') || a.id - b.id)[0];
}

export function registerLinkCommands(commands: Commands, links: ClientLinks): void {
  commands.register('link', (ctx, args, deps) => {
    const secretOnly = args.length > 1 && args.at(-1)?.toLowerCase() === 'secret';
    const found = withClient(ctx, secretOnly ? args.slice(0, -1) : args, deps, 'link', 0);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    if (rest.length > 0) return reply(ctx.locale, { key: 'cmd.link_usage' });
    if (!links.enabled) return reply(ctx.locale, { key: 'cmd.link_no_public_url', params: { client: client.name } });
    const thread = contactThread(deps.service.store.threadsOfClient(client.id));
    if (!thread) return reply(ctx.locale, { key: 'cmd.link_no_thread', params: { client: client.name } });
    const scope = secretOnly ? 'secret' : 'full';
    return deps.service.store.transaction(() => {
      const issued = links.issue({
        release,
        thread,
        contact: links.contactOf(release, thread),
        scope,
        actor: ctx.user,
      });
      if (issued.kind !== 'issued')
        return reply(ctx.locale, { key: 'cmd.link_no_public_url', params: { client: client.name } });
      deps.outbox.post(
        { kind: 'thread', thread },
        { text: t(client.locale, secretOnly ? 'conv.link_secret' : 'conv.link_from_pm', { url: issued.url }) },
      );
      const params = {
        client: client.name,
        id: issued.link.id,
        scope: t(ctx.locale, `link.scope.${scope}`),
        expires: formatTime(issued.link.expiresAt, client.timezone),
        url: issued.url,
      };
      return reply(ctx.locale, { key: 'cmd.link_sent', params });
    });
  });

  commands.register('unlink', (ctx, args, deps) => {
    const last = args.at(-1);
    const id = args.length > 1 && last && /^#?\d+$/.test(last) ? Number(last.replace('#', '')) : undefined;
    const found = withClient(ctx, id === undefined ? args : args.slice(0, -1), deps, 'unlink', 0);
    if (isReply(found)) return found;
    const { client, release } = found;
    const revoked = links.revoke(release.id, ctx.user, id);
    if (revoked.length > 0)
      return reply(ctx.locale, { key: 'cmd.unlinked', params: { client: client.name, ids: revoked.join(', #') } });
    const live = links.live(release.id).map((l) => `#${l.id}`);
    return reply(ctx.locale, {
      key: 'cmd.unlink_none',
      params: { client: client.name, which: id === undefined ? '' : ` #${id}`, live: live.join(', ') || '—' },
    });
  });
}
