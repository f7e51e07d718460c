/**
 * WeCom's `errcode`s, sorted into what the outbox does with them: wait (rate limits), refresh the
 * token (expired/invalid), give up with plain words for the PM (permanent), or retry (anything else).
 * https://developer.work.weixin.qq.com/document/path/90313
 *
 *   classify(45009)  // { kind: 'rate_limited', retryAfterMs: 60_000 }
 */
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

/** Plain words for the PM; the errcode is kept so they can look it up. */
const PERMANENT = new Map<number, string>([
  [40003, 'this WeCom user id does not exist in our corp'],
  [60111, 'this WeCom user id does not exist in our corp'],
  [81013, 'this WeCom user is not a member the app can reach (check the app’s visible range)'],
  [86003, 'the WeCom group chat no longer exists'],
  [60020, 'our server’s IP is not in the app’s trusted IPs (企业可信IP)'],
  [48002, 'the API is not allowed for this app (check its permissions)'],
  [301002, 'the app cannot message this user (outside the app’s visible range)'],
  [45015, 'WeChat no longer lets the bot write to this client: they have been silent 48 h'],
  [45047, 'WeChat no longer lets the bot write to this client: 5 messages were sent since they last wrote'],
  [95013, 'the 微信客服 session has ended; the client must write again first'],
  [40096, 'the client is not a valid 微信客服 external user'],
  [41001, 'the access token is missing (check WECOM_CORP_SECRET / WECOM_KF_SECRET)'],
  [40001, 'the secret is wrong (check WECOM_CORP_SECRET / WECOM_KF_SECRET)'],
  [40013, 'the CorpID is wrong (check WECOM_CORP_ID)'],
]);

export function classify(errcode: number, errmsg = ''): ErrorClass {
  if (TOKEN_ERRORS.has(errcode)) return { kind: 'token' };
  const wait = RATE_LIMITS.get(errcode);
  if (wait !== undefined) return { kind: 'rate_limited', retryAfterMs: wait };
  if (errcode === -1) return { kind: 'transient' }; // 系统繁忙
  const reason = PERMANENT.get(errcode);
  return { kind: 'permanent', reason: reason ?? `WeCom refused it (errcode ${errcode}${errmsg ? `: ${errmsg.slice(0, 120)}` : ''})` };
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
