/**
 * Understanding a client's reply: free text in Chinese, English or both → facts about checklist
 * items, plus what the reply means as a whole (an outcome: a question back, later, not yet, n/a,
 * skip X, a list edit, two IDs to choose between).
 *
 *   understand('是企业主体，已经认证了。AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中').facts
 *   // enterprise_account {registered, verified}, app_id 'wx1a2b3c4d5e6f7a8b', merchant_account {status: 'applying'}
 *   understand('加好了', { expected: ['developers'] }) // facts: developers 'done'; intent: 'done'
 *
 * Context first: the reply is read as an answer to the items just asked; other items only from strong
 * evidence (an ID's own shape, an explicit label). Values take the shapes of `ItemValue` (src/checklist/types.ts; docs/corrections.md shows them). What
 * is not valid is reported as an `invalid` fact with a reason (a message key), never turned into a
 * value. A fixed count limit (pages 5, nearby locations 10, service messages 3) is checked here, as storing
 * would; the developer limit depends on verification and is left to rules.validate when stored. How
 * the reading works: parse/pass.ts. Reading is linear in the text, and only the first READ_LIMIT
 * characters of a message are read (`truncated` says so).
 */
import { render } from '../i18n/index.js';
import type { Fact, Intent } from './facts.js';
import { maskSecret, maskSecretsIn } from '../release/secrets.js';
import { acceptsNa, itemDef } from './items.js';
import { exampleMentions } from './parse/examples.js';
import { findHits, isAbsorbed, isPartWord, namesByParts } from './parse/keywords.js';
import { type ListEdit, type ListsOnFile, readEdit } from './parse/edits.js';
import { factDoubts, gateDoubts } from './parse/gate.js';
import { readable } from './parse/readable.js';
import { type Candidate, mergeCandidates } from './parse/merge.js';
import { pointsElsewhere, takesBack } from './parse/no-answer.js';
import { normalizeWithMap, type Normalized, original } from './parse/normalize.js';
import { type Doubt, doubtOf, onlyNamesMarkedDone } from './parse/doubt.js';
import { type Outcome, saysNotYet, skipTarget } from './parse/outcome.js';
import { readMessage } from './parse/pass.js';
import { withoutOtherRefused } from './parse/read-input.js';
import { BIND_WANTED } from './parse/read-text.js';
import { isNotOurs, NOT_REGISTERED, PENDING, registrationIn, saysUnverified } from './parse/read-accounts.js';
import { readWaitingOn, type WaitingOn } from './parse/waiting.js';
import { saysItWorks } from './parse/whitelist.js';
import {
  asksHow,
  defersTheRest,
  hedges,
  isAside,
  isCorrection,
  isOtherOwnerClause,
  saysLater,
  saysNotDone,
  saysDone,
  saysPartMissing,
  saysNotApplicable,
  saysNotThisRelease,
  withoutRetracted,
} from './parse/phrases.js';
import { questionRanges, sentenceRanges } from './parse/sentences.js';
import { inBrackets } from './parse/lists.js';
import { fixedLimitVerdict, type RuleContext, TEMPLATE_ID } from './rules.js';
import { shapeOf } from './shapes.js';
import type { ItemKey, ItemValue, ValueShape } from './types.js';
import { tagged } from './values.js';

export type { ListEdit } from './parse/edits.js';
export type { Outcome } from './parse/outcome.js';

export type { Fact, Intent } from './facts.js';

/** The most characters of one message that are read; the rest is ignored and the client told so. */
export const READ_LIMIT = 20_000;

export interface Understanding {
  facts: Fact[];
  /**
   * What the reply says without naming an item: "稍后" → skip, "不需要" → n/a, "加好了" → done,
   * "在哪里找?" → help. A bare "done"/"n/a" is also a fact for the first asked item that takes it.
   */
  intent: Intent;
  /** The client corrects an earlier answer ("写错了，应该是 …", "actually …"); value facts carry it too. */
  correction: boolean;
  /** What the reply means as a whole; 'answer' when it gave facts. */
  outcome: Outcome;
  /** Changes to a list on file ("再加一个 …", "把 … 删掉"): applied by the conversation, not values. */
  edits: ListEdit[];
  /** "skip X": the item X the client wants to come back to later. */
  skipped?: ItemKey;
  /**
   * A question back: the item it is about (named, or the one asked for a "where do I find it?"); a value said to be
   * elsewhere: the item named, or the one asked.
   */
  about?: ItemKey;
  /** The message was longer than READ_LIMIT: only its head was read. */
  truncated: boolean;
  /** "在等腾讯审核，下周三应该好": the item waits on someone else (until when, as said). */
  waiting?: ItemWaiting;
  /**
   * Readings of the client's own words the reader is not sure of ("运营在整理 等她" as service messages): not
   * facts; the conversation reads them back and records them when the client says yes (outcome 'confirm').
   */
  guesses: Guess[];
}

/** A value read from a reply that also talks about the work: recorded only once the client confirms it. */
export interface Guess {
  key: ItemKey;
  value: ItemValue;
  correction: boolean;
  doubt: Doubt;
}

export interface ItemWaiting extends Omit<WaitingOn, 'at'> {
  key: ItemKey;
}

export interface UnderstandContext {
  /** The items the bot just asked, in order: a bare answer goes to the first whose shape takes it. */
  expected?: readonly ItemKey[];
  /** Lists on file: "把 tom_wang 删掉" edits the one that holds tom_wang, asked or not. */
  lists?: ListsOnFile;
  /**
   * Items with a value on file (settled: not a guess waiting for a yes). A new value for one is the client changing it:
   * the fact check leaves it to the rules, since a guess on an item on file would leave it as it is.
   */
  onFile?: readonly ItemKey[];
}

/** The head of an over-long message, cut at a separator so no entry is read half: all that is read, by every stage. */
export function headOf(text: string): string {
  if (text.length <= READ_LIMIT) return text;
  const head = text.slice(0, READ_LIMIT);
  const cut = Math.max(
    head.lastIndexOf('\n'),
    head.lastIndexOf(','),
    head.lastIndexOf('，'),
    head.lastIndexOf('、'),
    head.lastIndexOf(';'),
  );
  return cut > READ_LIMIT / 2 ? head.slice(0, cut) : head;
}

/** Words the client wrote are kept as written (full-width punctuation and all), not as normalised. */

function asWritten(n: Normalized, fact: Fact): Fact {
  const ugc = fact.kind === 'value' ? tagged(fact.key, fact.value) : undefined;
  if (fact.kind === 'value' && ugc?.kind === 'ugc' && ugc.ugc.licence !== undefined) {
    return { ...fact, value: { ...ugc.ugc, licence: original(n, ugc.ugc.licence) } };
  }
  // "粵ICP備18099887號-1": a filing number as the client wrote it (Traditional characters and all).
  if (fact.kind === 'value' && ugc?.kind === 'whitelist' && ugc.whitelist.icp !== undefined) {
    return { ...fact, value: { ...ugc.whitelist, icp: original(n, ugc.whitelist.icp) } };
  }
  if (fact.kind !== 'value' || !shapeOf(fact.key).anyText) return fact;
  const v = fact.value;
  if (typeof v === 'string' && v !== 'done' && v !== 'n/a')
    // A copy keeps its final stop; a name ("We use Sensors Data.") does not.
    return {
      ...fact,
      value: original(
        n,
        (itemDef(fact.key).shape === 'name' && !/\b(?:co|ltd|inc|corp)$/i.test(v)) || itemDef(fact.key).code?.test(v)
          ? v
          : withFinalStop(n.text, v),
      ),
    };
  if (Array.isArray(v)) return { ...fact, value: v.map((e) => original(n, e)) };
  return fact;
}

/**
 * "管理员和运营者加了，数据分析那个还没": a clause saying "not yet" about this item (or about no item) means it is
 * not done, whatever else the reply says was added. A clause that names only other items ("角色加了，开发者还没加",
 * "roles 加好了 but developer 那边 still pending") is about them; a word the item absorbs (the Data Analyst role's
 * 数据分析 for the roles) is the item's own.
 */
function notYetAbout(text: string, key: ItemKey): boolean {
  // "运营和数据分析加了，开发者那个还没": the roles reported role by role; 开发者 is the Developer role there.
  const byParts = namesByParts(text, key);
  // "developers not yet, waiting for the admin…": a clause naming no item goes on about the one before it.
  let before: ItemKey[] = [];
  return text.split(/[,;。!?\n]|\.(?=\s|$)|\bbut\b|但是|不过|然后|另外/i).some((clause) => {
    const own = findHits(clause).flatMap((h) =>
      h.item === null ? [] : [isAbsorbed(key, h) || (byParts && isPartWord(key, h)) ? key : h.item],
    );
    const named = own.length > 0 ? own : before;
    before = named;
    if (!saysNotYet(clause) && !saysPartMissing(clause)) return false;
    return named.length === 0 || named.includes(key);
  });
}

/**
 * "先不做 以后再加": the item left out of this release is the one named in the sentence that says so ("金流的部分決定先不做"),
 * else — a sentence naming none — the first one asked; an item named in another sentence ("另外附近的小程式…") is not it.
 */
function droppedItem(text: string, expected: readonly ItemKey[]): ItemKey | undefined {
  const own = sentenceRanges(text).find((r) => saysNotThisRelease(text.slice(r.start, r.end)));
  const words = own ? text.slice(own.start, own.end) : text;
  return findHits(words).find((h) => h.item !== null)?.item ?? expected[0];
}

