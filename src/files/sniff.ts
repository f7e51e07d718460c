/**
 * What a file is, read from its first bytes (never from its name or the sender's MIME type): the
 * kinds the release needs — screenshots and designs (PNG, JPEG, GIF, WebP) and documents (PDF).
 * Anything else is refused, with the kind named when it is a common one.
 *
 *   sniff(bytes) // { ok: true, type: { mime: 'image/png', ext: 'png', image: true } }
 */

export interface FileType {
  mime: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf';
  ext: 'png' | 'jpg' | 'gif' | 'webp' | 'pdf';
  /** Shown as a thumbnail on the release page. */
  image: boolean;
}

/** The file types the bot stores; every other is refused. */
export const ACCEPTED_TYPES: readonly FileType[] = [
  { mime: 'image/png', ext: 'png', image: true },
  { mime: 'image/jpeg', ext: 'jpg', image: true },
  { mime: 'image/gif', ext: 'gif', image: true },
  { mime: 'image/webp', ext: 'webp', image: true },
  { mime: 'application/pdf', ext: 'pdf', image: false },
];

export type Sniffed = { ok: true; type: FileType } | { ok: false; seen?: string };

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
const byMime = (mime: FileType['mime']): FileType => ACCEPTED_TYPES.find((t) => t.mime === mime) as FileType;

/** Common kinds that are refused, recognised so the reply can name what was sent. */
const REFUSED: readonly { name: string; sig: number[]; at?: number }[] = [
  { name: 'ZIP', sig: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'RAR', sig: ascii('Rar!') },
  { name: '7z', sig: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'Office', sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'EXE', sig: ascii('MZ') },
  { name: 'ELF', sig: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'BMP', sig: ascii('BM') },
  { name: 'TIFF', sig: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF', sig: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'MP4', sig: ascii('ftyp'), at: 4 },
  { name: 'AMR', sig: ascii('#!AMR') },
  { name: 'SILK', sig: ascii('#!SILK') },
  { name: 'SILK', sig: [0x02, ...ascii('#!SILK')] },
];

export function sniff(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ok: true, type: byMime('image/png') };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, type: byMime('image/jpeg') };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return { ok: true, type: byMime('image/gif') };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { ok: true, type: byMime('image/webp') };
  if (startsWith(bytes, ascii('%PDF-'))) return { ok: true, type: byMime('application/pdf') };
  const known = REFUSED.find((r) => startsWith(bytes, r.sig, r.at ?? 0));
  if (known) return { ok: false, seen: known.name };
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return { ok: false, seen: 'SVG' };
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return { ok: false, seen: 'HTML' };
  return { ok: false };
}
