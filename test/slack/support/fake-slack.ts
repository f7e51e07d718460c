/**
 * A local fake of Slack's Web API on 127.0.0.1: records every call (method, parsed body, raw
 * body) and answers like Slack. `failNext` queues a failure (429 with Retry-After, a platform
 * error, or `lost`: the message is posted but the answer never arrives) for a method. Posted
 * messages keep their `metadata`, which `conversations.history` / `conversations.replies` return
 * with `include_all_metadata`. `latencyMs` delays each `chat.postMessage` answer (the message is
 * posted when the request arrives, as Slack does). The app under test points SLACK_API_URL here.
 *
 *   const slack = await startFakeSlack();
 *   const t = await startTestApp({ env: { SLACK_API_URL: slack.apiUrl, … } });
 *   slack.calls('chat.postMessage')  // [{ channel: 'C1', text: '…', blocks: […] }]
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  raw: string;
}

export type ChannelFlags = { is_shared?: boolean; is_ext_shared?: boolean; is_org_shared?: boolean };

type Failure = { status: 429; retryAfterSec: number } | { status: 200; error: string } | { lost: true };

/** A message as Slack keeps it. */
export interface PostedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A file received through the files.uploadV2 flow: its bytes (from the upload URL) and how it was completed. */
export interface FakeUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
  /** files.completeUploadExternal's body (channel_id, files: [{ id, title }]) once completed. */
  completed?: Record<string, unknown>;
}

export interface FakeSlack {
  apiUrl: string;
  /** A slash command's response_url on this fake (`${base}/commands/<n>`); what is posted there is in `responses`. */
  responseUrl(n: string | number): string;
  /** Bodies posted to response_urls, by URL path (`/commands/<n>`), oldest first. */
  responses: { path: string; body: Record<string, unknown> }[];
  /** Resolves with the first body posted to `responseUrl(n)` (rejects after a generous while). */
  responseTo(n: string | number): Promise<Record<string, unknown>>;
  all: FakeCall[];
  /** Files uploaded with files.uploadV2 (files.getUploadURLExternal → POST to upload_url → files.completeUploadExternal). */
  uploads: FakeUpload[];
  calls(method: string): Record<string, unknown>[];
  failNext(method: string, failure: Failure): void;
  /** What `conversations.info` says about a channel (default: an ordinary, unshared channel). */
  setChannel(id: string, flags: ChannelFlags): void;
  /** Every message posted, oldest first. */
  messages: PostedMessage[];
  /** Delay before each `chat.postMessage` is answered (default 0). */
  latencyMs: number;
  /**
   * Slack's per-channel posting limit, when set: a token bucket per channel (`burst` posts at once,
   * refilled at `perSec`); a `chat.postMessage` over it is answered 429 with Retry-After, unposted.
   */
  channelLimit?: { perSec: number; burst: number };
  /** `chat.postMessage` calls being answered right now, and the most there ever were at once. */
  postsInFlight: number;
  maxPostsInFlight: number;
  /** `chat.postMessage` calls refused with 429 by `channelLimit`, per channel. */
  limited: Map<string, number>;
  /** While set, a POST to an upload URL keeps its bytes but is answered only once this settles (a slow upload). */
  holdUploads?: Promise<void>;
  /** Called when an upload URL receives a file's bytes (before it is answered). */
  onUpload?: (u: FakeUpload) => void;
  /** Called when a `chat.postMessage` arrives (after it is posted, before it is answered). */
  onPost?: (m: PostedMessage) => void;
  /** Files clients shared: `files.info` describes them, their private URL (on this fake) serves them to the bot token. */
  files: Map<string, { name: string; mimetype: string; bytes: Buffer; size?: number }>;
  /** Each download of a private URL: the file id and the Authorization header it came with. */
  downloads: { id: string; authorization: string | undefined }[];
  /** Socket Mode: `apps.connections.open` hands out this fake's WebSocket; envelopes go down it. */
  socket: FakeSocket;
  close(): Promise<void>;
}

