/**
 * A client's Slack file, fetched for the file store: `files.info` (name, size, private URL), then
 * the private URL with the bot token in the Authorization header (scope `files:read`). The token is
 * sent only to a Slack host, or to the host of SLACK_API_URL (a test's fake); a file Slack says is
 * over the cap is not downloaded, and a download is cut off at the cap.
 *
 *   bot.fetchFilesWith('slack', new SlackFiles(app.client, botToken, apiUrl));
 */
import type { App } from '@slack/bolt';
import { type AttachmentFetcher, type Fetched, readCapped } from '../../src/files/fetch.js';

const TIMEOUT_MS = 60_000;

interface FileInfo {
  name?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

export class SlackFiles implements AttachmentFetcher {
  private readonly apiHost: string | undefined;

  constructor(
    private readonly client: App['client'],
    private readonly botToken: string,
    apiUrl?: string,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {
    this.apiHost = apiUrl ? new URL(apiUrl).host : undefined;
  }

  async fetch(ref: string, maxBytes: number): Promise<Fetched> {
    let file: FileInfo | undefined;
    try {
      file = (await this.client.files.info({ file: ref })).file as FileInfo | undefined;
    } catch (err) {
      const code =
        (err as { data?: { error?: string } }).data?.error ?? (err instanceof Error ? err.message : String(err));
      return { ok: false, problem: 'unavailable', detail: `files.info: ${code}` };
    }
    const name = file?.name;
    const named = name ? { name } : {};
    if (typeof file?.size === 'number' && file.size > maxBytes)
      return { ok: false, problem: 'too_large', bytes: file.size, ...named };
    const url = file?.url_private_download ?? file?.url_private;
    if (!url) return { ok: false, problem: 'unavailable', detail: 'files.info gave no private URL', ...named };
    if (!this.trusted(url))
      return { ok: false, problem: 'unavailable', detail: `not a Slack host: ${new URL(url).host}`, ...named };
    const res = await this.fetchImpl(url, {
      headers: { authorization: `Bearer ${this.botToken}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return { ok: false, problem: 'unavailable', detail: `download answered HTTP ${res.status}`, ...named };
    }
    // Without files:read Slack answers its sign-in page (200, HTML) instead of the file.
    if ((res.headers.get('content-type') ?? '').includes('text/html')) {
      await res.body?.cancel();
      return {
        ok: false,
        problem: 'unavailable',
        detail: 'download answered a web page: is the files:read scope granted?',
        ...named,
      };
    }
    const body = await readCapped(res, maxBytes);
    return body.ok
      ? { ok: true, content: body.content, ...named }
      : { ok: false, problem: 'too_large', bytes: body.bytes, ...named };
  }

  private trusted(url: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (this.apiHost && parsed.host === this.apiHost) return true;
    return parsed.protocol === 'https:' && (parsed.hostname === 'slack.com' || parsed.hostname.endsWith('.slack.com'));
  }
}
