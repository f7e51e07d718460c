/**
 * `/release snooze <client> <item> <duration>` moves an item's pending reminders later;
 * `/release remind <client>` nudges the client now about every question still open.
 *
 *   registerReminderCommands(commands, planner);
 *   await bot.command(ctx, 'snooze Acme Coffee app_id 2d');
 */
import type { ItemKey } from '../checklist/types.js';
import { parseDuration, resolveItem } from '../commands/args.js';
import { type CommandHandler, type Commands, reply } from '../commands/index.js';
import { isReply, postToClient, withClient } from '../commands/release.js';
import { itemLabel } from '../conversation/questions.js';
import { formatTime } from '../status/format.js';
import { nudgeMessage } from './messages.js';
import type { ReminderPlanner } from './planner.js';

export function snoozeCommand(planner: ReminderPlanner): CommandHandler {
  return (ctx, args, deps) => {
    const found = withClient(ctx, args, deps, 'snooze', 2);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    const ms = parseDuration(rest.at(-1) ?? '');
    const key = resolveItem(rest.slice(0, -1).join(' '));
    if (!ms || !key) return reply(client.locale, { key: 'remind.cmd.snooze_usage', params: { client: client.name } });
    const until = planner.nextWorkingInstant(release, new Date(deps.clock.now().getTime() + ms));
    const label = itemLabel(client.locale, key);
    const moved = deps.service.store.transaction(() => planner.snooze(release.id, key, until));
    if (moved.length === 0)
      return reply(client.locale, {
        key: 'remind.cmd.nothing_scheduled',
        params: { client: client.name, label, item: key },
      });
    return reply(
      client.locale,
      {
        key: 'remind.cmd.snoozed',
        params: { client: client.name, label, at: formatTime(until.toISOString(), client.timezone) },
      },
      'in_channel',
    );
  };
}

export const remindCommand: CommandHandler = (ctx, args, deps) => {
  const found = withClient(ctx, args, deps, 'remind', 0);
  if (isReply(found)) return found;
  const { client, release } = found;
  const asked: ItemKey[] = deps.service.store
    .items(release.id)
    .filter((i) => i.status === 'asked')
    .map((i) => i.key);
  if (asked.length === 0)
    return reply(client.locale, { key: 'remind.cmd.nothing_to_remind', params: { client: client.name } });
  postToClient(deps, client, (locale) => nudgeMessage(locale, asked));
  return reply(
    client.locale,
    { key: 'remind.cmd.reminded', params: { client: client.name, count: asked.length } },
    'in_channel',
  );
};

export function registerReminderCommands(commands: Commands, planner: ReminderPlanner): void {
  commands.register('snooze', snoozeCommand(planner));
  commands.register('remind', remindCommand);
}
