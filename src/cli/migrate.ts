/** `release-bot migrate`: creates or upgrades the database at DATABASE_PATH (the service also does it at start). */
import { openStore, readConfig } from '../main.js';
import { CLI_LOCALE, type CliCommand } from './command.js';
import { t } from '../i18n/index.js';

export const migrate: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'create or upgrade the SQLite database at DATABASE_PATH',
  async run(_args, io) {
    const config = readConfig(io.env);
    const { close } = openStore(config);
    close();
    io.stdout.write(`${t(CLI_LOCALE, 'cli.database_ready', { path: config.databasePath })}\n`);
    return 0;
  },
};
