/**
 * The text the reader reads, before any reading: headers of forwarded text and an opening quote of the bot's own
 * question blanked, and a table pasted from a sheet turned into labels. Positions are kept (blanked, not cut), so values
 * still map back to what the client wrote. The rules (understand.ts) and the gate (gate.ts) read this same text.
 */
import { findHits } from './keywords.js';
import { blankAll } from './normalize.js';

/**
 * "【转发】IT-小陈：", "---------- Forwarded message ----------", "转自 王经理:", "转发一下我们IT的邮件：", "Update：": a
 * header before what is said is no answer ("转发" is also a word of the sharing flow). Blanked, so positions still map to
 * the client's text.
 */
const FORWARD_HEADER =
  /^[ \t]*[【\[](?:转发|轉發|forwarded|fwd)[】\]](?:[^\n:]{0,30}:|[ \t]*$)|^[ \t-]*(?:forwarded message|转发的?消息|转自\s*[^\n:]{1,20}:)[ \t-]*$|^[ \t]*(?:转发(?:一下)?(?:[^\n:]{0,12}(?:邮件|消息|回复|信息|通知|\bemail|\bmail))?[ \t]*:|(?:update|fyi|ps|补充一下|补充|更新一下|更新)[ \t]*:)/gim;

/**
 * "App ID | wx…", "| Category | 餐饮 > 快餐 |": a two-cell row of a table pasted from a sheet or a doc is a label and its
 * value — its cell bar reads as a colon, its edge bars and a "---|---" rule as spaces (same length, positions kept). A
 * bar inside copy ("「小鹿咖啡 | 第二杯半价」") or after a label of its own is the client's text.
 */
const TABLE_ROW = /^([ \t]*\|?)([^|\n:"“”「」『』']{1,40}?)\|([^|\n"“”「」『』]+?)(\|?[ \t]*)$/gm;
const TABLE_RULE = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm;

export function tableRowsAsLabels(text: string): string {
  // "1. 酒店-住宿预订｜标签：订房": a bar after no item's name, in a text with no edge bars or rule, is no table's.
  TABLE_RULE.lastIndex = 0;
  const table = /^[ \t]*\|/m.test(text) || TABLE_RULE.test(text);
  TABLE_RULE.lastIndex = 0;
  // (One row under an item's name makes the rows a table: "支付 | 暂不开通\n附近 | 没有".)
  const named = [...text.matchAll(TABLE_ROW)].some((m) => findHits(m[2] ?? '').some((h) => h.item !== null));
  if (!table && !named) return text;
  return text
    .replace(TABLE_RULE, (rule) => ' '.repeat(rule.length))
    .replace(TABLE_ROW, (_row, lead: string, label: string, value: string, end: string) =>
      [' '.repeat(lead.length), label, ':', value, ' '.repeat(end.length)].join(''),
    );
}

/**
 * "> 请提供 AppID，格式类似 wx…\n就是这种格式对吧？": a quote that opens the reply, answered below it, is the question
 * replied to (the bot's, with its example), not what the client says. (A quote after "forwarding from Julia:" or
 * "IT说：" is what a colleague said, and is read.)
 */
const OPENING_QUOTE = /^(?:[ \t]*>[^\n]*\n)+(?=[ \t]*[^>\s])/;
/** What the bot's own messages hold: a request, a question, an example. */
const BOTS_WORDS =
  /请(?:提供|发|在|确认|回复|填)|\bplease (?:provide|send|share|confirm|reply)\b|格式|示例|例如|\be\.g\.|[?？]|吗/i;

export function withoutForwardHeaders(text: string): string {
  const opening = OPENING_QUOTE.exec(text)?.[0];
  const quote = opening !== undefined && BOTS_WORDS.test(opening) ? opening : undefined;
  return blankAll(text, [
    ...[...text.matchAll(FORWARD_HEADER)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
    ...(quote === undefined ? [] : [{ start: 0, end: quote.length }]),
  ]);
}

/** The readable text of a normalised reply. */
export function readable(normalized: string): string {
  return tableRowsAsLabels(withoutForwardHeaders(normalized));
}
