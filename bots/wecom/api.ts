/**
 * The WeCom server API at WECOM_API_BASE: one access token per secret (the app's, 微信客服's),
 * cached until shortly before `expires_in` and shared by every sender, with one refresh in flight
 * at a time; a call answered 42001/40014 refreshes once and is retried.
 *
 *   const api = new WeComApi({ apiBase, corpId, secret, fetch });
 *   await api.post('/cgi-bin/message/send', { touser: 'zhangsan', msgtype: 'text', agentid: 1000002, text: { content: 'hi' } });
 */
import { classify, WeComApiError } from './errors.js';

export interface WeComApiOptions {
  apiBase: string;
  corpId: string;
  /** The app's secret or 微信客服's: each has its own token. Never logged. */
  secret: string;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; tokens expire in real time. */
  now?: () => number;
}

export interface WeComReply {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** Refresh this long before WeCom says the token expires. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 10_000;

export class WeComApi {
  private token: { value: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly opts: WeComApiOptions) {
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.now = opts.now ?? Date.now;
  }

  /** POSTs JSON with the access token; throws WeComApiError for a non-zero errcode. */
  async post(path: string, body: unknown): Promise<WeComReply> {
    const first = await this.call(path, body, await this.accessToken());
    if (first.errcode === undefined || first.errcode === 0) return first;
    if (classify(first.errcode).kind !== 'token') throw new WeComApiError(path, first.errcode, first.errmsg ?? '');
    this.token = undefined;
    const second = await this.call(path, body, await this.accessToken());
    if (second.errcode && second.errcode !== 0) throw new WeComApiError(path, second.errcode, second.errmsg ?? '');
    return second;
  }

  /** Drops the cached token (WeCom said it is stale): the next call fetches a fresh one. */
  forgetToken(): void {
    this.token = undefined;
  }

  /** A cached token, or one fresh `gettoken` shared by every caller waiting for it. */
  accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return Promise.resolve(this.token.value);
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(`${this.opts.apiBase}/cgi-bin/gettoken`);
    url.searchParams.set('corpid', this.opts.corpId);
    url.searchParams.set('corpsecret', this.opts.secret);
    const res = await this.fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`WeCom gettoken answered HTTP ${res.status}`);
    const reply = (await res.json()) as WeComReply;
    if (reply.errcode || typeof reply.access_token !== 'string') {
      throw new WeComApiError('/cgi-bin/gettoken', reply.errcode ?? -1, reply.errmsg ?? 'no access_token');
    }
    const ttlMs = Number(reply.expires_in ?? 7200) * 1000;
    this.token = { value: reply.access_token, expiresAt: this.now() + Math.max(ttlMs - EXPIRY_MARGIN_MS, ttlMs / 2) };
    return reply.access_token;
  }

  private async call(path: string, body: unknown, token: string): Promise<WeComReply> {
    const url = new URL(`${this.opts.apiBase}${path}`);
    url.searchParams.set('access_token', token);
    const res = await this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status === 429) throw new WeComApiError(path, 45009, 'HTTP 429');
    if (!res.ok) throw new Error(`WeCom ${path} answered HTTP ${res.status}`);
    return (await res.json()) as WeComReply;
  }
}
