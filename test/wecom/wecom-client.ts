/**
 * Plays WeCom's side of the callback in tests: encrypts a message with the official sample key,
 * signs it and POSTs it to the running app, as WeCom would.
 *
 *   const wecom = weComSender(baseUrl);
 *   await wecom.text('wang', '是企业主体', 'm1');   // → Response ('success')
 */
import { randomBytes } from 'node:crypto';
import { getSignature } from '@wecom/crypto';
import { sealEnvelope } from '../../bots/wecom/crypto.js';

export const SAMPLE = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  corpId: 'wx5823bf96d3bd56c7',
};

export function wecomEnv(apiBase: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_CORP_ID: SAMPLE.corpId,
    WECOM_CORP_SECRET: 'app-secret-for-tests',
    WECOM_AGENT_ID: '1000002',
    WECOM_TOKEN: SAMPLE.token,
    WECOM_ENCODING_AES_KEY: SAMPLE.encodingAesKey,
    WECOM_API_BASE: apiBase,
    ...extra,
  };
}

export function textXml(from: string, content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[${SAMPLE.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1732500000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

/** The outer body WeCom POSTs, around a ciphertext. */
export function outerXml(encrypted: string): string {
  return `<xml><ToUserName><![CDATA[${SAMPLE.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;
}

/** WeCom signs each callback with the current time in seconds (the callback refuses one 5 minutes off). */
export const nowSeconds = (offsetS = 0): string => String(Math.floor(Date.now() / 1000) + offsetS);

/** Signs any ciphertext (valid or not) so the signature check passes and the next check is reached. */
export function signedQuery(encrypted: string, token = SAMPLE.token, timestamp = nowSeconds()): string {
  const nonce = randomBytes(4).toString('hex');
  const sig = getSignature(token, timestamp, nonce, encrypted);
  return `msg_signature=${sig}&timestamp=${timestamp}&nonce=${nonce}`;
}

export function weComSender(baseUrl: string, keys = SAMPLE) {
  const post = (query: string, body: string): Promise<Response> =>
    fetch(`${baseUrl}/wecom/callback?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return {
    post,
    /** Encrypts and signs `plainXml` with `keys` (a foreign corp id makes a foreign message). */
    async plain(plainXml: string): Promise<Response> {
      const env = sealEnvelope(keys, plainXml, nowSeconds(), randomBytes(4).toString('hex'));
      return post(
        `msg_signature=${env.signature}&timestamp=${env.timestamp}&nonce=${env.nonce}`,
        outerXml(env.encrypted),
      );
    },
    text(from: string, content: string, msgId: string): Promise<Response> {
      return this.plain(textXml(from, content, msgId));
    },
  };
}

/** Polls until `check` returns a value (the app works asynchronously after acking). */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The `kf_msg_or_event` callback: it carries only a short-lived sync token. */
export function kfEventXml(token: string, openKfId: string): string {
  return `<xml><ToUserName><![CDATA[${SAMPLE.corpId}]]></ToUserName><CreateTime>1732500000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[${token}]]></Token><OpenKfId><![CDATA[${openKfId}]]></OpenKfId></xml>`;
}
