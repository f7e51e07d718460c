/**
 * `/release file <client>` lists the release's files (number, name, item); `/release file <client>
 * <number> <item>` puts a file with its item (`none`: with no item), when the bot could not tell
 * which item it was for (the PM was asked) or guessed wrong. Audited as a `file_link` event.
 *
 *   await bot.command(ctx, 'file Acme Coffee 2 app_icon');
 */
import { itemLabel } from '../conversation/questions.js';
import { formatBytes } from '../files/check.js';
import { t } from '../i18n/index.js';
import { resolveItem } from './args.js';
import { type CommandHandler, type Commands, reply } from './index.js';
import { isReply, withClient } from './release.js';

export const fileCommand: CommandHandler = (ctx, args, deps) => {
  const found = withClient(ctx, args, deps, 'file', 0);
  if (isReply(found)) return found;
  const { client, release, rest } = found;
  const files = deps.files;
  if (!files) return reply(ctx.locale, { key: 'files.cmd_none', params: { client: client.name } });
  if (rest.length === 0) {
    const list = files.list(release.id);
    if (list.length === 0) return reply(ctx.locale, { key: 'files.cmd_none', params: { client: client.name } });
    const none = t(ctx.locale, 'files.no_item');
    const lines = list.map((f) =>
      t(ctx.locale, 'files.cmd_line', {
        number: f.number,
        name: f.name,
        size: formatBytes(f.bytes),
        item: f.itemKey ? itemLabel(ctx.locale, f.itemKey) : none,
      }),
    );
    return {
      message: { text: [t(ctx.locale, 'files.cmd_list', { client: client.name }), ...lines].join('\n') },
      visibility: 'ephemeral',
    };
  }
  const number = Number((rest[0] ?? '').replace(/^#/, ''));
  const itemWords = rest.slice(1).join(' ');
  const unlink = /^(none|无|-)$/i.test(itemWords);
  const key = unlink ? null : resolveItem(itemWords);
  if (!Number.isInteger(number) || number < 1 || (key === undefined && !unlink))
    return reply(ctx.locale, { key: 'files.cmd_usage', params: { client: client.name } });
  const file = files.byNumber(release.id, number);
  if (!file) return reply(ctx.locale, { key: 'files.cmd_no_file', params: { client: client.name, number } });
  const at = deps.clock.now().toISOString();
  deps.service.store.transaction(() => {
    files.link(file.id, key ?? null);
    deps.service.store.appendEvent({
      releaseId: release.id,
      clientId: client.id,
      type: 'file_link',
      actor: ctx.user,
      itemKey: key ?? null,
      before: { item: file.itemKey },
      after: { item: key ?? null },
      payload: { file: file.number, name: file.name },
      at,
    });
  });
  const label = key ? itemLabel(ctx.locale, key) : t(ctx.locale, 'files.no_item');
  return reply(ctx.locale, {
    key: 'files.cmd_linked',
    params: { client: client.name, number, name: file.name, label },
  });
};

export function registerFileCommand(commands: Commands): void {
  commands.register('file', fileCommand);
}
