/**
 * "roles done, devs added", "角色加了，开发者也加了", "服务消息不要，SMS 也不要": an item named in a clause of its own,
 * the clause saying only where it stands (done, added, not needed), is named as strongly as a label would name it —
 * the one reply may settle several items, each in its own clause (docs/reader.md, round 8).
 *
 * A clause ends at sentence punctuation, a comma, a numbered point ("2.", "3)", "(c)"), a new line, a joining word
 * ("and", "also", "but", 然后, 另外, 但是, 不过) or a space between two Chinese words (chat Chinese). Before the item's
 * word only lead words may stand ("另外", "also", "我们的"), or other items' words joined to it ("icon 和分享图都…");
 * after it only its status, said plainly: words that guess, defer, say "not yet" or ask back name nothing, and
 * "X那个…" ("体验者那个也加了") points at a part of what was just said rather than naming X.
 */
import { itemDef } from '../items.js';
import { findHits, type Hit, isAbsorbed } from './keywords.js';
import {
  hedges,
  NOT_CUSTOM,
  offersAsset,
  saysDone,
  saysLater,
  saysNotApplicable,
  saysNotDone,
  stripFiller,
  withoutInstructions,
} from './phrases.js';

export type OwnStatus = 'done' | 'n/a';

/** How far a clause is looked for on each side of the word: long clauses are no "X done" anyway (linear). */
const REACH = 48;

/** "roles ✅ devs ✅ beta: …": a status mark, then a space, ends a clause too. */
const MARK =
  /[,;。!?\n:：]|\.(?=\s|$)|\s{2,}|(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])(?![和与及跟])|\s+[-–—]\s+|(?<=[\u2705\u2714\u2611\u274C\u23F3]\uFE0F?)\s+|(?<=\uD83D[\uDC4C\uDC4D])\s+/;
/** A clause boundary inside a sentence: numbering or a joining word. */
const JOIN =
  /(?:^|\s)(?:\d{1,2}[.)、]|\([a-z]\)|[a-z]\))\s|(?<![a-z])(?:and|also|but|plus)(?![a-z])|然后|另外|但是|不过|还有|所以/i;

const MARK_ALL = new RegExp(MARK.source, 'g');
const JOIN_ALL = new RegExp(JOIN.source, 'gi');

/** Lead words that may stand before the item's word in its own clause (numbering aside). */
export const LEAD_WORDS =
  /\b(?:as for|and|also|plus|so|the|our|my|all|both|btw|by the way|standard|custom|new|final)\b|\([a-z]\)|另外|还有|然后|所以|至于|顺便|顺手|顺带|把|我们的?|我們的?|我哋嘅?|那个|其他|其它|自定义的?|定制的?|标准的?|新的?/gi;
const LEAD = /^[\s\d.)、]*$/;

/** A refusal said before the item's word: "no payments", "不需要附近小程序", "we don't need the nearby thing". */
const REFUSAL_LEAD =
  /^[\s\d.)、]*(?:we\s+|i\s+)?(?:也|都|也都|暂时|目前)?(?:no|don'?t need|do not need|don'?t want|不需要|不用|不要|不做|没有|无需)[\s的]*$/i;

const CUSTOM_REFUSED_BEFORE = new RegExp(`(?:${NOT_CUSTOM.source})的?\\s*$`, 'i');

/** Joining words between items that share one status ("icon 和分享图都放网盘了", "roles and devs are done"). */
const JOINED = /^(?:[\s和与及跟同或、&/]|或者|\b(?:or|nor)\b)*$/i;
/** The joining words themselves, for a refusal before a run of items ("we don't need A or B"). */
const JOINERS = /[和与及跟或、&/]|或者|\b(?:and|or|nor)\b/gi;

/** Small words between the item's word and its status: "的话我昨天都加好了", "你们那两个我加好了", "are all". */
const CONNECTORS =
  /^(?:\s|上午|下午|早上|晚上|this morning|yesterday|today|(?:也|都)?看过了|(?:i'?ve |we'?ve )?(?:read|checked|seen) (?:them|it)|for now|at the moment|right now|目前|暂时|现在|的话|这边|这块|也|都|全部?|已经|我们?|我哋|我們|我|昨天|今天|刚才|刚刚|刚|总部|老板|领导|法务|客户|市场部?|设计师|你们的?|你哋|[那这]?(?:[两俩几一二三四五六\d]+)个(?:人)?|is|are|were|was|have been|has been|all|both|now|already|also|we|i|have|has|just)+/i;

