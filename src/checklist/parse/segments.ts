/**
 * Cuts a message into segments, each about one checklist item (or none: a bare answer).
 *
 * A message is clauses (split at , ; 、 and sentence ends). A clause with keywords is cut at each
 * keyword, and the text before the first keyword belongs to it too ("1900000109 是商户号"). A clause
 * without a keyword continues the item before it: list items within a sentence or on following lines
 * ("模板ID：aaa，bbb\nccc"), other items only within their sentence.
 *
 *   segment('AppID wx…，商户号还在申请中') // [{ item: 'app_id', … }, { item: 'merchant_account', … }]
 */
import { shapeOf } from '../shapes.js';
import type { ItemKey } from '../types.js';
import { absorbsWord, findHits, type Hit, isAbsorbed } from './keywords.js';
import { opensOwnClause, ownClauseStatus } from './own-clause.js';
import { ABBREVIATED } from './sentences.js';
import { tick } from './work.js';

export interface Segment {
  /** undefined: no keyword named an item; the items the bot asked decide. */
  item?: ItemKey;
  start: number;
  end: number;
  /** Keywords inside, absorbed ones included. */
  hits: Hit[];
  /** For a segment without item: the item named before it in the same sentence ("商户号 1900000109，已开通"). */
  prevItem?: ItemKey;
  /** For a segment without item: the item a keyword names later in the same sentence ("a, b 是开发者"). */
  nextItem?: ItemKey;
  /** For a segment without item: the last item named in an earlier sentence ("Wrong merchant ID. Correct one: …"). */
  lastItem?: ItemKey;
}

interface Clause {
  start: number;
  end: number;
  sentence: number;
}

const CLAUSE_END = /[,;、]/;
const SENTENCE_END = /[。!?\n]/;
/** "e.g.", "Ltd." and "Mr." do not end a sentence (sentences.ts). */
const ABBREVIATION = new RegExp(`(?:^|[^A-Za-z0-9])(?:${ABBREVIATED})$`, 'i');

/** A number of 3 digits or more ends at `i` (not the tail of "1.2345"): looked at back over its digits only. */
function endsLongNumber(text: string, start: number, i: number): boolean {
  let j = i;
  while (j > start && /\d/.test(text[j - 1] ?? '')) j -= 1;
  return i - j >= 3 && (j === start || text[j - 1] !== '.');
}

function endsSentence(text: string, i: number, start: number): boolean {
  const c = text[i] ?? '';
  // ("…active, 1688123450. Stores: none": a long number ends a sentence too; "1. 首页" and "1.5" do not.)
  if (c === '.')
    return (
      (/[^\d\s.]/.test(text[i - 1] ?? '') || endsLongNumber(text, start, i)) &&
      /^(\s|$)/.test(text[i + 1] ?? '') &&
      !ABBREVIATION.test(text.slice(start, i))
    );
  if (!SENTENCE_END.test(c)) return false;
  return !(c === '\n' && /:\s*$/.test(text.slice(start, i))); // "开发者：\n a\n b" is one sentence
}

/** Closing quote for each opening one: a sentence does not end inside quoted copy ('"Oops. Please try again."'). */
const QUOTE_SPAN = 300;
const CLOSES: Readonly<Record<string, string>> = { '"': '"', '“': '”', '「': '」', '『': '』' };

/** "1. ", "2) ", "3、" after a space or a colon (not "1.5", not "No. 2"): an entry's number inside a line. */
function startsInlineNumber(text: string, i: number): boolean {
  return (
    /[ \t:]/.test(text[i - 1] ?? '') &&
    /^\d{1,2}[.)、](?!\d)\s*\S/.test(text.slice(i, i + 6)) &&
    !/\d/.test(text[i - 2] ?? '')
  );
}

