/**
 * What a reader gets: one segment's text (values already read are blanked out) and its parts around
 * the item's label keywords, with the connecting words ("是", "用的是", "is") gone.
 */
import type { Message } from '../../i18n/index.js';
import { acceptsNa, itemDef } from '../items.js';
import type { ItemKey, ItemValue } from '../types.js';
import { findHits, type Hit, VALUE_WORDS } from './keywords.js';
import {
  hasDoneMark,
  offersAsset,
  saysLater,
  saysNotApplicable,
  saysOnlyNotApplicable,
  stripFiller,
} from './phrases.js';

export interface ReadInput {
  key: ItemKey;
  /** The segment's text. */
  text: string;
  /** The text around the label keywords: [before the first, after the first, after the second, …], trimmed. */
  parts: string[];
  /** The client's words for a free-text answer: after a leading label ("类目：…"), else all of them. */
  words: string;
  /** No keyword named the item: the text answers the bot's question. */
  bare: boolean;
}

export type Draft = { kind: 'value'; value: ItemValue } | { kind: 'invalid'; input: string; reason: Message };

export type Reader = (input: ReadInput) => Draft[];

const LEADING_CONNECTOR =
  /^(?:\s|[:=>~\-–—]|的话|的|话(?=\s*(?:就|是|呢|[,，\s]))|是|为|都是|就是|如下|(?:我们|我们这边|目前|现在)?(?:用的是|用的|用(?![户不])|在用|使用的是|使用|选的是|选的|选了|选择了|选择的是|选择)|打算用|计划用|(?:is|are|will be|we use|we're using|we are using|uses|use)(?![a-z]))+/i;
const TRAILING_CONNECTOR = /(?:\s|[:=]|是|为|就是|都是|我们的|我们|这个|这些|的|(?<![a-z])(?:is|are|our|as|the))+$/i;

const isLabel = (hit: Hit): boolean => hit.item !== null && !VALUE_WORDS.has(hit.word);
const trimPart = (p: string): string =>
  stripFiller(stripFiller(p).replace(TRAILING_CONNECTOR, '').replace(LEADING_CONNECTOR, ''));

/** Cuts the text at each label keyword (value words like "GrowingIO" stay) and drops connectors. */
export function partsAround(text: string, hits: readonly Hit[]): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const hit of hits.filter(isLabel)) {
    parts.push(text.slice(from, hit.start));
    from = hit.end;
  }
  parts.push(text.slice(from));
  return parts.map(trimPart);
}

/** "类目：餐饮-快餐" → "餐饮-快餐"; "生产服务器用阿里云 ECS" stays whole: the label is part of the sentence. */
/** Words that qualify a label rather than answer: "MP 类目", "我们的服务器". */
/** "另外类目：…", "also category: …": a word that moves on to the next item qualifies nothing either. */
/** "1. 类目用 …", "(2) category: …": an entry's number before the label is no part of the answer. */
const QUALIFIER =
  /^(?:\(?\d{1,2}[.)、]?\s*)?(?:(?:另外|还有|然后|以及|\balso\b|\band\b|\bplus\b|\bbtw\b)\s*)?(?:mp|mini ?program|小程序(?:的)?|我们(?:的)?|你们(?:的)?|our|the|your|service|business)?$/i;
/** "Quick round-up from our side: category is …": a header before the label is no part of the answer ("更正：" is a word of it). */
const HEADER = /^[^:：]{8,}[:：]\s*$/;

/** What may follow an item's keyword in a label that says nothing more: "文案：", " copy:", "就写：". */
const LABEL_TAIL =
  /^\s*(?:的)?(?:文案|标题|内容|信息|详情|说明|描述|文字|设置|就写|写|如下|copy|title|text|wording|info|details|settings|\s)*[:=]\s*/i;

