/**
 * Readers for list answers: WeChat IDs (developers, Beta whitelist), template IDs, Functions Pages,
 * nearby locations, service messages. Limits are not checked here: rules.validate does that when
 * the value is stored.
 *
 *   readWechatIds({ parts: ['', 'dev_zhao、dev_qian'], … }) // [{ kind: 'value', value: ['dev_zhao', 'dev_qian'] }]
 */
import { WECHAT_ID } from '../rules.js';
import { findHits } from './keywords.js';
import { isMostlyChinese } from './normalize.js';
import {
  intentOf,
  isOnlyIntent,
  saysDone,
  withoutRestLater,
  saysLater,
  saysNotApplicable,
  saysNotDone,
  saysNotThisRelease,
  stripFiller,
  withoutInstructions,
} from './phrases.js';
import {
  deniesItem,
  type Draft,
  invalid,
  labelMarkedDone,
  listBody,
  notApplicable,
  type ReadInput,
  value,
} from './read-input.js';
import { NOT_ENTRY, NUMBERED_OR_LINES, splitList } from './lists.js';
import { isNoAnswer, withoutLinks } from './no-answer.js';

// === WeChat IDs

const ID_LABEL =
  /^(?:微信号|微信id|微信|wechat ids?|weixin|wx ids?|ids?|账号|是|为|:|加上|加|请加|添加|add|please add|\s)+/i;
/** English words a WeChat ID pattern would match, seen in sentences around the IDs. */
const NOT_IDS = new Set([
  'please',
  'yesterday',
  'today',
  'tomorrow',
  'confirmed',
  'working',
  'developer',
  'developers',
  'wechat',
  'weixin',
  'tester',
  'testers',
  'people',
  'staging',
  'whitelist',
  'version',
  'thanks',
  'already',
  'account',
  'accounts',
  'following',
  'members',
  'access',
  'colleague',
  'colleagues',
  'below',
  'these',
  'those',
  'their',
  'others',
  'beta',
  'added',
  // "Eric (designer)", "amy_88 (intern)": who someone is, in brackets after them.
  'designer',
  'intern',
  'manager',
  'engineer',
  'frontend',
  'backend',
  'product',
  'marketing',
  'optional',
  'myself',
  'colleague',
]);
const ID_ATTEMPT = /^[A-Za-z0-9_-]{2,30}$/;

/**
 * "henry.zhou", "amy.lin-88": a name written with a dot where an ID belongs. WeChat IDs hold no dot, but the client
 * wrote it as an entry: it is kept as written, so the list is whole and storing it refuses that entry with its reason
 * (rules.validate) instead of the list losing it unseen. A domain (a third label, a common top-level one) is not.
 */
const DOTTED_ID = /^[A-Za-z][A-Za-z0-9_-]{1,17}\.[A-Za-z][A-Za-z0-9_-]{1,17}$/;
const DOMAIN_END = /\.(?:cn|com|net|org|io|co|cc|top|xyz|info|app|dev|hk|tw|sg|jp|uk|us|me|gov|edu)$/i;

export function isDottedId(token: string): boolean {
  return DOTTED_ID.test(token) && token.length >= 6 && token.length <= 20 && !DOMAIN_END.test(token);
}

/** IDs among other words: "张伟（微信号 zw_1988）", "先加 dev_zhao". */
function idsInSentence(piece: string): string[] {
  const tokens = piece
    .split(/[^A-Za-z0-9_.-]+/)
    .map((t) => t.replace(/^[.]+|[.]+$/g, ''))
    .flatMap((t) => (t.includes('.') && !isDottedId(t) ? t.split('.') : [t]))
    .filter((t) => t !== '');
  const plain = tokens.every((t) => WECHAT_ID.test(t) && !NOT_IDS.has(t.toLowerCase()));
  // In a sentence, only tokens no English word looks like: with a digit, _ or -, or a name's dot.
  return plain ? tokens : tokens.filter((t) => (WECHAT_ID.test(t) && /[\d_-]/.test(t)) || isDottedId(t));
}

/** Short words ("yes", "sure") are not attempts; a token with a digit, _ or - or over 20 letters is. */
/** "体验者：黄小明": a person's name where their WeChat ID belongs. */
const HAN_NAME = /^[\u4e00-\u9fa5]{2,4}$/;
const NOT_NAMES = /^(我们|你们|他们|如下|以下|这些|这几个|这两个|两个|三个|都是|一下|同事|自己)/;

function isNameForId(piece: string, input: ReadInput): boolean {
  return (
    !input.bare &&
    HAN_NAME.test(piece) &&
    !NOT_NAMES.test(piece) &&
    intentOf(piece) === 'none' &&
    /^[^\n:]*:/.test(input.text)
  );
}

function isIdAttempt(piece: string): boolean {
  if (!ID_ATTEMPT.test(piece) || NOT_IDS.has(piece.toLowerCase()) || intentOf(piece) !== 'none') return false;
  return (/[\d_-]/.test(piece) && !/^\d{1,5}$/.test(piece)) || piece.length > 20;
}