export function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  let sentence = 0;
  // The quote open at i, if its closing one comes later on the same line (found once per quote: O(n)).
  let quoteEnd = -1;
  for (let i = 0; i <= text.length; i += 1) {
    tick();
    const c = text[i] ?? '';
    if (i > quoteEnd && CLOSES[c] !== undefined) {
      // A copy is short: the closing quote is looked for within QUOTE_SPAN characters, so each quote costs O(1).
      const ahead = text.slice(i + 1, i + 1 + QUOTE_SPAN);
      const close = ahead.indexOf(CLOSES[c] ?? '');
      const line = ahead.indexOf('\n');
      quoteEnd = close >= 0 && (line < 0 || close < line) ? i + 1 + close : -1;
    }
    const inQuote = i < quoteEnd && c !== '\n';
    const sentenceEnd = i === text.length || (!inQuote && endsSentence(text, i, start));
    if (!inQuote && startsInlineNumber(text, i)) {
      // "转告：1. 类目用 … 2. 不需要 …": inline numbering opens a clause, as a new line would; the number stays with it.
      if (text.slice(start, i).trim() !== '') clauses.push({ start, end: i, sentence });
      start = i;
      continue;
    }
    if (!sentenceEnd && !CLAUSE_END.test(text[i] ?? '') && text[i] !== '\n') continue;
    if (text.slice(start, i).trim() !== '') clauses.push({ start, end: i, sentence });
    start = i + 1;
    if (sentenceEnd) sentence += 1;
  }
  return clauses;
}

const MODIFIER_BEFORE_KEYWORD =
  /(?:还|也|暂时|目前|都|并|但|而且|另外|我们的|我们|还在|没有|没|无|不需要|不涉及|不用|未开通|未|有|需要|是|的|\s)+$|(?:(?:^|\s)(?:no|not|without|have|has|had|and|our|the|a|an|with|also|we|still|already|don't|do|need|any)\s*)+$/i;

/** Moves a cut back over words that belong to the next keyword: "AppID wx… 没有|商户号". */
function cutBefore(text: string, from: number, hit: Hit): number {
  const m = MODIFIER_BEFORE_KEYWORD.exec(text.slice(from, hit.start));
  return m ? from + m.index : hit.start;
}

interface Piece extends Segment {
  sentence: number;
}

interface WalkState {
  pieces: Piece[];
  /** Where the run of pieces of the last piece's item starts (the list just read, when it is one). */
  runStart: number;
  /** The last anchoring keyword's item and its sentence: it may absorb keywords after it. */
  anchor?: { item: ItemKey; sentence: number };
  /** The items the bot just asked. */
  expected: readonly ItemKey[];
}

/** Lists of words: a keyword inside one of their entries ("门店查询") is part of the entry. */

function isLabelled(text: string, hit: Hit): boolean {
  return /^[^\s:,;。!?]{0,4}\s*(?::|=|是|为|\bis\b|\bare\b)/i.test(text.slice(hit.end, hit.end + 10));
}

function isExplicitLabel(text: string, hit: Hit): boolean {
  return /^\s*(?:是|为|are|is)?\s*:/.test(text.slice(hit.end, hit.end + 4));
}

/**
 * The word list the clause is in: its sentence's last label, the previous entry's for a numbered entry
 * ("2. 门店查询"), or — before any label — the list just asked.
 */
function openList(text: string, clause: Clause, state: WalkState, anchors: Hit[]): ItemKey | undefined {
  // "2. 不需要附近小程序 3. 统计用友盟", "服务消息还没想好，体验版名单：…": a list whose clause only says where it stands (done,
  // not needed, not yet, later) has no entries to go on with.
  const previous = state.pieces.at(-1);
  const closed = previous?.hits.some(
    (h) => h.item === previous.item && (ownClauseStatus(text, h) !== undefined || opensOwnClause(text, h)),
  );
  const sameSentence =
    state.anchor?.sentence === clause.sentence && !(closed && previous?.item === state.anchor.item)
      ? state.anchor.item
      : undefined;
  const clauseText = text.slice(clause.start, clause.end);
  const numbered =
    POINT.test(clauseText) && !closed && !(NUMBER_POINT.test(clauseText) && listIsPoint(text, state))
      ? previous?.item
      : undefined;
  // "我们想要 首页、菜单、门店、会员": an entry after the list's own separator goes on with the list before it.
  const listed = /[、,;]/.test(text[clause.start - 1] ?? '') && !closed ? previous?.item : undefined;
  const current =
    anchors.at(-1)?.item ?? sameSentence ?? numbered ?? listed ?? (state.anchor ? undefined : state.expected[0]);
  return current && shapeOf(current).wordList ? current : undefined;
}

/** A numbered or bulleted point: "2. 门店查询", "- 首页". */
const POINT = /^\s*(?:\d{1,2}[.)、]|[-•*])/;
/** A numbered point: "2. ", "3)", "4、". */
const NUMBER_POINT = /^\s*\d{1,2}[.)、]/;