const USE_WORDS =
  /^[\s:=,-]*(?:(?:we|i|do|does|it|use|uses|are|is|on|in|with|using|go|going|went|the|our|handle|run|track|have|'re|这块|这边|我们|用的是|用的|在用|使用|用|是|就)\s*)*$/i;

/** "不是友盟，是诸葛io", "not Umeng but Zhuge": a name denied right before it is the one the client does not use. */
const DENIED_BEFORE = /(?:不是|並不是|并不是|不用|不选|不選|没用|沒用|\bnot)\s*$/i;

export function wordsOf(text: string, hits: readonly Hit[]): string {
  const labels = hits.filter(isLabel);
  const brands = hits.filter((h) => VALUE_WORDS.has(h.word));
  const brand = brands.find((h) => !DENIED_BEFORE.test(text.slice(0, h.start)));
  // "分析我们用的是 Google Analytics 4": the platform's name starts the answer.
  if (brand && (labels[0] === undefined || labels[0].start > brand.start)) return trimPart(text.slice(brand.start));
  // "Analytics we do in Mixpanel", "统计这块我们用的是友盟": only the verb of use between the label and the name.
  const label0 = labels[0];
  if (brand && label0 && label0.end <= brand.start && USE_WORDS.test(text.slice(label0.end, brand.start)))
    return trimPart(text.slice(brand.start));
  let from = 0;
  let labelStart = 0;
  for (const label of labels) {
    if (!QUALIFIER.test(trimPart(text.slice(from, label.start))) && !HEADER.test(text.slice(from, label.start))) break;
    labelStart = label.start;
    from = label.end; // "Prod server: …": both words are the label
  }
  // "分享文案：…", "Share copy: …", "服务器信息：…", "权限页就写：…": a label that only names the item is no part of it.
  const label = from > 0 ? LABEL_TAIL.exec(text.slice(from)) : null;
  // After the colon the words are the client's own: "用于…" keeps its "用".
  if (label) return stripFiller(text.slice(from + label[0].length));
  // "分享页A：…": the keyword starts a label of the client's own that says which one; their line is kept whole.
  if (from > 0 && /^[^\s:,]{1,6}:/.test(text.slice(from))) return trimPart(text.slice(labelStart));
  return trimPart(text.slice(from));
}

const REFUSES_NEXT = /(?:^|[\s,;])(?:no|不用|不要|不需要|无需)\s*$/i;

/**
 * The reply says the item does not apply: "no open platform", "附近的小程序我们不开", "不需要".
 * `only`: the words say nothing else (free text, where "不需要资质" is an answer).
 */
export function deniesItem(input: ReadInput, only = false): boolean {
  const says = only ? saysOnlyNotApplicable : saysNotApplicable;
  // "没有用第三方统计，不需要": with only, any part that is nothing but "不需要" says it.
  const parts = only ? [input.words, ...input.parts] : [input.words, input.parts[0] ?? ''];
  // "…, no Sentry please", "不用sentry": the refusal right before the item's name.
  const before = input.parts[0] ?? '';
  const after = (input.parts[1] ?? '').replace(/^\s*(?:please|pls|了|哈|吧)/i, '');
  if (!input.bare && REFUSES_NEXT.test(before) && stripFiller(after) === '' && !saysLater(input.text)) return true;
  // "用附件这个 PNG，圆角不用加": the only refusal in the reply is of something else.
  const others = withoutOtherRefused(input.text);
  if (!only && others !== input.text && !saysNotApplicable(others)) return false;
  return parts.some((p) => p !== '' && says(p) && !saysLater(p));
}

/** "圆角不用加", "水印不要了": a refusal of a thing the words name just before it. */
const THING_REFUSED =
  /([\u4e00-\u9fa5]{2,6})(?:也|都)?(?:不用|不需要|不要)(?:再)?(?:加|做|弄|搞|改|动|开|接|装|处理)?(?:了|啦|吧)?/g;
/** Who or what the words point at, not a thing: "我们不用加", "这个不需要" (an item's name is no other thing either). */
const NO_THING = /我|你|他|她|这|那|们|边|块|项|个|也|都|就|先|暂|其实|目前|现在|小程序|完全|真的|压根|根本|确实|肯定/;

/**
 * The words without the refusal of something else in a later clause ("用附件这个 PNG，1024，圆角不用加" gives the icon,
 * and refuses only the rounded corners): the thing refused names no item and is no pronoun, pointer or adverb. A refusal
 * that opens the reply ("监控不需要") is the item's, whatever word it uses for it.
 */
export function withoutOtherRefused(words: string): string {
  return words.replace(THING_REFUSED, (all, thing: string, at: number) =>
    !/[,;。]/.test(words.slice(0, at)) || NO_THING.test(thing) || findHits(thing).some((h) => h.item !== null)
      ? all
      : ' ',
  );
}

/**
 * "不用，我们没有登录态…", "SMS 不用，我们用 email 通知": the reply opens with the item refused (its name, if said, and a
 * refusal only), then gives the reason.
 */
export function opensWithRefusal(input: ReadInput): boolean {
  const opening = input.text.split(/[,;。\n]/)[0] ?? '';
  if (opening.trim() === input.text.trim()) return false;
  const own = findHits(opening).filter((h) => h.item === input.key);
  const rest = own
    .reduceRight((t, h) => t.slice(0, h.start) + t.slice(h.end), opening)
    .replace(/^\s*(?:我们|我司|我们这边|这边)/, '');
  return rest.trim() !== '' && saysOnlyNotApplicable(rest);
}

/** The parts as one text. */
export function bodyOf(input: ReadInput, separator = ' '): string {
  return input.parts.filter((p) => p !== '').join(separator);
}

/** A list's entries: after the colon of a header line ("附近小程序用这3个门店：\n…"), else around the labels. */
export function listBody(input: ReadInput): string {
  const header = input.bare ? undefined : /^[^\n:]*:/.exec(input.text);
  return header ? stripFiller(input.text.slice(header[0].length)) : bodyOf(input, '\n');
}

export const value = (v: ItemValue): Draft => ({ kind: 'value', value: v });

export function invalid(input: string, key: Message['key'], params?: Message['params']): Draft {
  return { kind: 'invalid', input, reason: params ? { key, params } : { key } };
}

/**
 * "Does not apply": 'n/a' for an item that accepts it; for one a release needs (`naRefused`), a refusal when a keyword named
 * the item, nothing when bare (another asked item may take it). A custom item's refusal that offers an asset of the
 * client's own is none.
 */
export function notApplicable(input: ReadInput): Draft[] {
  if (itemDef(input.key).custom && offersAsset(input.text)) return [];
  if (acceptsNa(itemDef(input.key))) return [value('n/a')];
  return input.bare ? [] : [invalid(stripFiller(input.text), 'reason.not_applicable')];
}

/** "Icon ✅": the item named, then only a mark that says done. */
export function labelMarkedDone(input: ReadInput): boolean {
  return !input.bare && input.parts.every((p) => p === '') && hasDoneMark(input.text);
}
