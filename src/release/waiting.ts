/**
 * An item waiting on someone other than the client's chat contact (their bank, Tencent's review, an
 * ICP filing, our developers): until when, and why. Kept in the item's note as `2026-12-10 · bank
 * approval`, which reads well wherever a note is shown (the status page, exports).
 *
 *   waitingNote({ until: '2026-12-10', reason: 'bank approval' })  // '2026-12-10 · bank approval'
 *   readWaiting('2026-12-10 · bank approval')                         // { until: '2026-12-10', reason: 'bank approval' }
 */
import { parseLocalDate } from '../calendar/working-calendar.js';

export interface Waiting {
  /** The date the bot asks again (YYYY-MM-DD, the client's calendar). */
  until: string;
  reason?: string;
}

const SEPARATOR = ' · ';

export function waitingNote(w: Waiting): string {
  return w.reason ? `${w.until}${SEPARATOR}${w.reason}` : w.until;
}

/** The note of a waiting item, read back; undefined when it holds no date (a free-text note). */
export function readWaiting(note: string | null): Waiting | undefined {
  if (!note) return undefined;
  const until = note.slice(0, 10);
  if (!parseLocalDate(until) || (note.length > 10 && !note.startsWith(SEPARATOR, 10))) return undefined;
  const reason = note.slice(10 + SEPARATOR.length).trim();
  return reason ? { until, reason } : { until };
}
