/**
 * Edits to a list the client sent earlier: "再加一个 laozhang_1975", "把 sunny_lee 删掉", "把 tom_wang 换成
 * tomwang_sh", "remove refund from the service messages". The reply does not repeat the list, so it is
 * not a value: the conversation applies the edit to what is on file.
 *
 *   readEdit('把 tom_wang 换成 tomwang_sh', ['beta_whitelist']) // { key: 'beta_whitelist', add: ['tomwang_sh'], remove: ['tom_wang'] }
 */
import { itemDef } from '../items.js';
import { shapeOf } from '../shapes.js';
import { DOMAIN, TEMPLATE_ID, WECHAT_ID } from '../rules.js';
import type { ItemKey } from '../types.js';
import { findHits, type Hit, KEYWORDS } from './keywords.js';
import { NOT_ENTRY, splitList } from './lists.js';
import { saysLater, stripFiller } from './phrases.js';
import { isWhitelist } from './whitelist.js';

export interface ListEdit {
  key: ItemKey;
  add: string[];
  remove: string[];
}

/**
 * "<id> 这个模板不用了，换成 <id>". Its entry may hold commas, so it is tried from every separator: only when the message
 * says "不用了，换成" at all (NEEDS), or a long list would cost quadratic time.
 */
const DROPPED_THEN_REPLACED =
  /(?:^|[\s,;])(\S+)\s*(?:(?:那个|这个|这条|那条)\s*(?:模板|门店|地址|页面|ID|id)?)?\s*(?:不要了|不用了|作废|删掉)[\s,;]*(?:换成|改成|改为|替换成|用)\s*(.+)$/;
/** "<id> → <id>": tried only when the message has an arrow (a long run of "-" cost 0.6 s). */
const ARROW_REPLACED = /^(?:[^:\n→]{0,20}:\s*)?([^:\n→]+?)\s*(?:→|->|=>)\s*([^\n→]+)$/;
/** What a message must hold for a pattern to be tried at all. */
const NEEDS = new Map<RegExp, RegExp>([
  [DROPPED_THEN_REPLACED, /(?:不要了|不用了|作废|删掉)[\s,;]*(?:换成|改成|改为|替换成|用)/],
  [ARROW_REPLACED, /→|->|=>/],
]);

