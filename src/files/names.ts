/**
 * A file's name as sent, made safe to store, show and offer for download: no path, no control or
 * bidirectional characters, nothing a shell or a header would read specially, at most 120
 * characters — and the extension of what the file really is (`sniff`), so `icon.exe` that is a PNG
 * is kept as `icon.png`.
 *
 *   safeFileName('../../etc/登录页.PNG', 'png') // '登录页.png'
 *   safeFileName(undefined, 'pdf', 'file-3')   // 'file-3.pdf'
 */

const MAX_LENGTH = 120;

export function safeFileName(name: string | undefined, ext: string, fallback = 'file'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // Control characters, bidi overrides and zero-width marks, then characters special in paths, shells or headers.
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/["*:<>?|;`$\\]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  const stem = cleaned.replace(/\.[^.]{1,8}$/, '').trim() || fallback;
  const cut = [...stem].slice(0, MAX_LENGTH - ext.length - 1).join('');
  return `${cut}.${ext}`;
}
