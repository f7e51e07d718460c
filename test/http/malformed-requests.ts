/**
 * Random malformed requests, reproducible from a seed. Each one carries at least one defect that
 * must get a 4xx (a broken request line or header, a target that is no URL here, an unknown path,
 * a wrong method, a foreign Host, a proxy header, a cross-site POST, a garbage or oversized or
 * truncated body, a forged signature), then random noise on top: extra headers, junk values.
 *
 *   const gen = malformedRequests(42, { mode: 'loopback', port });
 *   const { kind, bytes } = gen.next();
 */

/** mulberry32: a tiny seeded PRNG, so a failing request can be made again from its seed and index. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The service as the generator knows it: `loopback` (no token, local chat) or `token` (DASHBOARD_TOKEN, Slack and WeCom on). */
export interface Target {
  mode: 'loopback' | 'token';
  port: number;
}

export interface MalformedRequest {
  kind: string;
  bytes: Buffer;
  /** Not a complete request (a body shorter than declared, an unfinished chunk): the client ends its side after it. */
  incomplete: boolean;
}

interface Parts {
  method: string;
  target: string;
  headers: string[];
  body?: Buffer | string;
  /** Content-Length to declare instead of the body's own (a truncated body, an oversized claim). */
  declaredLength?: number;
}

type Rng = () => number;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Printable junk for header values and query strings (no CR/LF: those are their own defect). */
function junk(r: Rng, max = 40): string {
  const chars = 'abcXYZ019 -_.~!$&\'()*+,;=:@/?[]{}|^`"<>\\%#\t';
  let s = '';
  for (let i = int(r, 0, max); i > 0; i -= 1) s += chars[Math.floor(r() * chars.length)];
  return s;
}

/** A path segment that matches no route however the URL parser normalises it: no dots, no slashes, no %2e. */
function strangeSegment(r: Rng): string {
  const chars = "abcdefXYZ0189-_~!$&'()*+,;=:@";
  let s = pick(r, [
    'nope',
    'api',
    'admin',
    'wp-login',
    'slack',
    'wecom',
    'chat-x',
    'release',
    'healthz-',
    'metricsx',
    'x',
  ]);
  for (let i = int(r, 0, 12); i > 0; i -= 1) {
    const roll = r();
    if (roll < 0.15) s += `%${(0x80 + int(r, 0, 0x7f)).toString(16).toUpperCase()}`;
    else if (roll < 0.2) s += `%${pick(r, ['zz', 'G1', '', '%'])}`;
    else s += chars[Math.floor(r() * chars.length)];
  }
  return s;
}

function unknownPath(r: Rng): string {
  const query = r() < 0.5 ? `?${encodeURI(junk(r)).replace(/#/g, '%23')}` : '';
  return `/${strangeSegment(r)}${r() < 0.3 ? `/${strangeSegment(r)}` : ''}${query}`;
}

/** Request targets that are not a URL on this server (a 400 from us or from Node's parser). */
function badTarget(r: Rng): string {
  return pick(r, [
    '//[',
    '//evil.example/x',
    '//',
    '*',
    'http://[',
    'http://evil.example:99999/',
    'ftp://evil.example/',
    '?x=1',
    'relative/path',
    '%',
    `/${'\u00e4'.repeat(int(r, 1, 4))}`,
    '/\u0001x',
    `/a${String.fromCharCode(int(r, 0x80, 0xff))}b`,
    `/x\u007f`,
  ]);
}

function noise(r: Rng): string[] {
  const out: string[] = [];
  for (let i = int(r, 0, 4); i > 0; i -= 1) {
    out.push(
      pick(r, [
        `Accept-Language: ${junk(r)}`,
        `Cookie: ${pick(r, ['release_bot_session', 'a', '%E0%A4%A', ''])}=${junk(r)}`,
        `X-Junk-${int(r, 0, 99)}: ${junk(r)}`,
        `User-Agent: fuzz/${junk(r, 10)}`,
        `Accept: ${pick(r, ['*/*', 'text/html', junk(r, 10)])}`,
        `X-Slack-Retry-Num: ${junk(r, 5)}`,
        `Referer: http://${junk(r, 10)}`,
        `X-Obs-Text: caf${String.fromCharCode(0xe9)}`,
      ]),
    );
  }
  return out;
}