/** The clause (between , ; and sentence ends) around a position. */
function clauseAround(text: string, at: number): string {
  const { start, end } = clauseRange(text, at, CLAUSE_CUT);
  return text.slice(start, end);
}

/** "下单成功通知，排队叫号提醒，会员积分变动，优惠券到期提醒" (limit 3): refused now, as storing it would be. */
function overFixedLimit(fact: Fact, ctx: RuleContext = {}): Fact {
  if (fact.kind !== 'value' || !Array.isArray(fact.value)) return fact;
  const verdict = fixedLimitVerdict(fact.key, fact.value, ctx);
  return verdict && !verdict.ok
    ? { kind: 'invalid', key: fact.key, input: fact.value.join(', '), reason: verdict.reason }
    : fact;
}

/** The verification the message itself states, if any: in the account it gives, else in words alone ("还没认证"). */
function verifiedIn(facts: readonly Fact[], text: string): boolean | undefined {
  for (const fact of facts) {
    if (fact.kind !== 'value') continue;
    const v = tagged(fact.key, fact.value);
    if (v.kind === 'enterprise' && v.account.verified !== undefined) return v.account.verified;
  }
  return saysUnverified(text) ? false : undefined;
}

/** A run that is trying to be a template ID: 36–50 letters, digits, _ and -, with both a letter and a digit. */
const TEMPLATE_ATTEMPT =
  /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{36,50}(?![A-Za-z0-9_-])/g;

/**
 * "<id>\n<id>\n<a 42-character id>" in answer to the template IDs: the reply is the list, and a list with one entry
 * malformed is refused whole (the client sends it again) rather than stored short of that entry. Template IDs given
 * unasked beside other answers are read one by one (the valid one kept, the other refused: fixtures line 77).
 */
function wholeTemplateList(facts: Fact[], expected: readonly ItemKey[], text: string): Fact[] {
  const list = facts.find((f) => f.kind === 'value' && f.key === 'template_ids');
  if (!list || !expected.includes('template_ids')) return facts;
  const bad = [...text.matchAll(TEMPLATE_ATTEMPT)].map((m) => m[0]).filter((t) => !TEMPLATE_ID.test(t));
  if (bad.length === 0) return facts;
  const refused = new Set(facts.flatMap((f) => (f.kind === 'invalid' && f.key === 'template_ids' ? [f.input] : [])));
  const more: Fact[] = bad
    .filter((t) => !refused.has(t))
    .map((t) => ({
      kind: 'invalid',
      key: 'template_ids',
      input: t,
      reason: { key: 'reason.template_id', params: { input: t } },
    }));
  return [...facts.filter((f) => f !== list), ...more];
}

/** Copy that ends the message keeps its full stop ("… please try again."). */
function withFinalStop(text: string, value: string): string {
  const at = text.lastIndexOf(value);
  return at >= 0 && at + value.length === text.length - 1 && /[.!。！]$/.test(text) ? value + text.slice(-1) : value;
}

const ENDS_ASKING = /(?:[?？]|吗|嗎|呢)[\s!！。.~～]*$/;
const ASKS_NEED =
  /需要吗|要不要|需不需要|必须(?:要)?吗|一定要吗|要准备什么|需要(?:准备)?什么|\bdo (?:we|i) (?:need|have to)\b|\bis (?:it|this|that) (?:needed|required|necessary|mandatory)\b|\bwhat do (?:we|i) need\b/i;

/** "个体户能注册企业小程序吗", "can we register it under …?": whether they can is asked; nothing is registered yet. */
const ASKS_CAN =
  /(?:能|可以|能不能|可不可以)(?:注册|申请|开通|认证|办)[^,;。]{0,10}(?:吗|么|[?？])|\b(?:can|could|may) (?:we|i) (?:register|apply|open|get (?:it )?verified|verify)\b/i;

/**
 * "dev IDs 我发在邮件里了", "模板ID发你邮箱了": a "sent" that points at the value elsewhere is done only for an item whose
 * answer is a file (the icon, share images, a page design: `files: 'upload'`); for the others the value is still to come.
 */
function doneElsewhere(text: string, c: Candidate): boolean {
  const fact = c.fact;
  if (fact.kind !== 'value' || fact.value !== 'done' || itemDef(fact.key).files === 'upload') return false;
  // The clause the item's status stands in: "icon 放网盘了，报错文案也看过了" — the copy was read, not sent.
  const clause = clauseAround(text, c.at);
  return pointsElsewhere(clause) && !saysDoneHere(clause);
}

/** Done words other than the pointer ("角色加好了，截图发你邮箱了"): the item is done here too. */
function saysDoneHere(text: string): boolean {
  return text.split(/[,;。!?\n]/).some((clause) => !pointsElsewhere(clause) && saysDone(clause));
}

const THEN_AFTER_QUESTION = /[?？][)）]?\s*(?:那|那就|那我们|then|if so)(?![a-z])/i;

const ASKS_COUNTS =
  /算吗|算不算|属于吗|属不属于|\bdoes (?:this|that|it) count\b|\bis (?:this|that) (?:considered|counted)\b/i;

/**
 * Where a value read at `at` is judged from: the start of its clause when an item's word opens that clause (its own
 * label), else 0 (the whole sentence).
 */
function labelledFrom(text: string, at: number): number {
  if (at <= 0) return 0;
  const start = text.lastIndexOf(',', at - 1) + 1; // (the text is normalised: "，" is ",")
  if (start <= 0) return 0;
  const opening = findHits(text.slice(start, at + 12))[0];
  return opening && opening.item !== null && text.slice(start, start + opening.start).trim() === '' ? start : 0;
}

/** "这次要上线的是预约挂号那个": this release's MP, described. */
const THIS_ONE_ZH = /这次(?:要)?(?:上线|上|做|开发|发布)的是\s*([\u4e00-\u9fa5A-Za-z]{2,10}?)(?:的)?(?:那个|这个)/;
const DESCRIPTION_DOUBTED = /不是|并非|以前|之前|原来|旧|新版|老版|\bnot\b|\bold\b/i;

/**
 * Two App IDs, one of them described as this release's MP ("一个是预约挂号的 wxA，一个是积分商城 wxB，这次要上线的是预约挂号那个"):
 * that one is the answer rather than a question back. Each ID's description is the rest of its own clause; exactly one
 * must hold the words.
 */
function chosenByDescription(text: string, fact: Fact): Fact {
  if (fact.kind !== 'which' || itemDef(fact.key).shape !== 'app_id') return fact;
  const described = THIS_ONE_ZH.exec(text)?.[1];
  // "不是预约的", "以前是预约", "旧版": a description denied, past or of an old version says nothing sure of this one.
  if (!described || DESCRIPTION_DOUBTED.test(text)) return fact;
  const lower = text.toLowerCase();
  const ats = fact.values.map((v) => lower.indexOf(v));
  if (ats.some((at) => at < 0)) return fact;
  const holds = fact.values.filter((v, i) => {
    const at = ats[i] ?? 0;
    const { start, end } = clauseRange(text, at, CLAUSE_CUT, at + v.length);
    return text.slice(start, end).replace(v, ' ').includes(described);
  });
  const pick = holds.length === 1 ? holds[0] : undefined;
  return pick === undefined ? fact : { kind: 'value', key: fact.key, value: pick, correction: false };
}

/** Every clause that hedges ("不确定", "let me double check") is about the verification, and names it. */
function hedgesOnlyVerification(text: string): boolean {
  const clauses = text.split(CLAUSE_CUT).filter((c) => hedges(c));
  return clauses.length > 0 && clauses.every((c) => /认证|認證|\bverif/i.test(c));
}

/** A mark that says not done, not yet or unknown. */
const NOT_DONE_MARK = /[\u274C\u2716\u2717\u23F3\u2753\u2754]/;
const MARK_AFTER = new RegExp(`^\\s*(?:[:：]\\s*)?${NOT_DONE_MARK.source}`);
const MARK_BEFORE = new RegExp(`${NOT_DONE_MARK.source}\\uFE0F?\\s*$`);
/** The message puts its marks before the words ("❌ roles ✅ devs"). */
const MARKS_FIRST = /^\s*[\u2705\u2714\u2611\u274C\u2716\u2717\u23F3\u2753\u2754]/;

/** Whether one of the item's words carries a not-done mark (after it, or before it when the marks come first). */
function markedNotDone(text: string, key: ItemKey): boolean {
  const first = MARKS_FIRST.test(text);
  return findHits(text).some(
    (h) =>
      h.item === key &&
      (first
        ? MARK_BEFORE.test(text.slice(Math.max(0, h.start - 4), h.start))
        : MARK_AFTER.test(text.slice(h.end, h.end + 4))),
  );
}

