/**
 * `/release export <client>`: a short summary of the client's latest release and the links to its
 * handover report (the release page, CSV, Markdown); the CSV rides along as a file for platforms that
 * upload one (Slack). A 26-row Markdown table does not belong in a chat bubble.
 *
 *   registerExportCommand(commands);
 *   await commands.execute(ctx, 'export Acme Coffee');   // "Acme Coffee — handover report: 5/26 done, …"
 */
import { buildStatus } from '../status/model.js';
import { exportCsv, exportFileName, exportSummary } from '../status/export.js';
import { t } from '../i18n/index.js';
import { resolveClient } from './args.js';
import { type CommandHandler, type Commands, reply } from './index.js';

export const exportCommand: CommandHandler = (ctx, args, deps) => {
  if (args.length === 0) return reply(ctx.locale, { key: 'cmd.need_client', params: { command: 'export' } });
  const { store } = deps.service;
  const found = resolveClient(store, args);
  if (!found) return reply(ctx.locale, { key: 'status.not_found', params: { client: args.join(' ') } });
  const now = deps.clock.now();
  const [status] = buildStatus(deps.status.statusRows({ clientId: found.client.id }), now);
  if (!status) return reply(ctx.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  const base = (deps.publicUrl ?? 'http://localhost:3000').replace(/\/+$/, '');
  const page = `${base}/releases/${status.releaseId}`;
  const locale = found.client.locale;
  const links = { page, csv: `${page}/export.csv`, md: `${page}/export.md` };
  return {
    message: { text: exportSummary(locale, status, links) },
    visibility: 'ephemeral',
    file: {
      filename: exportFileName(status, 'csv'),
      title: t(locale, 'export.file_title', { client: status.client.name }),
      content: exportCsv(locale, status, deps.files?.list(status.releaseId) ?? []),
    },
  };
};

export function registerExportCommand(commands: Commands): void {
  commands.register('export', exportCommand);
}
