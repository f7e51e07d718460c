/**
 * What an item change keeps so it can be taken back, and who made it: the snapshot an audit event
 * holds before and after, the sealed secret it replaced, the role and way a value came
 * (provenance). `ReleaseService` writes them; `undo` reads them back.
 *
 *   roleOf('wecom:wang', 'answer')   // 'client'
 *   snapshot(item)                   // { status, value, note, setBy, setRole, setHow, setAt }
 */
import type { ItemKey, ItemStatus, ItemValue } from '../checklist/types.js';
import type { Item, SetHow, SetRole } from './model.js';
import type { EncryptedSecret } from './store.js';

/** How long a person may take back their last recorded change. */
export const UNDO_WINDOW_MS = 30 * 60_000;

/** What an undo did, or why it did nothing. */
export type UndoResult =
  | {
      kind: 'undone';
      key: ItemKey;
      undone: { status: ItemStatus; value: ItemValue | null };
      restored: { status: ItemStatus; value: ItemValue | null };
    }
  | { kind: 'nothing' }
  | { kind: 'too_late'; key: ItemKey }
  | { kind: 'changed_since'; key: ItemKey };

/** An item's state as an item-change event keeps it: enough to put it back exactly. */
export interface ItemSnapshot {
  status: ItemStatus;
  value: ItemValue | null;
  note?: string | null;
  setBy?: string | null;
  setRole?: SetRole | null;
  setHow?: SetHow | null;
  setAt?: string | null;
  /** The value waited for the client's yes (carried or guessed): an undo puts it back waiting. */
  confirmPending?: boolean;
}

/** What an item-change event carries besides before/after: the sealed secret it replaced, the change it undid. */
export interface ChangePayload {
  replacedSecret?: EncryptedSecret | null;
  undoes?: number;
}

/** Who recorded a value, from the actor and how it came. */
export function roleOf(actor: string, how: SetHow): SetRole {
  if (actor === 'bot') return 'bot';
  return how === 'pm' ? 'pm' : 'client';
}

/** Items whose value is a sealed secret: a change keeps the one it replaced. */
export const SECRET_ITEMS: ReadonlySet<ItemKey> = new Set<ItemKey>(['app_secret', 'open_platform']);

/** The item as an audit event keeps it. */
export function snapshot(item: Item): ItemSnapshot {
  return {
    status: item.status,
    value: item.value,
    note: item.note,
    setBy: item.setBy,
    setRole: item.setRole,
    setHow: item.setHow,
    setAt: item.setAt,
    ...(item.confirmPending ? { confirmPending: true } : {}),
  };
}
