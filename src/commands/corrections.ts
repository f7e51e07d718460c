/**
 * PMs' corrections, never shown in the client's thread: `set` a value (same validation and limits
 * as a client's answer; lists take `+entry`, `-entry` or a whole new list), `unset` it (back to
 * asked) and `note` an item (status and exports show it). Each is an audited change with before
 * and after, credited to the PM. Items are named by key or by their zh/en label.
 *
 *   /release set Acme 商户号 1900000109
 *   /release set Acme developers +dev_sun -dev_zhao
 *   /release note Acme app_icon waiting for the designer
 */
import { readValueFor } from '../checklist/read-value.js';
import { ITEM_KEYS } from '../checklist/types.js';
import { itemLabel } from '../conversation/questions.js';
import { render } from '../i18n/index.js';
import { displayValue } from '../status/format.js';
import { resolveLeadingItem } from './args.js';
import { type CommandHandler, type Commands, reply } from './index.js';
import { isReply, withClient } from './release.js';

/** `<client> <item> [rest…]`: the client's open release and the item, or the answer why not. */
function clientAndItem(...[ctx, args, deps, command, minRest]: [...Parameters<CommandHandler>, string, number]) {
  const found = withClient(ctx, args, deps, command, minRest);
  if (isReply(found)) return found;
  const item = resolveLeadingItem(found.rest, minRest - 1);
  if (!item)
    return reply(ctx.locale, {
      key: 'cmd.unknown_item',
      params: { item: found.rest.join(' '), items: ITEM_KEYS.join(', ') },
    });
  return { ...found, key: item.key, text: item.rest.join(' ') };
}

const set: CommandHandler = (ctx, args, deps) => {
  const found = clientAndItem(ctx, args, deps, 'set', 2);
  if (isReply(found)) return found;
  const { client, release, key, text } = found;
  // The PM's language (Commands set it), whatever the client's.
  const locale = ctx.locale;
  const label = itemLabel(locale, key);
  const { service } = deps;
  const before = service.store.item(release.id, key);
  const reading = readValueFor(key, text, before?.value ?? null);
  if (reading.kind === 'invalid')
    return reply(locale, {
      key: 'cmd.item_invalid',
      params: { client: client.name, label, reason: render(locale, reading.reason) },
    });
  const result =
    reading.kind === 'secret'
      ? key === 'app_secret' || key === 'open_platform'
        ? service.recordSecret(release.id, key, reading.secret, ctx.user, 'pm')
        : ({ kind: 'invalid', key, reason: { key: 'reason.unreadable', params: { input: '••••' } } } as const)
      : service.recordAnswer(release.id, key, reading.value, { actor: ctx.user, mode: 'replace', how: 'pm' });
  if (result.kind === 'invalid')
    return reply(locale, {
      key: 'cmd.item_invalid',
      params: { client: client.name, label, reason: render(locale, result.reason) },
    });
  if (result.kind === 'unchanged')
    return reply(locale, {
      key: 'cmd.set_unchanged',
      params: { client: client.name, label, value: displayValue(key, result.value, locale) },
    });
  const shown = {
    client: client.name,
    label,
    before: displayValue(key, result.before, locale),
    after: displayValue(key, result.after, locale),
  };
  return reply(locale, { key: 'cmd.set_done', params: shown });
};

const unset: CommandHandler = (ctx, args, deps) => {
  const found = clientAndItem(ctx, args, deps, 'unset', 1);
  if (isReply(found)) return found;
  const { client, release, key } = found;
  const before = deps.service.store.item(release.id, key);
  deps.service.clearItem(release.id, key, ctx.user);
  const params = {
    client: client.name,
    label: itemLabel(ctx.locale, key),
    before: displayValue(key, before?.value ?? null, ctx.locale),
  };
  return reply(ctx.locale, { key: 'cmd.unset_done', params });
};

const note: CommandHandler = (ctx, args, deps) => {
  const found = clientAndItem(ctx, args, deps, 'note', 1);
  if (isReply(found)) return found;
  const { client, release, key, text } = found;
  const label = itemLabel(ctx.locale, key);
  const trimmed = text.trim();
  deps.service.setPmNote(release.id, key, trimmed === '' || trimmed === '-' ? null : trimmed, ctx.user);
  return reply(ctx.locale, {
    key: trimmed === '' || trimmed === '-' ? 'cmd.note_cleared' : 'cmd.note_done',
    params: { client: client.name, label, note: trimmed },
  });
};

export function registerCorrectionCommands(commands: Commands): void {
  commands.register('set', set);
  commands.register('unset', unset);
  commands.register('note', note);
}