export interface FakeSocket {
  /** Resolves once an app has connected `count` times in all (default 1), each sent `hello`. */
  connected(count?: number): Promise<void>;
  /** How many times an app has connected. */
  connections(): number;
  /**
   * Ends the current connection as Slack does: a `disconnect` envelope (`refresh_requested`, the
   * app is to reconnect) or the socket simply closed.
   */
  disconnect(how: 'envelope' | 'close'): void;
  /** Sends an envelope (`events_api`, `slash_commands`, `interactive`); returns its id. */
  deliver(
    type: string,
    payload: Record<string, unknown>,
    opts?: { envelopeId?: string; retryAttempt?: number },
  ): string;
  /** The app's ack of an envelope (its response payload, if any), or undefined if none came within `ms`. */
  ackOf(envelopeId: string, ms?: number): Promise<{ payload?: Record<string, unknown> } | undefined>;
}

export const BOT = { userId: 'UBOT', botId: 'BBOT', team: 'T1' } as const;

/** WebClient posts form fields; `blocks` and `view` are JSON inside them. */
function parse(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw))
    out[k] =
      (k === 'blocks' || k === 'view' || k === 'metadata') && (v.startsWith('[') || v.startsWith('{'))
        ? JSON.parse(v)
        : v;
  return out;
}

/** `conversations.history` (the channel's top-level messages, newest first) and `.replies` (a thread, oldest first). */
function read(method: string, body: Record<string, unknown>, messages: PostedMessage[]): Record<string, unknown> {
  const withMetadata = body.include_all_metadata === true || body.include_all_metadata === 'true';
  const inChannel = messages.filter((m) => m.channel === body.channel);
  const picked =
    method === 'conversations.history'
      ? inChannel.filter((m) => !m.thread_ts || m.thread_ts === m.ts).reverse()
      : inChannel.filter((m) => m.ts === body.ts || m.thread_ts === body.ts);
  const limit = Number(body.limit ?? 100);
  const shown = picked.slice(0, limit).map(({ metadata, channel: _c, ...m }) => ({
    type: 'message',
    ...m,
    ...(withMetadata && metadata ? { metadata } : {}),
  }));
  return { ok: true, messages: shown, has_more: picked.length > limit, response_metadata: { next_cursor: '' } };
}

function answer(
  method: string,
  body: Record<string, unknown>,
  seq: number,
  channels: Map<string, ChannelFlags>,
  uploads: Uploads,
): Record<string, unknown> {
  switch (method) {
    case 'files.getUploadURLExternal': {
      const fileId = `F${seq}`;
      uploads.list.push({ fileId, filename: String(body.filename), bytes: Buffer.alloc(0) });
      return { ok: true, upload_url: `${uploads.base}/upload/${fileId}`, file_id: fileId };
    }
    case 'files.completeUploadExternal': {
      const files = (typeof body.files === 'string' ? JSON.parse(body.files) : body.files) as {
        id: string;
        title?: string;
      }[];
      for (const f of files) {
        const upload = uploads.list.find((u) => u.fileId === f.id);
        if (upload) upload.completed = { ...body, files };
      }
      return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
    }
    case 'auth.test':
      return { ok: true, user_id: BOT.userId, bot_id: BOT.botId, team_id: BOT.team, user: 'release-bot' };
    case 'chat.postMessage':
      return {
        ok: true,
        channel: body.channel,
        ts: `1764036000.${String(seq).padStart(6, '0')}`,
        message: { text: body.text },
      };
    case 'conversations.open':
      return { ok: true, channel: { id: `D${String(body.users)}` } };
    case 'conversations.info': {
      const id = String(body.channel);
      return {
        ok: true,
        channel: {
          id,
          is_channel: true,
          is_shared: false,
          is_ext_shared: false,
          is_org_shared: false,
          ...channels.get(id),
        },
      };
    }
    case 'chat.getPermalink':
      return {
        ok: true,
        channel: body.channel,
        permalink: `https://agency.slack.com/archives/${String(body.channel)}/p${String(body.message_ts).replace('.', '')}`,
      };
    case 'views.open':
      return { ok: true, view: { id: `V${seq}` } };
    default:
      return { ok: true };
  }
}

