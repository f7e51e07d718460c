/**
 * `/release snooze <client> <item> <duration>` moves an item's pending reminders later;
 * `/release remind <client>` nudges the client now about every question still open.
 *
 *   registerReminderCommands(commands, planner);
 *   await bot.command(ctx, 'snooze Acme Coffee app_id 2d');
 */
import type { ItemKey } from '../checklist/types.js';
import { parseDuration, resolveClient, resolveItem } from '../commands/args.js';
import { type CommandContext, type CommandDeps, type CommandHandler, type CommandReply, type Commands, reply } from '../commands/index.js';
import { postToClient } from '../commands/release.js';
import { itemLabel } from '../conversation/questions.js';
import type { Client, Release } from '../release/model.js';
import { formatTime } from '../status/format.js';
import { nudgeMessage } from './messages.js';
import type { ReminderPlanner } from './planner.js';

type Found = { client: Client; release: Release; rest: string[] };

function findRelease(ctx: CommandContext, args: string[], deps: CommandDeps, command: string, minRest: number): Found | CommandReply {
  if (args.length === 0) return reply(ctx.locale, { key: 'cmd.need_client', params: { command } });
  const found = resolveClient(deps.service.store, args, minRest);
  if (!found) return reply(ctx.locale, { key: 'cmd.unknown_client', params: { client: args.slice(0, Math.max(1, args.length - minRest)).join(' ') } });
  const release = deps.service.store.openReleaseOf(found.client.id);
  if (!release) return reply(found.client.locale, { key: 'cmd.no_release', params: { client: found.client.name } });
  return { ...found, release };
}

const isReply = (x: Found | CommandReply): x is CommandReply => 'message' in x;

export function snoozeCommand(planner: ReminderPlanner): CommandHandler {
  return (ctx, args, deps) => {
    const found = findRelease(ctx, args, deps, 'snooze', 2);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    const ms = parseDuration(rest.at(-1) ?? '');
    const key = resolveItem(rest.slice(0, -1).join(' '));
    if (!ms || !key) return reply(client.locale, { key: 'remind.cmd.snooze_usage', params: { client: client.name } });
    const until = new Date(deps.clock.now().getTime() + ms);
    const label = itemLabel(client.locale, key);
    const moved = deps.service.store.transaction(() => planner.snooze(release.id, key, until));
    if (moved.length === 0) return reply(client.locale, { key: 'remind.cmd.nothing_scheduled', params: { client: client.name, label, item: key } });
    return reply(client.locale, { key: 'remind.cmd.snoozed', params: { client: client.name, label, at: formatTime(until.toISOString(), client.timezone) } }, 'in_channel');
  };
}

export const remindCommand: CommandHandler = (ctx, args, deps) => {
  const found = findRelease(ctx, args, deps, 'remind', 0);
  if (isReply(found)) return found;
  const { client, release } = found;
  const asked: ItemKey[] = deps.service.store
    .items(release.id)
    .filter((i) => i.status === 'asked')
    .map((i) => i.key);
  if (asked.length === 0) return reply(client.locale, { key: 'remind.cmd.nothing_to_remind', params: { client: client.name } });
  postToClient(deps, client, nudgeMessage(client.locale, asked));
  return reply(client.locale, { key: 'remind.cmd.reminded', params: { client: client.name, count: asked.length } }, 'in_channel');
};

export function registerReminderCommands(commands: Commands, planner: ReminderPlanner): void {
  commands.register('snooze', snoozeCommand(planner));
  commands.register('remind', remindCommand);
}
