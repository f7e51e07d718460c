/**
 * Sentences of a normalised message, and which of them are questions back to the bot or mention the
 * bot's own examples. Nothing is read from those: "格式就是 wx0123456789abcdef 这样？" asks about the
 * format, it does not give an App ID. One pass over the text.
 *
 *   questionRanges('商户号是1900000109这种吗?在哪看') // [{ start: 0, end: 19 }, { start: 19, end: 22 }]
 */

export interface Range {
  start: number;
  end: number;
}

/** Words whose full stop ends no sentence: "e.g.", "Ltd.", "Mr.", a single letter ("J. Smith"). */
export const ABBREVIATED = String.raw`e\.g|i\.e|etc|ltd|co|inc|no|rd|st|ave|dept|mrs?|dr|prof|[A-Za-z]`;
const ABBREVIATION = new RegExp(`(?:^|[^A-Za-z])(?:${ABBREVIATED})$`, 'i');

function endsAt(text: string, i: number, start: number): boolean {
  const c = text[i];
  if (c === '\n' || c === '。' || c === '!') return true;
  if (c === '?') return !/[A-Za-z0-9=&]/.test(text[i + 1] ?? ''); // not "?id=1" in a URL
  if (c === '.')
    return (
      /^(\s|$)/.test(text[i + 1] ?? '') &&
      /[^\d\s.]/.test(text[i - 1] ?? '') &&
      !ABBREVIATION.test(text.slice(Math.max(start, i - 8), i))
    );
  return false;
}

/** Whether the character at `i` ends a sentence (a full stop, not an abbreviation's or a number's dot). */
export function endsSentenceAt(text: string, i: number): boolean {
  return endsAt(text, i, Math.max(0, i - 8));
}

/** Each sentence with its end mark, in order. */
export function sentenceRanges(text: string): Range[] {
  const ranges: Range[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (!endsAt(text, i, start)) continue;
    ranges.push({ start, end: i + 1 });
    start = i + 1;
  }
  if (start < text.length) ranges.push({ start, end: text.length });
  return ranges.filter((r) => text.slice(r.start, r.end).trim() !== '');
}

/** The sentence holding the character at `at` (its whole text when it has no sentence there). */
export function sentenceRangeAt(text: string, at: number): Range {
  return sentenceRanges(text).find((r) => r.start <= at && at < r.end) ?? { start: 0, end: text.length };
}

/** Quoted text is the client's copy ("改成“请稍后再试？”"), not their own question. */
const QUOTED = /["“”「」『』‘’][^"“”「」『』‘’]*["“”「」『』‘’]/g;
const ASKS =
  /吗|什么(?!的)|怎么|为什么|为啥|干嘛|啥|哪(个|些|里|儿)|是不是|要不要|用不用|能不能|可不可以|行不行|多大|多少|(?<![没不])([\u4e00-\u9fa5])[没不]\2|(这样|这种|例子|示例|对|是)吧|^\s*(what|how|why|which|where|when|who|is it|is this|is that|do i|do we|do you|should|can i|can we|could)\b/i;

/**
 * "你们看一下有没有问题", "麻烦核对下对不对", "你们看一下有没有收到那个邀请", "你们看一下能不能登": a request that we check
 * what was sent or done, not a question back — at the end of its sentence, or before the next point (然后 …).
 */
const REVIEW_REQUEST =
  /(?:你们|麻烦|帮忙|请)?(?:看看|看|检查|核对|确认)(?:一)?下?(?:有没有(?:问题|收到[^,;。!?\s]{0,8}?)|对不对|行不行|可不可以|ok不ok|能不能(?:登|登录|登陆|用|进|收到|看到)(?:上|进去|了)?)(?=[\s,;。!]*$|然后)/gi;

export function isQuestion(sentence: string): boolean {
  const own = sentence.replace(QUOTED, ' ').replace(REVIEW_REQUEST, ' ');
  return /\?\s*$/.test(own.trim()) || ASKS.test(own);
}

const HAN = /[\u4e00-\u9fa5]/;
const CLAUSE_TAIL = /(?:[\u4e00-\u9fa5]|\p{Extended_Pictographic}\uFE0F?)$/u;

/** A question sentence's clauses (split at , and ;) that ask: "有点评的，要办什么资质啊？" asks only in its second. */
function askingClauses(text: string, sentence: Range): Range[] {
  const clauses: Range[] = [];
  let start = sentence.start;
  for (let i = sentence.start; i <= sentence.end; i += 1) {
    // Chat Chinese ends a clause with a space too: "注册了 还没认证 认证要300块是吧" asks only in its last.
    // An emoji closes a clause like a word does: "…注册的😅 后面要不要…" asks only after it.
    const spaceCut =
      text[i] === ' ' && CLAUSE_TAIL.test(text.slice(Math.max(0, i - 3), i)) && HAN.test(text[i + 1] ?? '');
    // A dash between words joins two clauses like a comma: "we haven't applied yet — do we need …?" asks only after it.
    const dashCut = /[—–]/.test(text[i] ?? '') || (text[i] === '-' && text[i - 1] === ' ' && text[i + 1] === ' ');
    if (i < sentence.end && !/[,;]/.test(text[i] ?? '') && !spaceCut && !dashCut) continue;
    clauses.push({ start, end: Math.min(i + 1, sentence.end) });
    start = i + 1;
  }
  const asking = clauses.filter(
    (c, k) =>
      (k === clauses.length - 1 && /\?\s*$/.test(text.slice(c.start, c.end))) ||
      ASKS.test(text.slice(c.start, c.end).replace(QUOTED, ' ').replace(REVIEW_REQUEST, ' ')),
  );
  // "the limit is 5 pages, right?": a tag after a comma asks about the whole sentence.
  const tagOnly = asking.length === 1 && TAG_ONLY.test(text.slice(asking[0]?.start ?? 0, asking[0]?.end ?? 0));
  return asking.length > 0 && !tagOnly ? asking : [sentence];
}

const TAG_ONLY = /^\s*(?:right|correct|isn'?t it|yes|no|对吧|是吧|对不对|没错吧)\s*\?\s*$/i;

/** The sentences, or the clauses of them, that ask something back. */
export function questionRanges(text: string): Range[] {
  return sentenceRanges(text)
    .filter((r) => isQuestion(text.slice(r.start, r.end)))
    .flatMap((r) => askingClauses(text, r));
}

/** "最多5个对吧？", "that's the limit, right?": a question that only checks what the client already takes as so. */
const TAG_QUESTION = /(?:对吧|是吧|没错吧|对不对|\bright|\bcorrect|\bisn'?t it)\s*\?\s*$/i;

/**
 * "功能页面最多5个对吧？我们想要 首页、…": a tag question followed by a statement of the client's own does not hold the
 * answer back — the statement is given whatever we reply. Any other question, or a tag question that ends the
 * message, asks back.
 */
export function asksBack(text: string, questions: readonly Range[]): boolean {
  return questions.some((q) => {
    if (!TAG_QUESTION.test(text.slice(q.start, q.end))) return true;
    const rest = text.slice(q.end);
    return rest.trim() === '' || questions.some((other) => other.start >= q.end);
  });
}
