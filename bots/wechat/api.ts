/**
 * WeChat's server API at WECHAT_API_BASE, as far as the bot needs it: checking that an App ID and
 * App secret pair gets an access token. It asks `/cgi-bin/stable_token` with `force_refresh: false`,
 * not `/cgi-bin/token`: a stable token is kept apart from the one `/cgi-bin/token` hands out, and in
 * normal mode asking again returns the current one, so the check never invalidates the token the
 * client's own servers are using. The token is dropped as soon as it is seen; neither it nor the
 * secret is ever logged or returned. The answer is a code (`AppSecretProblem`), never a sentence.
 *
 *   const api = new WeChatHttpApi({ apiBase: env.WECHAT_API_BASE, fetch });
 *   const check = await api.checkAppSecret('wx1234567890abcdef', secret);
 *   if (!check.ok && check.problem === 'ip_not_allowed') {
 *     // ask the client to add check.ip to the API IP allowlist
 *   }
 */
import type { AppSecretCheck, WeChatApi } from '../../src/ports.js';

export interface WeChatHttpApiOptions {
  apiBase: string;
  fetch?: typeof fetch;
  /** Default 10 s; a timeout answers `unavailable`. */
  timeoutMs?: number;
}

const TIMEOUT_MS = 10_000;

/** errcodes that say something about the pair; any other errcode is `unavailable`. */
const PROBLEMS: Record<number, 'wrong_secret' | 'wrong_app_id' | 'ip_not_allowed' | 'frozen'> = {
  40001: 'wrong_secret',
  40125: 'wrong_secret',
  40013: 'wrong_app_id',
  40164: 'ip_not_allowed',
  40243: 'frozen',
};

export class WeChatHttpApi implements WeChatApi {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly opts: WeChatHttpApiOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  }

  async checkAppSecret(appId: string, secret: string): Promise<AppSecretCheck> {
    let reply: unknown;
    try {
      const res = await this.fetch(`${this.opts.apiBase}/cgi-bin/stable_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret, force_refresh: false }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        return { ok: false, problem: 'unavailable' };
      }
      reply = await res.json();
    } catch {
      // Network error, timeout or a body that is not JSON. The error is not rethrown: it may carry the request.
      return { ok: false, problem: 'unavailable' };
    }
    if (typeof reply !== 'object' || reply === null) return { ok: false, problem: 'unavailable' };
    const { errcode, errmsg, access_token } = reply as { errcode?: unknown; errmsg?: unknown; access_token?: unknown };
    if (typeof errcode === 'number' && errcode !== 0) {
      const problem = PROBLEMS[errcode] ?? 'unavailable';
      if (problem !== 'ip_not_allowed') return { ok: false, problem, errcode };
      const ip = typeof errmsg === 'string' ? callerIp(errmsg) : undefined;
      return ip ? { ok: false, problem, errcode, ip } : { ok: false, problem, errcode };
    }
    if (typeof access_token === 'string' && access_token !== '') return { ok: true };
    return { ok: false, problem: 'unavailable' };
  }
}

/** The caller's address in a 40164 errmsg: "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: …". */
export function callerIp(errmsg: string): string | undefined {
  const at = errmsg.indexOf('invalid ip');
  const rest = at >= 0 ? errmsg.slice(at + 'invalid ip'.length) : errmsg;
  const v4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/.exec(rest);
  if (v4) return v4[0];
  if (at < 0) return undefined;
  const first = rest.trim().split(/[\s,]+/)[0];
  return first || undefined;
}
