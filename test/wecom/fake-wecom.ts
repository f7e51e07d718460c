/**
 * A local fake of the WeCom server API on 127.0.0.1: issues access tokens, records every send, and
 * can answer an errcode once (42001 "token expired", 45009 "slow down"), or take a call and lose
 * its answer (`loseNext`: done, but the caller never hears so). `message/send` honours
 * `enable_duplicate_check`: an identical message to the same member within the interval is
 * answered ok and dropped. 微信客服 endpoints are added by `kf-fake.ts` through `handle`.
 *
 *   const fake = await startFakeWeCom();
 *   // env WECOM_API_BASE: fake.url
 *   fake.failNext('/cgi-bin/message/send', 42001);
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  path: string;
  token: string | null;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export type ExtraRoute = (
  path: string,
  body: Record<string, unknown>,
  call: RecordedCall,
) => Record<string, unknown> | undefined;

export interface FakeWeCom {
  url: string;
  /** Every POST that was accepted (errcode 0). */
  sends: RecordedCall[];
  /** Every call, refused ones too. */
  calls: RecordedCall[];
  tokensIssued: { secret: string; token: string }[];
  failNext(path: string, errcode: number): void;
  /** The next call to `path` is carried out, but its answer never reaches the caller. */
  loseNext(path: string): void;
  /** `message/send`s dropped by the duplicate check. */
  duplicatesDropped: RecordedCall[];
  /** Text (markdown or text content) of accepted `message/send`s to one user. */
  messagesTo(user: string): string[];
  route(extra: ExtraRoute): void;
  /** What `media/get` answers for a media id (WeCom and 微信客服 share it); an unknown id is errcode 40007. */
  media: Map<string, { bytes: Buffer; name: string; type: string }>;
  /** The media ids asked for, with the token each was asked with. */
  mediaGets: { mediaId: string; token: string | null }[];
  /** Awaited before answering a call (a test can hold an answer to simulate a crash meanwhile). */
  beforeAnswer?: (path: string) => Promise<void>;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function contentOf(body: Record<string, unknown>): string {
  const part = (body.markdown ?? body.text) as { content?: string } | undefined;
  return part?.content ?? '';
}

export async function startFakeWeCom(): Promise<FakeWeCom> {
  const sends: RecordedCall[] = [];
  const calls: RecordedCall[] = [];
  const tokensIssued: { secret: string; token: string }[] = [];
  const valid = new Set<string>();
  const failures = new Map<string, number[]>();
  const extras: ExtraRoute[] = [];
  const lose = new Map<string, number>();
  const duplicatesDropped: RecordedCall[] = [];
  const sentAt = new Map<RecordedCall, number>();
  /** WeCom's duplicate check: the same text to the same member within `duplicate_check_interval` seconds. */
  const isDuplicate = (call: RecordedCall): boolean => {
    if (Number(call.body.enable_duplicate_check) !== 1) return false;
    const window = Number(call.body.duplicate_check_interval ?? 1800) * 1000;
    return sends.some(
      (s) =>
        s.path === call.path &&
        s.body.touser === call.body.touser &&
        contentOf(s.body) === contentOf(call.body) &&
        Date.now() - (sentAt.get(s) ?? 0) <= window,
    );
  };
  /** Answers, or — when the test said to lose this answer — drops the connection instead. */
  const reply = (res: ServerResponse, path: string, body: unknown): void => {
    const n = lose.get(path) ?? 0;
    if (n > 0) {
      lose.set(path, n - 1);
      res.destroy();
      return;
    }
    json(res, body);
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path === '/cgi-bin/gettoken') {
      const secret = url.searchParams.get('corpsecret') ?? '';
      const token = `tok-${tokensIssued.length + 1}`;
      tokensIssued.push({ secret, token });
      valid.add(token);
      return json(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    if (path === '/cgi-bin/media/get') {
      const token = url.searchParams.get('access_token');
      const mediaId = url.searchParams.get('media_id') ?? '';
      fake.mediaGets.push({ mediaId, token });
      if (!token || !valid.has(token)) return json(res, { errcode: 40014, errmsg: 'invalid access_token' });
      const media = fake.media.get(mediaId);
      if (!media) return json(res, { errcode: 40007, errmsg: 'invalid media_id' });
      res.writeHead(200, {
        'content-type': media.type,
        'content-length': String(media.bytes.length),
        'content-disposition': /^[\x20-\x7e]*$/.test(media.name)
          ? `attachment; filename="${media.name}"`
          : `attachment; filename*=UTF-8''${encodeURIComponent(media.name)}`,
      });
      return res.end(media.bytes);
    }
    const body = await readJson(req);
    await fake.beforeAnswer?.(path);
    const token = url.searchParams.get('access_token');
    const call: RecordedCall = { path, token, query: url.searchParams, body };
    calls.push(call);
    const injected = failures.get(path)?.shift();
    if (injected !== undefined) {
      if (injected === 42001 && token) valid.delete(token);
      return json(res, { errcode: injected, errmsg: 'injected by the test' });
    }
    if (path !== '/cgi-bin/webhook/send' && (!token || !valid.has(token)))
      return json(res, { errcode: 40014, errmsg: 'invalid access_token' });
    for (const extra of extras) {
      const answer = extra(path, body, call);
      if (answer) {
        if (answer.errcode === 0 || answer.errcode === undefined) sends.push(call);
        return reply(res, path, { errcode: 0, errmsg: 'ok', ...answer });
      }
    }
    if (path === '/cgi-bin/message/send' && isDuplicate(call)) {
      duplicatesDropped.push(call);
      return reply(res, path, { errcode: 0, errmsg: 'ok', msgid: `dup-${duplicatesDropped.length}` });
    }
    if (['/cgi-bin/message/send', '/cgi-bin/appchat/send', '/cgi-bin/webhook/send'].includes(path)) {
      sends.push(call);
      sentAt.set(call, Date.now());
      return reply(res, path, { errcode: 0, errmsg: 'ok', msgid: `msg-${sends.length}` });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeWeCom = {
    url: `http://127.0.0.1:${port}`,
    sends,
    calls,
    tokensIssued,
    media: new Map(),
    mediaGets: [],
    failNext(path, errcode) {
      failures.set(path, [...(failures.get(path) ?? []), errcode]);
    },
    loseNext(path) {
      lose.set(path, (lose.get(path) ?? 0) + 1);
    },
    duplicatesDropped,
    messagesTo(user) {
      return sends
        .filter((s) => s.path === '/cgi-bin/message/send' && s.body.touser === user)
        .map((s) => contentOf(s.body));
    },
    route(extra) {
      extras.push(extra);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return fake;
}
