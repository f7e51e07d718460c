/**
 * The checks a file passes before it is stored, the same for a chat attachment and a page upload:
 * not empty, within the per-file cap, within what is left of the release's cap, and of a type the
 * bot accepts (read from its bytes).
 *
 *   const checked = checkFile(content, limits, usedBytes);
 *   if (!checked.ok) return checked; // { ok: false, problem: 'too_large', bytes, limit }
 */
import { type FileType, sniff } from './sniff.js';
import type { FileLimits, FileRefusal } from './store.js';

export type Checked = { ok: true; type: FileType } | ({ ok: false } & FileRefusal);

/** `used`: bytes the release's files take already; `undefined` skips the release cap (a duplicate adds nothing). */
export function checkFile(content: Uint8Array, limits: FileLimits, used: number | undefined): Checked {
  const bytes = content.byteLength;
  if (bytes === 0) return { ok: false, problem: 'empty' };
  if (bytes > limits.maxFileBytes) return { ok: false, problem: 'too_large', bytes, limit: limits.maxFileBytes };
  const sniffed = sniff(content);
  if (!sniffed.ok) return { ok: false, problem: 'type', ...(sniffed.seen ? { seen: sniffed.seen } : {}) };
  if (used !== undefined && used + bytes > limits.maxReleaseBytes)
    return { ok: false, problem: 'release_full', bytes, used, limit: limits.maxReleaseBytes };
  return { ok: true, type: sniffed.type };
}

/** Bytes as people read them: 812 KB, 20 MB, 1.5 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}
