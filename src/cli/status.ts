/** `release-bot status [client]`: the PM's status as a text table, read straight from SQLite. */
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { configurePlanning } from '../status/launch.js';
import { isLocale, LOCALES, type Locale, t } from '../i18n/index.js';
import { openStore, readConfig } from '../main.js';
import { buildStatus } from '../status/model.js';
import { overviewText, releaseText } from '../status/render-text.js';
import { CLI_LOCALE, parseArgs, type CliCommand } from './command.js';

export const status: CliCommand = {
  name: 'status',
  usage: 'status [client] [--lang en|zh]',
  summary: 'every open release (client, progress, items waiting on the client), or one client item by item',
  async run(args, io) {
    const { positional, options } = parseArgs(args, { string: ['lang'], choices: { lang: LOCALES } });
    const lang = typeof options.lang === 'string' && isLocale(options.lang) ? options.lang : undefined;
    const config = readConfig(io.env);
    configurePlanning({ calendar: new WorkingCalendar(config.calendar), leadDays: config.leadTimes });
    const { store, close } = openStore(config, { mustExist: true });
    try {
      const now = new Date();
      if (positional.length === 0) {
        io.stdout.write(`${overviewText(lang ?? 'en', buildStatus(store.statusRows(), now))}\n`);
        return 0;
      }
      const client = store.findClientByName(positional.join(' '));
      const [one] = client ? buildStatus(store.statusRows({ clientId: client.id }), now) : [];
      if (!client || !one) {
        io.stderr.write(`${t(lang ?? CLI_LOCALE, 'cli.no_release_named', { name: positional.join(' ') })}\n`);
        return 1;
      }
      const locale: Locale = lang ?? client.locale;
      io.stdout.write(`${releaseText(locale, one, now)}\n`);
      return 0;
    } finally {
      close();
    }
  },
};
