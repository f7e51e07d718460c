/**
 * Text normalisation before any reading: clients type full-width digits and letters (ＡｐｐＩＤ：ｗｘ１…),
 * Chinese punctuation and circled numbers (①②). NFKC folds the first two; circled numbers would fold
 * to bare digits ("①" → "1") and lose the list, so they become "\n1. " first.
 *
 *   normalize('ＡｐｐＩＤ：ｗｘ１Ａ') // 'AppID:wx1A'
 */

const CIRCLED = /[\u2460-\u2473]/g; // ① … ⑳
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;

export function normalize(text: string): string {
  return text
    .replace(CIRCLED, (c) => `\n${c.charCodeAt(0) - 0x245f}. `)
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Lower-cases ASCII letters only, so offsets stay the same as in the input. */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Replaces [start, end) with spaces: a consumed value is not read twice, and offsets stay valid. */
export function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

const HAN = /[\u4e00-\u9fff]/g;
const LATIN = /[A-Za-z]/g;

/** More Chinese characters than Latin letters. */
export function isMostlyChinese(s: string): boolean {
  return (s.match(HAN)?.length ?? 0) > (s.match(LATIN)?.length ?? 0);
}
