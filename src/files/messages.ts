/**
 * A refused file, said to whoever sent it in their language: what was wrong and what to send instead.
 *
 *   refusalText('zh', 'icon.zip', { problem: 'type', seen: 'ZIP' }) // '「icon.zip」是 ZIP 文件，无法保存。…'
 */
import { type Locale, t } from '../i18n/index.js';
import { formatBytes } from './check.js';
import type { FileRefusal } from './store.js';

/** `unavailable`: the platform would not give the file (download failed, media expired). */
export function refusalText(
  locale: Locale,
  name: string | undefined,
  refusal: FileRefusal | { problem: 'unavailable' },
): string {
  const shown = name?.trim() || t(locale, 'files.unnamed');
  switch (refusal.problem) {
    case 'empty':
      return t(locale, 'files.refused.empty', { name: shown });
    case 'too_large':
      return t(locale, 'files.refused.too_large', {
        name: shown,
        size: formatBytes(refusal.bytes),
        limit: formatBytes(refusal.limit),
      });
    case 'release_full':
      return t(locale, 'files.refused.release_full', {
        name: shown,
        size: formatBytes(refusal.bytes),
        used: formatBytes(refusal.used),
        limit: formatBytes(refusal.limit),
      });
    case 'type':
      return refusal.seen
        ? t(locale, 'files.refused.type_seen', { name: shown, seen: refusal.seen })
        : t(locale, 'files.refused.type', { name: shown });
    case 'unavailable':
      return t(locale, 'files.refused.unavailable', { name: shown });
  }
}
