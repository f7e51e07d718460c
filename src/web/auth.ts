/**
 * Who may see the status and chat pages. With DASHBOARD_TOKEN set: whoever signed in with it
 * (an HttpOnly, SameSite=Strict cookie holding an HMAC of the token, never the token itself).
 * Without it: only this machine (loopback), so a fresh `npm start` is not open to the network.
 *
 *   const access = new PageAccess(config.dashboardToken);
 *   if (access.check(req) !== 'ok') …                       // 'login' | 'forbidden'
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'release_bot_session';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export type AccessResult = 'ok' | 'login' | 'forbidden';

/** A request from this machine itself. One relayed by a local reverse proxy (it says so in a forwarding
 * header) comes from somewhere else, so it is not: behind a proxy, set DASHBOARD_TOKEN. */
export function isLoopback(req: IncomingMessage): boolean {
  const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  return !relayed && LOOPBACK.has(req.socket.remoteAddress ?? '');
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
    this.session = token ? createHmac('sha256', token).update('release-bot dashboard session v1').digest('base64url') : undefined;
  }

  get needsLogin(): boolean {
    return this.token !== undefined;
  }

  check(req: IncomingMessage): AccessResult {
    if (!this.session) return isLoopback(req) ? 'ok' : 'forbidden';
    const cookie = readCookie(req, SESSION_COOKIE);
    return cookie !== undefined && sameSecret(cookie, this.session) ? 'ok' : 'login';
  }

  /** The Set-Cookie header for a correct token, or undefined for a wrong one. */
  login(candidate: string, secure: boolean): string | undefined {
    if (!this.token || !this.session || !sameSecret(candidate, this.token)) return undefined;
    const flags = ['Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=2592000', ...(secure ? ['Secure'] : [])];
    return `${SESSION_COOKIE}=${this.session}; ${flags.join('; ')}`;
  }
}
