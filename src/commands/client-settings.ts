/**
 * `/release set-tz <client> <IANA zone>` and `/release set-lang <client> zh|en`: where and in which
 * language a client works. A new zone moves the client's scheduled reminders into its working hours.
 *
 *   registerClientSettingsCommands(commands, planner);
 *   await bot.command(ctx, 'set-tz Acme Coffee Europe/Berlin');
 */
import { isLocale, t } from '../i18n/index.js';
import { CLIENT_FACING } from '../reminders/firing.js';
import type { ReminderPlanner } from '../reminders/planner.js';
import { type CommandHandler, type Commands, reply } from './index.js';
import { isReply, withClient } from './release.js';
import { validTimezone } from '../config.js';

export function setTimezoneCommand(planner: ReminderPlanner): CommandHandler {
  return (ctx, args, deps) => {
    const found = withClient(ctx, args, deps, 'set-tz', 1);
    if (isReply(found)) return found;
    const { client, release, rest } = found;
    const timezone = rest.join(' ').trim();
    if (!timezone || !validTimezone(timezone))
      return reply(ctx.locale, { key: 'plan.set_tz_usage', params: { client: client.name } });
    const { store } = deps.service;
    const moved = store.transaction(() => {
      store.updateClient(client.id, { timezone });
      let count = 0;
      for (const r of deps.reminders.remindersOf(release.id, 'scheduled')) {
        if (!CLIENT_FACING.has(r.kind)) continue;
        const at = planner.nextWorkingInstant(release, new Date(r.dueAt));
        if (at.toISOString() === r.dueAt) continue;
        planner.moveTo(r, at);
        count += 1;
      }
      planner.planDueDates(release, deps.clock.now());
      return count;
    });
    return reply(
      ctx.locale,
      { key: 'plan.set_tz_done', params: { client: client.name, timezone, moved } },
      'in_channel',
    );
  };
}

export const setLanguageCommand: CommandHandler = (ctx, args, deps) => {
  const found = withClient(ctx, args, deps, 'set-lang', 1);
  if (isReply(found)) return found;
  const { client, rest } = found;
  const locale = rest.join(' ').trim().toLowerCase();
  if (!isLocale(locale)) return reply(ctx.locale, { key: 'plan.set_lang_usage', params: { client: client.name } });
  deps.service.store.updateClient(client.id, { locale });
  return reply(
    ctx.locale,
    { key: 'plan.set_lang_done', params: { client: client.name, language: t(ctx.locale, `plan.language.${locale}`) } },
    'in_channel',
  );
};

export function registerClientSettingsCommands(commands: Commands, planner: ReminderPlanner): void {
  commands.register('set-tz', setTimezoneCommand(planner));
  commands.register('set-lang', setLanguageCommand);
}
