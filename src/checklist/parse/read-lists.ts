/**
 * Readers for list answers: WeChat IDs (developers, Beta whitelist), template IDs, Functions Pages,
 * nearby locations, service messages. Limits are not checked here: rules.validate does that when
 * the value is stored.
 *
 *   readWechatIds({ parts: ['', 'dev_zhao、dev_qian'], … }) // [{ kind: 'value', value: ['dev_zhao', 'dev_qian'] }]
 */
import { WECHAT_ID } from '../rules.js';
import { isMostlyChinese } from './normalize.js';
import { intentOf, saysDone, saysLater, saysNotApplicable, stripFiller } from './phrases.js';
import { deniesItem, type Draft, invalid, listBody, notApplicable, type ReadInput, value } from './read-input.js';
import { splitList } from './lists.js';
import { isNoAnswer } from './no-answer.js';

// === WeChat IDs

const ID_LABEL = /^(?:微信号|微信id|微信|wechat ids?|weixin|wx ids?|ids?|账号|是|为|:|加上|加|请加|添加|add|please add|\s)+/i;
/** English words a WeChat ID pattern would match, seen in sentences around the IDs. */
const NOT_IDS = new Set(['please', 'developer', 'developers', 'wechat', 'weixin', 'tester', 'testers', 'people', 'staging', 'whitelist', 'version', 'thanks', 'already', 'account', 'accounts', 'following', 'members', 'access', 'colleague', 'colleagues', 'below', 'these', 'those', 'their', 'others', 'beta', 'added']);
const ID_ATTEMPT = /^[A-Za-z0-9_-]{2,30}$/;

/** IDs among other words: "张伟（微信号 zw_1988）", "先加 dev_zhao". */
function idsInSentence(piece: string): string[] {
  const tokens = piece.split(/[^A-Za-z0-9_-]+/).filter((t) => t !== '');
  const plain = tokens.every((t) => WECHAT_ID.test(t) && !NOT_IDS.has(t.toLowerCase()));
  // In a sentence, only tokens no English word looks like: with a digit, _ or -.
  return plain ? tokens : tokens.filter((t) => WECHAT_ID.test(t) && /[\d_-]/.test(t));
}

/** Short words ("yes", "sure") are not attempts; a token with a digit, _ or - or over 20 letters is. */
/** "体验者：黄小明": a person's name where their WeChat ID belongs. */
const HAN_NAME = /^[\u4e00-\u9fa5]{2,4}$/;
const NOT_NAMES = /^(我们|你们|他们|如下|以下|这些|这几个|这两个|两个|三个|都是|一下|同事|自己)/;

function isNameForId(piece: string, input: ReadInput): boolean {
  return !input.bare && HAN_NAME.test(piece) && !NOT_NAMES.test(piece) && intentOf(piece) === 'none' && /^[^\n:]*:/.test(input.text);
}

function isIdAttempt(piece: string): boolean {
  if (!ID_ATTEMPT.test(piece) || NOT_IDS.has(piece.toLowerCase()) || intentOf(piece) !== 'none') return false;
  return (/[\d_-]/.test(piece) && !/^\d{1,5}$/.test(piece)) || piece.length > 20;
}

/** "已添加 dev_zhao、dev_qian": the client added the IDs we sent, which is what "done" records. */
export function readWechatIds(input: ReadInput): Draft[] {
  if (saysDone(input.text)) return [value('done')];
  const ids: string[] = [];
  const bad: Draft[] = [];
  for (const raw of splitList(listBody(input), { commas: true, conjunctions: true })) {
    const piece = stripFiller(raw.slice(raw.lastIndexOf(':') + 1).replace(ID_LABEL, ''));
    if (WECHAT_ID.test(piece) && !NOT_IDS.has(piece.toLowerCase())) ids.push(piece);
    else if (isIdAttempt(piece) || isNameForId(piece, input)) bad.push(invalid(piece, 'reason.wechat_id', { input: piece }));
    else if (/[^A-Za-z0-9_-]/.test(piece)) ids.push(...idsInSentence(piece));
  }
  if (ids.length > 0) return [value(ids), ...bad];
  if (bad.length > 0) return bad;
  return deniesItem(input) ? notApplicable(input) : [];
}

// === Template IDs: the valid ones are read as tokens; what is left and looks like an ID is refused

export function readTemplateIds(input: ReadInput): Draft[] {
  const attempt = input.bare ? /(?<![\w-])[A-Za-z0-9_-]{20,}(?![\w-])/g : /(?<![\w-])(?=[A-Za-z_-]*\d)[A-Za-z0-9_-]{8,}(?![\w-])/g;
  const bad = [...input.text.matchAll(attempt)].map((m) => invalid(m[0], 'reason.template_id', { input: m[0] }));
  if (bad.length > 0) return bad;
  return deniesItem(input) ? notApplicable(input) : [];
}

// === Free-text lists

function readList(input: ReadInput, split: (body: string) => string[]): Draft[] {
  const body = listBody(input);
  if (saysLater(body)) return [];
  if (deniesItem(input) || saysNotApplicable(body)) return notApplicable(input);
  if (isNoAnswer(body) || isNoAnswer(input.text) || (input.bare && intentOf(body) !== 'none')) return [];
  const entries = split(body).filter((e) => intentOf(e) === 'none');
  return entries.length > 0 ? [value(entries)] : [];
}

/** Pages hold "业务-类目, 标签：a、b": split only on lines, semicolons and numbering. */
export const readPages = (input: ReadInput): Draft[] => readList(input, (body) => splitList(body));

/** Addresses hold commas in English ("1266 West Nanjing Rd, Jing'an"): split on them only in Chinese. */
export const readLocations = (input: ReadInput): Draft[] =>
  readList(input, (body) => splitList(body, { commas: isMostlyChinese(body) }));

export const readServiceMessages = (input: ReadInput): Draft[] =>
  readList(input, (body) => splitList(body, { commas: true, conjunctions: true }));
