/**
 * `release-bot reminders [client]`: what is scheduled, soonest first, read straight from SQLite
 * (the source of truth; Redis only mirrors it).
 *
 *   npx release-bot reminders              # every client
 *   npx release-bot reminders Acme Coffee  # one client
 */
import { t } from '../i18n/index.js';
import { openStore, readConfig } from '../main.js';
import type { Reminder } from '../release/model.js';
import type { ClientStore, ReleaseRecords } from '../release/store.js';
import { formatTime } from '../status/format.js';
import { parseArgs, type CliCommand } from './command.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ClientStore & ReleaseRecords;

/** One line per reminder: due (client time), kind, client, item, id. */
export function reminderLines(store: Store, reminders: readonly Reminder[]): string[] {
  return reminders.map((r) => {
    const release = r.releaseId === null ? undefined : store.getRelease(r.releaseId);
    const client = release && store.getClient(release.clientId);
    const due = formatTime(r.dueAt, client?.timezone ?? 'Asia/Shanghai');
    return [
      due,
      t('en', `reminder.${r.kind}`).padEnd(16),
      (client?.name ?? '—').padEnd(20),
      (r.itemKey ?? '—').padEnd(20),
      r.id,
    ].join('  ');
  });
}

export const reminders: CliCommand = {
  name: 'reminders',
  usage: 'reminders [client]',
  summary: 'reminders scheduled (nudges, escalations, whitelist checks, due-date warnings), soonest first',
  async run(args, io) {
    const { positional } = parseArgs(args, {});
    const { store, close } = openStore(readConfig(io.env), { mustExist: true });
    try {
      let rows = store.scheduledReminders();
      if (positional.length > 0) {
        const name = positional.join(' ');
        const client = store.findClientByName(name);
        if (!client) {
          io.stderr.write(`${t('en', 'remind.cli.unknown_client', { client: name })}\n`);
          return 1;
        }
        const releaseIds = new Set(
          rows.map((r) => r.releaseId).filter((id) => id !== null && store.getRelease(id)?.clientId === client.id),
        );
        rows = rows.filter((r) => releaseIds.has(r.releaseId));
      }
      io.stdout.write(
        rows.length === 0 ? `${t('en', 'remind.cli.none')}\n` : `${reminderLines(store, rows).join('\n')}\n`,
      );
      return 0;
    } finally {
      close();
    }
  },
};
