/**
 * Which questions to ask next, and how they read. Pure: items in, keys and a message out.
 *
 *   nextQuestions(items)  // ['enterprise_account', 'app_id', 'merchant_account']
 */
import { ITEM_DEFS, isAskedOfClient, itemDef } from '../checklist/items.js';
import { tagged } from '../checklist/values.js';
import { FINISHED, ITEM_KEYS, type ItemKey, type ItemStatus } from '../checklist/types.js';
import { type Locale, type MessageKey, t } from '../i18n/index.js';
import { type Item, pendingKind } from '../release/model.js';
import type { Block, Button, OutboundMessage } from '../ports.js';

/** Two or three questions at a time: more than that and busy clients answer none. */
export const QUESTIONS_PER_MESSAGE = 3;

/** Marks an item the client asked to postpone; it is asked again after the others. */
export const SKIPPED = 'skipped';

const PENDING: ReadonlySet<ItemStatus> = new Set<ItemStatus>(['todo', 'asked']);

/** Still the client's to answer: not asked yet, asked, or blocked by the bot on their answer (WeChat refused the App secret). */
function pending(item: Pick<Item, 'status' | 'setBy'>): boolean {
  return PENDING.has(item.status) || (item.status === 'blocked' && item.setBy === 'bot');
}

function dependenciesMet(key: ItemKey, byKey: Map<ItemKey, Item>): boolean {
  return itemDef(key).dependsOn.every((dep) => {
    const status = byKey.get(dep)?.status;
    return status !== undefined && (FINISHED.has(status) || status === 'waiting');
  });
}

/** The client items still open whose prerequisites are answered, best first (postponed ones last). */
export function openClientItems(items: readonly Item[]): Item[] {
  const byKey = new Map(items.map((i) => [i.key, i]));
  return (
    ITEM_DEFS.filter((def) => isAskedOfClient(def))
      .map((def) => byKey.get(def.key))
      // A value carried from an earlier release is confirmed in one reply (`carriedLines`), not asked again.
      .filter((i): i is Item => i !== undefined && pending(i) && !i.confirmPending && dependenciesMet(i.key, byKey))
      .sort(
        (a, b) =>
          Number(a.note === SKIPPED) - Number(b.note === SKIPPED) || itemDef(a.key).priority - itemDef(b.key).priority,
      )
  );
}

export function nextQuestions(items: readonly Item[], max = QUESTIONS_PER_MESSAGE): ItemKey[] {
  return openClientItems(items)
    .slice(0, max)
    .map((i) => i.key);
}

/** Every client item is answered, done, waiting or n/a: nothing left to ask. */
export function clientItemsComplete(items: readonly Item[]): boolean {
  return items.every((i) => !isAskedOfClient(itemDef(i.key)) || !pending(i));
}

/**
 * Each item's label in each language, read from the catalog once. Building the catalog key and
 * looking it up cost ~0.2 µs a label, and a reminder lists up to 26 (a burst of 10,000 due-date
 * warnings spent ~4 µs of its ~50 µs per reminder on labels; `npm run bench -- reminders`).
 */
const LABELS = new Map<Locale, ReadonlyMap<ItemKey, string>>();

export function itemLabel(locale: Locale, key: ItemKey): string {
  let labels = LABELS.get(locale);
  if (!labels) {
    labels = new Map(ITEM_KEYS.map((k) => [k, t(locale, `item.${k}.label`)]));
    LABELS.set(locale, labels);
  }
  return labels.get(key) ?? t(locale, `item.${key}.label`);
}

function questionKey(key: ItemKey): MessageKey {
  const k = `item.${key}.question`;
  return k as MessageKey;
}

function hintKey(key: ItemKey): MessageKey {
  return `item.${key}.hint` as MessageKey;
}

/** The quick answers an item offers (buttons in chat, on the client page): `answer` buttons carry the choice. */
export function choiceButtons(locale: Locale, key: ItemKey): Button[] {
  switch (key) {
    case 'merchant_account':
      return (['active', 'applying', 'none'] as const).map((v) => ({
        action: 'answer',
        itemKey: key,
        value: v,
        label: t(locale, `button.merchant.${v}`),
      }));
    case 'enterprise_account':
      return (['verified', 'unverified'] as const).map((v) => ({
        action: 'answer',
        itemKey: key,
        value: v,
        label: t(locale, `button.enterprise.${v}`),
      }));
    case 'ugc_license':
    case 'open_platform':
      return (['yes', 'no'] as const).map((v) => ({
        action: 'answer',
        itemKey: key,
        value: v,
        label: t(locale, `button.${v}`),
      }));
    case 'app_secret':
      return [{ action: 'secret', itemKey: key, label: t(locale, 'button.secret'), style: 'primary' }];
    default:
      return [];
  }
}