/** The one asked item a bare "does not apply" is about: it accepts n/a, and the words name no other item. */
function notApplicableAsked(text: string, expected: readonly ItemKey[]): ItemKey | undefined {
  const first = expected[0];
  if (first === undefined || !acceptsNa(itemDef(first)) || questionRanges(text).length > 0) return undefined;
  // The accounts read their own "none" ("没有" merchant account, "不涉及" UGC); "圆角不用加" refuses a detail of the icon;
  // "please host prod on yours" hands the item back rather than refusing it.
  // A custom icon or page "not needed" may keep one of the client's own (their readers judge it).
  if (ACCOUNT_SHAPES.has(itemDef(first).shape) || itemDef(first).custom || HANDS_BACK.test(text)) return undefined;
  if (!saysNotApplicable(withoutOtherRefused(text)) || REFUSES_OTHER.test(text) || FOR_A_TIME.test(text))
    return undefined;
  // "不需要 CDN，就一台", "we don't need a dashboard": the thing refused, named, is not the item.
  const thing = REFUSED_THING.exec(text)?.[1];
  if (thing && !findHits(thing).some((h) => h.item === first)) return undefined;
  return findHits(text).every((h) => h.item === null || h.item === first) ? first : undefined;
}

const ACCOUNT_SHAPES: ReadonlySet<ValueShape> = new Set(['enterprise', 'merchant', 'ugc']);
const HANDS_BACK = /你们的|你们那边|\byours\b/i;
/** "不需要你们买服务器": what we would do refused, not the item. */
const REFUSES_OTHER = /(?:不需要|不用|无需)(?:你们|您)|\b(?:don'?t|do not) need (?:you|your)\b/i;
/** "prod server not needed until launch": refused for a while. */
const FOR_A_TIME = /\buntil\b|\btill\b|上线前|之前不/i;
/** The word a refusal names ("不需要 CDN", "don't need a dashboard"). */
const REFUSED_THING =
  /(?:不需要|不用|不要|\bno|\bdon'?t (?:need|want))\s*(?:a |an |the |any )?(?:(?:third[- ]party|additional|extra|separate|other|more)\s+)*([A-Za-z][\w-]*)/i;

/** A value that says only where the item stands: n/a, or a merchant account with no ID. */
function isStatusOnly(fact: Fact): boolean {
  if (fact.kind !== 'value') return false;
  if (fact.value === 'n/a') return true;
  const v = tagged(fact.key, fact.value);
  return v.kind === 'merchant' && v.account.merchant_id === undefined;
}

/** A status (done, n/a, the account) of an item the bot did not ask about. */
function plannedStatus(fact: Fact, expected: readonly ItemKey[]): boolean {
  if (fact.kind !== 'value' || expected.length === 0 || expected.includes(fact.key)) return false;
  return fact.value === 'done' || fact.value === 'n/a' || tagged(fact.key, fact.value).kind === 'enterprise';
}

type Range = { start: number; end: number };

/** The sentence holding position `at`, if any. */
function rangeAt(sentences: readonly Range[], at: number): Range | undefined {
  return sentences.find((r) => at >= r.start && at < r.end);
}

/** The words of the sentence holding position `at`; the whole text when none does. */
function sentenceAt(text: string, sentences: readonly Range[], at: number): string {
  const s = rangeAt(sentences, at);
  return s ? text.slice(s.start, s.end) : text;
}

/** "…under our company name. verification still pending": whose account it is, said in another sentence, completes it. */
function withRegistration(text: string, fact: Fact): Fact {
  if (fact.kind !== 'value' || fact.key !== 'enterprise_account') return fact;
  const v = tagged(fact.key, fact.value);
  if (v.kind !== 'enterprise' || v.account.registered !== undefined) return fact;
  const registered = registrationIn(text);
  return registered === undefined ? fact : { ...fact, value: { registered, ...v.account } };
}

function isHalfAccount(fact: Fact): boolean {
  if (fact.kind !== 'value') return false;
  const v = tagged(fact.key, fact.value);
  return v.kind === 'enterprise' && v.account.registered === true && v.account.verified === undefined;
}

/**
 * "分享文案：「…」，分享图我们周五给", "share 文案: 「…」 图片 later": copy given in quotes is given; the deferral is about
 * the rest (the images), which the item's file upload takes later. So is copy that runs to the end after its label's
 * colon ("Share title for all pages: Your table is waiting — …"): its words are the copy's, not the client's.
 */
/** "Permission page: still with our designer": words after the label that open with where the item stands are no copy. */
const STATUS_FIRST =
  /^(?:still|not yet|pending|waiting|tbd|to follow|later|in progress|还没|还在|还未|尚未|暂未|待定|等|在等|正在)(?![a-z])/i;

function givenWhole(text: string, fact: Fact): boolean {
  if (fact.kind !== 'value' || typeof fact.value !== 'string' || fact.value.length < 4) return false;
  if (itemDef(fact.key).shape !== 'confirmation_or_text') return false;
  const at = text.indexOf(fact.value);
  if (at <= 0) return false;
  const quoted = /["“「『‘']/.test(text[at - 1] ?? '') && /["”」』’']/.test(text[at + fact.value.length] ?? '');
  const afterColon =
    /[:：]\s*$/.test(text.slice(Math.max(0, at - 3), at)) &&
    text.slice(at + fact.value.length).trim().length <= 1 &&
    !STATUS_FIRST.test(fact.value);
  return quoted || afterColon;
}

/** "…? not sure if that's the right one", "…？不确定": a doubt said right after the sentence that gives the value. */
const DOUBT_AFTER = /^\s*(?:不(?:太|是很)?确定|没(?:有)?把握|(?:i'?m |but )?not (?:100% |totally |entirely )?sure\b)/i;

/**
 * "商户号是 1261… 吗？", "是 wx… 吗": the value itself asked about — a guess, unless the next words say where it was
 * read ("我看后台写的是这个", corpus A).
 */
const ASKED_VALUE = /是\s*([^,;。.!?，；\s]{1,60})\s*吗/g;
const GROUNDED = /写的是|显示的是|就是这个|是这个|\b(?:it says|that'?s what (?:it|the \w+) says)\b/i;

function asksValue(sentence: string, value: string | undefined, next: string): boolean {
  if (value === undefined || GROUNDED.test(next)) return false;
  return [...sentence.matchAll(ASKED_VALUE)].some((m) => (m[1] ?? '').includes(value));
}

/** The words a value is written with, where it has some: a string, a list's first entry, an account's ID. */
function valueWords(fact: Fact): string | undefined {
  if (fact.kind !== 'value') return undefined;
  const v = fact.value;
  if (typeof v === 'string') return v === 'done' || v === 'n/a' ? undefined : v;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return merchantIdOf(fact);
}

function guessed(text: string, sentences: readonly { start: number; end: number }[], c: Candidate): boolean {
  const k = sentences.findIndex((r) => c.at >= r.start && c.at < r.end);
  const s = sentences[k];
  const next = sentences[k + 1];
  const nextWords = next ? text.slice(next.start, next.end) : '';
  const own = s ? text.slice(s.start, s.end) : text;
  return hedges(own) || DOUBT_AFTER.test(nextWords) || asksValue(own, valueWords(c.fact), nextWords);
}

/** "387a…\n这个是公众号的 secret": the clause right after a value that points back at it ("这个是…", "that's …") is about it. */
function pointerAfter(text: string, at: number): string {
  const { end } = clauseRange(text, at, CLAUSE_CUT);
  if (end === text.length) return '';
  const next = clauseAround(text, end + 1);
  return POINTS_BACK.test(next) ? ` ${next}` : '';
}
const POINTS_BACK = /^\s*(?:这个|这|那个|那)(?:是|就是)|^\s*(?:that|this|it)(?:'s| is| one is| was)\b/i;

/** Where the value read stands in the text (a candidate's `at` may be its segment's start). */
function valueAt(text: string, c: Candidate): number {
  const first = valueWords(c.fact);
  const at = first ? text.indexOf(first, c.at) : -1;
  return at >= 0 ? at : c.at;
}

/** The merchant ID a fact gives, if any: where it stands in the message tells whose it is. */
function merchantIdOf(fact: Fact): string | undefined {
  if (fact.kind !== 'value') return undefined;
  const v = tagged(fact.key, fact.value);
  return v.kind === 'merchant' ? v.account.merchant_id : undefined;
}

/**
 * "商户号 1823846109\n不好意思 发错了 是 1823846190": the reader sees one line at a time, so a merchant ID ruled out by
 * the words on the next line ("sorry, wrong one") is judged again in the whole message.
 */
function merchantIdRuledOut(text: string, c: Candidate): boolean {
  const id = merchantIdOf(c.fact);
  const at = id === undefined ? -1 : text.indexOf(id, c.at);
  return id !== undefined && at >= 0 && isNotOurs(text, at, at + id.length);
}

function underReview(text: string, sentences: readonly Range[], c: Candidate): Candidate {
  const fact = c.fact;
  if (fact.kind !== 'value') return c;
  const v = tagged(fact.key, fact.value);
  if (v.kind !== 'merchant' || v.account.status !== 'active' || v.account.merchant_id === undefined) return c;
  if (!PENDING.test(withoutRetracted(sentenceAt(text, sentences, c.at)))) return c;
  return { ...c, fact: { ...fact, value: { status: 'applying', merchant_id: v.account.merchant_id } } };
}

const UNDECIDED =
  /\b(?:deciding|discussing|thinking about|not sure|undecided)\b[^.;]{0,12}\b(?:whether|if)\b[^.;]{0,16}\b(?:take|accept|enable|open|need|use|do)\b[^.;]{0,12}\b(?:wechat pay|payments?)\b|(?:还在(?:考虑|讨论|商量|想)|还没(?:决定|想好|定))(?:要不要|是否|做不做|开不开)[^,;。]{0,6}(?:支付|收款|微信支付|商户)/i;

/** A merchant account's status without its number, or its n/a: what the client says of it, not an account given. */
function merchantStatusOnly(fact: Fact): boolean {
  if (fact.kind === 'value' && fact.key === 'merchant_account' && fact.value === 'n/a') return true;
  const v = fact.kind === 'value' ? tagged(fact.key, fact.value) : undefined;
  return v?.kind === 'merchant' && v.account.merchant_id === undefined;
}

function isNa(fact: Fact): boolean {
  return fact.kind === 'value' && fact.value === 'n/a';
}

function isCopy(fact: Fact): boolean {
  return fact.kind === 'value' && shapeOf(fact.key).anyText && fact.value !== 'done' && fact.value !== 'n/a';
}

/**
 * "商户号在等银行，下周三下来": the item named where the waiting is said, else the first one asked. An item
 * the reply gives a value for is answered, not waiting (merchant "申请中" is both, and keeps its date).
 */
function waitingOf(text: string, expected: readonly ItemKey[], facts: Fact[]): ItemWaiting | undefined {
  const on = readWaitingOn(text);
  if (!on) return undefined;
  const clauseStart = Math.max(0, ...[',', ';', '。', '\n'].map((c) => text.lastIndexOf(c, on.at) + 1));
  const clauseEnd = [',', ';', '。', '\n'].map((c) => text.indexOf(c, on.at)).filter((i) => i >= 0);
  const clause = text.slice(clauseStart, clauseEnd.length > 0 ? Math.min(...clauseEnd) : text.length);
  const key = findHits(clause).find((h) => h.item !== null)?.item ?? expected[0];
  if (!key) return undefined;
  const value = facts.find((f) => f.key === key && f.kind === 'value');
  const held = value?.kind === 'value' ? tagged(key, value.value) : undefined;
  const applying = held?.kind === 'merchant' && held.account.status === 'applying';
  if (value && !applying) return undefined;
  return on.when ? { key, party: on.party, when: on.when } : { key, party: on.party };
}

/**
 * "App icon ✅", "圖示已經換咗新嘅", "错误提示全部确认", "copy & images are in the Figma — approved": for an item that is
 * done or given in words (copy, the icon), words that only report it done are "done", not its text. Quoted or
 * labelled words are the copy itself.
 */
function doneSaid(text: string, fact: Fact): Fact {
  if (fact.kind !== 'value' || itemDef(fact.key).shape !== 'confirmation_or_text') return fact;
  const words = clientWords(fact.value);
  // "App icon ✅ 开发者也加好了": the icon's name and a done mark, not text for it.
  const said = words === undefined ? -1 : text.indexOf(words);
  if (said >= 0 && onlyNamesMarkedDone(clauseAround(text, said))) return { ...fact, value: 'done' };
  if (words === undefined || TOKEN_VALUE.test(words) || QUOTE_MARK.test(words) || NOT_DONE.test(words)) return fact;
  // "老板要亲自确认 我先发给他" reports work to come, not work done: it stays words, for the guess below.
  if (doubtOf(words, doubtsFor(fact.key)) !== undefined) return fact;
  const at = text.indexOf(words);
  if (at > 0 && LABEL_END.test(text.slice(0, at))) return fact;
  return DONE_WORDS.test(words) ? { ...fact, value: 'done' } : fact;
}

/** "Share copy 和 icon 都在附件里了": words that end in "and" name the item, and share the next one's predicate. */
const ENDS_JOINED = /(?:^|\s|[\u4e00-\u9fff])(?:和|跟|与|及|以及|\band|&)\s*$/i;

/**
 * The item named before "and" is done when the one after it is ("copy 和 icon 都…了", "Icon and share images are in the
 * Dropbox folder"); words of its own that end in "and" are no value.
 */
function sharedDone(text: string, facts: Fact[]): Fact[] {
  // "share copy and icon: icon attached, copy tomorrow": a part put off or not done yet shares nothing.
  const putOff = text.split(/[,;。!?\n]/).some((clause) => saysLater(clause) || saysNotYet(clause));
  const doneKeys = new Set(
    putOff ? [] : facts.flatMap((f) => (f.kind === 'value' && f.value === 'done' ? [f.key] : [])),
  );
  const out = facts.flatMap((f): Fact[] => {
    if (f.kind !== 'value' || !shapeOf(f.key).confirms) return [f];
    const words = clientWords(f.value);
    if (words === undefined || !ENDS_JOINED.test(words)) return [f];
    return doneKeys.size > 0 ? [{ ...f, value: 'done' }] : [];
  });
  if (doneKeys.size === 0) return out;
  const hits = findHits(text).filter((h) => h.item !== null);
  hits.forEach((h, i) => {
    const next = hits[i + 1];
    const key = h.item;
    if (!key || !next?.item || next.item === key || !doneKeys.has(next.item) || !shapeOf(key).confirms) return;
    if (out.some((f) => f.key === key) || !JOINER_ONLY.test(text.slice(h.end, next.start))) return;
    const shared = out.find((f) => f.key === next.item);
    const correction = shared?.kind === 'value' ? shared.correction : false;
    out.push({ kind: 'value', key, value: 'done', correction });
  });
  return out;
}
const JOINER_ONLY = /^\s*(?:[A-Za-z]+\s+)?(?:和|跟|与|及|以及|and|&)\s*$/i;

/**
 * "Adobe Analytics and our prod server is on Alibaba Cloud", "…；附近门店就是我们5家酒店": a name or a list entry that goes
 * on into another item's word and what is said of it ("server is", "门店就是") has run over into that item. A name or
 * an entry ends before it; a list with an entry that is all another item's is not recorded (asked again).
 */
function withinItsItem(fact: Fact): Fact[] {
  if (fact.kind !== 'value' || !RUN_OVER_SHAPES.has(itemDef(fact.key).shape)) return [fact];
  // "prod server is": the cut goes back over the item's words just before ("prod" of "prod server"). Words in
  // brackets are the entry's own remark ("Store locator (address is pulled from our API)").
  const cutAt = (s: string): number => {
    const hits = findHits(s);
    const at = hits.findIndex(
      (h) =>
        h.item !== null &&
        h.item !== fact.key &&
        h.start > 0 &&
        !isAbsorbed(fact.key, h) &&
        !inBrackets(s, h.start) &&
        SAID_OF.test(s.slice(h.end)),
    );
    let first = hits[at];
    for (let i = at - 1; first !== undefined && i >= 0; i -= 1) {
      const h = hits[i];
      if (h?.item === first.item && /^\s?$/.test(s.slice(h.end, first.start))) first = h;
    }
    return first?.start ?? -1;
  };
  const cut = (s: string) => {
    const at = cutAt(s);
    return at < 0 ? s : s.slice(0, at).replace(RUN_OVER_JOINT, '');
  };
  const v = fact.value;
  if (Array.isArray(v)) {
    // An entry that is all another item's ("…；附近门店就是我们5家酒店") means the list ran over: asked again.
    const entries = v.map(cut);
    return entries.some((e) => e === '') ? [] : [{ ...fact, value: entries }];
  }
  if (typeof v !== 'string' || v === 'done' || v === 'n/a') return [fact];
  const name = cut(v);
  return name === '' ? [] : [{ ...fact, value: name }];
}
const RUN_OVER_SHAPES: ReadonlySet<ValueShape> = new Set<ValueShape>([
  'name',
  'pages',
  'locations',
  'service_messages',
]);
const SAID_OF = /^\s*(?::|=|是|为|就是|\bis\b|\bare\b|\bwill be\b)/i;
const RUN_OVER_JOINT = /[\s,;、—–-]*(?:(?:and|&|our|the|我们的?|和|及|还有|另外|以及|然后)[\s,;、—–-]*)*$/i;

const QUOTE_MARK = /["“”「」『』‘’]/;
const NOT_DONE = /没|沒|未|不|\bnot?\b|n't\b/i;
const DONE_WORDS =
  /[✅✔☑👌]|已經?|已经?|好了|完成|搞定|确认|確認|换了|換咗|传了|傳咗|上传了|发了|改好|弄好|做好|看过了|过目了|approve\s*了|\b(?:done|approved|uploaded|sent|confirmed|all good|looks good|lgtm|finali[sz]ed|attached)\b|^\W*go ahead\W*$|\bgo ahead with (?:the|your|it|that|this)\b|(?:^\s*|\b(?:is|are|all|it'?s|they'?re)\s+(?:now |all |both )?)in (?:the |our |my )?(?:dropbox|google drive|shared drive|drive|folder|attachments?|email|inbox|figma|doc)\b|在\s*(?:attachment|附件|网盘|群文件|文件夹)\s*(?:里|中)|见附件|\[文件\]?/i;

/**
 * Why a value read from the client's own words (free text, copy, a word list) is not sure: the reply talks about
 * the work as well (parse/doubt.ts). IDs, statuses and labelled tokens are judged by their own readers.
 */
function doubtAbout(
  text: string,
  sentences: readonly Range[],
  fact: Extract<Fact, { kind: 'value' }>,
): Doubt | undefined {
  if (fact.value === 'done') return doneDoubt(text, sentences, fact.key);
  // "还是会跳到空白页，没有重新登录": a failure reported is no "does not apply".
  // ("不需要短信，之前接过一次失败了": a failure after the n/a is its reason.)
  if (fact.value === 'n/a') return FAILED.test(upToItemClause(text, sentences, fact.key)) ? 'problem' : undefined;
  if (!shapeOf(fact.key).anyText) return tokenDoubt(text, fact);
  const words = clientWords(fact.value);
  if (words === undefined || TOKEN_VALUE.test(words)) return undefined;
  const first = Array.isArray(fact.value) ? (fact.value[0] ?? '') : words;
  const at = first === '' ? -1 : text.indexOf(first);
  const sentence = rangeAt(sentences, at);
  // A value not found as such in the words (spaces normalised, cut short) is judged by the whole reply.
  const around = sentence ? text.slice(sentence.start, sentence.end) : text;
  // What follows the client's own label is the value as meant, unless the label talks about a change ("门店地址加一个：").
  const lead = sentence && at > sentence.start ? text.slice(sentence.start, at) : '';
  // "改成：首页、门店、会员" restates the whole value; "再加一个：…" / "门店地址加一个：…" adds to one the reader cannot see.
  if (LABEL_END.test(lead))
    return RESTATED.test(lead)
      ? (doubtOf(words, ['change']) ?? doubtOf(around, ['question']))
      : (doubtOf(lead, ['question', 'change']) ?? doubtOf(around, ['question']));
  // "要的话就用门店照片吧": a reply that opens on a condition sets none of it yet; "…，等证下来再选" plans the choice.
  const copy = itemDef(fact.key).shape === 'confirmation_or_text';
  const opens = OPENS_ON_CONDITION.test(text) ? 'condition' : undefined;
  return (
    doubtOf(words, doubtsFor(fact.key)) ?? doubtOf(around, copy ? ['question'] : ['question', 'condition']) ?? opens
  );
}

const OPENS_ON_CONDITION =
  /^\s*(?:如果|要是|假如)?(?:要|需要|有需要)的话|^\s*(?:if (?:needed|you need|necessary|required))\b/i;

/**
 * "是这个吗 wx3ba7…？", "is 1717112971 the merchant id or the 子商户号?", "does form.example.cn need whitelisting?": an
 * ID, number or domain in a clause that asks is asked about — read back to the client, not recorded. Asking us to
 * check it ("appid 是 wx… 你看下对不对") gives it.
 */
function tokenDoubt(text: string, fact: Extract<Fact, { kind: 'value' }>): Doubt | undefined {
  if (!ASKED_TOKEN_SHAPES.has(itemDef(fact.key).shape)) return undefined;
  const token = tokenOf(fact.value);
  if (token === undefined) return undefined;
  const at = text.toLowerCase().indexOf(token.toLowerCase());
  if (at < 0) return undefined;
  // A voice message runs on without a mark: only the words near the value are its clause. The question is about the
  // value when it comes before it ("是这个吗 wx…？", "is 16… the …?") or right after it ("1601234567吗？"); one after it
  // asks something else ("AppID wx… 收到吗", "do you also need the secret?").
  const clause = askingClause(text, at, token.length);
  const before = clause.slice(0, Math.max(0, clause.toLowerCase().indexOf(token.toLowerCase())));
  if (IDENTITY_AFTER.test(text.slice(at + token.length))) return 'question';
  // "appid是wx什么来着 我看一下哦 wx6f… 对就是这个": the client asked themself, and answers.
  if (SELF_ANSWERED.test(text.slice(at + token.length, at + token.length + 12))) return undefined;
  const said = before.replace(CHECK_IT, ' ');
  if (ASKS.test(said.trim())) return 'question';
  // "Can we use the ICP filing of our Tmall shop (浙ICP备…) for the whitelist?", "vinoterra.fr 没有备案 能加白名单吗":
  // the sentence holding the value asks whether it may be used.
  const sentence = sentenceAt(text, sentenceRanges(text), at);
  // (For a whitelist, the question must be about adding it, or hold no domain: "域名是 x.com 但是备案是用朋友公司备的，可以吗"
  // gives the domain and asks about the filing.)
  const whitelist = tagged(fact.key, fact.value);
  const aboutAdding =
    whitelist.kind === 'whitelist' && (WHITELISTING.test(sentence) || (whitelist.whitelist.domains?.length ?? 0) === 0);
  const asking =
    (OPENS_QUESTION.test(sentence) || (aboutAdding && ENDS_ASKING.test(sentence))) && !REQUEST.test(sentence);
  if (asking && sentence.replace(CHECK_IT, ' ') === sentence) return 'question';
  return doubtOf(said, ['question']);
}

const WHITELISTING = /白名单|\bwhitelist|加|\badd\b/i;
/** "Can we …", "Is it …", "能不能…": a sentence that opens as a question. */
const OPENS_QUESTION =
  /^\s*(?:can|could|may|should|shall|is|are|do|does|would)\s+(?:we|i|it|this|that|they)\b[^.!?]*\?|^\s*(?:能不能|可不可以|是不是)[^。!！]*(?:[?？]|吗)/i;
/** "麻烦把 … 加一下白名单吗？", "你们加一下吧？", "could you add …?": a request to act, not a question about the value. */
const REQUEST =
  /麻烦(?!问|确认)|请(?!问|帮忙确认|确认)|(?<![请])帮(?:忙|我们)?(?!问|确认|看看能不能)|你们[^。?？]{0,6}加(?![^。?？]{0,6}(?:吗|不))|\bplease\b(?! (?:confirm|tell|let me know|check whether))|\b(?:could|can|would) you\b(?! (?:tell|confirm|check whether|let me know))/i;

/** "1601234567吗？", "wx…？", "wx… 对吗": the value itself asked about, right after it. */
const IDENTITY_AFTER =
  /^[^,，。;；!！?？]{0,12}(?:能不能用|可不可以用|能用吗|可以用吗|行不行|行吗)|^\s*(?:吗|嗎|么|吧)?\s*[?？]|^\s*(?:吗|嗎)(?=\s|$|[,，。])|^\s*(?:是吗|是不是|对吗|對嗎|对不对)\s*[?？]?\s*$/;
const SELF_ANSWERED =
  /^\s*(?:对|對|嗯)?[,，\s]*(?:就是(?:这个|這個|它)|没错|沒錯)|^\s*(?:yes|yep)?[,\s]*(?:that'?s (?:it|the one))\b/i;

/** "昨天晚上已经传了": a time already past says when it was done, not when it will be. */
const PAST_TIME =
  /(?:昨天|昨晚|前天|今天|今早|刚才|刚刚|上周|上星期|上个?月)(?:早上|上午|中午|下午|晚上)?|\b(?:yesterday|last (?:night|week|month)|this morning|earlier today)\b/gi;

/** (Not the Open Platform's: its App ID and secret are one answer, and a secret is never a guess.) */
const ASKED_TOKEN_SHAPES: ReadonlySet<ValueShape> = new Set<ValueShape>([
  'app_id',
  'merchant',
  'url_whitelist',
  'template_ids',
]);
/** "你看下对不对", "帮我看看有没有问题", "can you check it's right?": the client asks us to check what they give. */
const CHECK_IT =
  /(?:你们?|帮我|帮忙|麻烦)?(?:那边)?(?:看(?:一)?下|看看|检查(?:一)?下|核对(?:一)?下)?(?:对不对|对吗|对不|有没有问题|有没有错|是否正确)[哈啊呀吧]?[?？]?|\b(?:is (?:it|this|that) )?(?:right|correct)\s*\?|\bcan you (?:check|verify)\b[^?]*\??|\banything else\s*\??|还有(?:别的|其他)(?:的)?吗[?？]?/gi;

/** The first ID, number or domain a structured value holds. */
function tokenOf(value: ItemValue): string | undefined {
  if (typeof value === 'string') return value === 'done' || value === 'n/a' ? undefined : value;
  if (Array.isArray(value)) return value[0];
  const v = value as Partial<Record<'app_id' | 'merchant_id' | 'icp', string>> & { domains?: string[] };
  return v.app_id ?? v.merchant_id ?? v.domains?.[0] ?? v.icp;
}

/** The clause around a value, with the mark that ends it ("…子商户号?" keeps its "?"), at most 20 characters each side. */
function askingClause(text: string, at: number, length: number): string {
  const { start, end } = clauseRange(text, at, ASKING_CUT, at + length);
  const closed = end < text.length ? end + 1 : end;
  return text.slice(Math.max(start, at - 20), Math.min(closed, at + length + 20));
}

/**
 * "can you confirm?", "we'll decide on it after the design", "OK 的，但是 403 的时候会弹两次": "done" read from a
 * sentence that asks, plans or reports a problem is read back to the client, not recorded. Asking us to check the
 * work ("你们看一下有没有问题", "你们开发看下有没有收到邀请") reports it done, and so does a rhetorical "不是已经加了吗".
 */
function doneDoubt(text: string, sentences: readonly Range[], key: ItemKey): Doubt | undefined {
  const named = findHits(text).find((h) => h.item === key);
  // Unnamed ("加好了，截图明天发你", "done. if anything breaks let me know"), the reply's first sentence and clause say it.
  const sentence = sentenceAt(text, sentences, named?.start ?? 0);
  const said = (words: string) =>
    words.replace(CHECK_IT, ' ').replace(ASKS_US_TO_LOOK, ' ').replace(RHETORICAL, ' ').replace(PAST_TIME, ' ');
  const saidInSentence = said(sentence);
  // A problem is the item's own when its clause reports it ("权限页ok，报错文案也ok" reports none for the page).
  const clause = said(numberedClause(text, sentences, named?.start ?? 0));
  // "can you confirm?" about our own work asks us; about the client's ("麻烦你们确认一下邀请") asks us to check theirs.
  const ours = itemDef(key).owner === 'agency';
  if (ASKS.test(saidInSentence.trim()) || (ours && CONFIRM_ASKED.test(text))) return 'question';
  // "relogin 的逻辑是 OK 的，但是 403 的时候会弹两次授权": OK, but a failure after it.
  // "roles are done but we only added 5 of them": done in part is not done.
  const but = BUT_THEN.exec(sentence);
  if (but && (FAILED.test(sentence.slice(but.index)) || PARTLY.test(sentence.slice(but.index)))) return 'problem';
  if (doubtOf(saidInSentence, ['condition'])) return 'condition';
  if (DONE_LATER.test(clause)) return 'time';
  // "added 1 of 2": done in part, said as a count.
  return FAILED.test(clause) || PART_COUNT.test(clause) ? 'problem' : undefined;
}
const PART_COUNT = /\b(\d+) (?:of|out of) (?!\1\b)\d+\b/i;

/** The sentence naming the item (else the first), up to the end of the item's clause. */
function upToItemClause(text: string, sentences: readonly Range[], key: ItemKey): string {
  const at = findHits(text).find((h) => h.item === key)?.start ?? 0;
  const start = rangeAt(sentences, at)?.start ?? 0;
  return text.slice(start, Math.max(clauseRange(text, at, NUMBERED_CUT).end, at));
}

/** Where clauses end: full- and half-width marks; a numbered point ("1) roles done 2) …") is a clause of its own. */
const NUMBERED_CUT = /[,，;；。\n!！?？]|\s(?=\(?\d{1,2}[).、]\s?)/g;
/** (Around a value: half-width marks only, as the text is normalised.) */
const CLAUSE_CUT = /[,;。\n!?]|\.(?=\s)/g;
/** (For a question around a value: a full stop before a space ends one too.) */
const ASKING_CUT = /[,，;；。\n!！?？]|\.(?=\s)/g;

/** The clause holding [at, end): from after the last `cut` mark before `at` to the first at or after `end` (excluded). */
function clauseRange(text: string, at: number, cut: RegExp, end = at): Range {
  let start = 0;
  for (const m of text.slice(0, at).matchAll(cut)) start = m.index + 1;
  const next = text.slice(end).search(cut);
  return { start, end: next < 0 ? text.length : end + next };
}

/**
 * The clause at `at`, within its sentence when the sentence beside it names another item: "Roles done. Template IDs
 * tomorrow.", "The secret I'll send later. Roles are all added." — that sentence's deferral is the other item's.
 * ("Developers added. zhang_wei88 not found": a sentence that names no item goes on about the same one.)
 */
function numberedClause(text: string, sentences: readonly Range[], at: number): string {
  const { start, end } = clauseRange(text, at, NUMBERED_CUT);
  const own = rangeAt(sentences, at);
  if (!own) return text.slice(start, end);
  const words = text.slice(own.start, own.end);
  const from = own.start > start && namesOtherItem(text.slice(start, own.start), words) ? own.start : start;
  const to = own.end < end && namesOtherItem(text.slice(own.end, end), words) ? own.end : end;
  return text.slice(from, to);
}
function namesOtherItem(words: string, own: string): boolean {
  const item = findHits(own).find((h) => h.item !== null)?.item;
  const other = findHits(words).find((h) => h.item !== null)?.item;
  return other !== undefined && other !== item;
}

/** "你们看下体验版能不能扫", "你们开发看下有没有收到邀请": the client asks us to look at work they report done. */
const ASKS_US_TO_LOOK = /你们?[^,，。;；?？]{0,4}(?:看|试|测|检查|核对)(?:一)?下[^,，。;；?？]*[?？]?/g;
/** "不是已经加了吗": a rhetorical question says it is done. */
const RHETORICAL = /不是(?:已经|都)?[^,，。;；?？]{0,8}了(?:吗|嘛)[?？]?/g;
/** "can you confirm?", "请帮忙确认一下": the client asks us to confirm it — it is not done on their word. */
const CONFIRM_ASKED = /\b(?:can|could) you (?:please )?confirm\b|\bplease confirm\b|(?:帮忙|麻烦|请)(?:你们)?确认一下/i;
const BUT_THEN = /但是|不过|可是|\bbut\b/i;
/** A question in so many words: a mark, a particle, or a sentence that opens asking. */
const ASKS =
  /[?？]|[吗嗎](?=[\s,.!~。，！]|$)|是不是|要不要|能不能|可不可以|对不对|需不需要|是否|^(?:can|could|should|shall|do|does|did|is|are)\b/i;
/** A plan or a time still to come: the work is not done yet. */
const DONE_LATER =
  /明天|后天|下周|下星期|下个?月|周末|稍后|晚点|回头|过几天|改天|再(?:定|决定|说|看)|等[^,，。;；]{1,20}再|\b(?:tomorrow|later|next (?:week|month)|this weekend|soon|decide|will|going to|gonna|'ll)\b/i;
/** "only 5 of them", "只加了两个", "skipped the analyst one": a part of the work done. */
const PARTLY = /\bonly\b|\bso far\b|\bskipped\b|\bexcept\b|只(?:加|添加|弄|做|有)了?|除了|少了|没加/i;
/** The work failing, in so many words. */
const FAILED =
  /失败|不行|没法|无法|没反应|没弹|不弹|弹不出|白屏|加不上|搜不到|找不到|没加上|没成功|查无此人|闪退|空白页|弹两次|还是会|\b(?:fail\w*|doesn'?t work|not working|broken|(?:didn'?t|did not) (?:show|work|appear|pop|go through|get through|save|stick)|(?:user |account )?not found|does(?:n'?t| not) (?:show|appear|pop)|crash\w*)\b/i;

/**
 * Copy ("请稍后再试", "改成「同意并继续」") may say anything about time or changes, and error copy is about failures:
 * for copy, only talk about the work, a question or (but in error copy) a problem report makes a reading unsure.
 */
function doubtsFor(key: ItemKey): readonly Doubt[] | undefined {
  if (itemDef(key).shape !== 'confirmation_or_text') return undefined;
  return itemDef(key).aboutFailures ? ['question', 'process'] : ['question', 'process', 'problem'];
}

/** A code of its own shape (an SMS template's SMS_123): read by its shape, not from the words around it. */
const TOKEN_VALUE = /^SMS_\d+$/i;
/** The client's own label just before the value ("分享文案：", "Prod server -"). */
const LABEL_END = /[:：=]\s*["“「『‘']?\s*$/;
const RESTATED =
  /(?:改成|改为|换成|改一下|换一下|\bchanged|\bchange (?:it |them )?to|\bshould be|\bnow)\s*[:：=]\s*["“「『‘']?\s*$/i;

/** The client's words a value is made of (a list's entries joined), or undefined for done / n/a / structured values. */
function clientWords(value: ItemValue): string | undefined {
  if (Array.isArray(value)) return value.join(' , ');
  if (typeof value !== 'string' || value === 'done' || value === 'n/a') return undefined;
  return value;
}

function outcomeOf(
  facts: Fact[],
  intent: Intent,
  text: string,
  edits: ListEdit[],
  skipped: ItemKey | undefined,
  waiting: ItemWaiting | undefined,
): Outcome {
  if (facts.some((f) => f.kind === 'which')) return 'ask_which';
  if (waiting && !facts.some((f) => f.kind !== 'invalid')) return 'waiting';
  if (
    facts.some((f) => f.kind === 'value' && f.value === 'n/a') &&
    !facts.some((f) => f.kind === 'value' && f.value !== 'n/a')
  )
    return 'n/a';
  if (facts.some((f) => f.kind !== 'invalid')) return 'answer';
  if (edits.length > 0) return 'edit';
  if (skipped) return 'skip';
  if (intent === 'help') return 'question';
  if (facts.length > 0) return 'answer';
  // "dev IDs 我发在邮件里了", "same as last time, you have it": the value is somewhere this thread cannot see.
  if (pointsElsewhere(text)) return 'elsewhere';
  if (intent === 'skip') return saysNotYet(text) ? 'not_yet' : 'later';
  if (intent === 'n/a') return 'n/a';
  return 'none';
}

/**
 * The whitelist check asks "open the Beta once and reply done" (reminders/firing.ts): while it is asked, "the beta
 * works", "体验版打开正常" answer it — the Beta named there is where the client looked, not the Beta whitelist.
 */
function checkAnswered(
  facts: Fact[],
  expected: readonly ItemKey[],
  text: string,
  intent: Intent,
  plain: boolean,
): Fact[] {
  const check = expected.find((k) => itemDef(k).waitHours !== undefined);
  if (!check || !plain || saysNotDone(text)) return facts;
  const place = itemDef(check).checkedIn;
  const rest = facts.filter((f) => !(f.kind === 'value' && f.key === place && f.value === 'done'));
  // "whitelist 已经生效了，体验版 ok ✅", "request domain cdn.acme.cn too. Beta ok": the Beta is only where it was looked at —
  // unless the words are of its testers ("体验者都加好了").
  if (rest.some((f) => f.kind === 'value' && f.key === check) && !TESTERS.test(text)) return rest;
  if (rest.length > 0 || (intent !== 'done' && rest.length === facts.length && !saysItWorks(text))) return facts;
  return [{ kind: 'value', key: check, value: 'done', correction: false }];
}

/** The Beta whitelist's members, not the Beta itself: "体验者", "体验成员", "testers", "名单". */
const TESTERS = /体验者|体验成员|(?<!白)名单|\btesters?\b/i;

/** A word a WeChat ID could be: a letter, then 6–20 letters, digits, _ or -, with a digit, _ or -. */
const WECHAT_ID_LIKE = /(?<![\w-])[A-Za-z](?=[A-Za-z]*[\d_-])[-_A-Za-z0-9]{5,19}(?![\w-])/;

/** What a client's reply says: the rules' reading, then the gate's and the fact check's doubts about it (parse/gate.ts). */
export function understand(raw: string, ctx: UnderstandContext = {}): Understanding {
  return readReply(raw, ctx, true);
}

/**
 * The rules' reading alone, without the gate or the fact check: what each rule reads, pinned down by the reader's own tests. The bot
 * never records from it; `understand` does.
 */
export function readByRules(raw: string, ctx: UnderstandContext = {}): Understanding {
  return readReply(raw, ctx, false);
}

function readReply(raw: string, ctx: UnderstandContext, gated: boolean): Understanding {
  const expected = ctx.expected ?? [];
  const head = headOf(raw);
  const n = normalizeWithMap(head);
  const text = readable(n.text);
  const correction = isCorrection(text);
  if (isAside(text))
    return {
      facts: [],
      intent: 'none',
      correction: false,
      outcome: /[?？]/.test(text) ? 'question' : 'none',
      edits: [],
      guesses: [],
      truncated: head.length < raw.length,
    };
  const reading = readMessage(text, expected, correction);
  let candidates = reading.candidates;
  let intent = reading.intent;
  // "Prod server n/a — you host everything", "唔需要第三方分析": the reply says "does not apply", names no other item and
  // the readers took nothing from it — it is the asked item that does not apply.
  const naOf = candidates.length === 0 && intent === 'n/a' ? notApplicableAsked(text, expected) : undefined;
  if (naOf) candidates = [{ fact: { kind: 'value', key: naOf, value: 'n/a', correction }, at: 0 }];
  const edit = readEdit(text, expected, ctx.lists);
  const edits: ListEdit[] = [];
  if (edit) {
    edits.push(edit);
    candidates = candidates.filter((c) => c.fact.key !== edit.key);
  }
  let skipped: ItemKey | undefined;
  const skip = edits.length === 0 ? skipTarget(text, expected) : undefined;
  if (skip) {
    candidates = candidates.filter(
      (c) => c.fact.key !== skip.key && !(c.fact.kind === 'value' && c.fact.value === 'n/a'),
    );
    if (skip.reason && acceptsNa(itemDef(skip.key)))
      candidates.push({ fact: { kind: 'value', key: skip.key, value: 'n/a', correction }, at: 0 });
    else skipped = skip.key;
    intent = skipped ? 'skip' : 'n/a';
  }
  // "先不做 以后再加", "这期先不接": not in this release — an item that accepts n/a does not apply to it (a bare
  // "skip" is only "come back to it later", see docs/reader.md).
  const notThisRelease =
    !skip && edits.length === 0 && sentenceRanges(text).some((r) => saysNotThisRelease(text.slice(r.start, r.end)));
  const dropped = notThisRelease ? droppedItem(text, expected) : undefined;
  if (
    dropped &&
    acceptsNa(itemDef(dropped)) &&
    !candidates.some((c) => c.fact.key === dropped && c.fact.kind === 'value')
  ) {
    candidates.push({ fact: { kind: 'value', key: dropped, value: 'n/a', correction }, at: 0 });
    intent = 'n/a';
  }
  // A reply that says "not yet" or "later" gives no free text: "神策和诸葛io在比" is not a choice made;
  // nor does one it takes back ("GA4 on the website, but nothing for China yet").
  const sentences = sentenceRanges(text);
  const deferred = (c: Candidate) => {
    const s = rangeAt(sentences, c.at);
    // A name ends where it ends: "神策，账号稍后给你" defers the account, not the platform.
    const value =
      c.fact.kind === 'value' && typeof c.fact.value === 'string' && itemDef(c.fact.key).shape === 'name'
        ? c.fact.value
        : undefined;
    const valueAt = value === undefined ? -1 : text.indexOf(value, c.at);
    const end = s && valueAt >= 0 ? Math.min(s.end, valueAt + (value?.length ?? 0)) : s?.end;
    // A code of its own shape ("SMS_468201355，通知类的还在审") is judged by its own clause.
    const own =
      value === undefined &&
      c.fact.kind === 'value' &&
      typeof c.fact.value === 'string' &&
      /^SMS_\d+$/i.test(c.fact.value);
    const clause = own ? clauseAround(text, c.at) : undefined;
    // "商户号还在申请中，服务类目我们选了 …": a value read after its own label is judged from the label on.
    const from = s ? Math.max(s.start, labelledFrom(text, c.at)) : 0;
    const words = clause ?? (s ? text.slice(from, end) : text);
    // "Baidu Tongji for the web, but no analytics in the mini program yet": taken back in the same sentence.
    return saysNotYet(words) || saysLater(words) || takesBack(clause ?? (s ? text.slice(s.start, s.end) : text));
  };
  candidates = candidates.filter((c) => !(isCopy(c.fact) && !givenWhole(text, c.fact) && deferred(c)));
  // "open platform 的 appid wx… 和 secret …，OA 已经绑好了": its IDs are the answer; "bound" adds nothing to them.
  const withIds = new Set(
    candidates.flatMap((c) => (c.fact.kind === 'value' && typeof c.fact.value === 'object' ? [c.fact.key] : [])),
  );
  candidates = candidates.filter(
    (c) =>
      !(
        c.fact.kind === 'value' &&
        c.fact.value === 'done' &&
        itemDef(c.fact.key).shape === 'open_platform' &&
        withIds.has(c.fact.key)
      ),
  );
  // "应该开通了吧", "maybe it's wx…?", "wx… 让小王再确认一下": a value in a sentence that guesses is no fact.
  // "主体是公司，认证我不确定", "registered yes, verification not sure": a hedge in a sentence about the account that names
  // the verification leaves the registration said beside it — never the verification (a hedge that names nothing may be
  // about either half).
  candidates = candidates.flatMap((c) => {
    if (!guessed(text, sentences, c) || isNa(c.fact) || c.fact.kind === 'which') return [c];
    const v = c.fact.kind === 'value' ? tagged(c.fact.key, c.fact.value) : undefined;
    const registered = v?.kind === 'enterprise' ? v.account.registered : undefined;
    if (c.fact.kind !== 'value' || registered === undefined || !hedgesOnlyVerification(text)) return [];
    return [{ ...c, fact: { ...c.fact, value: { registered } } }];
  });
  // "上个项目的体验者是 …", "Our sister brand uses …": another project's, brand's or agency's values are not ours.
  candidates = candidates.filter((c) => {
    if (isNa(c.fact)) return true;
    const at = valueAt(text, c);
    return !isOtherOwnerClause(clauseAround(text, at) + pointerAfter(text, at));
  });
  candidates = candidates.filter((c) => !merchantIdRuledOut(text, c));
  // "没有公众号，但是我们的 App 要绑开放平台": something is still to bind — Open Platform applies.
  if (BIND_WANTED.test(text))
    candidates = candidates.filter((c) => !(isNa(c.fact) && itemDef(c.fact.key).shape === 'open_platform'));
  // "Ours isn't set up yet; finance is still deciding whether we take payments": whether it applies is not decided —
  // no "none" and no "n/a" yet.
  if (UNDECIDED.test(text)) candidates = candidates.filter((c) => !merchantStatusOnly(c.fact));
  // "kai_wong_sz, yuki-chen 帮忙看下有没有加上": an ID inside a question back is blanked, so the list read is
  // short of it — a WeChat-ID list is then not recorded at all (asked again) rather than recorded in part.
  const quoted = exampleMentions(text);
  const idAsked = questionRanges(text).some(
    (q) => WECHAT_ID_LIKE.test(text.slice(q.start, q.end)) && !quoted.some((e) => e.start >= q.start && e.end <= q.end),
  );
  if (idAsked)
    candidates = candidates.filter((c) => !(c.fact.kind === 'value' && itemDef(c.fact.key).shape === 'wechat_ids'));
  // "开放平台没注册，需要吗？", "还没申请，要准备什么材料": the client asks whether or how before deciding —
  // a status alone (n/a, no merchant account) is not theirs yet; the question is answered first.
  // "奶茶店那边用的商户号是 …，这个新品牌要不要单独再申请一个？": a merchant account asked about is not ours yet either.
  // "That's the appid for our HK store MP (wx…), the mainland one isn't registered yet": an MP not registered has
  // no App ID, so the one given is another MP's.
  if (NOT_REGISTERED.test(text)) candidates = candidates.filter((c) => c.fact.key !== 'app_id');
  // "(optional对吧？) 那先不弄": a decision that hangs on the client's own question waits for our answer.
  if (THEN_AFTER_QUESTION.test(text)) candidates = candidates.filter((c) => !isStatusOnly(c.fact));
  if (ASKS_NEED.test(text))
    candidates = candidates.filter(
      (c) => !isStatusOnly(c.fact) && !(c.fact.kind === 'value' && c.fact.key === 'merchant_account'),
    );
  if (ASKS_CAN.test(text)) candidates = candidates.filter((c) => !isStatusOnly(c.fact) && !isHalfAccount(c.fact));
  // "等我们把认证做完再加角色吧": a status of an item not asked, read in a sentence that plans or sets a condition, is
  // what the client expects, not what is.
  candidates = candidates.filter(
    (c) => !(plannedStatus(c.fact, expected) && doubtOf(sentenceAt(text, sentences, c.at), ['condition'])),
  );
  // "不用体验版吧 直接上线不行吗": a reply that ends asking has not settled that the item does not apply.
  // "授权弹窗要用户点同意才能进吗": a reply that is one question says nothing is done ("图标上传了，你们看下有没有问题？"
  // reports it done, then asks us to check).
  if (ENDS_ASKING.test(text)) {
    const oneQuestion = !/[,，;；。.!！]/.test(text.replace(/[?？\s]+$/, ''));
    // "附近门店不需要。开放平台要注册吗？": the n/a said in a sentence of its own stands.
    const asking = (c: Candidate) => oneQuestion || ENDS_ASKING.test(sentenceAt(text, sentences, c.at));
    candidates = candidates.filter(
      (c) => !(isNa(c.fact) && asking(c)) && !(oneQuestion && c.fact.kind === 'value' && c.fact.value === 'done'),
    );
  }
  candidates = candidates.filter((c) => !doneElsewhere(text, c));
  // "角色 ❌ 开发者 ✅", "❌ roles ✅ devs": an item marked not done is not done, whatever mark another item has.
  candidates = candidates.filter(
    (c) => !(c.fact.kind === 'value' && c.fact.value === 'done' && markedNotDone(text, c.fact.key)),
  );
  // "加好了，剩下的明天加", "Developers added. The others tomorrow.": done for what was added, the rest still to come —
  // not done.
  if (defersTheRest(text)) candidates = candidates.filter((c) => !(c.fact.kind === 'value' && c.fact.value === 'done'));
  // "Registered under the company yes. Verified? how do I check that?": half an account, the other half asked
  // back — the client is answered first and the account recorded whole.
  if (asksHow(text)) candidates = candidates.filter((c) => !isHalfAccount(c.fact));
  // "有用户上传头像和昵称 这个算吗": whether it counts is the client's question; the answer is not theirs to give yet.
  if (ASKS_COUNTS.test(text))
    candidates = candidates.filter((c) => !(c.fact.key === expected[0] && c.fact.kind === 'value'));
  candidates = candidates.filter(
    (c) => !(c.fact.kind === 'value' && c.fact.value === 'done' && notYetAbout(text, c.fact.key)),
  );
  // "merchant ID 1634567012, still pending approval": the number given, the application still under review — applying.
  candidates = candidates.map((c) => underReview(text, sentences, c));
  const merged = mergeCandidates(candidates)
    .map((f) => chosenByDescription(text, f))
    .flatMap((f) => withinItsItem(withRegistration(text, f)));
  // "公司号还没认证，要加这11个人：…": the limit the same message sets (10 developers unverified) applies at once.
  const read = checkAnswered(
    wholeTemplateList(
      merged.map((f) => overFixedLimit(asWritten(n, f), { verified: verifiedIn(merged, text) })),
      expected,
      text,
    ),
    expected,
    text,
    intent,
    edits.length === 0 && correction === false,
  );
  // The client's own words read as an item's value, in a reply that also talks about the work: asked back.
  const reported = sharedDone(
    text,
    read.map((f) => doneSaid(text, f)),
  );
  const doubts = reported.map((f) => (f.kind === 'value' ? doubtAbout(text, sentences, f) : undefined));
  const ruled = reported.filter((_f, i) => doubts[i] === undefined);
  const waitingRead = edits.length === 0 && !skipped ? waitingOf(text, expected, ruled) : undefined;
  const said = outcomeOf(ruled, intent, text, edits, skipped, waitingRead);
  // A reply that is a question, a deferral or an edit says so; a guess is read back only from a reply that says
  // nothing else.
  const guesses: Guess[] =
    said === 'none' || said === 'answer'
      ? reported.flatMap((f, i) => {
          const doubt = doubts[i];
          // "the popup didn't show up": a problem reported is no "done" (or "n/a") to offer for a yes.
          const status = f.kind === 'value' && (f.value === 'done' || f.value === 'n/a');
          const offered = doubt !== undefined && !(doubt === 'problem' && status);
          return f.kind === 'value' && offered ? [{ key: f.key, value: f.value, correction: f.correction, doubt }] : [];
        })
      : [];
  // The gate weighs the whole reply (parse/gate.ts): when it is sure the reply gives nothing, every value the rules
  // read from it is read back for a yes instead — whatever else the reply was read as ("嗯 不需要", "applying"), so
  // nothing read is lost, and nothing else (a wait, a "not applicable") is acted on until the client says yes.
  const values = ruled.flatMap((f) => (f.kind === 'value' ? [f] : []));
  const unsure = gated && values.length > 0 && gateDoubts(text, expected[0]);
  // The fact check (parse/gate.ts) weighs each value on its own: one it doubts is read back the same way.
  const checked = gated && !unsure && values.length > 0 ? factDoubts(text, expected, values) : [];
  // A correction, or a value for an item on file, is the client changing what is recorded: a guess on an item on file
  // would leave it unchanged, so the rules' reading stands (the gate still doubts a reply that says nothing).
  const changes = (f: (typeof values)[number]) => f.correction || ctx.onFile?.includes(f.key) === true;
  const doubted = new Set(values.filter((f, i) => unsure || (checked[i] === true && !changes(f))));
  const gatedOut: Guess[] = [...doubted].map((f) => ({
    key: f.key,
    value: f.value,
    correction: f.correction,
    doubt: 'unsure' as const,
  }));
  const facts = ruled.filter((f) => !(f.kind === 'value' && doubted.has(f)));
  const waiting = unsure || (waitingRead && gatedOut.some((g) => g.key === waitingRead.key)) ? undefined : waitingRead;
  const outcome =
    gatedOut.length > 0 && said !== 'question' && said !== 'edit' && said !== 'skip'
      ? 'confirm'
      : said === 'none' && guesses.length > 0
        ? 'confirm'
        : said;
  const named =
    outcome === 'question' || outcome === 'elsewhere' ? findHits(text).find((h) => h.item !== null)?.item : undefined;
  const about =
    outcome === 'question'
      ? (named ?? (asksHow(text) || exampleMentions(text).length > 0 ? expected[0] : undefined))
      : outcome === 'elsewhere'
        ? (named ?? expected[0])
        : undefined;
  return {
    facts,
    intent,
    correction,
    outcome,
    edits,
    skipped,
    guesses: [...guesses, ...gatedOut],
    about: about ?? undefined,
    truncated: head.length < raw.length,
    ...(waiting ? { waiting } : {}),
  };
}

// === The JSON view (CLI, logs, the test corpus)

export interface InvalidJson {
  key: ItemKey;
  input: string;
  reason: string;
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function putValue(out: Record<string, unknown>, fact: Extract<Fact, { kind: 'value' }>): void {
  const isObject = typeof fact.value === 'object' && !Array.isArray(fact.value);
  const v = tagged(fact.key, fact.value);
  if (v.kind === 'whitelist' && v.whitelist.domains.length === 0) {
    // An ICP filing alone (its domains asked next) prints as what was given.
    const { domains: _none, ...given } = v.whitelist;
    out[fact.key] = given;
    return;
  }
  out[fact.key] =
    fact.key === 'open_platform' && isObject ? { ...asRecord(fact.value), ...asRecord(out.open_platform) } : fact.value;
}

function putSecret(out: Record<string, unknown>, fact: Extract<Fact, { kind: 'secret' }>): void {
  const masked = maskSecret(fact.secret.slice(-4));
  out[fact.key] = fact.key === 'open_platform' ? { ...asRecord(out.open_platform), secret: masked } : masked;
}

/**
 * The facts as one object keyed by item key, values in `ItemValue` shapes. Secrets appear only masked
 * ("••••cdef"); refused inputs are listed under "_invalid" with the English reason; the intent shows
 * as "_intent" when the reply gave no fact, and always when it is skip or help; "_outcome" says what
 * the reply meant when it is not a plain answer, "_edit" lists edits to a list on file.
 */
export function factsToJson(u: Understanding): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const invalid: InvalidJson[] = [];
  for (const fact of u.facts) {
    if (fact.kind === 'value') putValue(out, fact);
    else if (fact.kind === 'secret') putSecret(out, fact);
    else if (fact.kind === 'invalid')
      invalid.push({ key: fact.key, input: fact.input, reason: render('en', fact.reason) });
  }
  if (invalid.length > 0) out._invalid = invalid;
  if (u.intent !== 'none' && (u.facts.length === 0 || u.intent === 'skip' || u.intent === 'help'))
    out._intent = u.intent;
  if (u.outcome !== 'answer' && u.outcome !== 'none') out._outcome = u.outcome;
  if (u.edits.length > 0) out._edit = u.edits.map((e) => ({ item: e.key, add: e.add, remove: e.remove }));
  // Belt and braces: no 32-hex run leaves this function, whatever field it hides in.
  return JSON.parse(JSON.stringify(out, (_k, v: unknown) => (typeof v === 'string' ? maskSecretsIn(v) : v))) as Record<
    string,
    unknown
  >;
}