/** The file's bytes from an upload-URL POST: the SDK sends multipart/form-data (one part with a filename); a raw body is taken as is. */
function fileFromUpload(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return body;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let at = body.indexOf(marker);
  while (at !== -1) {
    const next = body.indexOf(marker, at + marker.length);
    const part = body.subarray(at + marker.length, next === -1 ? body.length : next);
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd !== -1 && /filename=/i.test(part.subarray(0, headEnd).toString())) {
      return part.subarray(headEnd + 4, part.length - 2); // the part ends with CRLF before the next boundary
    }
    at = next;
  }
  return body;
}

interface Uploads {
  base: string;
  list: FakeUpload[];
}

export async function startFakeSlack(): Promise<FakeSlack> {
  let socketUrl = '';
  const uploads: Uploads = { base: '', list: [] };
  const all: FakeCall[] = [];
  const failures = new Map<string, Failure[]>();
  const channels = new Map<string, ChannelFlags>();
  const messages: PostedMessage[] = [];
  let seq = 0;
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Takes a post from the channel's bucket: 0 when allowed, else the seconds to wait (Retry-After). */
  const takeToken = (channel: string): number => {
    const limit = fake.channelLimit;
    if (!limit) return 0;
    const now = Date.now();
    const bucket = buckets.get(channel) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSec);
    bucket.at = now;
    buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSec));
  };
  /** Posts a chat.postMessage as Slack would (before answering): it is in the channel from now on. */
  const post = (body: Record<string, unknown>, ts: string): PostedMessage => {
    const m: PostedMessage = { channel: String(body.channel), ts, text: String(body.text ?? '') };
    if (body.thread_ts) m.thread_ts = String(body.thread_ts);
    if (body.metadata && typeof body.metadata === 'object') m.metadata = body.metadata as PostedMessage['metadata'];
    messages.push(m);
    fake.onPost?.(m);
    return m;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      // The upload URL files.getUploadURLExternal handed out: keep the bytes as sent.
      const uploadTo = /^\/upload\/(F\d+)$/.exec(req.url ?? '')?.[1];
      if (uploadTo) {
        const upload = uploads.list.find((u) => u.fileId === uploadTo);
        if (upload) upload.bytes = fileFromUpload(Buffer.concat(chunks), req.headers['content-type']);
        if (upload) fake.onUpload?.(upload);
        if (fake.holdUploads) await fake.holdUploads;
        res.writeHead(upload ? 200 : 404, { 'content-type': 'text/plain' });
        return res.end(upload ? `OK - ${Buffer.concat(chunks).length}` : 'no such upload');
      }
      // A slash command's response_url: Bolt's respond() posts the answer here as JSON.
      if ((req.url ?? '').startsWith('/commands/')) {
        fake.responses.push({
          path: req.url ?? '',
          body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, unknown>,
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('ok');
      }
      // A file's private URL: only with the bot token, as Slack serves url_private.
      const privateFile = /^\/private\/(F\w+)\//.exec(req.url ?? '')?.[1];
      if (privateFile) {
        const authorization = req.headers.authorization;
        fake.downloads.push({ id: privateFile, authorization });
        const file = fake.files.get(privateFile);
        if (!file || authorization !== 'Bearer xoxb-test-token') {
          res.writeHead(file ? 302 : 404, { location: '/signin', 'content-type': 'text/html' });
          return res.end('<html>sign in</html>');
        }
        res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.bytes.length) });
        return res.end(file.bytes);
      }
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const raw = Buffer.concat(chunks).toString();
      const body = parse(raw, req.headers['content-type']);
      all.push({ method, body, raw });
      const failure = failures.get(method)?.shift();
      if (failure && 'status' in failure && failure.status === 429) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfterSec), 'content-type': 'application/json' });
        return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      const overLimit = method === 'chat.postMessage' ? takeToken(String(body.channel)) : 0;
      if (overLimit > 0) {
        fake.limited.set(String(body.channel), (fake.limited.get(String(body.channel)) ?? 0) + 1);
        res.writeHead(429, { 'retry-after': String(overLimit), 'content-type': 'application/json' });
        return res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      }
      seq += 1;
      const shared = method === 'files.info' ? fake.files.get(String(body.file)) : undefined;
      const reply =
        method === 'apps.connections.open'
          ? { ok: true, url: socketUrl }
          : method === 'files.info'
            ? shared
              ? {
                  ok: true,
                  file: {
                    id: body.file,
                    name: shared.name,
                    mimetype: shared.mimetype,
                    size: shared.size ?? shared.bytes.length,
                    url_private: `${uploads.base}/private/${String(body.file)}/${encodeURIComponent(shared.name)}`,
                    url_private_download: `${uploads.base}/private/${String(body.file)}/download/${encodeURIComponent(shared.name)}`,
                  },
                }
              : { ok: false, error: 'file_not_found' }
            : answer(method, body, seq, channels, uploads);
      if (method === 'chat.postMessage') {
        fake.postsInFlight += 1;
        fake.maxPostsInFlight = Math.max(fake.maxPostsInFlight, fake.postsInFlight);
      }
      if (method === 'chat.postMessage' && !(failure && 'error' in failure)) {
        post(body, String(reply.ts));
        if (fake.latencyMs > 0) await new Promise((r) => setTimeout(r, fake.latencyMs));
      }
      if (method === 'chat.postMessage') fake.postsInFlight -= 1;
      // Posted, but the answer is lost on the way back (a crash, a cut connection).
      if (failure && 'lost' in failure) return res.destroy();
      if (!failure && (method === 'conversations.history' || method === 'conversations.replies')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(read(method, body, messages)));
      }
      if (res.destroyed) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(failure && 'error' in failure ? { ok: false, error: failure.error } : reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  socketUrl = `ws://127.0.0.1:${port}/socket`;
  uploads.base = `http://127.0.0.1:${port}`;
  const wss = new WebSocketServer({ server, path: '/socket' });
  let peer: WebSocket | undefined;
  let connections = 0;
  const waiting: { count: number; resolve: () => void }[] = [];
  const acks = new Map<string, { payload?: Record<string, unknown> }>();
  wss.on('connection', (ws) => {
    peer = ws;
    connections += 1;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (ack.envelope_id) acks.set(ack.envelope_id, ack.payload ? { payload: ack.payload } : {});
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 60 },
        connection_info: { app_id: 'A1' },
      }),
    );
    for (const w of waiting.filter((w) => connections >= w.count)) w.resolve();
  });
  let envelopes = 0;
  const socket: FakeSocket = {
    connected: (count = 1) =>
      connections >= count ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    connections: () => connections,
    disconnect(how) {
      const current = peer;
      if (how === 'envelope')
        current?.send(
          JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }),
        );
      else current?.close(1001, 'going away');
    },
    deliver(type, payload, opts = {}) {
      envelopes += 1;
      const envelopeId = opts.envelopeId ?? `env-${envelopes}`;
      const accepts = type !== 'events_api';
      peer?.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: accepts,
          retry_attempt: opts.retryAttempt ?? 0,
          retry_reason: opts.retryAttempt ? 'timeout' : '',
        }),
      );
      return envelopeId;
    },
    async ackOf(envelopeId, ms = 3000) {
      const deadline = Date.now() + ms;
      while (!acks.has(envelopeId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      return acks.get(envelopeId);
    },
  };
  const fake: FakeSlack = {
    files: new Map(),
    downloads: [],
    socket,
    messages,
    latencyMs: 0,
    postsInFlight: 0,
    maxPostsInFlight: 0,
    limited: new Map(),
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: (n) => `http://127.0.0.1:${port}/commands/${n}`,
    responses: [],
    async responseTo(n) {
      for (let i = 0; i < 3000; i += 1) {
        const found = fake.responses.find((r) => r.path === `/commands/${n}`);
        if (found) return found.body;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`nothing was posted to the response_url /commands/${n}`);
    },
    all,
    uploads: uploads.list,
    calls: (method) => all.filter((c) => c.method === method).map((c) => c.body),
    failNext: (method, failure) => failures.set(method, [...(failures.get(method) ?? []), failure]),
    setChannel: (id, flags) => channels.set(id, flags),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}