export interface QuestionOptions {
  /** Our developers' WeChat IDs, named in the developers question. */
  developers?: readonly string[];
  /** Items asked before: repeated without their how-to hint, to keep follow-ups short. */
  askedBefore?: ReadonlySet<ItemKey>;
  /** Items whose value so far calls for their follow-up question (checklist `followUp`). */
  followUps?: ReadonlySet<ItemKey>;
}

/** The open items whose recorded value answers only part of them (UGC yes, licence not named). */
export function followUpsOf(items: readonly Pick<Item, 'key' | 'value'>[]): Set<ItemKey> {
  return new Set(
    items.filter((i) => i.value !== null && itemDef(i.key).followUp?.(tagged(i.key, i.value))).map((i) => i.key),
  );
}

/** Questions as numbered lines with the seed's how-to hints, and buttons where a choice fits. */
export function questionBlocks(
  locale: Locale,
  keys: readonly ItemKey[],
  opts: QuestionOptions = {},
): { blocks: Block[]; lines: string[] } {
  const blocks: Block[] = [];
  const lines: string[] = [];
  const buttons: Button[] = [];
  keys.forEach((key, index) => {
    const params: Record<string, string> =
      key === 'developers' ? { developers: opts.developers?.length ? ` (${opts.developers.join(', ')})` : '' } : {};
    const followUp = opts.followUps?.has(key) ?? false;
    const text = t(locale, followUp ? (`item.${key}.followup` as MessageKey) : questionKey(key), params);
    const hint = followUp || opts.askedBefore?.has(key) ? undefined : t(locale, hintKey(key));
    blocks.push({ type: 'question', number: index + 1, itemKey: key, text, hint });
    lines.push(hint ? `${index + 1}. ${text}\n   ${hint}` : `${index + 1}. ${text}`);
    if (!followUp) buttons.push(...choiceButtons(locale, key));
  });
  if (buttons.length > 0) blocks.push({ type: 'buttons', buttons });
  return { blocks, lines };
}

/** A message that asks `keys`, after an optional lead line (greeting, "Next:", "Still waiting for:"). */
export function questionsMessage(
  locale: Locale,
  lead: string[],
  keys: readonly ItemKey[],
  opts: QuestionOptions = {},
): OutboundMessage {
  const { blocks, lines } = questionBlocks(locale, keys, opts);
  return {
    text: [...lead, ...lines].join('\n'),
    blocks: [...lead.map((text): Block => ({ type: 'text', text })), ...blocks],
  };
}

/**
 * The values a repeat release carried forward and the client has not confirmed yet, one line each
 * ("App ID: wx… — from release 1, still right?"); secrets only masked.
 *
 *   carriedLines('en', items, (key, v) => displayValue(key, v, 'en'))  // ['• App ID: wx0123… — from release 1, still right?']
 */
export function carriedLines(
  locale: Locale,
  items: readonly Item[],
  shown: (key: ItemKey, value: NonNullable<Item['value']>) => string,
): string[] {
  return items
    .filter((i) => pendingKind(i) === 'carried' && i.value !== null)
    .map((i) =>
      t(locale, 'people.carried_line', {
        label: itemLabel(locale, i.key),
        value: shown(i.key, i.value as NonNullable<Item['value']>),
        release: i.carriedFrom ?? 1,
      }),
    );
}

/**
 * The guesses waiting for the client's yes (a reading of their words not recorded yet: `confirmPending`, carried from
 * no release), one line each in the words of `key`: read back, still to confirm, or a reminder.
 *
 *   guessLines('en', items, 'conv.guess_pending', shown)  // ['Still to confirm — Service messages: “运营在整理 等她”. …']
 */
export function guessLines(
  locale: Locale,
  items: readonly Item[],
  key: 'conv.guess_pending' | 'remind.guess',
  shown: (key: ItemKey, value: NonNullable<Item['value']>) => string,
): string[] {
  return items
    .filter((i) => pendingKind(i) === 'guess' && i.value !== null)
    .map((i) =>
      // A "done" waiting for a yes is asked as a status, not read back as words to note.
      i.value === 'done'
        ? t(locale, key === 'remind.guess' ? 'remind.guess_done' : 'conv.guess_done_pending', {
            label: itemLabel(locale, i.key),
          })
        : t(locale, key, {
            label: itemLabel(locale, i.key),
            value: shown(i.key, i.value as NonNullable<Item['value']>),
          }),
    );
}