/**
 * "IDs: a, b", "dev 的微信号 pls: a, b", "developer：a 和 b": the IDs labelled as such — a list of theirs, whatever is
 * said around it. "Added: a, b", "已添加开发者：a、b", "Developers added:\n a\n b": a list under a done label is the
 * list, not just "done".
 */
const IDS_LABELLED =
  /(?:微信号|微信id|wechat ids?|\bids?\b|\bdevelopers?\b|开发者|体验者|体验版|(?<!白)名单|\bbeta\b|\btesters?\b)[^:\n]{0,6}:\s*[A-Za-z]|(?:\badded\b|已经?添加了?|已经?加了?|加好了)[^:\n,;]{0,8}:\s*[A-Za-z]/i;
/**
 * "已添加 zhao_dev, qian_88", "added: …" without the colon: a done word that opens the reply and only IDs after it is
 * the list added, as under a label ("加好了，dev_zhao 和 dev_qian 都已经发邀请了" goes on in a sentence: done).
 */
const DONE_THEN_IDS =
  /^\s*(?:已经?添加了?|已经?加了?|已经?加上了?|已经?加好了?|添加了|(?:i(?:'ve| have)? )?added)\s+(?=[A-Za-z])/i;

/** The IDs after a done lead, when nothing but IDs and list separators follow it. */
function idsAfterDone(text: string): string[] {
  const lead = DONE_THEN_IDS.exec(text);
  if (!lead) return [];
  const rest = text
    .slice(lead[0].length)
    .trim()
    .replace(/[.。!]+$/, '');
  const pieces = splitList(rest, { commas: true, conjunctions: true, spaces: true });
  const ids = pieces.length > 0 && pieces.every((p) => WECHAT_ID.test(p) && !NOT_IDS.has(p.toLowerCase()));
  return ids && pieces.some((p) => ID_LIKE.test(p)) ? pieces : [];
}

/** "kevin2019 离职了 帮忙从开发者里移除一下", "please remove …": a removal asked for, no entry. */
const REMOVAL = /移除|删掉|删除|去掉|拿掉|\bremove\b|\bdelete\b|\btake (?:\w+ )?off\b/i;
/** "Hanna_K2 (she's our in-house FE)": a remark in brackets about someone is no ID. */
const REMARK_IN_BRACKETS = /[(（]\s*(?:she|he|they|it|our|we|i|my|我们|她|他|是)\b[^()（）]*[)）]/gi;

/** "开发者是 a、b，不是 a、c", "a and b, not c": the IDs after the contrast are the ones ruled out. */
/** (And "老板的 laozhang1975 不用加", "skip ben_88": an ID said not to add.) */
const CONTRASTED =
  /[,;]\s*(?:而)?不是[^,;。\n]*|[,;]\s*not\s[^,;.\n]*|(?:[^\s,、;:]{1,6}的\s*)?[A-Za-z][\w-]{5,19}\s*(?:就)?(?:不用|不要|别|无需|先不)(?:加|添加)了?|\b(?:don'?t|do not|no need to) add\s+[A-Za-z][\w-]{5,19}/gi;

function withoutContrast(input: ReadInput): ReadInput {
  const cut = (s: string) => s.replace(CONTRASTED, ' ');
  return { ...input, text: cut(input.text), words: cut(input.words), parts: input.parts.map(cut) };
}

/**
 * "Eric (eric_gz)", "me (danielkoh)", "我的同事小王（wang_x88）": a person named with their ID in brackets — the ID is
 * the entry, the words naming the person are not. Only an ID-shaped word alone in the brackets counts.
 */
const NAMED_BY_ID = /([^\s,、;:()（）]{1,16}\s*)?[(（]\s*([A-Za-z][A-Za-z0-9_.-]{5,19})\s*[)）]/g;

function idsForNames(text: string): string {
  return text.replace(NAMED_BY_ID, (m, before: string | undefined, id: string) => {
    if (!(WECHAT_ID.test(id) || isDottedId(id)) || NOT_IDS.has(id.toLowerCase())) return m;
    // "amy_88 (intern)": after an ID, the brackets say who that is; the ID before them is the entry.
    const name = before?.trim() ?? '';
    if (ID_LIKE.test(name) || isDottedId(name)) return /[\d_.-]/.test(id) ? m : ` ${name} `;
    return ` ${id} `;
  });
}

/** "三个人就行", "these will do": the list chosen, not a "done" about what we sent. */
const SUFFICES =
  /\s*(?:[一二两三四五六七八九十\d]{1,2}\s*(?:个人?|位))?\s*(?:就行|就可以|就好|就够了?)(?:了|啦|哈)?[\s.。!]*$/;

/** "我、a_b 和 c_d，我的是 wendy_sz", "me and a_b — mine is wendy_sz": the speaker, then their own ID given later. */
const SELF = /^(?:我|我自己|本人|自己|me|myself)$/i;
const SELF_ID =
  /(?:我的(?:微信号?|微信id|id)?(?:是|:)|\bmine is\b|\bmy (?:wechat )?id is\b)\s*([A-Za-z][A-Za-z0-9_-]{5,19})/i;

export function readWechatIds(whole: ReadInput): Draft[] {
  if (REMOVAL.test(whole.text)) return [];
  const input = withoutContrast(whole);
  // "就行" after IDs of the client's own says which will do; without any, it may still be "done" ("…确认就行").
  const suffices = (t: string) => (ID_LIKE.test(t) ? t.replace(SUFFICES, '') : t);
  return idsIn({
    ...input,
    text: suffices(idsForNames(input.text)),
    parts: input.parts.map((p) => suffices(idsForNames(p))),
  });
}

const BETA_BUILD = /^(?:the\s+)?(?:beta|体验版)\b/i;

const ID_LIKE = /(?<![\w.-])[A-Za-z](?=[A-Za-z]*[\d_-])[-_A-Za-z0-9]{5,19}(?![\w-])/;

function idsIn(input: ReadInput): Draft[] {
  // "体验版直接加我手机号 186… 就行": the phone number offered as the account — "就行" there is no "done".
  const phone = PHONE.exec(input.text)?.[1];
  if (phone && OFFERED.test(input.text) && !TO_CALL.test(input.text))
    return [invalid(phone, 'reason.wechat_id', { input: phone })];
  // "developers: a, b (will send the third one tomorrow)": the rest to follow does not take back those given.
  const own = withoutRestLater(input.text);
  const labelled = IDS_LABELLED.exec(input.text);
  if (labelled) {
    const body = input.text.slice(labelled.index + labelled[0].length - 1).replace(REMARK_IN_BRACKETS, ' ');
    const ids = idsInSentence(body);
    // "服务消息还没想好，先把体验版名单给你：a、b": what is said before the label, of another item, is about that item.
    const before = input.text.slice(0, labelled.index);
    const fromLabel = findHits(before).some((h) => h.item !== null && h.item !== input.key)
      ? withoutRestLater(input.text.slice(labelled.index))
      : own;
    if (ids.length > 0 && !saysNotDone(fromLabel) && !saysLater(fromLabel)) {
      // "Developer IDs: jason.w / amy_design / 13800138000": the entries read one by one, as without the label, so
      // none is dropped without a word (a dotted ID is kept, a phone number refused with the reason).
      const listed = listedIds(body, input);
      if (!ids.every((id) => listed.ids.includes(id))) return [value(ids)];
      return listed.bad.length > 0 ? listed.bad : [value(listed.ids)];
    }
  }
  const added = idsAfterDone(input.text);
  if (added.length > 0) return [value(added)];
  // "不需要体验版，你们测好直接上线就行": the item refused, and a "done" only in telling us what to do — not done.
  // ("邀请都发过去了，你们那边点一下确认就行": the rest is ours, so done.)
  const instructed = !saysDone(withoutInstructions(input.text)) && deniesItem(input);
  // "developers ✅": the item named, then only a mark that says done ("the beta ✅" is the build, not its testers).
  const marked = labelMarkedDone(input) && !BETA_BUILD.test(input.text.trim());
  if ((saysDone(input.text) || marked) && !instructed) return [value('done')];
  // "dev_zhao 加好了，dev_qian 提示已达上限": a report on our IDs, not all done — not a list of theirs either.
  if (saysLater(own) || saysNotDone(own)) return [];
  const { ids, bad } = listedIds(listBody(input), input);
  // A list with an entry that is no WeChat ID is asked again whole, with the reason, rather than recorded in part.
  if (ids.length > 0 && bad.length === 0) return [value(ids)];
  if (bad.length > 0) return bad;
  // "加我手机号 139…", "体验版加一下 9527abc": a phone number, or an ID that starts with a digit, where a WeChat ID
  // belongs — refused with the reason rather than dropped, so the client learns what is needed.
  const attempt = notAnId(input.text);
  if (attempt) return [invalid(attempt, 'reason.wechat_id', { input: attempt })];
  return deniesItem(input) ? notApplicable(input) : [];
}

/** "jason.w", "13800138000", "9527abc": one word of letters and digits where an ID belongs, yet no WeChat ID. */
const ONE_TOKEN = /^(?=[^\s]*[\d._@])(?=[^\s]*[A-Za-z0-9])[A-Za-z0-9._@-]{3,}$/;

/** The entries of a list of WeChat IDs, one by one: IDs kept, attempts at one (a phone number, a name) refused. */
function listedIds(body: string, input: ReadInput): { ids: string[]; bad: Draft[] } {
  const ids: string[] = [];
  const bad: Draft[] = [];
  const self = SELF_ID.exec(input.text)?.[1];
  let selfAt = -1;
  for (const raw of splitList(body.replace(REMARK_IN_BRACKETS, ' '), {
    commas: true,
    conjunctions: true,
    spacedSlashes: true,
  })) {
    const piece = stripFiller(raw.slice(raw.lastIndexOf(':') + 1).replace(ID_LABEL, ''));
    if (self && selfAt < 0 && SELF.test(piece)) selfAt = ids.length;
    else if (WECHAT_ID.test(piece) && !NOT_IDS.has(piece.toLowerCase())) ids.push(piece);
    else if (isDottedId(piece)) ids.push(piece);
    else if (isIdAttempt(piece) || isNameForId(piece, input))
      bad.push(invalid(piece, 'reason.wechat_id', { input: piece }));
    else if (ONE_TOKEN.test(piece)) bad.push(invalid(piece, 'reason.wechat_id', { input: piece }));
    else if (/[^A-Za-z0-9_-]/.test(piece)) ids.push(...idsInSentence(piece));
  }
  // The speaker's own ID takes the place they named themselves in the list.
  if (self && selfAt >= 0 && ids.includes(self)) ids.splice(selfAt, 0, ...ids.splice(ids.indexOf(self), 1));
  return { ids, bad };
}

/** Offered as the account to add ("就加我手机号", "微信号就是我手机号"), not as a number to call ("有问题打我电话"). */
const OFFERED = /加|开|添加|微信号|\badd\b|\binvite\b/i;
const TO_CALL = /打|电话|联系|\bcall\b|\bphone me\b/i;
function notAnId(text: string): string | undefined {
  if (!OFFERED.test(text) || TO_CALL.test(text)) return undefined;
  return PHONE.exec(text)?.[1] ?? DIGIT_FIRST.exec(text)?.[0];
}

const PHONE = /(?:手机号码?|手机|\bphone(?: number)?|\bmobile)\D{0,4}?(?<![\d\w])(1[3-9]\d{9})(?![\d\w])/i;
const DIGIT_FIRST = /(?<![\w-])\d(?=[\w-]*[A-Za-z])[\w-]{5,19}(?![\w-])/;

// === Template IDs: the valid ones are read as tokens; what is left and looks like an ID is refused

export function readTemplateIds(input: ReadInput): Draft[] {
  const attempt = input.bare
    ? /(?<![\w-])[A-Za-z0-9_-]{20,}(?![\w-])/g
    : /(?<![\w-])(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{8,}(?![\w-])/g;
  // "都在这个表格里了 https://docs.qq.com/sheet/DUm…": a link's path is no ID attempt.
  const words = withoutLinks(input.text);
  const bad = [...words.matchAll(attempt)].map((m) => invalid(m[0], 'reason.template_id', { input: m[0] }));
  if (bad.length > 0) return bad;
  return deniesItem(input) ? notApplicable(input) : [];
}

// === Free-text lists

/** "需要：", "先要这三个：", "pages:", "要配的就两个", "就一个": words that introduce the list, not an entry. */
const LEAD_WITH_COLON =
  /^[^:]{0,12}?(?:需要|要|就|先|这|以下|如下|下面|有|配|pages?|list|entries|following|messages?|need|want|are|is)[^:]{0,6}:\s*/i;
/**
 * "页面：…", "地址：…", "改成：…", "改一下 只要 …", "change it to: …": the list's own name or a correction said before the
 * new full list is no part of its first entry (what follows the correction is read as usual: "只要 " is a lead too).
 */
const NAME_LEAD = /^\s*(?:功能)?(?:页面|地址|门店地址|店铺地址|服务消息|消息|通知)\s*:\s*/;
const CORRECTION_LEAD =
  /^\s*(?:那|那就|麻烦)?(?:改一下|改下|改成|改为|换成|更正为|更新为|更正一下|更正|更新一下|修改一下|修改为|调整一下|调整为)\s*(?:为|成)?\s*:?\s*|^\s*(?:please\s+)?(?:change|update)(?:d)?\s+(?:it|that|them|the list)?\s*to\s*:?\s*/i;
/** "Two: …", "Just one — Gift Card", "就这仨：": a count that leads the names. */
const LEAD_COUNT_WORDS =
  /^(?:(?:just|only)\s+)?(?:one|two|three|four|five|\d{1,2})(?:\s+(?:of them|pages?|messages?|stores?|locations?))?\s*(?:[:：]|\s[—–-]{1,2})\s*(?=\S)|^(?:就|只有|就是)?(?:这|那)?(?:仨|俩)[:：\s]*/i;
const LEAD_COUNT =
  /^(?:我们)?(?:要配的|要加的|要开的)?(?:就|只|先|一共|总共)?(?:要|需要|有|配|配置了|加了|开了)?(?:这|那)?[一二两三四五六七八九十\d]{1,2}(?:个|条|项|页|家|间|处)(?:门店|店|地址|页面)?(?:吧|就行|就够了)?[:\s]*/;
/** "需要首页", "用会员中心" (not "用户中心": 用户 is a word of the name). */
const LEAD_VERB = /^(?:需要|要|想要|想加|加|用(?!户))(?=\S{3,})/;
/**
 * "就放 积分商城 和 …", "我们想要 首页、…", "店在 深圳市…": in chat Chinese a verb (or "the store is at") and then a space
 * lead the first name; the space ends the lead.
 */
/** A first line that ends in a colon, lines of entries after it. */
/** (Or in a pointing hand: "nearby 的门店先放这两个 👇".) */
const HEADER_LINE = /^[^\n:]{1,40}(?::|\s*(?:👇|⬇️?|↓)+)[ \t]*\n(?=\s*\S)/u;
const LEAD_SPACED =
  /^(?:那么?|然后)?(?:我们|我)?(?:(?:就|只|先|也|还)(?:想要|需要|想放|放|要|用|选|挂|加|开)?|想要|需要|想放|放|要|用|选|挂|加|开)\s+(?=\S)|^(?:我们的?)?(?:门店|店铺|店|地址)?(?:在|位于|是)\s+(?=\S)|^(?:so\s+)?(?:we|i)(?:'d| would)?\s+(?:want|need|like|pick|chose|choose)\s+/i;
/** "我们没有线下门店", "这个用不上", "暂时用不到": the reply says the list does not apply. */
const NO_LIST =
  /^(?:我们|我们这边|这边|这个|这块)?(?:暂时|目前|也|都|还|先|这期|本期)*(?:没有|没|无|不需要|不用|用不上|用不到|不涉及|不做|不开|不上|不要)/;

const LEAD_ONLY = /^(?:需要|要|有|如下|以下|下面|pages?|list|entries|the following)$/i;

/** "We only have one store: …", "我们一共三家店：…": a sentence of the client's own that introduces the list. */
const LEAD_SENTENCE =
  /^[^:\d\n]{0,40}?(?:\bwe\b|\bour\b|\bhave\b|\bhas\b|\bonly\b|\bthere (?:is|are)\b|\bhere (?:is|are)\b|我们|一共|总共|只有)[^:\d\n]{0,30}:\s*(?=\S)/i;

function trimLead(entry: string, first: boolean): string {
  if (first && LEAD_ONLY.test(entry.trim())) return '';
  const e = first
    ? entry
        .replace(CORRECTION_LEAD, '')
        .replace(NAME_LEAD, '')
        .replace(LEAD_SENTENCE, '')
        .replace(LEAD_WITH_COLON, '')
        .replace(LEAD_COUNT, '')
        .replace(LEAD_COUNT_WORDS, '')
    : entry;
  return stripFiller((first ? e.replace(LEAD_SPACED, '') : e).replace(LEAD_VERB, ''));
}

/**
 * "pages we want searchable: menu and reservations", "Messages: … and …": a header naming the entries in the plural
 * says there are several, so a lone English "and" separates them (without it, "Terms and Conditions" is one name).
 */
const PLURAL_HEADER =
  /\b(?:pages|messages|notifications|templates|locations|stores|shops|branches|addresses|entries|ones|both)\b[^:\n]{0,30}:\s*$/i;

/** A Chinese address from its province or city to its street number. */
const WHOLE_ADDRESS = /^[\u4e00-\u9fa5]{2,8}[省市][\s\S]*\d+\s*[号號]/;

/** Splits "a、b和c" (Chinese) or "a, b and c" (English) on its last conjunction too. */
function splitConjunction(
  entries: string[],
  shape: 'pages' | 'locations' | 'service_messages',
  plural = false,
): string[] {
  return entries.flatMap((e, k) => {
    // "深圳市南山区…1186号 and 深圳市福田区…269号", "…58号 和 …191号": two addresses, each with its own number.
    const both = shape === 'locations' ? e.split(/\s+(?:and|&|和|及|以及)\s+/i) : [e];
    if (
      both.length > 1 &&
      both.every((p) => /\d/.test(p) && /[市区县路街号]|\b(?:road|rd|street|st|avenue|ave|lu)\b/i.test(p))
    )
      return both;
    // "广州市天河区…208号天河城3楼 广州市海珠区…397号": two whole addresses, each from its city to its number, split
    // by a space only.
    const spaced = shape === 'locations' ? e.split(/\s+(?=[\u4e00-\u9fa5]{2,8}[省市])/) : [e];
    if (spaced.length > 1 && spaced.every((p) => WHOLE_ADDRESS.test(p.trim()))) return spaced;
    if (isMostlyChinese(e)) {
      const parts = e.split(/然后(?:还有)?|以及|还有|和|及/);
      const addresses = shape !== 'locations' || parts.every((p) => /[市区县路街号店]/.test(p));
      return parts.length > 1 && parts.every((p) => p.trim().length >= 2) && addresses ? parts : [e];
    }
    // English "and" only ends a comma list ("Menu, Order online and Store locator").
    // After a plural header a lone "and" separates too ("menu and reservations"), but not inside a name in title
    // case ("Food and Drink").
    const lone = plural && !/\s(?:and|&)\s+[A-Z]/.test(e);
    return k === entries.length - 1 && (entries.length > 1 || lone) && shape !== 'locations'
      ? e.split(/\s+(?:and|&)\s+/i)
      : [e];
  });
}

/**
 * "点单页（类目 餐饮-点餐平台，标签 咖啡/外卖）": after a page's name, its category and tags in brackets are no
 * part of the name ("Retail - Coffee beans (tags: …)", an entry named by its category, keeps them).
 */
const PAGE_DETAILS = /(?<=页|页面|\bpage)\s*\([^()]*(?:类目|标签|category|tags?)[^()]*\)/gi;

/** "首页和门店两个页面 类目 生活服务 标签 洗衣": a count of the pages ends their names; what follows is detail. */
const PAGE_TAIL = /(?<=\S)\s*[一二两三四五六七八九十\d]{1,2}\s*个(?:页面|页)[\s\S]*$/i;
/** "就首页和门店": "just" before the first name. */
const JUST = /^(?:就|只|只有|就是)\s*(?=\S{2,})/; // "就 门店 和 预约": a space after it too

/**
 * "1、在线预约 2、医生介绍 业务类目选医疗服务 标签 口腔": after the names, the pages' category (and the tags after it) said
 * in words of their own are settings, not a page. Tags alone after an entry stay its own ("餐饮-快餐 标签：汉堡", an
 * entry named by its category, corpora A, B), and "类目页" is a page: the word must not be followed by 页.
 */
const PAGE_SETTINGS_TAIL =
  /(?<=\S)\s+(?:业务|服务)?类目(?!页)(?=\s*(?:选|是|用|为|:|\s))[\s\S]*$|(?<=\S)\s+(?:business\s+)?categor(?:y|ies)\s*(?::|is\b|are\b)[\s\S]*$/i;

function pagesOnly(body: string): string {
  return body.replace(PAGE_DETAILS, ' ').replace(PAGE_SETTINGS_TAIL, '').replace(PAGE_TAIL, '').replace(JUST, '');
}

/**
 * "…（就一个店）", "…（之前那个版本作废）", "… (only one store)", "… (ignore the earlier list)": a remark in brackets that
 * closes the list — a count, or words about an earlier answer — is no part of the last entry. A bracket that names
 * something ("（总部，可以到店）", "（春熙路店）") stays.
 */
const CLOSING_REMARK = /\s*\(([^()]*)\)[\s.。!]*$/;
const REMARK_WORDS =
  /^(?:就|只有|只|一共|总共|共)?(?:这)?[一二两三四五六七八九十\d]{1,2}\s*(?:个|家|间|处|条|页)(?:店|门店|地址|页面?|消息)?(?:就够了|就行|而已|吧|了)?$|^(?:only|just)\s+(?:one|two|three|\d)\b|之前|以前|上次|上一版|刚才|作废|为准|不算了|\b(?:ignore|previous|earlier|scrap|replaces?)\b/i;

function withoutClosingRemark(body: string): string {
  const m = CLOSING_REMARK.exec(body);
  return m && REMARK_WORDS.test((m[1] ?? '').trim()) ? body.slice(0, m.index) : body;
}

/** "店就一家 ", "我们只有两家店 ": the count of the stores before the first address. */
const STORE_COUNT_LEAD = /^[^\s\d]{0,4}?(?:就|只有|一共|共)?[一二两三四五六七八九十\d]\s*家(?:店|门店)?[\s,]+(?=\S)/;

/** "…科华北路65号 对了电话是028-85551234": a phone number said after the address is no part of it. */
const PHONE_TAIL =
  /[\s,]*(?:对了|另外|还有)?[\s,]*(?:店铺|门店|联系)?(?:电话|手机|座机|tel|phone)\s*(?:是|:)?\s*(?:\+?86[\s-]?)?[\d-]{7,}[\s.。!]*$/i;

/** "店铺电话 021-62881234", "tel 138…": a phone number is no address, labelled or not. */
const PHONE_ENTRY =
  /^(?:店铺|门店|店|商家|联系|客服)?(?:电话|手机号?|座机|联系方式|tel|phone|mobile)?\s*:?\s*(?:\+?86[\s-]?)?(?:\(?0\d{2,3}\)?[\s-]?\d{7,8}|1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}|\d{3,4}-\d{3,4}-\d{4})$/i;

/** "我的预约 就这三个", "个人中心四个", "…就这两个", "…. That's all we need.": a closing count is no part of the last name. */
const COUNT_TAIL =
  /(?:[\s,]*(?:就这|一共|总共|共|就|刚好|正好|恰好)?[一二两三四五六七八九十\d]{1,2}\s*(?:个|条|项|页)|\s*就这些|\s*就这几个|[\s.,;]+(?:that'?s (?:all|it)|nothing else)(?: (?:we need|for now|from us))?|\s*(?:就)?这[俩仨])(?:就够了|就行|吧|了)?[\s.。!]*$/i;
/** "深圳市南山区…126号 就一家", "…，一共两家", "…99号就这两家先": a closing count of the stores is no part of the last address. */
const STORE_COUNT_TAIL =
  /(?:[\s,]+(?:就这|一共|总共|共|就|只有|刚好|正好)?|就这|一共|总共|只有)(?:[一二两三四五六七八九十\d]{1,2})\s*(?:家|个|间|处)(?:店|门店)?(?:就够了|就行|吧|了|先)*[\s.。!]*$/;
/** "首页然后商品列表然后购物车", "一个是预约成功一个是预约提醒": chat Chinese lists names with these words between. */
const SAID_BETWEEN = /然后是?|(?:另)?一个是|一个叫/;
/** "功能页的话就是首页…": what comes before the names. */
const COUNT_END = /[一二两三四五六七八九十\d]{1,2}\s*(?:个|条|项|页)$/;
const TOPIC_LEAD = /^(?:[\u4e00-\u9fa5A-Za-z]{0,6}的话|的?话|呢)[,\s]*(?:就是|就|是|有|要)?[,:\s]*/;

function namesSaid(body: string): string {
  const own = body.replace(COUNT_TAIL, '').replace(TOPIC_LEAD, '');
  if (!isMostlyChinese(own) || NUMBERED_OR_LINES.test(own)) return own;
  const pieces = own.split(SAID_BETWEEN).map((p) => p.trim());
  // "通知要两个一个是…": what comes before the first "一个是" is a count that leads the names.
  if (pieces.length > 1 && COUNT_END.test(pieces[0] ?? '')) pieces.shift();
  return pieces.filter((p) => p !== '').join('、');
}

/** "it's the same as the app: …", "just the one: …", "we'll start with these: …": a sentence that heads the list. */
const SPOKEN_HEADER = /^[^:\n]{0,40}\b(?:it'?s|same|we|we'?ll|our|just|only|these|those)\b[^:\n]{0,40}:\s*(?=\S)/i;

function spokenAddresses(body: string): string {
  if (!isMostlyChinese(body) || NUMBERED_OR_LINES.test(body) || !/另一个是/.test(body)) return body;
  return body
    .split(/(?:另)?一个是/)
    .map((p) => p.trim().replace(/[,;、]$/, ''))
    .filter((p) => p !== '')
    .join('、');
}

function wordListEntries(body: string, shape: 'pages' | 'locations' | 'service_messages', plural = false): string[] {
  const closed = withoutClosingRemark(body).replace(SPOKEN_HEADER, '');
  // "一个是南京市…号另一个是南京市…号": a spoken list of addresses, too.
  const said =
    shape === 'locations'
      ? spokenAddresses(closed.replace(PHONE_TAIL, '').replace(STORE_COUNT_TAIL, ''))
      : namesSaid(closed);
  let own = shape === 'pages' ? pagesOnly(said) : said;
  const numbered = NUMBERED_OR_LINES.test(own) || own.includes(';');
  // "按这个格式：\n1. …": a first line ending in a colon heads the lines of the list; it is no entry.
  if (numbered) own = own.replace(HEADER_LINE, '');
  const englishAddress = shape === 'locations' && !isMostlyChinese(own);
  const split = numbered
    ? splitList(own)
    : splitList(own, {
        commas: !englishAddress,
        slashes: !englishAddress,
        spacedSlashes: englishAddress,
        tags: shape === 'pages',
      });
  const entries = numbered ? split : splitConjunction(split, shape, plural);
  return (
    entries
      .map((e, k) => trimLead(e, k === 0))
      .map((e, k) => (k > 0 && k === entries.length - 1 && !isMostlyChinese(e) ? e.replace(/^and\s+/i, '') : e))
      .map((e) => WHOLLY_QUOTED_ENTRY.exec(e)?.[1] ?? e)
      // "在成都市武侯区…": "at" before a city is no part of the address.
      // ("店就一家 在…": how many stores, said before the address, too.)
      .map((e) =>
        shape === 'locations'
          ? e
              .replace(STORE_COUNT_LEAD, '')
              .replace(/^(?:新店|新址|新地址)(?:在|位于|是)?\s*/, '')
              .replace(/^(?:在|位于)(?=[\u4e00-\u9fa5]{2,8}[省市])/, '')
          : e,
      )
      .filter((e) => e !== '' && !NOT_ENTRY.test(e) && !(shape === 'locations' && PHONE_ENTRY.test(e)))
  );
}

/** "就“预约成功提醒”", "'Order shipped'": an entry in quotes is what they hold. */
const WHOLLY_QUOTED_ENTRY = /^(?:就|只有|只)?\s*["“「『']([^"“”「」『』'\n]+)["”」』']$/;

/** "Payment received", "Delivery completed": a noun and its event, in English. */
const NAMED_EVENT = /^[A-Za-z][A-Za-z-]*(?: [A-Za-z-]+)+$/;

/** "1. 南京东路100号\n2. 浦东那家还在装修，开了再加": the entries given, without the one still to come. */
function withoutLaterLines(body: string): string {
  if (!NUMBERED_OR_LINES.test(body)) return body;
  const lines = splitList(body);
  const given = lines.filter((e) => !saysLater(e) && !NOT_ENTRY.test(e));
  return given.length > 0 && given.length < lines.length ? given.join('\n') : body;
}

function readList(input: ReadInput, shape: 'pages' | 'locations' | 'service_messages'): Draft[] {
  const body = withoutLaterLines(listBody(input));
  if (saysNotThisRelease(body)) return notApplicable(input);
  if (saysLater(body) || (saysLater(input.text) && body === listBody(input))) return [];
  if (deniesItem(input) || saysNotApplicable(body) || NO_LIST.test(body)) return notApplicable(input);
  const header = /^[^\n:]*:/.exec(input.text)?.[0];
  const all = wordListEntries(body, shape, header !== undefined && PLURAL_HEADER.test(header));
  // "Booking confirmed, Booking reminder, …": among entries of their own, "Booking confirmed" names a message.
  const named = (e: string) => all.length >= 2 && NAMED_EVENT.test(e) && !isOnlyIntent(e);
  const entries = all.filter((e) => intentOf(e) === 'none' || named(e));
  const byName = entries.some(named) && entries.some((e) => intentOf(e) === 'none');
  const whole = body === listBody(input);
  if (isNoAnswer(body) || (whole && isNoAnswer(input.text)) || (input.bare && !byName && intentOf(body) !== 'none'))
    return [];
  // "附近门店 pass", "addresses are on the screenshot", "刚才发的地址是旧的别用": words that are no address make no
  // list of addresses — the list is asked again, not recorded with them. (A place's own name stays: "徐家汇",
  // "Harbour City".)
  const unbracketed = (e: string) => e.replace(/\([^()]*\)|（[^（）]*）/g, ' ');
  if (shape === 'locations' && entries.some((e) => !ADDRESS_LIKE.test(e) && SAYS_SOMETHING.test(unbracketed(e))))
    return [];
  const kept = shape === 'locations' ? entries.map(withoutLatinRemark) : entries;
  return kept.length > 0 ? [value(kept)] : [];
}

/**
 * "佛山市顺德区岭南大道南2号 (showroom)", "柳州市鱼峰区柳石路5号 (second one opens in July)": a Chinese address with a
 * remark in English in brackets after it — the remark is about the store, not part of where it is.
 */
const LATIN_REMARK =
  /(?<=[\u4e00-\u9fa5\d号])\s*\((?![^()]*[\u4e00-\u9fa5])(?=[^()]*\b(?:open(?:s|ing)?|soon|clos(?:ed|ing)|new|flagship|showroom|pop-?up|until|temporar\w*|coming|second|first|main|only|branch|outlet|store|shop|since)\b)(?![^()]*\b(?:mall|unit|block|floor|tower|plaza|building|centre|center|not)\b)[^()]*\)$/i;

function withoutLatinRemark(entry: string): string {
  const cut = entry.replace(LATIN_REMARK, '');
  return cut === '' ? entry : cut;
}

/** What every address holds: a place word (路, 号, 区, 店, 大厦…), a number, or an English street word. */
const ADDRESS_LIKE =
  /[路街道号號區区市省县縣镇鎮村厦廈場场中心楼樓层層室巷弄里店园園城座栋棟广廣站口]|\d|\b(?:road|rd|street|st|avenue|ave|lane|ln|district|plaza|building|bldg|tower|floor|unit|mall|centre|center|no|blvd|boulevard|highway|square|park|way)\b/i;

/** Words that say something (English in lower case, a Chinese particle or verb), not a place's name. */
const SAYS_SOMETHING =
  /^[a-z][a-z\s'’]*$|[的了是也在有别用发吧吗呢这那另]|图片|截图|文件|\b(?:[Ss]creenshot|[Pp]hoto|[Ii]mage|[Ff]ile)s?\b|\/\/|\bwww\.|\.(?:com|cn|net|io)\b|\b(?:[Tt]hat'?s|[Ii]t'?s|is|are|was|were|only)\b|欢迎|玩|\bgroup\b|群里/;

export const readPages = (input: ReadInput): Draft[] => readList(input, 'pages');

/** Addresses hold commas in English ("1266 West Nanjing Rd, Jing'an"): split on them only in Chinese. */
export const readLocations = (input: ReadInput): Draft[] => readList(input, 'locations');

export const readServiceMessages = (input: ReadInput): Draft[] => readList(input, 'service_messages');
