/**
 * Secrets at rest: AES-256-GCM with a random 96-bit IV per value; only the last 4 characters are
 * kept in clear, for "••••cdef". The key comes from SECRET_KEY (or the key file beside the database).
 *
 *   const box = secretBox(key);
 *   const sealed = box.seal('3f2a…7e6d'); box.open(sealed) // '3f2a…7e6d'
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { MASK } from './secret-runs.js';
import type { EncryptedSecret } from './store.js';

export { MASK, maskSecretsIn, SECRET_RUN, secretsIn } from './secret-runs.js';

export function maskSecret(last4: string): string {
  return `${MASK}${last4}`;
}

export interface SecretBox {
  seal(plain: string): EncryptedSecret;
  open(sealed: EncryptedSecret): string;
  /** A stable, one-way id for a credential (HMAC-SHA256 under the key, 20 hex): the same key, the same id. */
  fingerprint(plain: string): string;
}

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (AES-256).');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return {
        iv: iv.toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        last4: plain.slice(-4),
      };
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    },
    fingerprint(plain) {
      return createHmac('sha256', key).update(`fingerprint:${plain}`).digest('hex').slice(0, 20);
    },
  };
}
