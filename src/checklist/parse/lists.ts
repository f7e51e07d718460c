/**
 * Splits a list answer into its entries: on newlines, semicolons and numbering ("1. a 2. b",
 * "①a②b", "1) a", "(1) a", "1、a"), and, where entries cannot contain them, on commas, 、 and
 * "and"/"和".
 *
 *   splitList('1. a 2. b；c', { commas: true }) // ['a', 'b', 'c']
 */
import { stripFiller } from './phrases.js';

export interface SplitOptions {
  /** Also split on , ， and 、 (not for addresses or Functions Pages, whose entries contain them). */
  commas?: boolean;
  /** Also split on "and", "和", "及", "以及", "还有". */
  conjunctions?: boolean;
  /** Also split on spaces (WeChat IDs). */
  spaces?: boolean;
  /** Also split on "/" (pages, messages: "首页/门店/优惠券"). */
  slashes?: boolean;
  /** Also split on a "/" with spaces around it (English addresses: "1 Harbour Rd / 88 Queensway", not "1/F"). */
  spacedSlashes?: boolean;
  /** A page's tags after their label stay in its entry (Functions Pages: "美妆-护肤品 标签：精华，面霜"). */
  tags?: boolean;
}

/** "标签：", "tags:" — a label, not "标签页" or "tags page". */
const TAGS_LABEL = /(?:标签|\btags?\b)(?=\s*:)/gi;
const TAIL_SEPARATORS = /[\s,、/|;:]+$/;

/** Whether position `at` is inside round brackets (normalised text: full-width ones are folded to these). */
export function inBrackets(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return (before.match(/\(/g)?.length ?? 0) > (before.match(/\)/g)?.length ?? 0);
}

/**
 * "在线教育-外教口语｜标签：少儿英语", "美妆-护肤品 标签：精华，面霜": the separators after a tags label are the tags'
 * own, and the one just before it joins the page to its tags; the entry starts after the separator before that.
 */
function keepingTags(piece: string, split: (s: string) => string[]): string[] {
  let last = -1;
  for (const m of piece.matchAll(TAGS_LABEL)) if (m.index > 0 && !inBrackets(piece, m.index)) last = m.index;
  if (last < 0) return split(piece);
  const head = piece.slice(0, last).replace(TAIL_SEPARATORS, '');
  const cut = Math.max(...[',', '、', '/', '|', ';'].map((c) => head.lastIndexOf(c)));
  return cut < 0 ? [piece] : [...keepingTags(piece.slice(0, cut), split), piece.slice(cut + 1)];
}

/** "• Shop 12, …", "▪ 首页", "* menu": a bullet that opens a line is no part of the entry. */
const BULLET = /(^|\n)[ \t]*[•●▪◦‣∙*][ \t]*/g;

const NUMBERING = /(?:^|(?<=[\s,;:、()]))(?:\(\d{1,2}\)|\d{1,2}[.)、](?!\d))\s*/g;
const ALWAYS = /[\n;]+/;
/** Numbered entries or one per line: entries may then hold commas ("1. 餐饮-快餐，标签：汉堡、炸鸡"). */
export const NUMBERED_OR_LINES = /\n|(?:^|[\s,;:、(])(?:\(\d{1,2}\)|\d{1,2}[.)、](?!\d))/;
const COMMAS = /[,、]+/;
const CONJUNCTIONS = /\s+(?:and|&)\s+|以及|还有|和|及/i;

/** "品牌故事｜新品预约", "活动开始提醒 + 中奖结果通知": a bar, or a plus between spaces, separates names too. */
const SLASHES = /[/|｜]|\s\+\s/;

/** Splits on `separator` outside brackets: "…18楼（总部，可以到店）" is one address. */
function splitOutsideBrackets(text: string, separator: RegExp): string[] {
  if (!/[(（]/.test(text)) return text.split(separator);
  const pieces: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '(' || c === '（') depth += 1;
    else if ((c === ')' || c === '）') && depth > 0) depth -= 1;
    else if (depth === 0 && separator.test(c)) {
      pieces.push(text.slice(from, i));
      from = i + 1;
    }
  }
  pieces.push(text.slice(from));
  return pieces;
}

export function splitList(text: string, options: SplitOptions = {}): string[] {
  const lines = text.replace(BULLET, '$1').replace(NUMBERING, '\n').split(ALWAYS);
  if (options.tags) {
    const { tags: _, ...others } = options;
    return lines
      .flatMap((line) => keepingTags(line, (s) => splitList(s, others)))
      .map(stripFiller)
      .filter((p) => p !== '');
  }
  let pieces = lines;
  if (options.commas) pieces = pieces.flatMap((p) => splitOutsideBrackets(p, /[,、]/)).filter((p) => p !== '');
  if (options.slashes) pieces = pieces.flatMap((p) => p.split(SLASHES));
  else if (options.spacedSlashes) pieces = pieces.flatMap((p) => p.split(/\s[/|｜]\s/));
  if (options.conjunctions) pieces = pieces.flatMap((p) => p.split(CONJUNCTIONS));
  if (options.spaces) pieces = pieces.flatMap((p) => p.split(/\s+/));
  return pieces.map(stripFiller).filter((p) => p !== '');
}

/**
 * Not an entry: "还有一家在装修 开业再加" (one to come), "那几个" (a pointer to something said before),
 * "上面发过了" (words about what was sent).
 */
export const NOT_ENTRY =
  /(?:先|暂|暂时)不(?:放|加|上|开|做|要|用)|其他(?:的|店|几家|门店)?都?不(?:放|加|上|要|用)|再加|再补|再说|再发|再给|下个月|以后|之后|后面|开业|(?:在|还在|正在)装修|装修中|筹备|\blater\b|\bcoming soon\b|\bnot (?:yet )?open\b|^(?:这|那)(?:几|两|三|些)?(?:个|条|项|家|页)?$|发过了|说过了|给过了|^(?:就这些|就这几个|以上|that'?s (?:all|it))$|已经?搬(?:了|走)|搬走了|关(?:了|门了)|停业|\b(?:has |have )?(?:closed|moved out)\b/i;
