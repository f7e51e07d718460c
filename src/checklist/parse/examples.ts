/**
 * The bot's own examples, shown in its questions and hints (src/i18n: item hints and reasons). A client
 * who repeats one is asking about the format ("zhang_wei88 这个是示例吧？"), quoting the bot ("例如
 * wx0123456789abcdef。我们的是 wx…"): such a mention is never read as their value. Said alone, the example App ID
 * is refused where it is read (rules.EXAMPLE_APP_ID: it is nobody's); the other examples may be a value that
 * happens to match (a 10-digit merchant ID, a WeChat ID). Nor is a value the
 * client offers as a format in a question ("是不是填 SMS_276543210 这样的？"): it asks, it does not answer.
 *
 *   exampleMentions('例如 wx0123456789abcdef。我们的是 wx…') // [{ start: 3, end: 21 }]
 */
import { EXAMPLE_APP_ID } from '../rules.js';
import { lowerAscii } from './normalize.js';

/** Keep in step with the examples in src/i18n/{en,zh}/checklist.ts. */
export const EXAMPLE_VALUES: ReadonlySet<string> = new Set([
  EXAMPLE_APP_ID,
  '1900000109',
  '9ew9dl1psjjmae2w5xuc9rld-ap0aai3q5vg1yqoeqk',
  'zhang_wei88',
  'lisa_chen01',
  'api.example.cn',
  '沪icp备2021012345号-1',
  'sms_123456789',
]);

const EXAMPLE_WORDS =
  /例如|比如|例子|示例|举例|样例|这样|这种|格式|\be\.?g\.?\b|\bexample\b|\bfor instance\b|\bsample\b|\blike this\b|\bformat\b/i;

export function isExampleValue(value: string): boolean {
  return EXAMPLE_VALUES.has(lowerAscii(value));
}

/** An example value said next to words that make it an example (±20 characters): the client quotes the bot. */
function isExampleMention(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 20), Math.min(text.length, end + 20));
  return EXAMPLE_WORDS.test(around);
}

/** A value-shaped run: an ID, a code, a domain (letters, digits, _ - . and at least one digit or dot). */
const VALUE_RUN = /(?<![A-Za-z0-9_.-])[A-Za-z0-9][A-Za-z0-9_.-]{4,}[A-Za-z0-9](?![A-Za-z0-9_-])/g;
/** "… 这样？", "… 这种格式吗", "… like this?", "… is that the format?": the value before these words is a format asked about. */
const FORMAT_AFTER =
  /^\s*(?:这样|这种|这个格式|那样|的格式|格式|\blike this\b|(?:(?:is|was) (?:this|that|it) )?(?:(?:the|a|in the|in) )?(?:(?:right|correct|same|expected) )?format\b)/i;
/** "格式就像 …", "是不是填 …", "like …?": the value after these words in a question is a format. */
const FORMAT_BEFORE = /(?:格式|就像|像|比如|例如|\bformat\b|\blike\b|\be\.?g\.?)\s*(?:是|就是|:)?\s*$/i;

/** A question (ends with ? or asks with 吗/是不是) whose value is offered as a format, not given. */
function formatsAsked(text: string, lower: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let from = 0;
  for (const sentence of text.split(/(?<=[?。!\n])/)) {
    const at = from;
    from += sentence.length;
    if (!/\?\s*$|吗|是不是|对不对|对吧/.test(sentence)) continue;
    for (const m of sentence.matchAll(VALUE_RUN)) {
      if (!/[\d.]/.test(m[0])) continue;
      const start = at + m.index;
      const end = start + m[0].length;
      if (
        FORMAT_AFTER.test(lower.slice(end, end + 40)) ||
        FORMAT_BEFORE.test(lower.slice(Math.max(0, start - 10), start))
      )
        found.push({ start, end });
    }
  }
  return found;
}

/**
 * "上海市…1266号 这个是你们举例的地址吧", "1900000109 is your example, right?": the client says the value is ours (an
 * example of the bot's or of its docs), whatever the value — the sentence saying so gives none of theirs.
 */
const CALLED_OURS =
  /(?<!不)是(?:你们|贵司|您)(?:的)?(?:举的?例|示例|例子|样例|范例)|\b(?:is|was|that'?s|that is)\s+(?:just\s+)?your\s+(?:own\s+)?(?:example|sample)\b/gi;

/** "…，我们的是 wx…", "ours is …": after these words the client gives their own value. */
const THEIRS_AFTER = /我们的(?:\S{0,4}?)是|我们(?:用|要)的是|\bours is\b|\bour (?:own |real )?\w+ is\b/i;

/**
 * Where the client calls a value ours: from the start of its sentence to where they go on to give their own
 * ("这是你们的例子吧，我们的是 wx…"), else the whole sentence. `sentences` are the message's (sentenceRanges).
 */
export function calledOurs(
  text: string,
  sentences: readonly { start: number; end: number }[],
): { start: number; end: number }[] {
  return [...text.matchAll(CALLED_OURS)].flatMap((m) => {
    const s = sentences.find((r) => m.index >= r.start && m.index < r.end);
    if (!s) return [];
    const rest = text.slice(m.index + m[0].length, s.end);
    const theirs = THEIRS_AFTER.exec(rest);
    return [{ start: s.start, end: theirs ? m.index + m[0].length + theirs.index : s.end }];
  });
}

/** Where the message holds the bot's examples or a value offered as a format in a question. */
export function exampleMentions(text: string): { start: number; end: number }[] {
  const lower = lowerAscii(text);
  const found: { start: number; end: number }[] = [];
  for (const example of EXAMPLE_VALUES) {
    for (let at = lower.indexOf(example); at >= 0; at = lower.indexOf(example, at + example.length)) {
      const end = at + example.length;
      if (/[A-Za-z0-9_-]/.test(text[at - 1] ?? '') || /[A-Za-z0-9_-]/.test(text[end] ?? '')) continue;
      if (isExampleMention(text, at, end)) found.push({ start: at, end });
    }
  }
  return [...found, ...formatsAsked(text, lower)].sort((a, b) => a.start - b.start);
}
