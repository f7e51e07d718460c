/**
 * Text normalisation before any reading: clients type full-width digits and letters (ＡｐｐＩＤ：ｗｘ１…),
 * Chinese punctuation and circled numbers (①②). NFKC folds the first two; circled numbers would fold
 * to bare digits ("①" → "1") and lose the list, so they become "\n1. " first. One pass, O(length),
 * keeping where each character came from, so the client's own copy is stored as they wrote it
 * (`original`: "首页分享：好茶一起喝" keeps its full-width colon).
 *
 *   normalize('ＡｐｐＩＤ：ｗｘ１Ａ') // 'AppID:wx1A'
 */

import { toMandarin } from './hant.js';

/** "won’t", "it’s": a phone keyboard's apostrophe between letters is the apostrophe the phrases are written with. */
const APOSTROPHE = /^[A-Za-z]’[A-Za-z]$/;
const APOSTROPHES = /(?<=[A-Za-z])’(?=[A-Za-z])/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;
const INLINE_SPACE = /[ \t\f\v]/;

export interface Normalized {
  text: string;
  /** map[i]: the index in the raw text of text[i]; map[text.length]: the raw length. */
  map: number[];
  raw: string;
}

/** The normalised characters of one raw code point. */
function fold(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code >= 0x2460 && code <= 0x2473) return `\n${code - 0x245f}. `; // ① … ⑳
  if (ZERO_WIDTH.test(c)) return '';
  if (c === '\r') return '\n';
  if (INLINE_SPACE.test(c)) return ' ';
  return c.normalize('NFKC');
}

export function normalizeWithMap(raw: string): Normalized {
  const out: string[] = [];
  const map: number[] = [];
  // "認證都搞掂咗" is read as "认证都搞定了": the same length, so `at` below is the raw character's too.
  const mandarin = toMandarin(raw);
  let i = 0;
  for (const written of raw) {
    const at = i;
    i += written.length;
    const c =
      at > 0 && APOSTROPHE.test(raw.slice(at - 1, at + 2))
        ? "'"
        : written.length === 1
          ? (mandarin[at] ?? written)
          : written;
    if (c === '\n' && raw[at - 1] === '\r') continue; // \r\n → one newline
    for (const f of fold(c)) {
      const last = out.at(-1);
      if (f === ' ' && (last === ' ' || last === '\n')) continue; // "a   b", "a\n b"
      if (f === '\n' && last === ' ') {
        out.pop();
        map.pop();
      }
      out.push(f);
      map.push(at);
    }
  }
  // Trim both ends.
  let start = 0;
  let end = out.length;
  while (start < end && /\s/.test(out[start] ?? '')) start += 1;
  while (end > start && /\s/.test(out[end - 1] ?? '')) end -= 1;
  const text = out.slice(start, end).join('');
  const kept = map.slice(start, end);
  kept.push(end < map.length ? (map[end] ?? raw.length) : raw.length);
  return { text, map: kept, raw };
}

export function normalize(text: string): string {
  return normalizeWithMap(text).text;
}

/**
 * The client's own characters for a value read from the normalised text: the raw slice it came from,
 * when it is found there; the value as read otherwise.
 */
export function original(n: Normalized, value: string, from = 0): string {
  const at = n.text.indexOf(value, from);
  if (at < 0 || value === '') return value;
  const start = n.map[at] ?? 0;
  const lastChar = n.map[at + value.length - 1] ?? start;
  const raw = n.raw.slice(start, lastChar + 1 + ((n.raw.codePointAt(lastChar) ?? 0) > 0xffff ? 1 : 0));
  // Only full-width punctuation and letters (and traditional or Cantonese characters) may differ: the same
  // text, folded, must come back.
  return toMandarin(raw.normalize('NFKC'))
    .replace(/[ \t]+/g, ' ')
    .replace(APOSTROPHES, "'") === value
    ? raw
    : value;
}

/** Lower-cases ASCII letters only, so offsets stay the same as in the input. */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Replaces [start, end) with spaces: a consumed value is not read twice, and offsets stay valid. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

/** Blanks many ranges in one pass (O(length)), instead of one copy of the text per range. */
export function blankAll(text: string, ranges: readonly { start: number; end: number }[]): string {
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const { start, end } of ranges) for (let i = start; i < end; i += 1) chars[i] = ' ';
  return chars.join('');
}

const HAN = /[\u4e00-\u9fff]/g;
const LATIN = /[A-Za-z]/g;

/** More Chinese characters than Latin letters. */
export function isMostlyChinese(s: string): boolean {
  return (s.match(HAN)?.length ?? 0) > (s.match(LATIN)?.length ?? 0);
}
