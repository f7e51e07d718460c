/**
 * WeCom's `errcode`s, sorted into what the outbox does with them: wait (rate limits), refresh the
 * token (expired/invalid), give up with plain words for the PM (permanent), or retry (anything else).
 * https://developer.work.weixin.qq.com/document/path/90313
 *
 * The reasons are rendered in PM_LOCALE (PMs read English by default, as everywhere).
 *
 *   classify(45009)  // { kind: 'rate_limited', retryAfterMs: 60_000 }
 */
import { type MessageKey, t } from '../../src/i18n/index.js';
import { PM_LOCALE } from '../../src/reminders/messages.js';

export type ErrorClass =
  | { kind: 'token' }
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'permanent'; reason: string }
  | { kind: 'transient' };

const TOKEN_ERRORS = new Set([40014, 42001]);
/** 45009 API frequency, 45033 app concurrency, 45035 send quota. */
const RATE_LIMITS = new Map<number, number>([
  [45009, 60_000],
  [45033, 5_000],
  [45035, 60_000],
]);

/** Plain words for the PM (src/i18n/{en,zh}/wecom.ts); the errcode is kept so they can look it up. */
const PERMANENT = new Map<number, MessageKey>([
  [40003, 'wecom.err_unknown_user'],
  [60111, 'wecom.err_unknown_user'],
  [81013, 'wecom.err_not_member'],
  [86003, 'wecom.err_chat_gone'],
  [60020, 'wecom.err_trusted_ip'],
  [48002, 'wecom.err_api_denied'],
  [301002, 'wecom.err_outside_range'],
  [45015, 'wecom.err_kf_silent'],
  [45047, 'wecom.err_kf_full'],
  [95013, 'wecom.err_kf_ended'],
  [40096, 'wecom.err_kf_user'],
  [41001, 'wecom.err_token_missing'],
  [40001, 'wecom.err_wrong_secret'],
  [40013, 'wecom.err_wrong_corp'],
]);

/** The i18n key of a known permanent refusal: what the PM reads, in any locale. */
export function permanentReasonKey(errcode: number): MessageKey | undefined {
  return PERMANENT.get(errcode);
}

export function classify(errcode: number, errmsg = ''): ErrorClass {
  if (TOKEN_ERRORS.has(errcode)) return { kind: 'token' };
  const wait = RATE_LIMITS.get(errcode);
  if (wait !== undefined) return { kind: 'rate_limited', retryAfterMs: wait };
  if (errcode === -1) return { kind: 'transient' }; // 系统繁忙
  const key = permanentReasonKey(errcode);
  if (key) return { kind: 'permanent', reason: t(PM_LOCALE, key) };
  const reason = errmsg
    ? t(PM_LOCALE, 'wecom.err_refused_said', { errcode, errmsg: errmsg.slice(0, 120) })
    : t(PM_LOCALE, 'wecom.err_refused', { errcode });
  return { kind: 'permanent', reason };
}

/** A WeCom API call answered with a non-zero errcode. */
export class WeComApiError extends Error {
  readonly code = 'WECOM_API_ERROR';
  constructor(
    readonly path: string,
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeCom ${path} failed: errcode ${errcode} (${errmsg.slice(0, 200)})`);
  }
}
