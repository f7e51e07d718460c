/**
 * Getting an attachment's bytes from the platform it was sent on: each adapter implements
 * `AttachmentFetcher` (Slack: `files.info` then the private URL with the bot token; WeCom and
 * 微信客服: `media/get` with their token) and registers it with the bot. Reading stops at the cap,
 * so a file too large is never held whole in memory.
 *
 *   bot.fetchFilesWith('slack', slackFiles);
 *   const got = await fetcher.fetch('F0123', limits.maxFileBytes);
 */

export type Fetched =
  | { ok: true; content: Buffer; name?: string }
  /** `bytes`: the size the platform gave, or at least `maxBytes + 1` when it was cut off. */
  | { ok: false; problem: 'too_large'; bytes: number; name?: string }
  /** The platform would not give it (gone, expired, refused, unreachable): the sender is asked to send it again. */
  | { ok: false; problem: 'unavailable'; detail: string; name?: string };

export interface AttachmentFetcher {
  /** `ref`: the platform's id of the attachment (Slack file id, WeCom MediaId, kf media_id). */
  fetch(ref: string, maxBytes: number): Promise<Fetched>;
}

/** Reads a response body, giving up past `maxBytes` (a body declared or streamed larger is `too_large`). */
export async function readCapped(
  res: Response,
  maxBytes: number,
): Promise<{ ok: true; content: Buffer } | { ok: false; bytes: number }> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    return { ok: false, bytes: declared };
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return { ok: true, content: Buffer.alloc(0) };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, bytes: total };
    }
    chunks.push(value);
  }
  return { ok: true, content: Buffer.concat(chunks) };
}

/** The file name in a `Content-Disposition` header (`filename*=UTF-8''…` or `filename="…"`), if any. */
export function dispositionName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {
      return undefined;
    }
  }
  return /filename\s*=\s*"?([^";]+)"?/.exec(header)?.[1]?.trim();
}