/**
 * "2. 服务消息要两个：订单发货、到店自提提醒\n3. 报错文案 ok 了": a list opened on a numbered line is itself a point, so the
 * next numbered line is the next point, not its entry (a bullet under it, "- 门店查询", still is).
 */
function listIsPoint(text: string, state: WalkState): boolean {
  if (state.pieces.at(-1)?.item === undefined) return false;
  const line = text.lastIndexOf('\n', state.runStart - 1) + 1;
  // The line's head, up to where its number and mark end ("12、 " at most).
  return NUMBER_POINT.test(text.slice(line, Math.max(line, state.runStart) + 5));
}

/** Adds a piece, keeping where the run of its item's pieces starts (so a list's start is known without a walk back). */
function addPiece(state: WalkState, piece: Piece): void {
  if (state.pieces.at(-1)?.item !== piece.item || state.pieces.length === 0) state.runStart = piece.start;
  state.pieces.push(piece);
}

function anchorsIn(text: string, clause: Clause, hits: Hit[], state: WalkState): Hit[] {
  const anchors: Hit[] = [];
  for (const hit of hits) {
    if (hit.item === null) continue;
    // Before any keyword, the first sentence is about the item asked: "教育-在线教育，资质是办学许可证" (its licence).
    // A word the client labels ("类目是 …", "AppID 是 …") or one of an item asked still opens its item;
    // a word that is the asked item's own detail ("资质是 …" after a category) does not.
    const first = state.expected[0];
    const asked =
      state.anchor === undefined &&
      clause.sentence === 0 &&
      first !== undefined &&
      !state.expected.includes(hit.item) &&
      (absorbsWord(first, hit) || !isLabelled(text, hit))
        ? first
        : undefined;
    const current =
      anchors.at(-1)?.item ??
      (state.anchor?.sentence === clause.sentence ? state.anchor.item : hit.item === asked ? undefined : asked);
    if (current && isAbsorbed(current, hit)) continue;
    const list = openList(text, clause, state, anchors);
    // "服务消息不要，SMS 也不要": a word in a clause of its own that says where its item stands is no list entry.
    if (
      list &&
      hit.item !== list &&
      !state.expected.includes(hit.item) &&
      !isExplicitLabel(text, hit) &&
      !ownClauseStatus(text, hit)
    )
      continue;
    anchors.push(hit);
  }
  return anchors;
}

function inherited(state: WalkState, clause: Clause): ItemKey | undefined {
  const last = state.pieces.at(-1);
  if (!last?.item) return undefined;
  const shape = shapeOf(last.item);
  if (shape.multiline || (shape.sentence && last.sentence === clause.sentence)) return last.item;
  if (shape.sentence && state.expected.includes(last.item)) return last.item;
  return undefined;
}

