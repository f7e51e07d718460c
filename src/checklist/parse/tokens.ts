/**
 * Values whose shape alone says what they are, found anywhere in a message without a keyword:
 * App IDs (wx + 16 hex), App secrets (32 hex), template IDs (43 chars), ICP numbers, SMS template
 * codes, and domains (which count only where the message is about a whitelist).
 *
 *   scanTokens('AppID：wx1A2B3C4D5E6F7A8B') // [{ kind: 'app_id', text: 'wx1a2b3c4d5e6f7a8b', … }]
 */

import { tick } from './work.js';

export type TokenKind = 'app_id' | 'secret' | 'mistyped_secret' | 'template_id' | 'icp' | 'sms_code' | 'domain';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Canonical form: lower-cased App ID, ICP without spaces, upper-case SMS code, host of a URL. */
  text: string;
}

const START = '(?<![A-Za-z0-9_.\\-])';
const END = '(?![A-Za-z0-9_\\-])(?!\\.[A-Za-z0-9])';
/** "appidwx632646…", "secret41701e…": the item's own label glued to its value is no longer token around it. */
const START_OR_LABEL = (label: string) => `(?:${START}|(?<=${START}${label}))`;
/** wx + letters/digits with at least one digit: an App ID, or a mistyped one ("wx12345"). */
const APP_ID_LIKE = new RegExp(`${START_OR_LABEL('app_?id')}wx(?=[a-z]*\\d)[0-9a-z]{2,40}${END}`, 'gi');
/** "wx 5db7 a4ef 4f24 8692": an App ID typed in groups; it counts only when the groups make wx + 16 hex. */
const APP_ID_GROUPS = new RegExp(`${START}wx(?:[ ]?[0-9a-f]{2,8}){2,8}${END}`, 'gi');
const SECRET = new RegExp(`${START_OR_LABEL('(?:app_?)?secret')}[0-9a-f]{32}${END}`, 'gi');
/**
 * "secret b7f6…" with a character or two missing: a run after the secret's own label, near its length (group 1). Read
 * forward from the label: as a lookbehind with two runs of spaces it was tried at every position, cubic on 20 K spaces.
 */
const MISTYPED_SECRET = /\b(?:app\s?)?secret(?:\s*[:=：])?\s*((?=[a-z]*\d)[0-9a-z]{24,40})(?![A-Za-z0-9_-])/gi;
const TEMPLATE_ID = new RegExp(`${START}[A-Za-z0-9_\\-]{43}${END}`, 'g');
const ICP = /[\u4e00-\u9fa5] ?icp ?[备证] ?\d{5,12} ?号(?: ?- ?\d{1,3})?/gi;
const SMS_CODE = /(?<![A-Za-z0-9_])sms_\d{6,12}(?!\d)/gi;
const DOMAIN =
  /(?<![A-Za-z0-9_.@/-])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![a-z0-9-])(?::\d{2,5})?(?:\/[^\s,，、;；。]*)?/gi;
const FILE_EXTENSION =
  /\.(png|jpe?g|gif|svg|webp|pdf|docx?|xlsx?|pptx?|zip|rar|txt|psd|ai|sketch|fig|mp4|mov|js|ts|json)$/i;

function scan(text: string, re: RegExp, kind: TokenKind, canon: (m: RegExpExecArray) => string): Token[] {
  tick(text.length);
  return [...text.matchAll(re)].map((m) => ({
    kind,
    start: m.index,
    end: m.index + m[0].length,
    text: canon(m as RegExpExecArray),
  }));
}

function domainTokens(text: string): Token[] {
  return scan(text, DOMAIN, 'domain', (m) => (m[1] ?? '').toLowerCase()).filter((t) => !FILE_EXTENSION.test(t.text));
}

function overlaps(a: Token, b: Token): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Every token, in text order; where two overlap, the one listed first here wins. */
export function scanTokens(text: string): Token[] {
  const found = [
    ...scan(text, ICP, 'icp', (m) => m[0].replace(/ /g, '').replace(/icp/i, 'ICP')),
    ...scan(text, SMS_CODE, 'sms_code', (m) => m[0].toUpperCase()),
    ...scan(text, TEMPLATE_ID, 'template_id', (m) => m[0]),
    ...scan(text, SECRET, 'secret', (m) => m[0]), // as typed: the caller seals it
    // The run ends the match: it starts its own length before the end.
    ...scan(text, MISTYPED_SECRET, 'mistyped_secret', (m) => m[1] ?? '').map((t) => ({
      ...t,
      start: t.end - t.text.length,
    })),
    ...scan(text, APP_ID_GROUPS, 'app_id', (m) => m[0].replace(/ /g, '').toLowerCase()).filter((t) =>
      /^wx[0-9a-f]{16}$/.test(t.text),
    ),
    ...scan(text, APP_ID_LIKE, 'app_id', (m) => m[0].toLowerCase()),
    ...domainTokens(text),
  ];
  const kept: Token[] = [];
  for (const token of found) if (!kept.some((k) => overlaps(k, token))) kept.push(token);
  return kept.sort((a, b) => a.start - b.start);
}
