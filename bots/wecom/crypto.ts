/**
 * WeCom's callback crypto, checked the way @wecom/crypto does not: the signature is compared in
 * constant time, malformed ciphertext is an answer instead of a throw, and the receive id must be
 * our corp (a message encrypted for another corp with the same key is refused).
 *
 *   const opened = openEnvelope(keys, { signature, timestamp, nonce, encrypted });
 *   if (!opened.ok) return refuse(res, opened.status, opened.reason);
 */
import { timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  /** The receive id WeCom puts inside every ciphertext: our CorpID. */
  corpId: string;
}

export interface Envelope {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypted: string;
}

export type Opened = { ok: true; plain: string } | { ok: false; status: 400 | 401; reason: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Verifies `msg_signature` over (token, timestamp, nonce, ciphertext), decrypts, checks the receive id. */
export function openEnvelope(keys: CallbackKeys, env: Envelope): Opened {
  const expected = getSignature(keys.token, env.timestamp, env.nonce, env.encrypted);
  if (!sameSignature(expected, env.signature)) return { ok: false, status: 401, reason: 'signature does not match' };
  const raw = Buffer.from(env.encrypted, 'base64');
  if (!BASE64.test(env.encrypted) || raw.length === 0 || raw.length % 32 !== 0) {
    return { ok: false, status: 400, reason: 'ciphertext is not valid base64 of whole AES blocks' };
  }
  let opened: { message: string; id: string; random: Buffer };
  try {
    opened = decrypt(keys.encodingAesKey, env.encrypted);
  } catch {
    return { ok: false, status: 400, reason: 'ciphertext does not decrypt (bad padding or length)' };
  }
  if (opened.id !== keys.corpId) return { ok: false, status: 400, reason: 'receive id is not our corp' };
  return { ok: true, plain: opened.message };
}

/** The other direction, for tests and for replies WeCom wants encrypted. */
export function sealEnvelope(keys: CallbackKeys, plain: string, timestamp: string, nonce: string): Envelope {
  const encrypted = encrypt(keys.encodingAesKey, plain, keys.corpId);
  return { signature: getSignature(keys.token, timestamp, nonce, encrypted), timestamp, nonce, encrypted };
}
