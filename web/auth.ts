/**
 * Who may see the status and chat pages. With DASHBOARD_TOKEN set: whoever signed in with it
 * (an HttpOnly, SameSite=Strict cookie holding an HMAC of the token, never the token itself).
 * Without it: only this machine (loopback address, no proxy client-IP header, a loopback Host), so a
 * fresh `npm start` is not open to the network nor to a web page rebinding its DNS name to 127.0.0.1.
 * Either way a POST another site's page makes is refused (Origin / Sec-Fetch-Site).
 *
 *   const access = new PageAccess(config.dashboardToken);
 *   if (access.check(req) !== 'ok') …          // 'login' | 'forbidden' | 'wrong-host' | 'cross-origin'
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'release_bot_session';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Headers a proxy or CDN adds to name the client it relays for: their presence means "not this machine". */
export const PROXY_CLIENT_HEADERS = [
  'x-forwarded-for',
  'x-real-ip',
  'cf-connecting-ip',
  'true-client-ip',
  'x-client-ip',
  'forwarded',
] as const;

/**
 * ok; login (sign in first); forbidden (not this machine, no token set); wrong-host (a Host this
 * server does not answer to: DNS rebinding, 421); cross-origin (a POST another site made, 403).
 */
export type AccessResult = 'ok' | 'login' | 'forbidden' | 'wrong-host' | 'cross-origin';

/** `host[:port]` as a URL parser normalises it (lower case, default port dropped), or undefined. */
function normalHost(raw: string | undefined): URL | undefined {
  if (!raw || /[\s/\\@?#]/.test(raw)) return undefined;
  try {
    return new URL(`http://${raw}`);
  } catch {
    return undefined;
  }
}

/** The request names this machine in its Host header (localhost, 127.0.0.1 or [::1], any port). */
export function hasLoopbackHost(req: IncomingMessage): boolean {
  const host = normalHost(req.headers.host);
  return host !== undefined && LOOPBACK_HOSTS.has(host.hostname);
}

/** A request from this machine itself, asking for it by a loopback name. One relayed by a proxy (it
 * says so in a client-IP header) comes from somewhere else, so it is not: behind a proxy, set
 * DASHBOARD_TOKEN. A loopback Host keeps a rebound DNS name (a web page's own) from counting. */
export function isLoopback(req: IncomingMessage): boolean {
  return fromThisMachine(req) && hasLoopbackHost(req);
}

function fromThisMachine(req: IncomingMessage): boolean {
  const relayed = PROXY_CLIENT_HEADERS.some((h) => req.headers[h] !== undefined);
  return !relayed && LOOPBACK.has(req.socket.remoteAddress ?? '');
}

/**
 * Not a browser's cross-site request: browsers send `Sec-Fetch-Site` (which no page can set) and
 * `Origin` on a POST, so when present they must say this very site; a client without them (curl)
 * passes. `Origin: null` passes only beside `Sec-Fetch-Site: same-origin`: that is what a form on our
 * own pages sends, because they ask for `Referrer-Policy: no-referrer`.
 */
export function isSameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return site === 'same-origin';
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  const forwarded = req.headers['x-forwarded-host'];
  const hosts = [req.headers.host, typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined];
  return hosts.some((h) => normalHost(h)?.host === from.host);
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      return undefined; // a malformed cookie is no session, not a server error
    }
  }
  return undefined;
}

/** Equal-length digests compared in constant time: neither length nor prefix leaks. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string): Buffer => createHmac('sha256', 'release-bot-compare').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

export class PageAccess {
  private readonly session: string | undefined;

  constructor(private readonly token: string | undefined) {
    this.session = token
      ? createHmac('sha256', token).update('release-bot dashboard session v1').digest('base64url')
      : undefined;
  }

  get needsLogin(): boolean {
    return this.token !== undefined;
  }

  check(req: IncomingMessage): AccessResult {
    const reads = req.method === 'GET' || req.method === 'HEAD';
    if (!reads && !isSameOrigin(req)) return 'cross-origin';
    if (!this.session) return this.loopbackOnly(req);
    return this.signedIn(req) ? 'ok' : 'login';
  }

  /** `/metrics`: this machine (the loopback rule of the pages), or the token as `Authorization: Bearer …`, or a session. */
  mayScrape(req: IncomingMessage): boolean {
    if (this.loopbackOnly(req) === 'ok') return true;
    if (!this.token) return false;
    const auth = String(req.headers.authorization ?? '');
    const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    return (bearer !== undefined && sameSecret(bearer, this.token)) || this.signedIn(req);
  }

  private loopbackOnly(req: IncomingMessage): AccessResult {
    if (!fromThisMachine(req)) return 'forbidden';
    return hasLoopbackHost(req) ? 'ok' : 'wrong-host';
  }

  private signedIn(req: IncomingMessage): boolean {
    const cookie = readCookie(req, SESSION_COOKIE);
    return cookie !== undefined && this.session !== undefined && sameSecret(cookie, this.session);
  }

  /** The Set-Cookie header for a correct token, or undefined for a wrong one. */
  login(candidate: string, secure: boolean): string | undefined {
    if (!this.token || !this.session || !sameSecret(candidate, this.token)) return undefined;
    const flags = ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=2592000', ...(secure ? ['Secure'] : [])];
    return `${SESSION_COOKIE}=${this.session}; ${flags.join('; ')}`;
  }
}
