/**
 * `release-bot export <client> [--format md|csv] [--lang en|zh]`: the handover report of the
 * client's latest release on stdout, read straight from SQLite (secrets masked).
 *
 *   npx release-bot export "Acme Coffee" --format csv > acme.csv
 */
import { isLocale, LOCALES, t } from '../i18n/index.js';
import { openStore, readConfig } from '../main.js';
import { buildStatus } from '../status/model.js';
import { EXPORT_FORMATS, type ExportFormat, exportRelease } from '../status/export.js';
import { CLI_LOCALE, type CliCommand, parseArgs, UsageError } from './command.js';

function formatOf(raw: string | boolean | undefined): ExportFormat {
  if (raw === undefined) return 'md';
  const found = EXPORT_FORMATS.find((f) => f === raw);
  if (!found) throw new UsageError(`--format must be md or csv (got "${String(raw)}")`);
  return found;
}

export const exportCli: CliCommand = {
  name: 'export',
  usage: 'export <client> [--format md|csv] [--lang en|zh]',
  summary: "a handover report of the client's release: every item, value (secrets masked), who and when",
  async run(args, io) {
    const { positional, options } = parseArgs(args, {
      string: ['format', 'lang'],
      choices: { format: EXPORT_FORMATS, lang: LOCALES },
    });
    const format = formatOf(options.format);
    const lang = options.lang;
    if (lang !== undefined && !(typeof lang === 'string' && isLocale(lang)))
      throw new UsageError(`--lang must be en or zh (got "${String(lang)}")`);
    if (positional.length === 0) throw new UsageError('Which client? e.g. release-bot export "Acme Coffee"');
    const name = positional.join(' ');
    const { store, files, close } = openStore(readConfig(io.env), { mustExist: true });
    try {
      const now = new Date();
      const client = store.findClientByName(name);
      const [status] = client ? buildStatus(store.statusRows({ clientId: client.id }), now) : [];
      if (!client || !status) {
        io.stderr.write(`${t(CLI_LOCALE, 'cli.no_release_named', { name })}\n`);
        return 1;
      }
      io.stdout.write(
        exportRelease(
          format,
          typeof lang === 'string' && isLocale(lang) ? lang : client.locale,
          status,
          now,
          files.list(status.releaseId),
        ),
      );
      return 0;
    } finally {
      close();
    }
  },
};