/** A word after the item's own that only says "the thing": "merchant account", "the nearby thing", "支付功能", "金流的部分". */
const NOUN_TAIL =
  /^\s*(?:(?:account|accounts|id|ids|thing|things|stuff|part|side|design|designs|mockup|popup|pop-up|功能|部分|的部分|这块|那块|这边|那边|设计稿|设计(?!师)|弹窗)(?![a-z]))+/i;

/** What the client says of the item, nothing more: done or not needed ("approved by HQ", "Claire 已经确认了"). */
const DONE =
  /^(?:done|added|sent|uploaded|in place|all set|set up|set|ok|okay|completed?|finished|(?:confirmed|approved|signed off)(?: by (?:our |the )?[A-Za-z]{2,16})?|approve ?了|确认了|确认过了|已确认|sorted|搞定了?|加好了|加了|加上了|添加了|添加好了|弄好了|设置好了|配置好了|配好了|上传了|发了|发过了|已发|已添加|已加|已完成|完成了?|好了|attached|没意见|没有意见|没问题|no objections?|(?:they'?re |it'?s |all )?(?:fine|good)|在附件(?:里|中)?了?|(?:发|放|传)(?:在|到)?附件(?:里|中)?了|(?:测|测试|试)(?:过)?了?\s*(?:也|都)?\s*(?:没问题|ok|okay|正常|通过了?|好了|可以)|(?:测|测试|试)过了|tested(?: (?:it|them|fine|ok|okay))?)$/i;
/** "都放网盘了", "在附件里了": a status said in more words starts with its verb, not with another noun ("门店查询…"). */
const DONE_START = /^(?:已|加|添加|放|传|上传|发|弄|搞|设|配|绑|邀请|在(?:附件|邮件|群|网盘|文件夹))/;
const NA =
  /^(?:不要了?|不用了?|不需要了?|不用管|不用考虑|不做了?|不接了?|不加了?|没有|无需|不涉及|not needed|no need|none|n\/a|not required|not applicable)$/i;

/** Boundaries in text[from, to), looked for with one character of context each side (for the lookarounds). */
function boundaries(text: string, from: number, to: number): { start: number; end: number }[] {
  const lo = Math.max(0, from - 1);
  const window = text.slice(lo, Math.min(text.length, to + 1));
  const found: { start: number; end: number }[] = [];
  for (const re of [MARK_ALL, JOIN_ALL])
    for (const m of window.matchAll(re)) {
      // " 3. …": a number's leading space belongs to the clause before, so the number still bounds the next one.
      const end = lo + m.index + m[0].length;
      const start = lo + m.index + (re === JOIN_ALL ? (/^\s*/.exec(m[0])?.[0].length ?? 0) : 0);
      if (start >= from && end <= to) found.push({ start, end });
    }
  return found;
}

/** Where the clause around `at` starts (-1: not within REACH, a clause too long to be "X done"). */
function clauseStart(text: string, at: number): number {
  const from = Math.max(0, at - REACH);
  return Math.max(from === 0 ? 0 : -1, ...boundaries(text, from, at).map((b) => b.end));
}

/** Where the clause that goes on after `at` ends (-1: not within REACH). */
function clauseEnd(text: string, at: number): number {
  const from = at + (/^\s*/.exec(text.slice(at, at + REACH))?.[0].length ?? 0);
  const to = Math.min(text.length, from + REACH);
  const ends = boundaries(text, from, to).map((b) => b.start);
  if (ends.length > 0) return Math.min(...ends);
  return to === text.length ? text.length : -1;
}

/**
 * The status the hit's own clause gives its item, if the clause is nothing but the item named and its status.
 */
/** An item's word with the rest of its name ("分享文案": 分享 + 文案), up to the next joining word. */
const NAME_TAILS = /\u0000+[^\s和与及跟、&/,\u0000]{0,6}/g;

