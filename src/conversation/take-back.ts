/**
 * A client taking back or changing what was recorded, in words: `撤销` / `undo` (the last change
 * they made) and `改成 …` / `change … to …` (a new value, for a named item or the one they changed
 * last). Recognised before the reply reader runs, so "改成 wx…" is never read as a fresh answer.
 * `marked` says the message has the shape of a change request (starts with 改成/改为, 把/将 … 改成,
 * change … to …); an unmarked "<words>改成<value>" is a change only if <words> name an item exactly
 * (the conversation decides), so "AppID wx…，图标下周改成新版" stays an answer.
 *
 *   readTakeBack('把商户号改成 1900000109')  // { kind: 'change', item: '商户号', text: '1900000109', marked: true }
 *   readTakeBack('undo')                     // { kind: 'undo' }
 */
export type TakeBack = { kind: 'undo' } | { kind: 'change'; item: string; text: string; marked: boolean };

const UNDO = /^\s*(?:撤销|撤回|undo)\s*[。.!！]?\s*$/i;
const CHANGE_ZH = /^\s*(?:请)?(把|将)?\s*(.*?)\s*(?:改成|改为|更改为)\s*[:：]?\s*(.+?)\s*$/s;
const CHANGE_EN = /^\s*(?:please\s+)?change\s+(?:(.+?)\s+)?to\s*:?\s+(.+?)\s*$/is;

export function readTakeBack(text: string | null): TakeBack | undefined {
  if (!text) return undefined;
  const normalized = text.normalize('NFKC');
  if (UNDO.test(normalized)) return { kind: 'undo' };
  const zh = CHANGE_ZH.exec(normalized);
  if (zh?.[3]) {
    const item = (zh[2] ?? '').trim();
    return { kind: 'change', item, text: zh[3], marked: Boolean(zh[1]) || item === '' };
  }
  const en = CHANGE_EN.exec(normalized);
  if (!en?.[2]) return undefined;
  return { kind: 'change', item: (en[1] ?? '').trim(), text: en[2], marked: true };
}
