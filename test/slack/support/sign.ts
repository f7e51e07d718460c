/**
 * Signs requests the way Slack does (v0 HMAC-SHA256 of `v0:<timestamp>:<raw body>`) and posts them.
 *
 *   const res = await postSigned(`${base}/slack/events`, body, { secret, timestamp: nowSec });
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface PostOptions {
  secret: string;
  timestamp: number;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  signature?: string;
  retryNum?: number;
}

export async function postSigned(
  url: string,
  body: string,
  opts: PostOptions,
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    'content-type': opts.contentType ?? 'application/json',
    'x-slack-request-timestamp': String(opts.timestamp),
    'x-slack-signature': opts.signature ?? slackSignature(opts.secret, opts.timestamp, body),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

let triggers = 0;

/**
 * A slash command as Slack posts it: form-encoded, a fresh trigger_id each time (Slack's are unique;
 * the bot deduplicates commands by it). Pass `response_url` (a fake's `responseUrl(n)`): the bot
 * answers there; the default points at a closed local port, so nothing leaves 127.0.0.1.
 */
export function commandBody(fields: Record<string, string>): string {
  triggers += 1;
  const trigger = `${triggers}.${process.pid}.${Date.now()}`;
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'agency',
    channel_name: 'acme',
    user_name: 'someone',
    response_url: 'http://127.0.0.1:9/commands/none',
    trigger_id: trigger,
    ...fields,
  }).toString();
}

/** Interactivity as Slack posts it: `payload=<json>`, form-encoded. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
