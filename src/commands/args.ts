/**
 * Reading command arguments: client names have spaces ("Acme Coffee"), so a client is the longest
 * run of leading words that names one; items are keys (`app_id`) or labels in either language.
 */
import { ITEM_KEYS, type ItemKey } from '../checklist/types.js';
import { LOCALES, t } from '../i18n/index.js';
import type { Client } from '../release/model.js';
import type { ClientStore } from '../release/store.js';

/** Splits on spaces (full-width too), keeping "quoted words" together. */
export function tokenize(text: string): string[] {
  const normalized = text.normalize('NFKC').trim();
  const tokens: string[] = [];
  for (const m of normalized.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)) tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
  return tokens.filter((x) => x !== '');
}

const fold = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-/]+/g, '');

/** `app_id`, `App ID`, `appid`, `AppID` and `小程序 AppID` all name the same item. */
export function resolveItem(word: string): ItemKey | undefined {
  const w = fold(word);
  return ITEM_KEYS.find((key) => fold(key) === w || LOCALES.some((l) => fold(t(l, `item.${key}.label`)) === w));
}

/**
 * An item as people name it in a sentence: a key or label (`resolveItem`), after "the"/"my"/"我的",
 * in the singular ("template ID"), or a word that only one label contains ("merchant" → 商户号).
 *
 *   resolveItemLoosely('the App ID')  // 'app_id'
 */
export function resolveItemLoosely(words: string): ItemKey | undefined {
  const stripped = words.replace(/^(?:the|my|our|我们的|我的|我们|那个|这个)\s*/i, '').trim();
  const exact = resolveItem(stripped);
  if (exact || !stripped) return exact;
  const w = fold(stripped);
  const labels = (key: ItemKey): string[] => [fold(key), ...LOCALES.map((l) => fold(t(l, `item.${key}.label`)))];
  const plural = ITEM_KEYS.filter((key) => labels(key).some((label) => label === `${w}s`));
  if (plural.length === 1) return plural[0];
  const containing = ITEM_KEYS.filter((key) =>
    labels(key).some((label) => w.length >= 2 && (label.includes(w) || w.includes(label))),
  );
  return containing.length === 1 ? containing[0] : undefined;
}

/** The item named by the longest leading run of `words` (at least `minRest` words left after it), and the rest. */
export function resolveLeadingItem(
  words: readonly string[],
  minRest = 1,
): { key: ItemKey; rest: string[] } | undefined {
  for (let n = words.length - minRest; n >= 1; n -= 1) {
    const key = resolveItem(words.slice(0, n).join(' '));
    if (key) return { key, rest: words.slice(n) };
  }
  return undefined;
}

/** The client named by the longest leading run of `args`, and the words after it. */
export function resolveClient(
  store: Pick<ClientStore, 'findClientByName'>,
  args: readonly string[],
  minRest = 0,
): { client: Client; rest: string[] } | undefined {
  for (let n = args.length - minRest; n >= 1; n -= 1) {
    const client = store.findClientByName(args.slice(0, n).join(' '));
    if (client) return { client, rest: args.slice(n) };
  }
  return undefined;
}

/** `2d`, `4h`, `30m`, `1w` (also 2天, 4小时) → milliseconds. */
export function parseDuration(word: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(m|min|h|hr|d|day|days|w|wk|分钟|小时|天|周)$/i.exec(word.normalize('NFKC').trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  const per: Record<string, number> = {
    m: 60_000,
    min: 60_000,
    分钟: 60_000,
    h: 3_600_000,
    hr: 3_600_000,
    小时: 3_600_000,
    d: 86_400_000,
    day: 86_400_000,
    days: 86_400_000,
    天: 86_400_000,
    w: 604_800_000,
    wk: 604_800_000,
    周: 604_800_000,
  };
  return n * (per[unit] ?? 0);
}