interface OwnClause {
  /** The words before the item's word in its clause, lead words and joined items' words blanked. */
  lead: string;
  /** The words after it, to the end of the clause. */
  rest: string;
  /** Other items named before it in the clause ("icon 和分享图…"). */
  joined: boolean;
  /** The last other item named after it, when only joining words stand between ("icon、分享文案、权限页三个都…"). */
  sharesWith?: Hit;
}

/** The hit's clause, when no other item is named after the hit in it (else undefined). */
function clauseOf(text: string, hit: Hit): OwnClause | undefined {
  const item = hit.item;
  if (item === null) return undefined;
  const start = clauseStart(text, hit.start);
  const end = clauseEnd(text, hit.end);
  if (start < 0 || end < 0) return undefined;
  const inClause = findHits(text.slice(start, end)).map((h) => ({ ...h, start: h.start + start, end: h.end + start }));
  const others = inClause.filter((h) => h.item !== null && !isAbsorbed(item, h) && !isAbsorbed(h.item, hit));
  const after = others.filter((h) => h.start >= hit.end);
  const last = after.at(-1);
  if (last) {
    let between = `\u0000${text.slice(hit.end, last.start)}`;
    // From the last hit back, so each replacement leaves the earlier offsets as they were.
    for (const h of [...after].reverse())
      between = between.slice(0, h.start - hit.end + 1) + '\u0000' + between.slice(h.end - hit.end + 1);
    const joinedOnly =
      JOINED.test(between.replace(NAME_TAILS, ' ')) && /[和与及跟同或、&/]|\b(?:and|or|nor)\b/.test(between);
    return joinedOnly ? { lead: '', rest: '', joined: true, sharesWith: last } : undefined;
  }
  let lead = text.slice(start, hit.start);
  // "nearby locations": the item's name in two words — the first is part of the name, not a lead word.
  const nameStart = inClause
    .filter((h) => h.item === item && h.end <= hit.start)
    .reduceRight((at, h) => (/^\s*$/.test(text.slice(h.end, at)) ? h.start : at), hit.start);
  lead = lead.slice(0, nameStart - start) + ' '.repeat(hit.start - nameStart);
  for (const h of others)
    lead = lead.slice(0, h.start - start) + '\u0000'.repeat(h.end - h.start) + lead.slice(h.end - start);
  // An item's word with the rest of its name ("分享文案": 分享 + 文案) up to the next joining word.
  lead = lead.replace(NAME_TAILS, ' ');
  return { lead: lead.replace(LEAD_WORDS, ' '), rest: text.slice(hit.end, end), joined: others.length > 0 };
}

/** The words after the hit to the end of its clause, when the clause is the item's own (else undefined). */
function ownClauseRest(text: string, hit: Hit): string | undefined {
  const clause = clauseOf(text, hit);
  // Before the word: lead words, or other items' words joined to it ("icon 和分享图…"); after it: no other item.
  if (!clause || !(clause.joined ? JOINED : LEAD).test(clause.lead)) return undefined;
  return clause.rest;
}

/** "3) no payments for now", "no merchant account needed", "不需要附近小程序": the item refused before its word. */
function refusedBefore(text: string, hit: Hit): boolean {
  // "不要自定义的授权弹窗，用微信标准的": the custom version refused, not the item (phrases.ts NOT_CUSTOM) — but for an item
  // that is the custom version ("no custom icon"), it is.
  if (
    hit.item !== null &&
    !itemDef(hit.item).custom &&
    CUSTOM_REFUSED_BEFORE.test(text.slice(Math.max(0, hit.start - 16), hit.start))
  )
    return false;
  const clause = clauseOf(text, hit);
  // "we don't need nearby locations or service messages", "不要A和B": the refusal before a run of items is each one's.
  return (
    clause !== undefined &&
    REFUSAL_LEAD.test(clause.joined ? clause.lead.replace(JOINERS, ' ') : clause.lead) &&
    clause.rest
      .replace(NOUN_TAIL, '')
      .replace(CONNECTORS, '')
      .replace(/^(?:needed|required|necessary)\b/i, '')
      .replace(/[\s.!~。！]+$/, '') === ''
  );
}

