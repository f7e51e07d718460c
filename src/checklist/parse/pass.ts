/**
 * One reading of a normalised message, in the order that keeps it unambiguous:
 * 1. values whose shape says what they are (App ID, secret, template ID, SMS code, domains + ICP);
 * 2. each segment a keyword names, by its item's reader;
 * 3. segments no keyword names: by the item named before them in the sentence, then the items the
 *    bot asked (ctx.expected, in order), then the item named after them, then the last one named;
 * 4. what no reader took says the message's intent ("稍后", "不需要", "加好了", "help").
 * A value read is blanked out of the text, so no later step reads it again.
 */
import { acceptsNa, itemDef } from '../items.js';
import { APP_ID, EXAMPLE_APP_ID } from '../rules.js';
import { maskSecret } from '../../release/secrets.js';
import type { ItemKey } from '../types.js';
import type { Fact, Intent } from '../facts.js';
import type { Candidate } from './merge.js';
import { isNoAnswer } from './no-answer.js';
import { calledOurs, exampleMentions } from './examples.js';
import { blankAll } from './normalize.js';
import { findHits, type Hit, isPartWord, KEYWORDS, namesByParts, VALUE_WORDS } from './keywords.js';
import { asksBack, endsSentenceAt, questionRanges, sentenceRanges } from './sentences.js';
import {
  intentOf,
  isAmongNames,
  isAside,
  isFiller,
  isOtherAccountClause,
  isRuledOut,
  marksDone,
  namesOtherPlatform,
  NEGATION,
  saysDone,
  saysLater,
  saysNotApplicable,
  stripFiller,
  withoutInstructions,
} from './phrases.js';
import { LEAD_WORDS, opensOwnClause, ownClauseStatus } from './own-clause.js';
import { type Draft, partsAround, wordsOf } from './read-input.js';
import { NO_PAYMENTS } from './read-accounts.js';
import { readItem } from './readers.js';
import { shapeOf } from '../shapes.js';
import { NUMBERED_OR_LINES } from './lists.js';
import { type Segment, segment } from './segments.js';
import { scanTokens, type Token } from './tokens.js';
import { isWhitelist, readWhitelists } from './whitelist.js';

interface State {
  /** The message, with what was read blanked out. */
  text: string;
  segments: Segment[];
  expected: readonly ItemKey[];
  correction: boolean;
  /** Candidates, with the index of the segment they were read from and whether a keyword led to them. */
  read: { candidate: Candidate; segment: number; named: boolean }[];
  /** The message asks something back: words no label names are not taken as free text. */
  asks: boolean;
  /** Values read as tokens: a label before one ("prod: wx…") labelled that value, not the words left over. */
  consumed: Token[];
  /** "k", "k:key" and "key:key" for what was read: segment k read, read for key, key read anywhere. */
  seen: Set<string>;
}

export interface MessageReading {
  candidates: Candidate[];
  intent: Intent;
}

/** Segments are in order and do not overlap: a binary search keeps token reading O(n log n). */
function segmentIndexAt(state: State, pos: number): number {
  let lo = 0;
  let hi = state.segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = state.segments[mid];
    if (!s) return -1;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function add(state: State, fact: Fact, at: number): void {
  const segment = segmentIndexAt(state, at);
  record(state, { candidate: { fact, at }, segment, named: state.segments[segment]?.item !== undefined });
}

function toFact(key: ItemKey, draft: Draft, correction: boolean): Fact {
  return draft.kind === 'value'
    ? { kind: 'value', key, value: draft.value, correction }
    : { kind: 'invalid', key, input: draft.input, reason: draft.reason };
}

/** Open Platform when the words say so, or when the bot asked for it and not for the MP's own. */
/** "小程序的 secret", "MP AppID": the words say the Mini Program's own, whatever was asked. */
const MP_OWN = /小程序|\bmini ?program\b|\bMP\b|公众号|\bofficial account\b/i;

/**
 * Open Platform when the words say so, or when the bot asked for it and not for the MP's own: then a
 * generic "AppID" / "secret" label names Open Platform's, unless the words say it is the MP's.
 */
function platformOr<K extends ItemKey>(state: State, seg: Segment | undefined, own: K): K | 'open_platform' {
  if (seg?.item === 'open_platform') return 'open_platform';
  const platformAsked = state.expected.includes('open_platform') && !state.expected.includes(own);
  if (seg?.item === 'app_id' || seg?.item === 'app_secret') {
    // "这个是小程序的AppID wx…": the words just before the label, in its clause, count too.
    const lead =
      (state.text
        .slice(Math.max(0, seg.start - 12), seg.start)
        .split(/[,;。\n]/)
        .at(-1) ?? '') + ' ';
    return platformAsked && !MP_OWN.test(lead + state.text.slice(seg.start, seg.end)) ? 'open_platform' : own;
  }
  if (seg?.item) return own;
  // Unlabelled, the clause may still say it is the Mini Program's ("这个是小程序的AppID wx…").
  const mpOwn = seg !== undefined && MP_OWN.test(state.text.slice(seg.start, seg.end));
  return platformAsked && !mpOwn ? 'open_platform' : own;
}

/**
 * "Open Platform: bound to our OA. AppID wx…, secret …": a secret in the same sentence right after the Open Platform's
 * App ID is the Open Platform's, unless the words between say it is the Mini Program's.
 */
function afterPlatformId(state: State, at: number): boolean {
  const last = state.read.at(-1)?.candidate;
  if (!last || last.fact.key !== 'open_platform' || last.fact.kind !== 'value' || at - last.at > 60) return false;
  const between = state.text.slice(last.at, at);
  return !/[。!?\n]|\.\s/.test(between) && !MP_OWN.test(between);
}

function tokenFact(state: State, token: Token): Fact | undefined {
  const seg = state.segments[segmentIndexAt(state, token.start)];
  const raw = state.text.slice(token.start, token.end);
  const correction = state.correction;
  switch (token.kind) {
    case 'app_id': {
      const valid = APP_ID.test(token.text);
      if (!valid && seg?.item && itemDef(seg.item).shape === 'wechat_ids') return undefined; // a WeChat ID like wx2024abc
      const key = platformOr(state, seg, 'app_id');
      if (!valid) return { kind: 'invalid', key, input: raw, reason: { key: 'reason.app_id', params: { input: raw } } };
      if (token.text === EXAMPLE_APP_ID)
        return { kind: 'invalid', key, input: raw, reason: { key: 'reason.app_id_example', params: { input: raw } } };
      return { kind: 'value', key, value: key === 'open_platform' ? { app_id: token.text } : token.text, correction };
    }
    case 'secret':
      // A 32-hex run named as something else (an analytics key, a server token) is not the App secret.
      if (seg?.item && seg.item !== 'app_secret' && seg.item !== 'open_platform') return undefined;
      return {
        kind: 'secret',
        key: afterPlatformId(state, token.start) ? 'open_platform' : platformOr(state, seg, 'app_secret'),
        secret: token.text,
      };
    case 'mistyped_secret': {
      // "secret b7f6…" with 30 characters: refused for the App secret or the Open Platform's, never echoed.
      if (seg?.item && seg.item !== 'app_secret' && seg.item !== 'open_platform') return undefined;
      const key = afterPlatformId(state, token.start) ? 'open_platform' : platformOr(state, seg, 'app_secret');
      return { kind: 'invalid', key, input: maskSecret(token.text.slice(-4)), reason: { key: 'reason.app_secret' } };
    }
    case 'template_id':
      return { kind: 'value', key: 'template_ids', value: [token.text], correction };
    case 'sms_code':
      return { kind: 'value', key: 'sms_template', value: token.text, correction };
    default:
      return undefined;
  }
}

/**
 * Copy in quotes on one line — “…”, 「…」, 『…』 after a word for copy or a screen's words ("分享文案：首页“…”",
 * "标题改成「…」", "弹了「申请获取你的昵称、头像」") — not a feature's name quoted ("“附近门店”这个功能我们不需要"),
 * words someone said or a forwarded message, whose words still name their items. At most 300 characters each, so each
 * quote costs O(1).
 */
const QUOTED = /[“「『]([^”」』\n]{1,300})[”」』]/g;
const COPY_BEFORE =
  /(?:文案|标题|副标题|文字|提示语?|slogan|copy|title|text|改成|写成?|显示|弹)[^,;。!?\n“「『]{0,8}$/i;
const FORWARDED = /[:：]|\d{6}/;

function quotedSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(QUOTED)]
    .filter((m) => !FORWARDED.test(m[1] ?? '') && COPY_BEFORE.test(text.slice(Math.max(0, m.index - 24), m.index)))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/**
 * "我以为你问的是AppID 那个我发过了呀 wx0123456789abcdef" while the secret is asked: the bot's own example App ID quoted back
 * while no App ID is asked is neither an answer nor an attempt at one — nothing recorded, nothing refused.
 */
