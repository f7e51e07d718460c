/**
 * A local fake of WeChat's `/cgi-bin/stable_token` on 127.0.0.1: apps registered with their secret
 * get an access token, an unknown App ID gets 40013 and a wrong secret 40125, as WeChat answers.
 * `failNext` queues a canned answer (a JSON body, or an HTTP status with no body) for the next call.
 * Every call is recorded, refused ones too. `/wxaapi/newtmpl/gettemplate` answers the templates
 * set with `setTemplates` to a token it issued for that App ID (40001 for any other token);
 * `failNextTemplates` queues a canned answer for it; its calls are in `templateCalls`.
 *
 *   const fake = await startFakeWeChat();
 *   fake.register('wx1234567890abcdef', 'the-secret');
 *   fake.failNext({ errcode: 40164, errmsg: 'invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: x' });
 *   const api = new WeChatHttpApi({ apiBase: fake.url }); // env WECHAT_API_BASE: fake.url
 *   await fake.close();
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StableTokenCall {
  appid: string;
  secret: string;
  force_refresh: unknown;
  grant_type: unknown;
}

export type CannedAnswer = Record<string, unknown> | { httpStatus: number };

export interface FakeWeChat {
  /** Base URL, e.g. `http://127.0.0.1:1234`. */
  url: string;
  calls: StableTokenCall[];
  /** gettemplate calls: the App ID the token was issued for (undefined: a token we never issued). */
  templateCalls: { appid: string | undefined }[];
  setTemplates(appId: string, templates: { priTmplId: string; title: string }[]): void;
  failNextTemplates(answer: CannedAnswer): void;
  register(appId: string, secret: string): void;
  /** Answers the next call with this instead (queued: one answer per call). */
  failNext(answer: CannedAnswer): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function isStatus(answer: CannedAnswer): answer is { httpStatus: number } {
  return typeof answer.httpStatus === 'number';
}

export async function startFakeWeChat(): Promise<FakeWeChat> {
  const apps = new Map<string, string>();
  const queued: CannedAnswer[] = [];
  const calls: StableTokenCall[] = [];
  const tokens = new Map<string, string>();
  const templates = new Map<string, { priTmplId: string; title: string }[]>();
  const templateCalls: { appid: string | undefined }[] = [];
  const queuedTemplates: CannedAnswer[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (path === '/wxaapi/newtmpl/gettemplate') {
      if (req.method !== 'GET') return void res.writeHead(405).end();
      const appid = tokens.get(url.searchParams.get('access_token') ?? '');
      templateCalls.push({ appid });
      const canned = queuedTemplates.shift();
      if (canned) return isStatus(canned) ? void res.writeHead(canned.httpStatus).end() : json(res, canned);
      if (appid === undefined)
        return json(res, {
          errcode: 40001,
          errmsg: 'invalid credential, access_token is invalid or not latest rid: x',
        });
      const data = (templates.get(appid) ?? []).map((t) => ({
        ...t,
        content: '商品名称:{{thing1.DATA}}\n',
        example: '商品名称:咖啡\n',
        type: 2,
      }));
      return json(res, { errcode: 0, errmsg: 'ok', data });
    }
    if (path !== '/cgi-bin/stable_token') return void res.writeHead(404).end();
    if (req.method !== 'POST') return void res.writeHead(405).end();
    const body = await readBody(req);
    const appid = typeof body.appid === 'string' ? body.appid : '';
    const secret = typeof body.secret === 'string' ? body.secret : '';
    calls.push({ appid, secret, force_refresh: body.force_refresh, grant_type: body.grant_type });
    const canned = queued.shift();
    if (canned) {
      if (isStatus(canned)) return void res.writeHead(canned.httpStatus).end();
      return json(res, canned);
    }
    const registered = apps.get(appid);
    if (registered === undefined) return json(res, { errcode: 40013, errmsg: 'invalid appid rid: x' });
    if (registered !== secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret rid: x' });
    const token = `ACCESS_TOKEN_${randomBytes(8).toString('hex')}`;
    tokens.set(token, appid);
    return json(res, { access_token: token, expires_in: 7200 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    templateCalls,
    setTemplates(appId, list) {
      templates.set(appId, list);
    },
    failNextTemplates(answer) {
      queuedTemplates.push(answer);
    },
    register(appId, secret) {
      apps.set(appId, secret);
    },
    failNext(answer) {
      queued.push(answer);
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
