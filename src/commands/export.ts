/**
 * `/release export <client>`: the handover report of the client's latest release as Markdown,
 * every item with its value (secrets masked), who set it and when.
 *
 *   registerExportCommand(commands);
 *   await commands.execute(ctx, 'export Acme Coffee');   // "# Acme Coffee — handover report …"
 */
import { buildStatus } from '../status/model.js';
import { exportMarkdown } from '../status/export.js';
import { resolveClient } from './args.js';
import { type CommandHandler, type Commands, reply } from './index.js';

export const exportCommand: CommandHandler = (ctx, args, deps) => {
  if (args.length === 0) return reply(ctx.locale, { key: 'cmd.need_client', params: { command: 'export' } });
  const { store } = deps.service;
  const found = resolveClient(store, args);
  if (!found) return reply(ctx.locale, { key: 'status.not_found', params: { client: args.join(' ') } });
  const now = deps.clock.now();
  const [status] = buildStatus(store.statusRows({ clientId: found.client.id }), now);
  if (!status) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  return { message: { text: exportMarkdown(found.client.locale, status, now) }, visibility: 'ephemeral' };
};

export function registerExportCommand(commands: Commands): void {
  commands.register('export', exportCommand);
}