function walkClause(text: string, clause: Clause, hits: Hit[], state: WalkState): void {
  const anchors = anchorsIn(text, clause, hits, state);
  if (anchors.length === 0) {
    const absorbing =
      hits.some((h) => h.item !== null) && state.anchor?.sentence === clause.sentence ? state.anchor.item : undefined;
    const item = absorbing ?? inherited(state, clause);
    addPiece(state, { item, start: clause.start, end: clause.end, hits, sentence: clause.sentence });
    return;
  }
  let start = clause.start;
  // "公司名下的，认证也做完了 2)AppID …": a keyword of the item running in this sentence, before the clause's first
  // anchor, keeps its words with that item instead of handing them to the next one.
  const running = state.anchor?.sentence === clause.sentence ? state.anchor.item : undefined;
  const first = anchors[0];
  if (running && first && first.item !== running && hits.some((h) => h.item === running && h.end <= first.start)) {
    const end = cutBefore(text, clause.start, first);
    const inside = hits.filter((h) => h.start >= start && h.end <= end);
    addPiece(state, { item: running, start, end, hits: inside, sentence: clause.sentence });
    start = end;
  }
  anchors.forEach((anchor, k) => {
    const next = anchors[k + 1];
    const end = next ? cutBefore(text, anchor.end, next) : clause.end;
    const inside = hits.filter((h) => h.start >= start && h.end <= end);
    addPiece(state, { item: anchor.item ?? undefined, start, end, hits: inside, sentence: clause.sentence });
    start = end;
  });
  const last = anchors.at(-1);
  if (last?.item) state.anchor = { item: last.item, sentence: clause.sentence };
}

/** For segments without an item: the items named before and after them in the same sentence. */
function linkNeighbours(pieces: Piece[]): void {
  const isNamed = (p: Piece) => p.item !== undefined && p.hits.length > 0;
  // Forward: the last named piece (any sentence, and this sentence); backward: the next one in this sentence. O(n).
  let earlier: Piece | undefined;
  for (const piece of pieces) {
    if (!piece.item) {
      if (earlier?.item) piece.lastItem = earlier.item;
      if (earlier?.item && earlier.sentence === piece.sentence) piece.prevItem = earlier.item;
    }
    if (isNamed(piece)) earlier = piece;
  }
  let later: Piece | undefined;
  for (let k = pieces.length - 1; k >= 0; k -= 1) {
    const piece = pieces[k] as Piece;
    if (!piece.item && later?.item && later.sentence === piece.sentence) piece.nextItem = later.item;
    if (isNamed(piece)) later = piece;
  }
}

function mergeSameItem(pieces: Piece[]): Segment[] {
  const merged: Segment[] = [];
  for (const { sentence: _sentence, ...piece } of pieces) {
    const last = merged.at(-1);
    const sameNeighbours =
      last?.prevItem === piece.prevItem && last?.nextItem === piece.nextItem && last?.lastItem === piece.lastItem;
    if (last && last.item === piece.item && sameNeighbours) {
      last.end = piece.end;
      last.hits.push(...piece.hits);
    } else merged.push({ ...piece, hits: [...piece.hits] });
  }
  return merged;
}

/**
 * `inside`: spans of values (domains, IDs) whose letters are no keywords ("pay" in pay.acme.cn).
 */
export function segment(
  text: string,
  expected: readonly ItemKey[] = [],
  inside: readonly { start: number; end: number }[] = [],
  keep: (hit: Hit) => boolean = () => true,
): Segment[] {
  let t = 0;
  const hits = findHits(text).filter((h) => {
    if (!keep(h)) return false;
    while (t < inside.length && (inside[t]?.end ?? 0) <= h.start) t += 1;
    const span = inside[t];
    return !(span && span.start < h.end && h.start < span.end);
  });
  const state: WalkState = { pieces: [], runStart: 0, expected };
  // Hits and clauses are both in text order: one pointer hands each clause its hits, O(n).
  let h = 0;
  for (const clause of clausesOf(text)) {
    while (h < hits.length && (hits[h]?.start ?? 0) < clause.start) h += 1;
    let end = h;
    while (end < hits.length && (hits[end]?.end ?? 0) <= clause.end) end += 1;
    walkClause(text, clause, hits.slice(h, end), state);
    h = end;
  }
  linkNeighbours(state.pieces);
  return mergeSameItem(state.pieces);
}
