/**
 * `/release wait <client> <item> <YYYY-MM-DD|duration> [reason…]`: the item waits on someone else
 * (the client's bank, Tencent's review, an ICP filing, our developers) until a date. It is not
 * nudged meanwhile; on that date the bot asks the client again (see `ReminderPlanner.planRecheck`).
 *
 *   await bot.command(ctx, 'wait Acme Coffee merchant_account 2026-12-10 bank approval');
 */
import { formatLocalDate, parseLocalDate } from '../calendar/working-calendar.js';
import { itemLabel } from '../conversation/questions.js';
import { localParts } from '../reminders/business-hours.js';
import { reminderId } from '../reminders/planner.js';
import { waitingNote } from '../release/waiting.js';
import { t } from '../i18n/index.js';
import { formatTime } from '../status/format.js';
import { parseDuration, resolveItem } from './args.js';
import { type CommandHandler, type Commands, reply } from './index.js';
import { isReply, withClient } from './release.js';

/** The first word that is a date or a duration splits `<item words> <when> <reason words>`. */
function splitWhen(rest: readonly string[]): { item: string; when: string; reason: string } | undefined {
  for (let i = 1; i < rest.length; i += 1) {
    const word = rest[i] as string;
    if (parseLocalDate(word) || parseDuration(word))
      return {
        item: rest.slice(0, i).join(' '),
        when: word,
        reason: rest
          .slice(i + 1)
          .join(' ')
          .trim(),
      };
  }
  return undefined;
}

export const waitCommand: CommandHandler = (ctx, args, deps) => {
  const found = withClient(ctx, args, deps, 'wait', 2);
  if (isReply(found)) return found;
  const { client, release, rest } = found;
  const parts = splitWhen(rest);
  const key = parts && resolveItem(parts.item);
  if (!parts || !key || key === 'mp_url_whitelist')
    return reply(ctx.locale, { key: 'plan.wait_usage', params: { client: client.name } });
  const now = deps.clock.now();
  const today = formatLocalDate(localParts(now, client.timezone));
  const ms = parseDuration(parts.when);
  const date = ms ? localParts(new Date(now.getTime() + ms), client.timezone) : parseLocalDate(parts.when);
  const until = date && formatLocalDate(date);
  // Not today: a wait that ends today (or in hours) would have the client asked again at once.
  if (!until || until <= today)
    return reply(ctx.locale, { key: 'plan.wait_past', params: { client: client.name, date: parts.when, today } });
  const label = itemLabel(ctx.locale, key);
  const { service } = deps;
  const status = service.store.item(release.id, key)?.status;
  if (status === 'done' || status === 'n/a')
    return reply(ctx.locale, { key: 'plan.wait_finished', params: { client: client.name, label, item: key } });
  service.setStatus(
    release.id,
    key,
    'waiting',
    ctx.user,
    waitingNote({ until, ...(parts.reason ? { reason: parts.reason } : {}) }),
  );
  const recheck = deps.reminders.getReminder(reminderId.recheck(release.id, key));
  const at = recheck?.state === 'scheduled' ? formatTime(recheck.dueAt, client.timezone) : until;
  const reason = parts.reason ? t(ctx.locale, 'plan.wait_reason', { reason: parts.reason }) : '';
  return reply(
    ctx.locale,
    { key: 'plan.wait_set', params: { client: client.name, label, date: until, reason, at } },
    'in_channel',
  );
};

export function registerWaitCommand(commands: Commands): void {
  commands.register('wait', waitCommand);
}