function quotesExampleUnasked(state: State, token: Token): boolean {
  const asked = state.expected;
  return (
    token.kind === 'app_id' &&
    token.text === EXAMPLE_APP_ID &&
    asked.length > 0 &&
    !asked.includes('app_id') &&
    !asked.includes('open_platform')
  );
}

function readTokens(state: State, tokens: Token[]): void {
  const consumed: Token[] = [];
  for (const token of tokens) {
    const ruledOut =
      (isRuledOut(state.text, token.start, token.end) && token.kind !== 'domain') || quotesExampleUnasked(state, token);
    const fact = ruledOut ? undefined : tokenFact(state, token);
    if (fact) add(state, fact, token.start);
    if (fact || ruledOut) consumed.push(token);
  }
  state.text = blankAll(state.text, consumed);
  state.consumed.push(...consumed);
  // "it's www.qimu-home.com, not qimu-home.cn": a domain said not to be it is no domain of the whitelist.
  const said = state.text;
  const whitelists = readWhitelists(
    tokens.filter((t) => t.kind !== 'domain' || !DENIED_BEFORE.test(said.slice(Math.max(0, t.start - 14), t.start))),
    {
      segments: state.segments,
      segmentAt: (pos) => state.segments[segmentIndexAt(state, pos)],
      expected: state.expected,
      correction: state.correction,
    },
  );
  for (const { fact, at } of whitelists.facts) add(state, fact, at);
  state.text = blankAll(state.text, whitelists.used);
}

function hasRead(state: State, k: number, key?: ItemKey): boolean {
  return state.seen.has(key === undefined ? `${k}` : `${k}:${key}`);
}

/** Every reading goes through here, so the look-ups above stay O(1). */
function record(state: State, entry: State['read'][number]): void {
  state.read.push(entry);
  state.seen.add(`${entry.segment}`);
  state.seen.add(`${entry.segment}:${entry.candidate.fact.key}`);
  state.seen.add(`key:${entry.candidate.fact.key}`);
}

function addDrafts(state: State, key: ItemKey, drafts: Draft[], at: number, k: number, named: boolean): void {
  for (const d of drafts)
    record(state, { candidate: { fact: toFact(key, d, state.correction), at }, segment: k, named });
}

/** Tokens already gave a single-valued item its value: its reader would only find leftovers. */
function tokensAnswered(state: State, k: number, key: ItemKey): boolean {
  const shape = itemDef(key).shape;
  const lists = shape === 'template_ids' || shape === 'wechat_ids';
  return !lists && hasRead(state, k, key);
}

/** Shapes any words fit: a keyword of an item not asked reads them only after an explicit label. */

/**
 * Context first: while the bot waits for other items, "pls don't share it around" does not answer the
 * sharing flow; "分享文案：…" (a label) does.
 */
function isWeakMention(state: State, seg: Segment, key: ItemKey, loose = shapeOf(key).needsLabel): boolean {
  if (state.expected.length === 0 || state.expected.includes(key) || !loose) return false;
  // "wx… 角色的话我昨天都加好了": the item's clause of its own is apart from the value read before it.
  if (seg.hits.some((h) => h.item === key && ownClauseStatus(state.text, h))) return false;
  if (state.consumed.some((t) => t.start >= seg.start && t.end <= seg.end)) return true;
  return !hasLabel(state, seg, key);
}

const REFUSED_BEFORE =
  /^\s*(?:我们|也|都|暂时|目前|\s)*(?:不需要|不用|不要|没有|不做|不开|无需|\bno\b|\bdon'?t need\b|\bwe don'?t need\b)(?:的)?\s*$/i;

/** The words of a keyword's clause before it and after it, looked for within `reach` characters each way (linear). */
function clauseAround(text: string, hit: Hit, reach: number): { before: string; after: string } {
  const before =
    text
      .slice(Math.max(0, hit.start - reach), hit.start)
      .split(/[,;。!?\n]/)
      .at(-1) ?? '';
  const after = text.slice(hit.end, hit.end + reach).split(/[,;。!?\n]/)[0] ?? '';
  return { before, after };
}