const REPLACE = [
  /把\s*(.+?)\s*(?:那个|这个|这条|那条)?\s*(?:换成|改成|改为|替换成|替换为|替换)\s*(.+)$/,
  // "<id> 这个模板不用了，换成 <id>": the entry may be pointed at again by what it is before it is dropped.
  DROPPED_THEN_REPLACED,
  // "<id> 这个换成 <id>": an entry, then what replaces it (no 把).
  /^\s*([^\s,;:]+)\s*(?:那个|这个|这条|那条)?\s*(?:换成|改成|改为|替换成|替换为)\s*(.+)$/,
  // "漕溪北路那家搬了，地址换成 …": a store that moved or was renamed, then where or what it is now.
  // "南京西路那家搬了，新地址 …": after 新地址 / 新名字 a space is enough.
  /^\s*(\S{2,30}?(?:那家|这家))\s*(?:搬了|搬家了|搬走了|改名了|换地方了|换地址了|moved)[\s,;]*(?:(?:地址|新地址|名字|新名字)?\s*(?:换成|改成|改为|是|:)|(?:新地址|新名字|新店名)\s)\s*(.+)$/,
  // "「发货通知」改名叫「物流更新」", "rename A to B": an entry renamed is replaced by its new name.
  /^\s*(.{1,40}?)\s*(?:改名叫|改名为|改名成|改叫|更名为|重命名为|名字改成|名字改为)\s*(.+)$/,
  /\brename\s+(.+?)\s+(?:to|as)\s+(.+)$/i,
  /\breplace\s+(.+?)\s+with\s+(.+)$/i,
  /\bswap\s+(.+?)\s+(?:for|with)\s+(.+)$/i,
  /\b(?:remove|delete|drop)\s+(.+?)\s+and\s+add\s+(.+?)(?:\s+(?:instead|in (?:its|his|her|their) place)\b.*)?$/i,
  // "modify: <id> → <id>", "typo: 'pickup raedy' → 'pickup ready'": the entry, an arrow, what replaces it.
  ARROW_REPLACED,
];
/** "微信号打错了，是 chenhao_1992 不是 chenhao_1993", "typo: it's X not Y": the right entry, then the wrong one. */
const CORRECTED = [
  /(?:打错|写错|填错|输错|发错|弄错|搞错)了?[^,;]{0,12}[\s,;:]*(?:应该|正确的)?是\s*(\S+?)\s*[,;]?\s*(?:不是|而不是)\s*(\S+)/,
  /\b(?:typo|mistake|wrong)\b[^,;]{0,20}[\s,;:]*(?:it'?s|it should be|should be)\s+(\S+?)\s*,?\s*not\s+(\S+)/i,
];
/** "刚才发的 amy_w 打错了，应该是 amy_wu", "bob-lin was a typo, should be bob_lin": the wrong entry, then the right one. */
// The wrong entry starts where its run of non-spaces starts (as the leftmost match would): tried only there, it is
// linear on a long run ("广州…1号,广州…2号,…").
const WRONG_THEN_RIGHT = [
  /(?<!\S)(\S+)\s*(?:打错|写错|填错|输错|发错|弄错|搞错)了?[\s,;:]*(?:应该是|正确的是|正确是|是)\s*(\S+)/,
  /(?<!\S)(\S+)\s+(?:is|was) (?:a typo|wrong|misspelt|misspelled)[\s,;:]*(?:it )?(?:should be|is|it'?s)\s+(\S+)/i,
];
const REMOVE = [
  // "第二个不要了 <id>", "最后那个删掉：<id>": an entry pointed at by its place, then named after the verb.
  /^\s*(?:第[一二三四五六七八九十\d]{1,2}|最后|最后一|头|前面|上面)(?:个|条|家|页)?(?:那个|这个)?\s*(?:不要了|不用了|不需要了|去掉|删掉|删了|删除|拿掉)(?:吧)?[\s,;:]+(.+)$/,
  // "sam_dev88 已经不在公司了 麻烦从体验者里删掉": the entry, a reason, then "remove it from the list".
  /^\s*(\S+?)\s+.{0,24}?(?:帮忙|麻烦|请|帮我)?从[^,;\s]{1,10}?(?:里面|里|中)?(?:移除|删掉|删除|去掉|拿掉)(?:一下|吧|了)?[\s.!。]*$/,
  /把\s*(.+?)\s*(?:那个|这个|这条|那条|这几个)?\s*(?:删掉|去掉|删除|拿掉|移除|去除|删了|去了|不要了)/,
  /(?:删掉|去掉|删除|拿掉|移除|去除)\s*(.+?)(?:吧|$)/,
  /\b(?:please\s+)?(?:remove|delete|drop|take out|swap out|switch out)\s+(.+?)(?:\s+(?:from|off)\b.*)?$/i,
  /\btake\s+(.+?)\s+(?:off|out of)\b/i,
  // "静安那家（南京西路1788号）关了，删掉吧": the entry said gone, then "delete it".
  /^\s*(\S.{0,60}?)\s*(?:已经?|already\s+)?(?:关了|关门了|撤了|没了|不开了|closed)?[\s,;]*(?:删掉|去掉|删除|删了|拿掉|移除)(?:吧|了)?[\s.!。]*$/,
  // "lucy2019 不要了 她调岗了", "第一个 <id> 不要了": the entry, then the verb, then at most a reason.
  /^\s*([^,;:\n]{1,60}?)\s*(?:不要了|不用了|不需要了|去掉吧|删掉吧|删了吧|拿掉吧)\s*(?:$|[\s,;].{0,30}$)/,
];
const ADD = [
  /(?:再加|再添加|还要加|另外加|另加|追加|多加|补充|补一个|再补|漏了|落了|忘了加|忘加了)(?:上)?(?:一个|一下|个|几个|这几个|两个|一条|一家|一处|一页)?\s*[:]?\s*(.+)$/,
  /\b(?:also add|add one more|one more|plus|(?:i )?(?:missed|forgot|left out) (?:one|an? \w+)|(?:you'?re|we'?re) missing one)\s*:?\s*(.+)$/i,
  /\badd\s+(.+?)\s+(?:too|as well)\b/i,
  /^\s*(?:please\s+)?add\s+(.+?)\s+(?:to|into|on)\s+(?:the|our|my)\b/i,
  // "把 X 也加到体验版", "把 X 加进去": the entry put into a list — an addition, whatever is on file.
  /把\s*(.+?)\s*(?:也|一起|一并)?\s*(?:加到|加进|加入|添加到|放到|放进|加上)/,
  // "加一个「退款到账通知」", "服务通知加个 …": one more entry, said by its count of one.
  /(?:^|[\s,;:])(?:加|添加|增加|新增)(?:一个|个|一条|一家|一页)\s*:?\s*(.+)$/,
];

/**
 * A URL whitelist's domains take edits too ("域名再加一个 static.acme.cn"): the conversation adds them to the domains on
 * file, under the ICP filing on file. A message that gives an ICP number with its domains is a value, not an edit.
 */
function takesEdits(key: ItemKey, text: string): boolean {
  return shapeOf(key).list || (itemDef(key).shape === 'url_whitelist' && !ICP_NUMBER.test(text));
}
const ICP_NUMBER = /icp\s*[备证]/i;

/** "再加一家店，地址下周给": the kind of entry named, not an entry. */
const KIND_ONLY = /^(?:门店|店铺|店|页面?|功能页|消息|通知|人|地址|stores?|shops?|pages?|messages?|ones?)$/i;

/** The list item the edit is about: one named in the text, else the first list item asked. */
function targetOf(text: string, expected: readonly ItemKey[]): ItemKey | undefined {
  // "把「门店查询」去掉": a keyword inside a quoted entry is the entry's word, not the item's name.
  const unquoted = text.replace(/["“「『‘][^"“”「」『』‘’]{1,40}["”」』’]/g, (q) => ' '.repeat(q.length));
  const hits = findHits(unquoted).filter((h) => h.item !== null && takesEdits(h.item, text));
  // "再加一个 socket 域名 …" while the MP's whitelist is asked: "域名", "whitelist" name any whitelist — the asked one,
  // unless a word of the admin UI's own names it ("业务域名", "admin", "后台").
  const generic = (h: Hit) => isWhitelist(h.item ?? undefined) && GENERIC.has(h.word);
  const asked = expected.find(isWhitelist);
  const hit = hits.find((h) => !generic(h)) ?? hits[0];
  if (hit && asked && generic(hit) && !ADMIN_UI.test(text)) return asked;
  return hit?.item ?? expected.find((k) => takesEdits(k, text));
}

const ADMIN_UI = /\badmin\b|后台|管理端|业务域名/i;
/**
 * Words for any URL whitelist: the admin UI's keywords but those of its own filing and business domains — the admin
 * UI's by default, the one asked when the MP's is.
 */
const GENERIC: ReadonlySet<string> = new Set(
  KEYWORDS.admin_url_whitelist.filter((w) => !/icp|备案|业务|外部/i.test(w)),
);

/** A domain in an edit, whole (a URL's host): "static.acme.cn", "https://img.acme.cn/x". */
const DOMAIN_IN_EDIT =
  /(?<![A-Za-z0-9_.@/-])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![a-z0-9-])/gi;

/** Entries named in an edit, in the item's shape: IDs for ID lists, trimmed words for the others. */
function entriesOf(key: ItemKey, words: string): string[] {
  const shape = itemDef(key).shape;
  // Whole tokens only: a mistyped 42-character template ID is not two WeChat IDs.
  if (shape === 'wechat_ids')
    return (words.match(/(?<![-_A-Za-z0-9])[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9])/g) ?? []).filter(
      (w) => WECHAT_ID.test(w) && /[\d_-]/.test(w),
    );
  if (shape === 'url_whitelist')
    return [...words.matchAll(DOMAIN_IN_EDIT)].map((m) => (m[1] ?? '').toLowerCase()).filter((d) => DOMAIN.test(d));
  if (shape === 'template_ids')
    return (words.match(/(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g) ?? []).filter((w) =>
      TEMPLATE_ID.test(w),
    );
  return (
    splitList(words, { commas: true, conjunctions: true })
      .map((e) => e.replace(/^[^:]{0,6}:\s*/, '')) // "再加一个门店：…": the label is no part of the entry
      // "把“优惠券”那个功能页删掉": a quoted name is the entry, whatever words around it say which list it is in.
      .map((e) => /["“「『]([^"“”「」『』]{1,40})["”」』]/.exec(e)?.[1] ?? e)
      .map((e) =>
        stripFiller(
          e
            .replace(/^(?:一个|个|一家|家|把|the|an?)\s*/i, '')
            .replace(
              /(?:那个|这个|这条|那条|那家|这家|吧|了|去掉|删掉|删除|拿掉|入口|页面?|\bpage\b|\bentry\b)+$/i,
              '',
            ),
        ),
      )
      .map((e) => e.replace(/[\s,;:]*(?:他|她|它|因为|since|because|as)\b.*$/i, '').trim())
      // "「优惠券」", "'Find a Studio' please": quotes hold the entry; a closing "please" is no part of it.
      .map((e) => e.replace(/\s+please$/i, '').replace(/^["“「『‘']([^"“”「」『』‘’']+)["”」』’']$/, '$1'))
      // "再加一个新店 下个月开业再发你", "再加一个，名字明天给你": one still to come is no entry yet.
      .filter((e) => e !== '' && e.length <= 40 && !NOT_ENTRY.test(e) && !saysLater(e) && !KIND_ONLY.test(e))
  );
}

/** "静安那家（南京西路1788号）": the entry is named by the address in brackets, the rest is how the client calls it. */
function addressIn(entry: string): string {
  const inner = /\(([^()]*\d[^()]*)\)/.exec(entry)?.[1]?.trim();
  return inner && inner.length >= 4 ? inner : entry;
}

function firstMatch(patterns: readonly RegExp[], text: string): RegExpExecArray | undefined {
  for (const re of patterns) {
    if (NEEDS.get(re)?.test(text) === false) continue;
    const m = re.exec(text);
    if (m) return m;
  }
  return undefined;
}

/** The clause that carries the edit: up to the next sentence end or comma reason ("，她离职了"). */
function clauseText(s: string): string {
  return s.split(/[。!?\n]/)[0]?.trim() ?? '';
}

/** Lists on file, by item: an edit that names none of the items asked edits the one holding its entry. */
export type ListsOnFile = Partial<Record<ItemKey, readonly string[]>>;

export function readEdit(text: string, expected: readonly ItemKey[], onFile: ListsOnFile = {}): ListEdit | undefined {
  const key = targetOf(text, expected);
  if (key) return editOf(text, key);
  for (const [k, list] of Object.entries(onFile) as [ItemKey, readonly string[]][]) {
    const edit = editOf(text, k);
    // Held whole, or as part of one entry (a store named by its street and number).
    const held = (e: string) =>
      list.some((x) => x.toLowerCase() === e.toLowerCase() || (e.length >= 4 && x.includes(e)));
    if (edit && edit.remove.length > 0 && edit.remove.every(held)) return edit;
  }
  return undefined;
}

/** "sorry it's mark_h2 not mark_h", "是 lily_88 不是 lily-88": the right entry, then one written almost the same. */
const RIGHT_NOT_WRONG =
  /(?:^|[\s,;:])(?:it'?s|its|should be|是|应该是)\s*(\S+?)\s*[,;]?\s*(?:not|不是|而不是)\s+(\S+?)[\s.!。]*$/i;

const KEEPS_OLD = /留着|保留|别删|不删|还在用|也加|也留|\b(?:stays?|keep|too|as well)\b/i;
const NEW_WORD = String.raw`(?:新的|\bnew(?: one)?\b)\s*(?:是|\bis\b|:)?\s*`;
const OLD_WORD = String.raw`(?:旧的|老的|\bold(?: one)?\b)\s*(?:是|\bis\b|:)?\s*`;
const ENTRY_END = String.raw`(?=\s|不用|没用|作废|删掉|删了|$|[,;。]|\.(?:\s|$))`;
const NEW_THEN_OLD = new RegExp(
  String.raw`${NEW_WORD}(?<added>\S{1,80}?)${ENTRY_END}[\s,;]*${OLD_WORD}(?<removed>\S{1,80}?)${ENTRY_END}`,
  'i',
);
const OLD_THEN_NEW = new RegExp(
  String.raw`${OLD_WORD}(?<removed>\S{1,80}?)${ENTRY_END}[^,;。.]{0,12}[\s,;]*${NEW_WORD}(?<added>\S{1,80}?)${ENTRY_END}`,
  'i',
);

/** Two spellings of one entry: at most two characters added, dropped or changed (entries are short: ≤ 40). */
function lookAlike(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y || x.length > 40 || y.length > 40 || Math.abs(x.length - y.length) > 2) return false;
  let row = Array.from({ length: y.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return (row[y.length] ?? 3) <= 2;
}

function editOf(text: string, key: ItemKey): ListEdit | undefined {
  const corrected = firstMatch(CORRECTED, text);
  if (corrected) {
    const add = entriesOf(key, corrected[1] ?? '');
    const remove = entriesOf(key, corrected[2] ?? '');
    if (remove.length > 0 && add.length > 0) return { key, add, remove };
  }
  const respelt = RIGHT_NOT_WRONG.exec(text);
  if (respelt && lookAlike(respelt[1] ?? '', respelt[2] ?? '')) {
    const add = entriesOf(key, respelt[1] ?? '');
    const remove = entriesOf(key, respelt[2] ?? '');
    if (remove.length === 1 && add.length === 1) return { key, add, remove };
  }
  const wrong = firstMatch(WRONG_THEN_RIGHT, text);
  if (wrong) {
    const remove = entriesOf(key, wrong[1] ?? '');
    const add = entriesOf(key, wrong[2] ?? '');
    if (remove.length === 1 && add.length === 1) return { key, add, remove };
  }
  // "微信号换了 新的是 hz_xm_0326 旧的hz_xiaomei不用了", "old one: a_b, new one: c_d": one entry for another.
  // (Tokens only — IDs, template IDs, domains: an address or a name runs on into the words around it.)
  // ("旧的也留着", "old one should stay too": both kept — no swap.)
  const swapped =
    shapeOf(key).wordList || KEEPS_OLD.test(text) ? null : (NEW_THEN_OLD.exec(text) ?? OLD_THEN_NEW.exec(text));
  if (swapped?.groups) {
    const add = entriesOf(key, swapped.groups.added ?? '');
    const remove = entriesOf(key, swapped.groups.removed ?? '');
    if (remove.length === 1 && add.length === 1) return { key, add, remove };
  }
  const replace = firstMatch(REPLACE, text);
  if (replace) {
    const remove = entriesOf(key, replace[1] ?? '');
    const add = entriesOf(key, clauseText(replace[2] ?? '').split(/[,;]/)[0] ?? '');
    if (remove.length > 0 && add.length > 0) return { key, add, remove };
  }
  // "再加一个 sunny_q，把 kevin-zh 删掉": an addition and a removal, each in its own clause.
  const clauses = text.split(/[,;。\n]/);
  const remove = clauses.flatMap((c) => removalIn(key, c.trim()));
  const whole = remove.length > 0 ? [] : removalIn(key, text);
  if (whole.length > 0) return { key, add: [], remove: whole };
  if (remove.length > 0)
    return {
      key,
      add: clauses.flatMap((c) => [...additionIn(key, c.trim()), ...replacementIn(key, c.trim())]),
      remove,
    };
  const add = plainAddition(key, text);
  return add.length > 0 ? { key, add, remove: [] } : undefined;
}

/**
 * "Please add my boss too: david_w_hk", "体验版里把我老板也加上：boss_zhang": the person the addition names is said by
 * who they are, and their entry follows a colon after the verb.
 */
function addedAfterColon(key: ItemKey, text: string, addition: RegExpExecArray): string[] {
  const rest = /^[^:\n]{0,12}:\s*(.+)$/.exec(text.slice(addition.index + addition[0].length));
  return rest ? entriesOf(key, clauseText(rest[1] ?? '')) : [];
}

function plainAddition(key: ItemKey, text: string): string[] {
  const addition = firstMatch(ADD, text);
  if (!addition) return [];
  const add = entriesOf(key, clauseText(addition[1] ?? ''));
  return add.length > 0 ? add : addedAfterColon(key, text, addition);
}

/** "…去掉「A」，换成「B」", "drop A, replace it with B": after a removal, the clause that names what comes instead. */
const INSTEAD = /^(?:换成|改成|改为|替换成|替换为|replace (?:it |them )?with|instead\s*:?)\s*(.+)$/i;

function replacementIn(key: ItemKey, clause: string): string[] {
  const instead = INSTEAD.exec(clause);
  return instead ? entriesOf(key, clauseText(instead[1] ?? '')) : [];
}

function removalIn(key: ItemKey, text: string): string[] {
  for (const re of REMOVE) {
    const removal = re.exec(text);
    if (!removal) continue;
    // "服务通知不要了" names the item itself: the item does not apply, no entry goes.
    const remove = entriesOf(key, clauseText(removal[1] ?? '').split(/[,;]/)[0] ?? '')
      .map((e) => (shapeOf(key).wordList ? addressIn(e) : e))
      .filter((e) => !findHits(e).some((h) => h.item === key && e.trim().length <= h.word.length + 4));
    if (remove.length > 0) return remove;
  }
  return [];
}

/** Beside a removal, a plain "加个 …" / "add …" adds: the edit is already said ("把 A 去掉，加个 B"). */
// "beta list: add mark_ops, remove …": the list's name as a label before the clause's verb.
const ADD_BESIDE_REMOVAL =
  /^(?:[^:]{1,20}:\s*)?(?:再|还|另外)?(?:加|添加|增加|新增)(?:上)?(?:一个|个|一页|一条|一家)?\s*:?\s*(.+)$|^(?:[^:]{1,20}:\s*)?(?:and\s+)?(?:please\s+)?add\s+(.+)$/i;

function additionIn(key: ItemKey, text: string): string[] {
  if (removalIn(key, text).length > 0) return [];
  const plain = ADD_BESIDE_REMOVAL.exec(text);
  if (plain) return entriesOf(key, clauseText(plain[1] ?? plain[2] ?? ''));
  return plainAddition(key, text);
}
