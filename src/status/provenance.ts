/**
 * Where a value came from, as every status view and export says it: who recorded it (the client's
 * contact, a PM, the bot) and how (an answer, a PM's `/release set`, an undo, a check with WeChat).
 *
 *   provenanceText('en', { setBy: 'slack:UPM', setRole: 'pm', setHow: 'pm' })   // 'PM slack:UPM · set by PM'
 */
import { type Locale, t } from '../i18n/index.js';
import type { Item } from '../release/model.js';

type Source = Pick<Item, 'setBy'> & Partial<Pick<Item, 'setRole' | 'setHow'>>;

/** The role, inferred for values recorded before provenance was stored (the bot's are the only ones it can tell). */
function roleOf(item: Source): Item['setRole'] {
  return item.setRole ?? (item.setBy === 'bot' ? 'bot' : null);
}

export function provenanceRole(locale: Locale, item: Source): string {
  const role = roleOf(item);
  return role ? t(locale, `source.role.${role}`) : '';
}

export function provenanceHow(locale: Locale, item: Source): string {
  return item.setHow ? t(locale, `source.how.${item.setHow}`) : '';
}

/** One line: role and who (the bot needs no id), then how; empty when nothing was recorded. */
export function provenanceText(locale: Locale, item: Source): string {
  if (!item.setBy) return '';
  const role = roleOf(item);
  const who =
    role === 'bot'
      ? provenanceRole(locale, item)
      : [provenanceRole(locale, item), item.setBy].filter(Boolean).join(' ');
  return [who, provenanceHow(locale, item)].filter(Boolean).join(' · ');
}