/** The clause around a keyword is only the item refused. */
function refusedAlone(text: string, hit: Hit): boolean {
  const { before, after } = clauseAround(text, hit, 16);
  return REFUSED_BEFORE.test(before) && isFiller(after);
}

/** "分享：", "分享文案：", "门店是", "Share copy:": the item's keyword labels what follows. */
const LABEL_AFTER =
  /^[^\s:,;。!?]{0,4}\s*(?::(?!\/\/)|=|是|为|选(?:了|的)?|填(?:了|的)?|拣(?:了)?|\bis\b|\bare\b)|^[^\s:,;。!?()（）]{5,10}:(?!\/\/)|^\s+[A-Za-z]{2,12}\s*:(?!\/\/)|^[^,;。!?\n]{0,3}(?:说错了|写错了|搞错了|弄错了|填错了)[,;]\s*(?:应该|正确的|其实)是/i;
/**
 * "服务类目我们选的 …", "category we picked …", "the category we registered is …": the item's word, then who chose and
 * the choice's verb, labels what follows as a colon would.
 */
const CHOSEN_AFTER =
  /^\s*(?:(?:我们|我司|咱们)\s*(?:选的|报的|填的|定的|选了|报了|填了|选择的|注册的)|(?:that\s+|which\s+)?we(?:'ve| have)?\s+(?:picked|chose|chosen|selected|registered|went with)\b)/i;

function labels(after: string): boolean {
  return LABEL_AFTER.test(after.slice(0, 10)) || CHOSEN_AFTER.test(after);
}

function hasLabel(state: State, seg: Segment, key: ItemKey): boolean {
  const label = seg.hits.find((h) => h.item === key);
  // "Analytics we do in Mixpanel": a product's own name is as strong as a label.
  if (seg.hits.some((h) => h.item === key && VALUE_WORDS.has(h.word))) return true;
  // "不需要附近的小程序", "no Sentry": a clause that is only the item refused names it as a label would;
  // so does one that is only the item and its status ("devs added", "SMS 也不要", "商户号不用管 不做支付").
  if (seg.hits.some((h) => h.item === key && (refusedAlone(state.text, h) || ownClauseStatus(state.text, h))))
    return true;
  // "server 下周给。error 文案 Claire approved 了": a sentence of its own, opened by the item's word, is about it.
  if (seg.hits.some((h) => h.item === key && opensSentence(state.text, h))) return true;
  // "AppID wx…。另外我们不做在线支付": a clause that says the MP takes no payments is about the merchant account, asked or not.
  if (itemDef(key).shape === 'merchant' && seg.hits.some((h) => h.item === key && refusesPayments(state.text, h)))
    return true;
  return (
    label !== undefined && (labels(state.text.slice(label.end, label.end + 24)) || opensStatusClause(state.text, label))
  );
}

/** The clause around a payment word says the MP takes no payments. */
function refusesPayments(text: string, hit: Hit): boolean {
  const { before, after } = clauseAround(text, hit, 24);
  const clause = before + text.slice(hit.start, hit.end) + after;
  // "we do not have payments yet but we will apply next month": no payments for now is a merchant account to come.
  const rest = text.slice(hit.end, hit.end + 48);
  return NO_PAYMENTS.test(clause) && !/[?？]/.test(after) && !PAYMENTS_LATER.test(rest);
}

const PAYMENTS_LATER = /\byet\b|\bwill (?:apply|add|open)\b|\blater\b|以后|后面再|之后再|下(?:个月|期|一期)|二期/i;

/**
 * "开发者也加了 你们看一下能不能登", "SMS 也不要": what the item's own clause says of it, when its reader found nothing in
 * the words around — done for an item that confirms, n/a (or its refusal, for an item a release needs) for any other.
 */
function ownStatusDrafts(state: State, seg: Segment, key: ItemKey): Draft[] {
  const shape = itemDef(key).shape;
  if (shape === 'enterprise' || shape === 'ugc') return [];
  const status = seg.hits.map((h) => (h.item === key ? ownClauseStatus(state.text, h) : undefined)).find(Boolean);
  if (status === 'done') return shapeOf(key).confirms ? [{ kind: 'value', value: 'done' }] : [];
  if (status !== 'n/a') return [];
  return acceptsNa(itemDef(key))
    ? [{ kind: 'value', value: 'n/a' }]
    : [
        {
          kind: 'invalid',
          input: state.text.slice(seg.start, seg.end).trim(),
          reason: { key: 'reason.not_applicable' },
        },
      ];
}

function idLooking(ids: readonly string[]): Draft[] {
  const kept = ids.filter((id) => /[\d_-]/.test(id));
  return kept.length > 0 ? [{ kind: 'value', value: kept }] : [];
}

/** "角色和开发者都加好了": an item named only to share the next one's "done". */
const ONLY_JOINER = /^[\s,、和与及跟同以及&]*(?:and)?[\s,、和与及跟同以及&]*$/i;

/**
 * "餐饮服务 > 餐饮服务管理企业" while the category is asked: the message opens with the asked free-text
 * answer, so a keyword inside it ("企业") is one of its words, not another item — unless labelled.
 */
function insideFreeAnswer(state: State, seg: Segment, k: number): boolean {
  const first = state.expected[0];
  if (
    !first ||
    !seg.item ||
    state.expected.includes(seg.item) ||
    !shapeOf(first).anyText ||
    state.consumed.length > 0 ||
    state.read.length > 0
  )
    return false;
  if (state.segments.some((s) => s.item !== undefined && state.expected.includes(s.item))) return false;
  if (
    state.text.slice(0, seg.start).trim() !== '' ||
    (k > 0 && state.segments.slice(0, k).some((s) => state.text.slice(s.start, s.end).trim() !== ''))
  )
    return false;
  // A keyword that opens the message ("Sentry我们不管") or a product's name is about its own item.
  const hit = seg.hits.find((h) => h.item === seg.item);
  if (!hit || state.text.slice(seg.start, hit.start).trim() === '' || seg.hits.some((h) => VALUE_WORDS.has(h.word)))
    return false;
  return isWeakMention(state, seg, seg.item, true);
}

/** The segment's words on through the segments after it that name no item, to the end of its sentence. */
function toSentenceEnd(state: State, k: number): string | undefined {
  const seg = state.segments[k];
  if (!seg) return undefined;
  let end = seg.end;
  for (let j = k + 1; j < state.segments.length; j += 1) {
    const next = state.segments[j];
    if (!next || next.item || /[。.!?！？\n]/.test(state.text.slice(end, next.start + 1))) break;
    end = next.end;
  }
  return end > seg.end ? state.text.slice(seg.start, end) : undefined;
}

function readNamed(state: State): void {
  state.segments.forEach((seg, k) => {
    if (insideFreeAnswer(state, seg, k)) {
      state.segments[k] = { ...seg, item: undefined, hits: [] };
      return;
    }
    if (!seg.item || tokensAnswered(state, k, seg.item)) return;
    // "我们卖茶叶也卖茶具 该选哪个类目？": a free-text item named only inside a question back is asked about, not answered.
    const own = seg.hits.find((h) => h.item === seg.item);
    // (A tag question that the client's own statement follows holds nothing back: "最多5个对吧？我们想要 …".)
    if (own && shapeOf(seg.item).anyText && state.text.slice(own.start, own.end).trim() === '' && state.asks) return;
    // "类目：电商平台 … 商户号也是这个类目申请的": free text read once; its word again, unlabelled, adds nothing.
    const text1 = shapeOf(seg.item).anyText && !shapeOf(seg.item).list;
    if (text1 && hasValue(state, seg.item) && !state.correction && !hasLabel(state, seg, seg.item)) return;
    // "1634512098 是门店收银用的": a word of an item not asked, unlabelled, names nothing; the asked items read it.
    if (isWeakMention(state, seg, seg.item)) {
      if (!state.expected.some((key) => shapeOf(key).anyText))
        state.segments[k] = { ...seg, item: undefined, hits: [] };
      return;
    }
    // "最多只能10个吗？我们有30多家门店": a message asking back gives a list of words only after a label,
    // and says nothing about an item not asked ("开发者数量有上限吗？我们还没认证") without one.
    if (
      state.asks &&
      (shapeOf(seg.item).wordList || (!state.expected.includes(seg.item) && !shapeOf(seg.item).identifier)) &&
      !hasLabel(state, seg, seg.item)
    )
      return;
    const said = state.text.slice(seg.start, seg.end);
    const text = shapeOf(seg.item).sentence ? withoutSignOff(said) : said;
    const hits = seg.hits
      .filter((h) => h.end <= seg.start + text.length)
      .map((h) => ({ ...h, start: h.start - seg.start, end: h.end - seg.start }));
    const input = { text, parts: partsAround(text, hits), words: wordsOf(text, hits), bare: false };
    const read = readItem(seg.item, input);
    // "认证要法人刷脸，我们法人在国外，暂时做不了": the account's status may come in the clauses after its word, which name
    // no item — its words are read on to the end of the sentence.
    const onTo = read.length === 0 && itemDef(seg.item).shape === 'enterprise' ? toSentenceEnd(state, k) : undefined;
    const readOn = onTo ? readItem(seg.item, { text: onTo, parts: [onTo], words: onTo, bare: false }) : read;
    // Context first: for WeChat IDs nobody asked, unlabelled, only ID-looking words count ("ignore … staging" holds none).
    const loose =
      !state.expected.includes(seg.item) &&
      state.expected.length > 0 &&
      itemDef(seg.item).shape === 'wechat_ids' &&
      !hasLabel(state, seg, seg.item);
    const shaped = loose
      ? readOn.flatMap((d) => (d.kind === 'value' && Array.isArray(d.value) ? idLooking(d.value) : [d]))
      : readOn;
    // "icon、分享文案、权限页三个都在附件里了": a clause that says only the item's status has no copy in it ("文案").
    const status = ownStatusDrafts(state, seg, seg.item);
    const leftovers = shaped.every(
      (d) => d.kind === 'value' && typeof d.value === 'string' && d.value !== 'done' && d.value !== 'n/a',
    );
    const drafts = shaped.length === 0 || (status.length > 0 && leftovers) ? status : shaped;
    // "体验者那个也加了" while roles were asked: a bare done/n/a for an item not asked needs its label.
    const onlyStatus =
      drafts.length > 0 && drafts.every((d) => d.kind === 'value' && (d.value === 'done' || d.value === 'n/a'));
    if (onlyStatus && isWeakMention(state, seg, seg.item, true)) return;
    addDrafts(state, seg.item, drafts, seg.start, k, true);
  });
  state.segments.forEach((seg, k) => {
    const next = state.segments[k + 1];
    if (
      !seg.item ||
      !next?.item ||
      hasRead(state, k) ||
      !ONLY_JOINER.test(
        partsAround(
          state.text.slice(seg.start, seg.end),
          seg.hits.map((h) => ({ ...h, start: h.start - seg.start, end: h.end - seg.start })),
        ).join(''),
      )
    )
      return;
    const shared = state.read.find(
      (r) => r.segment === k + 1 && r.candidate.fact.kind === 'value' && r.candidate.fact.value === 'done',
    );
    if (shared && shapeOf(seg.item).confirms) {
      record(state, {
        candidate: {
          fact: { kind: 'value', key: seg.item, value: 'done', correction: state.correction },
          at: seg.start,
        },
        segment: k,
        named: true,
      });
    }
  });
}

const DENIED_BEFORE = /(?:\bnot|\brather than|\binstead of|不是|而不是)\s*$/i;

/** "谢谢！", "Let me know if you need anything else", "有问题再找我": a sentence that signs off answers nothing. */
const SIGN_OFF =
  /^\s*(?:谢谢|多谢|感谢|辛苦|麻烦了|\bthanks\b|\bthank you\b|\bthx\b|\bcheers\b|\bty\b)|\blet (?:me|us) know\b|有问题(?:再|随时|可以)?(?:找|问|联系|说)|随时(?:找|问|联系)|\bany questions\b|\bfeel free\b|\bhope (?:this|that|it) helps\b/i;

/**
 * "类目：餐饮 > 咖啡。谢谢！", "Analytics: Mixpanel. Let me know if you need anything else": free text goes on over the
 * sentences after it (segments.ts), except those that only sign off, at its end.
 */
function withoutSignOff(text: string): string {
  const sentences = sentenceRanges(text);
  let end = sentences.length;
  while (end > 1 && SIGN_OFF.test(text.slice(sentences[end - 1]?.start ?? 0, sentences[end - 1]?.end ?? 0))) end -= 1;
  return end === sentences.length ? text : text.slice(0, sentences[end - 1]?.end ?? text.length);
}

function hasValue(state: State, key: ItemKey): boolean {
  return state.seen.has(`key:${key}`);
}

/** Who may take a bare answer: the item just named, the items asked, the item named next or before. */
function bareTakers(state: State, seg: Segment): ItemKey[] {
  const asked = state.expected.filter((key) => !hasValue(state, key));
  const named = [seg.prevItem, ...asked, seg.nextItem, seg.lastItem].filter((key): key is ItemKey => key !== undefined);
  // Context first: an item not asked takes no bare words that any reply could hold ("你们接就行").
  const context = state.expected.length > 0;
  // "Sentry我们不管，你们接就行": the clause goes on about the item named before it, not the one asked.
  if (context && seg.prevItem && !state.expected.includes(seg.prevItem) && shapeOf(seg.prevItem).needsLabel) return [];
  // "还没定，要等财务确认商户号那边的限额": words before an item not asked are its entries ("a, b 是开发者"), not its status.
  const ahead = (key: ItemKey) =>
    context && key === seg.nextItem && key !== seg.prevItem && !state.expected.includes(key) && !shapeOf(key).list;
  const takers = named.filter(
    (key) =>
      asked.includes(key) ||
      (!shapeOf(key).anyText && !ahead(key) && !(context && shapeOf(key).needsLabel && !state.expected.includes(key))),
  );
  return [...new Set(takers)];
}

/**
 * Words no keyword named become free text (a category, a page, a flow) only when they are the whole
 * answer to the FIRST question asked: not leftovers of a message that gave other facts ("wx…, sorry
 * for the delay"), not an answer to the second question, not a question or a deferral. A bare
 * "done" / "n/a" may still go to any asked item that takes it.
 */
function mayTake(state: State, key: ItemKey, draft: Draft, raw: string): boolean {
  if (!shapeOf(key).anyText || draft.kind !== 'value' || draft.value === 'done' || draft.value === 'n/a') return true;
  // A name was cut from the remarks after it ("Baidu Tongji. I'll ask IT for the login"): it is judged alone.
  // Only a deferral may follow it: a delegation or a question still takes the whole reply back.
  const name = itemDef(key).shape === 'name' && typeof draft.value === 'string' && draft.value !== raw.trim();
  // A list read without its lines still to come ("2. 浦东那家还在装修") is judged by the entries it kept.
  const entries = Array.isArray(draft.value) ? draft.value.join('\n') : undefined;
  const noAnswer = name
    ? isNoAnswer(String(draft.value)) || (isNoAnswer(raw) && !saysLater(raw))
    : isNoAnswer(entries !== undefined && NUMBERED_OR_LINES.test(raw) ? entries : raw);
  return key === state.expected[0] && state.read.length === 0 && !state.asks && !noAnswer;
}

function readBare(state: State): void {
  state.segments.forEach((seg, k) => {
    if (seg.item) return;
    const text = state.text.slice(seg.start, seg.end);
    // "👌", "✅": a mark alone says done.
    // "ok", "yep" alone while something we do is asked: the client's go-ahead (read by its confirmation reader).
    const first = state.expected[0];
    const goAhead = first !== undefined && itemDef(first).owner === 'agency' && BARE_YES.test(text.trim());
    // "ok 👌" after "please add the roles": an OK to a task of the client's own acknowledges it; nothing is done yet.
    const acknowledged = first !== undefined && isClientTask(first) && OK_WORD.test(text);
    const core = stripFiller(text) || (marksDone(text) && !acknowledged ? 'done' : '') || (goAhead ? text.trim() : '');
    if (core === '') return;
    for (const key of bareTakers(state, seg)) {
      // Copy keeps its last word ("… 其他OK"); other shapes read the words without filler.
      const own = itemDef(key).shape === 'confirmation_or_text' ? text.trim() : core;
      // "好了，体验版请求都正常": a bare "done" is not for an item not asked that is only named after it.
      const onlyNamedAfter =
        state.expected.length > 0 && key === seg.nextItem && key !== seg.prevItem && !state.expected.includes(key);
      // "Apologies, …. For this MP the beta testers are: a_b and c_d": beside IDs read under the item's name, words
      // left over count only when they look like IDs (a digit, _ or -), as for an item not asked.
      const unasked =
        itemDef(key).shape === 'wechat_ids' &&
        ((state.expected.length > 0 && !state.expected.includes(key)) || hasValue(state, key));
      const drafts = readItem(key, { text: own, parts: [core], words: wordsOf(core, []), bare: true })
        .flatMap((d) => (unasked && d.kind === 'value' && Array.isArray(d.value) ? idLooking(d.value) : [d]))
        .filter((d) => mayTake(state, key, d, text))
        .filter((d) => !(onlyNamedAfter && d.kind === 'value' && (d.value === 'done' || d.value === 'n/a')));
      if (drafts.length === 0) continue;
      addDrafts(state, key, drafts, seg.start, k, !state.expected.includes(key));
      return;
    }
  });
}

/** A task the client does in the console (roles, developers, the Beta whitelist), not copy or our work they approve. */
function isClientTask(key: ItemKey): boolean {
  const def = itemDef(key);
  return def.owner === 'client' && (def.shape === 'confirmation' || def.shape === 'wechat_ids');
}

const OK_WORD =
  /\b(?:ok|okay|sure|alright)\b|好的|好滴|好嘞|^\s*(?:好|行|嗯)\s*[\p{Extended_Pictographic}\uFE0F\s]*$/iu;

const BARE_YES = /^(?:ok|okay|yes|yep|yeah|sure|好的?|可以|行)[\s!。.~]*$/i;

const INTENT_RANK: readonly Intent[] = ['none', 'done', 'n/a', 'skip', 'help'];

/**
 * The intent of what no keyword named, or a keyword named without a value ("开发者稍后加").
 * "done" and "n/a" then belong to the named items, so they count only when no keyword gave a value.
 */
function intentOfLeftovers(state: State): Intent {
  const namedValue = state.read.some((r) => r.named);
  let intent: Intent = 'none';
  state.segments.forEach((seg, k) => {
    if (seg.item && hasRead(state, k)) return;
    const found = intentOf(state.text.slice(seg.start, seg.end));
    if (namedValue && (found === 'done' || found === 'n/a')) return;
    if (INTENT_RANK.indexOf(found) > INTENT_RANK.indexOf(intent)) intent = found;
  });
  return intent;
}

/** A question's text without its 10-digit runs (merchant IDs, read by the merchant reader). */
function outsideIds(text: string, range: { start: number; end: number }): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let from = range.start;
  for (const m of text.slice(range.start, range.end).matchAll(/(?<!\d)\d{10}(?!\d)/g)) {
    pieces.push({ start: from, end: range.start + m.index });
    from = range.start + m.index + m[0].length;
  }
  pieces.push({ start: from, end: range.end });
  return pieces;
}

/**
 * "Fresh coffee, delivered in 30 minutes. Share it with a friend!" while the sharing copy is asked: the
 * asked item's own word in the middle of its free-text answer is one of the answer's words, not a label.
 * The whole message is then one bare answer.
 */
function isOneFreeAnswer(
  text: string,
  segments: readonly Segment[],
  expected: readonly ItemKey[],
  tokens: readonly Token[],
): boolean {
  const first = expected[0];
  // Copy only (a name's own word is its value: "We use Mixpanel"), and not a reply that denies or defers it.
  if (
    !first ||
    itemDef(first).shape !== 'confirmation_or_text' ||
    tokens.length > 0 ||
    NEGATION.test(text) ||
    saysLater(text)
  )
    return false;
  const hits = segments.flatMap((s) => s.hits);
  if (hits.length === 0 || hits.some((h) => h.item !== null && h.item !== first)) return false;
  const lead = text.slice(0, hits[0]?.start ?? 0);
  return (
    stripFiller(lead).length >= 6 &&
    !/[:=]/.test(lead) &&
    hits.every((h) => !/^\s*[:=]/.test(text.slice(h.end, h.end + 3)))
  );
}

/**
 * "prod  api.x.com  华为云\nstatic 用贵司CDN\nstaging 同上", "all on Azure China East 2, one VM for prod" while the
 * servers are asked: free text whose only keywords are its own item's (prod, staging, 服务器) is one answer, read
 * whole as written — its words say which server, they are not labels that cut it.
 */
function isOneTextAnswer(segments: readonly Segment[], expected: readonly ItemKey[]): boolean {
  const first = expected[0];
  if (!first || itemDef(first).shape !== 'text') return false;
  const hits = segments.flatMap((s) => s.hits).filter((h) => h.item !== null);
  const own = (k: ItemKey) => k === first || (itemDef(first).absorbs ?? []).includes(k);
  return hits.length > 0 && hits.every((h) => h.item !== null && own(h.item));
}

/**
 * Context first: "权限页就写：我们需要获取您的位置，用于为您推荐附近门店", "和服务器那个一样 api.acme.cn，备案 …":
 * while the bot asks for something else, another item's word that needs a label to count and has none
 * ("位置", "重新登录", "服务器") is one of the answer's words. A word that opens the message still names its item.
 */
function isLooseWord(text: string, hit: Hit, expected: readonly ItemKey[]): boolean {
  const first = expected[0];
  if (!first || hit.item === null || expected.includes(hit.item)) return false;
  // "Sensors Data. Server URL https://…" while the analytics platform is asked: an address in a free-text answer is
  // the answer's detail; a whitelist's word there needs its label too (a domain with an ICP number is still read).
  const needsLabel = shapeOf(hit.item).needsLabel || (isWhitelist(hit.item) && itemDef(first).shape === 'name');
  if (!needsLabel || VALUE_WORDS.has(hit.word) || stripFiller(text.slice(0, hit.start)) === '') return false;
  if (opensSentence(text, hit)) return false;
  if (opensStatusClause(text, hit) || refusedAlone(text, hit)) return false;
  if (opensOwnClause(text, hit) || ownClauseStatus(text, hit)) return false;
  return !labels(text.slice(hit.end, hit.end + 24));
}

/** After the item's word, what lets it be the subject of its sentence: a pause, "的话", "那边", "都", "也", "已经"… */
const NAME_THEN = /^(?:\s+(?![A-Za-z])|的话|那边|这边|这块|那块|方面|的事|都|也|已经?|我们|[,:])/;
/** In English, the word after the item's name is its verb or status, not another noun ("Beta build", "Share button"). */
const NAME_THEN_EN =
  /^\s+(?:(?:list|ids?|page|copy|account|messages?|design)\s+)?(?:on\s+(?:40[13]\S*|staging|beta|prod|ios|android)\s+)?(?:(?:is|are|was|were|has|have|had|done|added|approved|confirmed|ok|okay|all|also|too|sorted|tested|works|working|checked|set|in|finished)\b|[—:-])/i;
/** "权限页设计稿 OK 了", "体验版名单都加好了": a Chinese noun after the item's word that only says which part of it. */
const ZH_NOUN_TAIL = /^(?:设计稿|设计(?!师)|文案|页面|名单|列表|那个|这个|那块|这块)/;
/** …or who did it ("error 文案 Claire approved 了", "授权弹窗 HQ 同意用标准的"). */
const NAME_THEN_WHO = /^\s+(?:HQ|IT|[A-Z][a-z]{2,12})\s/;

/**
 * "roles 还在弄。开发者的话 … 都已经绑好了", "server 下周给。error 文案 approved 了": a word that opens a sentence of its own,
 * after another sentence, as its subject, where the sentence says the item is done or does not apply, names its item as
 * a label would. (Not "Sensors Data. Server URL https://…", "开发者工具里预览正常了", "分享一下进度…", "Beta build looks
 * good": the word is not what the sentence is about.) Looked for within 24 characters back and 60 on: linear.
 */
function opensSentence(text: string, hit: Hit): boolean {
  if (hit.item === null) return false;
  let end = -1;
  for (let j = hit.start - 1; j >= Math.max(0, hit.start - 24) && end < 0; j -= 1) if (endsSentenceAt(text, j)) end = j;
  // "401/403 自动重新登录测过了", "权限页设计稿 OK 了": the message's own first sentence counts too.
  const first = end < 0 && hit.start <= 24;
  if (
    (end < 0 && !first) ||
    text
      .slice(end + 1, hit.start)
      .replace(LEAD_WORDS, ' ')
      .trim() !== ''
  )
    return false;
  const after = text.slice(hit.end, hit.end + 60).replace(ZH_NOUN_TAIL, ' ');
  if (!NAME_THEN.test(after) && !NAME_THEN_EN.test(after) && !NAME_THEN_WHO.test(after)) return false;
  let stop = after.length;
  for (let j = 0; j < after.length; j += 1)
    if (endsSentenceAt(after, j)) {
      stop = j;
      break;
    }
  const own = withoutInstructions(after.slice(0, stop));
  // "权限页设计稿 OK 了的话我们就发图标": a condition, not news.
  if (/的话|如果|要是|\bif\b/i.test(own.replace(/^\s*的话/, ''))) return false;
  return saysDone(own) || saysNotApplicable(own);
}

/**
 * "分享标题用「…」，图标也发你邮箱了": a word that opens a clause of its own, the clause saying where that item
 * stands (sent, done, not yet), names its item like a label would.
 */
function opensStatusClause(text: string, hit: Hit): boolean {
  if (hit.item === null || !/[,;。!?\n]\s*$/.test(text.slice(Math.max(0, hit.start - 3), hit.start))) return false;
  const clause = text.slice(hit.end).split(/[,;。!?\n]/)[0] ?? '';
  if (clause.length > 16) return false;
  // A file the client sends (icon, share images, a page design): "done" is that it was sent.
  if (itemDef(hit.item).files === 'upload' && SENT.test(clause) && saysDone(clause)) return true;
  // "；报错文案按你们模板来就行": copy we proposed, approved in a clause of its own.
  if (itemDef(hit.item).shape === 'confirmation_or_text' && USE_OURS.test(clause)) return true;
  // "Sentry OK, relogin on 401/403 OK": what we do, each named with its own OK.
  return itemDef(hit.item).owner === 'agency' && OWN_OK.test(clause);
}

const OWN_OK = /^[^,;]{0,20}?(?:\b(?:ok|okay|yes|fine)|要的?|可以|好的)\s*[\u2705\u{1F44C}]?\s*$/iu;

const USE_OURS = /^(?:也|都)?(?:就)?(?:按|用)(?:你们|你)[^,;。]{0,8}(?:来|做|的)(?:就行|就好|就可以|吧)?$/;

const SENT = /发(?:给|到)?(?:你|您)|发到|(?:上)?传(?:到|了)|\b(?:sent|emailed|uploaded|shared)\b/i;

/**
 * "支付失败：支付未完成…；登录失效：…" while the error copy is asked: another item's word opened a segment that
 * gave that item nothing, and cut the asked copy in two. The copy is then read whole.
 */
function isCopyCutByWords(state: State, segments: readonly Segment[], tokens: readonly Token[]): boolean {
  const first = state.expected[0];
  const shape = first ? itemDef(first).shape : undefined;
  if (!first || (shape !== 'confirmation_or_text' && shape !== 'text') || tokens.length > 0) return false;
  if (!segments.some((s) => s.item !== undefined && s.item !== first)) return false;
  // Free text ("Prod: AWS …, staging & static use yours") may name itself; copy is read whole only unnamed.
  return (
    state.read.length > 0 && state.read.every((r) => r.candidate.fact.key === first && (shape === 'text' || !r.named))
  );
}

/**
 * Context first, inside the asked item's own words: "Open Platform developer verification is still under
 * review" (verification is Open Platform's), "类目：餐饮服务 > …/餐饮服务管理企业" (企业 is part of the category). A
 * word of an item not asked names nothing when it follows the asked item's word in the same phrase (letters and
 * spaces only between), or sits inside the asked item's labelled line glued to the word before it — unless a
 * label follows it.
 */
function isInAskedPhrase(text: string, hit: Hit, expected: readonly ItemKey[], asked: readonly Hit[]): boolean {
  if (hit.item === null || expected.includes(hit.item)) return false;
  if (
    /^[^\s:,;。!?]{0,4}\s*[:=]/.test(text.slice(hit.end, hit.end + 10)) ||
    CHOSEN_AFTER.test(text.slice(hit.end, hit.end + 24))
  )
    return false;
  return asked.some((a) => {
    if (a.end > hit.start) return false;
    const between = text.slice(a.end, hit.start);
    if (between.length <= 16 && /^[A-Za-z\s-]*$/.test(between)) return true;
    const line = /^\s*[:：]([^\n]*)$/.exec(between);
    if (line && /[\u4e00-\u9fa5A-Za-z]$/.test(between) && !/[,;。!?]/.test(line[1] ?? '')) return true;
    // "服务类目 商业服务-企业管理": inside the one word after a name's label, glued to it by its own separator.
    return (
      a.item !== null &&
      shapeOf(a.item).anyText &&
      /^\s*[:：]?\s*[^\s,;。!?:：]+$/.test(between) &&
      /[\u4e00-\u9fa5A-Za-z>/|-]$/.test(between)
    );
  });
}

const CLAUSE_MARK = /[,;。!?\n]/;

/**
 * "模板已经申请下来了" while the SMS template (短信模板) is asked, "data analyst" words while the roles are: a word of an
 * item not asked that is part of an asked item's own name is that item said short; it opens nothing else.
 */
function isPartOfAskedName(hit: Hit, expected: readonly ItemKey[]): boolean {
  if (hit.item === null || expected.includes(hit.item)) return false;
  return expected.some((key) => KEYWORDS[key].some((word) => word !== hit.word && word.includes(hit.word)));
}

/**
 * "管理员 运营 开发 数据分析 体验成员 都加上了" while the roles are asked: another item's word among the names of what the
 * asked item sets up (its record's `members`) is one of those names.
 */
function isMemberWhileAsked(text: string, hit: Hit, expected: readonly ItemKey[]): boolean {
  if (hit.item === null || expected.includes(hit.item)) return false;
  return expected.some((key) => {
    const members = itemDef(key).members;
    return members !== undefined && isAmongNames(text, hit.start, hit.end, members);
  });
}

/** "Our Official Account is verified": a registration or verification word about another account names nothing of ours. */
function isOtherAccountWord(text: string, hit: Hit): boolean {
  if (hit.item !== 'enterprise_account') return false;
  // The clause around the word, looked for within 80 characters each way so a long message stays linear.
  const before =
    text
      .slice(Math.max(0, hit.start - 80), hit.start)
      .split(CLAUSE_MARK)
      .at(-1) ?? '';
  const after = text.slice(hit.start, hit.end + 80).split(CLAUSE_MARK)[0] ?? '';
  return isOtherAccountClause(before + after);
}

/** Items whose word, said of another platform's account ("Alipay mini program ID", `支付宝商户号`), names nothing of ours. */
const PLATFORM_BOUND: ReadonlySet<ItemKey> = new Set(['app_id', 'app_secret', 'merchant_account', 'open_platform']);

/** "Our Alipay mini program ID is 2021…": the word names another platform's ID — nothing to record, nothing to refuse. */
function isOtherPlatformWord(text: string, hit: Hit): boolean {
  if (hit.item === null || !PLATFORM_BOUND.has(hit.item)) return false;
  const before = text.slice(Math.max(0, hit.start - 24), hit.start);
  // The word itself may hold the platform's "ID" ("Alipay mini program ID"): the platform and its kind, read up to the word.
  return namesOtherPlatform(before) || namesOtherPlatform(text.slice(Math.max(0, hit.start - 24), hit.end));
}

/** The kinds of licence before "许可证" that are not the UGC one (the ICP commercial licence is). */
const OTHER_LICENCE =
  /(?:开户|营业|药品经营|食品经营|医疗机构执业|医疗器械经营|卫生|排污|特种行业|道路运输|危险化学品|消防)\s*$/;

export function readMessage(text: string, expected: readonly ItemKey[], correction: boolean): MessageReading {
  // Questions back and quotes of the bot's own examples are never read as answers.
  // IDs are read even inside a question ("商户号是1601234567吗？我看后台写的是这个"); words are not.
  const questions = questionRanges(text);
  // "@Amy 你看下这个 wx… 是不是…？": a question to a colleague is an aside — not even its IDs are answers.
  const aside = isAside(text);
  // A sentence that quotes an example says nothing of the client's own: "我把 SMS_123456789 填进去提示不存在".
  const examples = exampleMentions(text);
  const quoting = sentenceRanges(text).filter((s) => examples.some((e) => e.start >= s.start && e.end <= s.end));
  // "上海市…1266号 这个是你们举例的地址吧": a value the client calls ours is none of theirs.
  const ours = calledOurs(text, sentenceRanges(text));
  const readable = blankAll(text, aside ? sentenceRanges(text) : [...examples, ...quoting, ...ours]);
  const tokens = scanTokens(readable);
  // "加好了 你们看下体验版能不能扫": a word of an item not asked, inside a question back, names nothing.
  const asking = questions.filter((q) => !/\d/.test(readable.slice(q.start, q.end)));
  const askedHits = findHits(readable).filter((h) => h.item !== null && expected.includes(h.item));
  const inQuestion = (hit: Hit) =>
    hit.item !== null && !expected.includes(hit.item) && asking.some((q) => hit.start >= q.start && hit.end <= q.end);
  // "ICP licence 沪ICP备2020029163号-3": a licence word that names the ICP filing number after it is no UGC licence.
  const icpAt = new Set(tokens.filter((t) => t.kind === 'icp').map((t) => t.start));
  // "secret: 840c… (pls don't share)": a keyword in brackets right after a value is a remark on that value.
  const tokenEnds = new Set(tokens.map((t) => t.end));
  const remarksOnValue = (hit: Hit) => {
    const open = /\(([^()]{0,40})$/.exec(readable.slice(Math.max(0, hit.start - 41), hit.start));
    if (!open) return false;
    const at = hit.start - open[0].length;
    const gap = /\s*$/.exec(readable.slice(Math.max(0, at - 4), at))?.[0].length ?? 0;
    return tokenEnds.has(at - gap);
  };
  // "分享文案：首页“附近门店新品上市”": an item's word inside quoted copy is the copy's, not its item.
  const quotes = quotedSpans(readable);
  const inQuotes = (hit: Hit) => quotes.some((q) => q.start < hit.start && hit.end < q.end);
  const namesIcpFiling = (hit: Hit) =>
    hit.item === 'ugc_license' && [0, 1, 2, 3, 4, 5, 6].some((d) => icpAt.has(hit.end + d));
  // "财务说还要补一个开户许可证", "药品经营许可证有的": a licence of another kind (the bank's, a trade's) is no UGC licence.
  const namesOtherLicence = (hit: Hit) =>
    hit.item === 'ugc_license' && OTHER_LICENCE.test(readable.slice(Math.max(0, hit.start - 8), hit.start));
  // "运营和数据分析加了，开发者也加了" (roles asked): the roles reported role by role; 开发者 is the Developer role there.
  const byParts = expected.filter((key) => namesByParts(readable, key));
  const segments = segment(
    readable,
    expected,
    tokens,
    (hit) =>
      !byParts.some((key) => isPartWord(key, hit)) &&
      !namesIcpFiling(hit) &&
      !namesOtherLicence(hit) &&
      !inQuotes(hit) &&
      !remarksOnValue(hit) &&
      !isLooseWord(readable, hit, expected) &&
      !isOtherAccountWord(readable, hit) &&
      !isOtherPlatformWord(readable, hit) &&
      !isPartOfAskedName(hit, expected) &&
      !isMemberWhileAsked(readable, hit, expected) &&
      !(expected.length > 0 && inQuestion(hit)) &&
      // "icon 和分享图都放网盘了": a word in a clause that says only where its item stands is not the asked item's.
      (!isInAskedPhrase(readable, hit, expected, askedHits) || ownClauseStatus(readable, hit) !== undefined),
  );
  const whole = [{ start: 0, end: readable.length, hits: [] }];
  const read = (segs: Segment[]): State => {
    const state: State = {
      text: readable,
      segments: segs,
      expected,
      correction,
      read: [],
      asks: asksBack(readable, questions),
      consumed: [],
      seen: new Set(),
    };
    readTokens(state, tokens);
    state.text = blankAll(
      state.text,
      questions.flatMap((q) => outsideIds(state.text, q)),
    );
    readNamed(state);
    readBare(state);
    return state;
  };
  const first = read(
    isOneFreeAnswer(readable, segments, expected, tokens) || isOneTextAnswer(segments, expected) ? whole : segments,
  );
  const state = isCopyCutByWords(first, segments, tokens) ? read(whole) : first;
  const intent = intentOfLeftovers(state);
  const asked = state.asks && state.read.length === 0 && (intent === 'none' || intent === 'done' || intent === 'n/a');
  return { candidates: state.read.map((r) => r.candidate), intent: asked ? 'help' : intent };
}