function garbageBody(r: Rng): string {
  return pick(r, [
    junk(r, 200),
    `{"as":${pick(r, ['"boss"', '1', 'null', '[]'])},"text":${JSON.stringify(junk(r))}}`,
    `{"as":"client"${junk(r, 5)}`,
    `<xml>${'<a>'.repeat(int(r, 1, 500))}`,
    `token=${encodeURIComponent(junk(r, 20))}&next=${encodeURIComponent(pick(r, ['/\t/evil.example', '//evil.example', '/\u4e2d', junk(r, 10)]))}`,
    `payload=${encodeURIComponent(junk(r, 60))}`,
    '\u0000\u0001\u0002\u00ff',
    '',
  ]);
}

function render(p: Parts): Buffer {
  const body = p.body === undefined ? Buffer.alloc(0) : Buffer.from(p.body);
  const length = p.declaredLength ?? (p.body === undefined ? undefined : body.length);
  const head = [
    `${p.method} ${p.target} HTTP/1.1`,
    ...p.headers,
    ...(length === undefined ? [] : [`Content-Length: ${length}`]),
    'Connection: close',
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

type Defect = (r: Rng, t: Target, host: string) => Parts | Buffer;

const PAGE_GETS = ['/', '/chat', '/chat/messages?since=0', '/releases/1', '/releases/abc', '/?all=1'];

const DEFECTS: Record<string, { modes: Target['mode'][]; make: Defect }> = {
  'request-line': {
    modes: ['loopback', 'token'],
    make: (r, _t, host) => {
      const line = pick(r, [
        () => `${pick(r, ['G(T', 'GET\u0000', 'get', 'GE T', '', 'P0ST', 'FOO'])} ${unknownPath(r)} HTTP/1.1`,
        () =>
          `GET ${unknownPath(r)} ${pick(r, ['HTTP/9.9', 'HTTX/1.1', 'HTTP/1.1x', 'HTTP/1', 'http/1.1', 'HTTP/1.1 extra'])}`,
        () => `GET ${unknownPath(r)}`,
        () => `GET  ${unknownPath(r)}  HTTP/1.1`,
        () => `GET ${badTarget(r)} HTTP/1.1`,
        () => `POST ${badTarget(r)} HTTP/1.1`,
        () => junk(r, 80),
      ])();
      return Buffer.from(`${line}\r\nHost: ${host}\r\n${noise(r).join('\r\n')}\r\n\r\n`, 'latin1');
    },
  },
  'header-syntax': {
    modes: ['loopback', 'token'],
    make: (r, _t, host) => {
      const bad = pick(r, [
        'NoColonHere',
        'Bad Name: x',
        `X-Ctl: a\u0000b`,
        `X-Ctl: a\rb`,
        ' Folded: x',
        '\tFolded: x',
        'Content-Length: abc',
        'Content-Length: -1',
        'Content-Length: 1\r\nContent-Length: 2',
        'Transfer-Encoding: chunked\r\nContent-Length: 5',
        `Transfer-Encoding: ${pick(r, ['gzip', 'chunked, gzip', 'identity, chunked, x'])}`,
        ': empty-name',
        `X${'\u00e4'}: name-with-byte`,
      ]);
      const path = pick(r, [
        '/',
        '/healthz',
        '/login',
        '/metrics',
        '/chat/messages',
        '/slack/events',
        '/wecom/callback',
        unknownPath(r),
      ]);
      return Buffer.from(
        `${pick(r, ['GET', 'POST'])} ${path} HTTP/1.1\r\nHost: ${host}\r\n${bad}\r\n${noise(r).join('\r\n')}\r\n\r\n`,
        'latin1',
      );
    },
  },
  'bad-chunks': {
    modes: ['loopback', 'token'],
    make: (r, _t, host) => {
      const chunks = pick(r, [
        'zz\r\nabc\r\n0\r\n\r\n',
        '5\r\nab\r\n',
        'ffffffffffffffff\r\n',
        '3\r\nabcdef\r\n0\r\n\r\n',
        '-1\r\n',
      ]);
      // A route that refuses the request whatever the body: the parser's error may come after its answer.
      return Buffer.from(
        `POST ${pick(r, ['/healthz', unknownPath(r)])} HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`,
        'latin1',
      );
    },
  },
  'unknown-path': {
    modes: ['loopback', 'token'],
    make: (r, _t, host) => ({
      method: pick(r, ['GET', 'POST', 'DELETE']),
      target: unknownPath(r),
      headers: [`Host: ${host}`, ...noise(r)],
      body: r() < 0.5 ? garbageBody(r) : undefined,
    }),
  },
  'wrong-method': {
    modes: ['loopback', 'token'],
    make: (r, _t, host) => ({
      method: pick(r, ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'PROPFIND']),
      target: pick(r, [
        '/',
        '/healthz',
        '/metrics',
        '/login',
        '/chat',
        '/chat/messages',
        '/releases/1',
        '/slack/events',
        '/wecom/callback',
      ]),
      headers: [`Host: ${host}`, ...noise(r)],
      body: r() < 0.3 ? garbageBody(r) : undefined,
    }),
  },
  'rebound-host': {
    modes: ['loopback'],
    make: (r, t) => ({
      method: 'GET',
      target: pick(r, [...PAGE_GETS, '/metrics']),
      headers: [
        `Host: ${pick(r, ['evil.example', `evil.example:${t.port}`, 'localhost.evil.example', '127.0.0.1.nip.io', '', `${junk(r, 12).replace(/\t/g, '')}x`])}`,
        ...noise(r),
      ],
    }),
  },
  'proxy-header': {
    modes: ['loopback', 'token'],
    make: (r, t, host) => ({
      method: 'GET',
      target: t.mode === 'loopback' ? pick(r, [...PAGE_GETS, '/metrics']) : '/metrics',
      headers: [
        `Host: ${host}`,
        `${pick(r, ['X-Forwarded-For', 'X-Real-IP', 'CF-Connecting-IP', 'True-Client-IP', 'X-Client-IP', 'Forwarded'])}: ${pick(r, ['203.0.113.7', '127.0.0.1', 'for=127.0.0.1', junk(r, 15)])}`,
        ...noise(r),
      ],
    }),
  },
  'cross-site-post': {
    modes: ['loopback', 'token'],
    make: (r, _t, host) => ({
      method: 'POST',
      target: pick(r, ['/chat/messages', '/login']),
      headers: [
        `Host: ${host}`,
        pick(r, [
          'Origin: http://evil.example',
          'Origin: null',
          `Origin: http://localhost:1`,
          'Sec-Fetch-Site: cross-site',
          'Sec-Fetch-Site: same-site',
          `Origin: ${junk(r, 20).replace(/\t/g, '')}z`,
        ]),
        `Content-Type: ${pick(r, ['application/json', 'application/x-www-form-urlencoded'])}`,
        ...noise(r),
      ],
      body: pick(r, ['{"as":"pm","text":"/release start Evil Corp"}', 'token=guess&next=%2F', garbageBody(r)]),
    }),
  },
  'chat-garbage': {
    modes: ['loopback'],
    make: (r, _t, host) => ({
      method: 'POST',
      target: '/chat/messages',
      headers: [
        `Host: ${host}`,
        `Content-Type: ${pick(r, ['application/json', 'application/json; charset=utf-8', 'text/plain', junk(r, 10)])}`,
        ...noise(r),
      ],
      body: r() < 0.1 ? 'x'.repeat(20_000) : garbageBody(r),
    }),
  },
  'truncated-body': {
    modes: ['loopback', 'token'],
    make: (r, t, host) => {
      const target =
        t.mode === 'loopback'
          ? '/chat/messages'
          : pick(r, ['/slack/events', '/wecom/callback?msg_signature=a&timestamp=1&nonce=n', '/login']);
      const body = garbageBody(r).slice(0, 10);
      return {
        method: 'POST',
        target,
        headers: [`Host: ${host}`, 'Content-Type: application/json', ...noise(r)],
        body,
        declaredLength: body.length + int(r, 1, 500),
      };
    },
  },
  oversized: {
    modes: ['loopback', 'token'],
    make: (r, t, host) => ({
      method: 'POST',
      target:
        t.mode === 'loopback'
          ? '/chat/messages'
          : pick(r, ['/slack/events', '/wecom/callback?msg_signature=a&timestamp=1&nonce=n', '/login']),
      headers: [`Host: ${host}`, 'Content-Type: application/json', ...noise(r)],
      body: junk(r, 50),
      declaredLength: int(r, 1_100_000, 50_000_000),
    }),
  },
  'slack-forged': {
    modes: ['token'],
    make: (r, t, host) => {
      const headers = [
        `Host: ${host}`,
        `Content-Type: ${pick(r, ['application/json', 'application/x-www-form-urlencoded', junk(r, 10)])}`,
        ...noise(r),
      ];
      if (r() < 0.7) headers.push(`X-Slack-Signature: ${pick(r, ['v0=', `v0=${'ab'.repeat(32)}`, junk(r, 70)])}`);
      if (r() < 0.7)
        headers.push(
          `X-Slack-Request-Timestamp: ${pick(r, [String(Math.floor(Date.now() / 1000)), String(Math.floor(Date.now() / 1000) + 3600), '0', '-5', '1e10', junk(r, 12)])}`,
        );
      const body = pick(r, [
        garbageBody(r),
        JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message', text: junk(r) } }),
        'command=%2Frelease&text=start+Evil',
      ]);
      return {
        method: 'POST',
        target: `/slack/events${t.mode === 'token' && r() < 0.2 ? `?${junk(r, 10).replace(/[#\s]/g, '')}` : ''}`,
        headers,
        body,
      };
    },
  },
  'wecom-forged': {
    modes: ['token'],
    make: (r, _t, host) => {
      const query = pick(r, [
        '',
        'msg_signature=00&timestamp=1&nonce=n',
        `msg_signature=${'0'.repeat(40)}&timestamp=${Math.floor(Date.now() / 1000)}&nonce=abc&echostr=${junk(r, 20).replace(/[#\s]/g, '')}`,
        encodeURI(junk(r, 30)).replace(/#/g, '%23'),
      ]);
      const method = pick(r, ['GET', 'POST']);
      const body =
        method === 'POST'
          ? pick(r, [
              garbageBody(r),
              `<xml><Encrypt><![CDATA[${junk(r, 40)}]]></Encrypt></xml>`,
              `<xml>${'<a>'.repeat(int(r, 1, 3000))}`,
            ])
          : undefined;
      return {
        method,
        target: `/wecom/callback?${query}`,
        headers: [`Host: ${host}`, 'Content-Type: text/xml', ...noise(r)],
        body,
      };
    },
  },
  'login-garbage': {
    modes: ['token'],
    make: (r, _t, host) => ({
      method: 'POST',
      target: `/login${r() < 0.3 ? `?lang=${junk(r, 6).replace(/[#\s]/g, '')}` : ''}`,
      headers: [
        `Host: ${host}`,
        `Content-Type: ${pick(r, ['application/x-www-form-urlencoded', 'text/plain', junk(r, 8)])}`,
        ...noise(r),
      ],
      body: garbageBody(r),
    }),
  },
  'metrics-remote': {
    modes: ['token'],
    // From this machine but by a foreign name: the loopback rule does not hold, and no token is given.
    make: (r, t) => ({
      method: 'GET',
      target: '/metrics',
      headers: [
        `Host: ${pick(r, ['evil.example', `evil.example:${t.port}`, ''])}`,
        pick(r, [
          'Authorization: Bearer wrong',
          `Authorization: ${junk(r, 20)}`,
          'Authorization: Basic Zm9vOmJhcg==',
          'X-Junk: 1',
        ]),
        ...noise(r),
      ],
    }),
  },
};

export function malformedRequests(seed: number, target: Target): { next(): MalformedRequest } {
  const r = prng(seed);
  const kinds = Object.entries(DEFECTS).filter(([, d]) => d.modes.includes(target.mode));
  const host = `127.0.0.1:${target.port}`;
  return {
    next() {
      const [kind, defect] = pick(r, kinds);
      const made = defect.make(r, target, host);
      const incomplete = kind === 'bad-chunks' || kind === 'truncated-body';
      return { kind, bytes: Buffer.isBuffer(made) ? made : render(made), incomplete };
    },
  };
}
