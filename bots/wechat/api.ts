/**
 * WeChat's server API at WECHAT_API_BASE, as far as the bot needs it: checking that an App ID and
 * App secret pair gets an access token. It asks `/cgi-bin/stable_token` with `force_refresh: false`,
 * not `/cgi-bin/token`: a stable token is kept apart from the one `/cgi-bin/token` hands out, and in
 * normal mode asking again returns the current one, so the check never invalidates the token the
 * client's own servers are using. The token is kept in memory per App ID (for `gettemplate`, the
 * MP's subscription-message templates) until shortly before it expires; neither it nor the secret is
 * ever logged, stored or returned. The answer is a code (`AppSecretProblem`), never a sentence.
 *
 *   const api = new WeChatHttpApi({ apiBase: env.WECHAT_API_BASE, fetch });
 *   const check = await api.checkAppSecret('wx1234567890abcdef', secret);
 *   if (!check.ok && check.problem === 'ip_not_allowed') {
 *     // ask the client to add check.ip to the API IP allowlist
 *   }
 */
import type { AppSecretCheck, MpTemplate, TemplateList, WeChatApi } from '../../src/ports.js';

export interface WeChatHttpApiOptions {
  apiBase: string;
  fetch?: typeof fetch;
  /** Default 10 s; a timeout answers `unavailable`. */
  timeoutMs?: number;
  /** For the token cache's expiry (tests pass their clock). */
  now?: () => number;
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

/** A stable token in memory, per App ID: never stored, never logged. `secret` tells a token of an older secret. */
interface CachedToken {
  token: string;
  secret: string;
  expiresAt: number;
}

/** Refetch this long before WeChat's expiry. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** errcodes that say the token is no longer good: get a fresh one once. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

type Reply = { ok: true; body: Record<string, unknown> } | { ok: false };

export class WeChatHttpApi implements WeChatApi {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(private readonly opts: WeChatHttpApiOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
    this.now = opts.now ?? Date.now;
  }

  async checkAppSecret(appId: string, secret: string): Promise<AppSecretCheck> {
    const reply = await this.call(`${this.opts.apiBase}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: appId, secret, force_refresh: false }),
    });
    if (!reply.ok) return { ok: false, problem: 'unavailable' };
    const { access_token, expires_in } = reply.body as { access_token?: unknown; expires_in?: unknown };
    const problem = problemOf(reply.body);
    if (problem) return problem;
    if (typeof access_token !== 'string' || access_token === '') return { ok: false, problem: 'unavailable' };
    const lifetimeMs = (typeof expires_in === 'number' ? expires_in : 7200) * 1000;
    this.tokens.set(appId, { token: access_token, secret, expiresAt: this.now() + lifetimeMs - TOKEN_MARGIN_MS });
    return { ok: true };
  }

  async templates(appId: string, secret: string): Promise<TemplateList> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = await this.token(appId, secret);
      if (!token.ok) return token;
      // The token goes in the query string, as WeChat wants it; the URL is never logged.
      const reply = await this.call(
        `${this.opts.apiBase}/wxaapi/newtmpl/gettemplate?access_token=${encodeURIComponent(token.token)}`,
        { method: 'GET' },
      );
      if (!reply.ok) return { ok: false, problem: 'unavailable' };
      const { errcode, data } = reply.body as { errcode?: unknown; data?: unknown };
      if (typeof errcode === 'number' && STALE_TOKEN.has(errcode)) {
        this.tokens.delete(appId);
        continue;
      }
      const problem = problemOf(reply.body);
      if (problem) return problem;
      if (!Array.isArray(data)) return { ok: false, problem: 'unavailable' };
      return { ok: true, templates: data.flatMap((d: unknown) => templateOf(d)) };
    }
    return { ok: false, problem: 'unavailable' };
  }

  /** A cached token for this pair, or a fresh one from stable_token. */
  private async token(
    appId: string,
    secret: string,
  ): Promise<{ ok: true; token: string } | Extract<TemplateList, { ok: false }>> {
    const cached = this.tokens.get(appId);
    if (cached && cached.secret === secret && cached.expiresAt > this.now()) return { ok: true, token: cached.token };
    const check = await this.checkAppSecret(appId, secret);
    if (!check.ok) return check;
    const fresh = this.tokens.get(appId);
    return fresh ? { ok: true, token: fresh.token } : { ok: false, problem: 'unavailable' };
  }

  /** One request with the timeout; any failure (network, HTTP status, not JSON) is `{ ok: false }`, never rethrown (it may carry the request). */
  private async call(url: string, init: RequestInit): Promise<Reply> {
    try {
      const res = await this.fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        return { ok: false };
      }
      const body: unknown = await res.json();
      return typeof body === 'object' && body !== null
        ? { ok: true, body: body as Record<string, unknown> }
        : { ok: false };
    } catch {
      return { ok: false };
    }
  }
}

/** A non-zero errcode as a problem (the caller's IP for a 40164); undefined when there is none. */
function problemOf(body: Record<string, unknown>): Extract<AppSecretCheck, { ok: false }> | undefined {
  const { errcode, errmsg } = body as { errcode?: unknown; errmsg?: unknown };
  if (typeof errcode !== 'number' || errcode === 0) return undefined;
  const problem = PROBLEMS[errcode] ?? 'unavailable';
  if (problem !== 'ip_not_allowed') return { ok: false, problem, errcode };
  const ip = typeof errmsg === 'string' ? callerIp(errmsg) : undefined;
  return ip ? { ok: false, problem, errcode, ip } : { ok: false, problem, errcode };
}

function templateOf(d: unknown): MpTemplate[] {
  if (typeof d !== 'object' || d === null) return [];
  const { priTmplId, title } = d as { priTmplId?: unknown; title?: unknown };
  return typeof priTmplId === 'string' ? [{ id: priTmplId, title: typeof title === 'string' ? title : '' }] : [];
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