/**
 * "然后角色的话还没有加我明天再弄" while the developers are asked: a word that opens a short clause of its own saying
 * where its item stands — done, not needed, not yet or later — names its item (and so cuts the asked item's words
 * there), whether or not anything is recorded for it.
 */
export function opensOwnClause(text: string, hit: Hit): boolean {
  const rest = ownClauseRest(text, hit);
  if (rest === undefined || rest.length > 24 || /^\s*那个/.test(rest)) return false;
  return saysDone(rest) || saysNotDone(rest) || saysLater(rest) || saysNotApplicable(rest);
}

/** A tick alone (a thumbs-up may only acknowledge: phrases.ts DONE_MARK). */
const ONLY_DONE_MARK = /^\s*[\u2705\u2714\u2611]\uFE0F?\s*$/;

export function ownClauseStatus(text: string, hit: Hit): OwnStatus | undefined {
  // "icon、分享文案、权限页三个都在附件里了", "roles and devs are done": items joined share the last one's status.
  const shared = clauseOf(text, hit)?.sharesWith;
  if (shared) return ownClauseStatus(text, shared);
  // (A custom item refused for now, or for an asset of the client's own, is not refused: phrases.ts offersAsset.)
  if (refusedBefore(text, hit))
    return hit.item !== null && itemDef(hit.item).custom && offersAsset(text) ? undefined : 'n/a';
  const rest = ownClauseRest(text, hit);
  if (rest === undefined) return undefined;
  // "devs ✅": the item's word, then only a mark that says done.
  // ("the beta ✅" is the build, not its testers.)
  if (ONLY_DONE_MARK.test(rest)) return /^(?:beta|体验版)$/i.test(hit.word) ? undefined : 'done';
  if (/^\s*那个/.test(rest) || hedges(rest) || saysLater(rest) || saysNotDone(rest)) return undefined;
  // "sentry 你们搞定就行": what the client tells us to do is not where the item stands.
  const told = withoutInstructions(rest);
  if (told !== rest && stripFiller(told) === '') return undefined;
  // "报错文案也看过了 没意见": chat Chinese goes on after a space, about the same item while no other is named.
  const parts = `${rest} ${goesOn(text, hit)}`
    .replace(/[(（][^)）]*[)）]/g, ' ')
    .replace(NOUN_TAIL, '')
    .split(/\s{2,}|(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])/)
    .map((p) =>
      p
        .replace(CONNECTORS, '')
        .replace(/[\s.!~。！\u2705\u2714\u{1F44C}\u{1F44D}\uFE0F]+$/u, '')
        .replace(/\s+(?:as well|too)$/i, '')
        .trim(),
    )
    .filter((p) => p !== '' && !CHECK_REQUEST.test(p) && !WHO.test(p));
  if (hedges(parts.join(' ')) || saysLater(parts.join(' ')) || saysNotDone(parts.join(' '))) return undefined;
  if (parts.length > 0 && parts.every((p) => DONE.test(p) || (DONE_START.test(p) && p.length <= 16 && saysDone(p))))
    return 'done';
  if (parts.length > 0 && parts.every((p) => NA.test(p))) return 'n/a';
  return undefined;
}

/**
 * Who did it (or where), alone between the item and its status: "设计 Claire 已经确认了", "权限页 Android 测过了" — a
 * capitalised word. The Chinese roles ("老板已经确认了") are lead words (CONNECTORS).
 */
const WHO = /^(?:HQ|IT|[A-Z][a-z]{2,12})$/;

/** "你们看一下能不能登", "你哋check下": a request that we check, said after the status. */
const CHECK_REQUEST = /^(?:你们|你哋|麻烦|请)?(?:看|check|检查|核对|确认)(?:一)?下/i;

/** What follows the hit's clause after a chat space, to the next punctuation, when it names no item. */
function goesOn(text: string, hit: Hit): string {
  const end = clauseEnd(text, hit.end);
  if (end < 0 || end >= text.length || !/\s/.test(text[end] ?? '')) return '';
  const more = text.slice(end, end + REACH).split(/[,;。!?\n:]|\.(?=\s|$)/)[0] ?? '';
  return findHits(more).some((h) => h.item !== null) ? '' : more;
}
