/**
 * A client's WeCom or 微信客服 image or file, fetched for the file store: `cgi-bin/media/get` with the
 * app's token (WeCom) or 微信客服's (kf), at WECOM_API_BASE. WeCom answers the bytes, or JSON with
 * an errcode (an expired media id, a stale token — refreshed once and tried again). Reading stops at
 * the cap. The token is in the URL, so no URL is ever put in an error or a log.
 *
 *   bot.fetchFilesWith('wecom', new WeComMedia(api, apiBase));
 */
import { type AttachmentFetcher, dispositionName, type Fetched, readCapped } from '../../src/files/fetch.js';
import type { WeComApi, WeComReply } from './api.js';
import { classify } from './errors.js';

const TIMEOUT_MS = 60_000;

export class WeComMedia implements AttachmentFetcher {
  constructor(
    private readonly api: WeComApi,
    private readonly apiBase: string,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {}

  async fetch(ref: string, maxBytes: number): Promise<Fetched> {
    for (let attempt = 0; ; attempt += 1) {
      const url = new URL(`${this.apiBase}/cgi-bin/media/get`);
      url.searchParams.set('access_token', await this.api.accessToken());
      url.searchParams.set('media_id', ref);
      let res: Response;
      try {
        res = await this.fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        return {
          ok: false,
          problem: 'unavailable',
          detail: `media/get failed: ${err instanceof Error ? err.name : 'error'}`,
        };
      }
      if (!res.ok) {
        await res.body?.cancel();
        return { ok: false, problem: 'unavailable', detail: `media/get answered HTTP ${res.status}` };
      }
      const type = res.headers.get('content-type') ?? '';
      if (type.includes('json') || type.startsWith('text/plain')) {
        const reply = (await res.json().catch(() => ({}))) as WeComReply;
        const errcode = reply.errcode ?? -1;
        if (attempt === 0 && classify(errcode).kind === 'token') {
          this.api.forgetToken();
          continue;
        }
        return { ok: false, problem: 'unavailable', detail: `media/get errcode ${errcode}` };
      }
      const name = dispositionName(res.headers.get('content-disposition'));
      const named = name ? { name } : {};
      const body = await readCapped(res, maxBytes);
      return body.ok
        ? { ok: true, content: body.content, ...named }
        : { ok: false, problem: 'too_large', bytes: body.bytes, ...named };
    }
  }
}
