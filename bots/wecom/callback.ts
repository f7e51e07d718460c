/**
 * `GET|POST /wecom/callback`: URL verification and encrypted messages for the self-built app and
 * 微信客服 (one corp, one token and key). Checks in order: body size (413), the `Encrypt` field read
 * from the raw body by a capped scan, no XML parser (400), signature over it (401), a signed
 * timestamp within 5 minutes of ours (401: a replayed request, as Slack's check does),
 * base64/padding/receive id (400), the decrypted XML without entities (400) — the only XML parse,
 * and only of signed bytes; then hands the decrypted fields to `onMessage`, which stores them
 * durably, and answers `success` — WeCom wants it within 5 s. Each outcome is counted on /metrics.
 *
 *   const { get, post } = callbackRoutes({ keys, logger, onMessage: (fields) => wecomInbox.accept(fields) });
 *   http.route('GET', '/wecom/callback', get); http.route('POST', '/wecom/callback', post);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Handler, readBody, sendText } from '../../web/server.js';
import type { Logger } from '../../src/logger.js';
import type { Metrics } from '../../src/metrics.js';
import { type CallbackKeys, openEnvelope } from './crypto.js';
import { parseXmlFields, readEncryptField, type XmlFields } from './xml.js';

export interface CallbackDeps {
  keys: CallbackKeys;
  logger: Logger;
  /** Must store what it needs before it resolves (the ack follows); slow work goes after, async. */
  onMessage(fields: XmlFields): Promise<void> | void;
  /** Wall-clock milliseconds for the freshness check (default `Date.now`: network time, not the business clock). */
  now?: () => number;
  /** Counts `release_bot_wecom_callback_total{result}` and `release_bot_wecom_xml_parsed_total`. */
  metrics?: Pick<Metrics, 'count'>;
}

/** How far a callback's timestamp may be from our clock, either way: WeCom retries within seconds; a replay comes later. */
export const MAX_SKEW_S = 5 * 60;

function refuse(res: ServerResponse, status: number, reason: string): void {
  sendText(res, status, `${status === 401 ? 'forbidden' : 'bad request'}: ${reason}`);
}

/** Query parameters decode `+` as a space; WeCom's base64 never has spaces, so put the `+` back. */
function param(url: URL, name: string): string | undefined {
  return url.searchParams.get(name)?.replace(/ /g, '+') || undefined;
}

/** How far a signed request's timestamp is from our clock, in seconds (Infinity when it is not a number of seconds). */
function skewOf(timestamp: string, nowMs: number): number {
  return /^\d{1,12}$/.test(timestamp) ? Math.abs(nowMs / 1000 - Number(timestamp)) : Number.POSITIVE_INFINITY;
}

function signed(url: URL): { signature: string; timestamp: string; nonce: string } | undefined {
  const signature = param(url, 'msg_signature');
  const timestamp = param(url, 'timestamp');
  const nonce = param(url, 'nonce');
  return signature && timestamp && nonce ? { signature, timestamp, nonce } : undefined;
}

export function callbackRoutes(deps: CallbackDeps): { get: Handler; post: Handler } {
  const { keys, logger } = deps;
  const now = deps.now ?? Date.now;
  /** Checked once the signature is good (an unsigned request learns nothing of our clock); the skew goes to the log only. */
  const stale = (res: ServerResponse, timestamp: string): boolean => {
    const skew = skewOf(timestamp, now());
    if (skew <= MAX_SKEW_S) return false;
    logger.warn(
      { skewSeconds: Number.isFinite(skew) ? Math.round(skew) : 'not a number' },
      "WeCom callback refused: its signed timestamp is more than 5 minutes from this server's clock (a replay, or a clock to sync)",
    );
    refuse(res, 401, 'timestamp too old or too far ahead');
    return true;
  };

  const counted = (result: string): void => deps.metrics?.count('release_bot_wecom_callback_total', { result });

  const get: Handler = (_req, res, url) => {
    const query = signed(url);
    const echostr = param(url, 'echostr');
    if (!query || !echostr) return refuse(res, 400, 'msg_signature, timestamp, nonce and echostr are required');
    const opened = openEnvelope(keys, { ...query, encrypted: echostr });
    if (!opened.ok) {
      logger.warn({ status: opened.status, reason: opened.reason }, 'WeCom URL verification refused');
      return refuse(res, opened.status, opened.reason);
    }
    if (stale(res, query.timestamp)) return;
    sendText(res, 200, opened.plain);
  };

  const post: Handler = async (req: IncomingMessage, res, url) => {
    const query = signed(url);
    if (!query) return refuse(res, 400, 'msg_signature, timestamp and nonce are required');
    const body = (await readBody(req)).toString('utf8');
    const encrypted = readEncryptField(body);
    if (!encrypted) {
      counted('refused_shape');
      return refuse(res, 400, 'the body is not WeCom XML with an Encrypt field');
    }
    const opened = openEnvelope(keys, { ...query, encrypted });
    if (!opened.ok) {
      counted(opened.status === 401 ? 'refused_signature' : 'refused_crypto');
      logger.warn({ status: opened.status, reason: opened.reason }, 'WeCom callback refused');
      return refuse(res, opened.status, opened.reason);
    }
    if (stale(res, query.timestamp)) return counted('refused_stale');
    deps.metrics?.count('release_bot_wecom_xml_parsed_total');
    const fields = parseXmlFields(opened.plain);
    if (!fields) {
      counted('refused_xml');
      return refuse(res, 400, 'the decrypted message is not well-formed XML');
    }
    await deps.onMessage(fields);
    counted('accepted');
    sendText(res, 200, 'success');
  };

  return { get, post };
}
