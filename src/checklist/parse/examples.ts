/**
 * The bot's own examples, shown in its questions and hints (src/i18n: item hints and reasons). A client
 * who repeats one is asking about the format ("zhang_wei88 这个是示例吧？"), or quoting the bot
 * ("例如 wx0123456789abcdef。我们的是 wx…"): such a mention is never read as their value.
 *
 *   isExampleMention('例如 wx0123456789abcdef。我们的是 wx…', 3, 21) // true
 */
import { lowerAscii } from './normalize.js';

/** Keep in step with the examples in src/i18n/{en,zh}/checklist.ts. */
export const EXAMPLE_VALUES: ReadonlySet<string> = new Set([
  'wx0123456789abcdef',
  '1900000109',
  '9ew9dl1psjjmae2w5xuc9rld-ap0aai3q5vg1yqoeqk',
  'zhang_wei88',
  'lisa_chen01',
  'api.example.cn',
  '沪icp备2021012345号-1',
]);

const EXAMPLE_WORDS =
  /例如|比如|例子|示例|举例|样例|这样|这种|格式|\be\.?g\.?\b|\bexample\b|\bfor instance\b|\bsample\b|\blike this\b|\bformat\b/i;

export function isExampleValue(value: string): boolean {
  return EXAMPLE_VALUES.has(lowerAscii(value));
}

/**
 * An example value said next to words that make it an example (within its sentence, ±20 characters):
 * the client is quoting the bot. Said alone, it may be a value that happens to match.
 */
export function isExampleMention(text: string, start: number, end: number): boolean {
  if (!isExampleValue(text.slice(start, end))) return false;
  const around = text.slice(Math.max(0, start - 20), Math.min(text.length, end + 20));
  return EXAMPLE_WORDS.test(around);
}

/** Where the message quotes the bot's examples (see isExampleMention). */
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
  return found;
}
