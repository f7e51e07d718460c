/**
 * A release's audit timeline for the status page: what people wrote, what changed (who, from
 * what to what) and what the bot sent, newest first. Built from `store.events(releaseId)` and
 * `store.releaseMessages(releaseId)`; values keep their stored shape so renderers mask secrets.
 *
 *   const timeline = buildTimeline(store.events(id), store.releaseMessages(id));
 *   timeline[0]  // { kind: 'outbound', at: '…', state: 'sent', text: '收到 ✅ …' }
 */
import { ITEM_KEYS, ITEM_STATUSES, type ItemKey, type ItemStatus, type ItemValue } from '../checklist/types.js';
import type { AuditEvent } from '../release/model.js';
import type { OutboxEntry } from '../release/store.js';

/** The time zone status pages use when none is configured (AGENCY_TIMEZONE's default). */
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export interface ItemState {
  status: ItemStatus | null;
  value: ItemValue | null;
}

export type TimelineEntry =
  | { kind: 'inbound'; at: string; actor: string; text: string | null }
  | { kind: 'item'; at: string; actor: string; itemKey: ItemKey; from: ItemState; to: ItemState; undo?: boolean }
  | { kind: 'note'; at: string; actor: string; itemKey: ItemKey; note: string | null }
  | { kind: 'release' | 'binding'; at: string; actor: string }
  | { kind: 'outbound'; at: string; state: OutboxEntry['state']; text: string }
  | { kind: 'other'; at: string; actor: string; type: string };

function itemState(raw: unknown): ItemState {
  if (!raw || typeof raw !== 'object') return { status: null, value: null };
  const r = raw as { status?: unknown; value?: unknown };
  const status = ITEM_STATUSES.find((s) => s === r.status) ?? null;
  return { status, value: (r.value ?? null) as ItemValue | null };
}

function fromEvent(e: AuditEvent): TimelineEntry {
  const base = { at: e.createdAt, actor: e.actor };
  if (e.type === 'inbound') return { kind: 'inbound', ...base, text: e.text };
  if (e.type === 'release' || e.type === 'binding') return { kind: e.type, ...base };
  const key = ITEM_KEYS.find((k) => k === e.itemKey);
  if (e.type === 'item' && key) {
    const undo = (e.after as { reason?: unknown } | null)?.reason === 'undone';
    return {
      kind: 'item',
      ...base,
      itemKey: key,
      from: itemState(e.before),
      to: itemState(e.after),
      ...(undo ? { undo } : {}),
    };
  }
  if (e.type === 'item_note' && key)
    return { kind: 'note', ...base, itemKey: key, note: (e.after as { note?: string | null } | null)?.note ?? null };
  return { kind: 'other', ...base, type: e.type };
}

/** Newest first; at equal times the bot's message comes after what caused it. */
export function buildTimeline(
  events: readonly AuditEvent[],
  sent: readonly OutboxEntry[],
  limit = 200,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...events.map(fromEvent),
    ...sent.map(
      (o): TimelineEntry => ({ kind: 'outbound', at: o.sentAt ?? o.createdAt, state: o.state, text: o.message.text }),
    ),
  ];
  const rank = (e: TimelineEntry): number => (e.kind === 'outbound' ? 1 : 0);
  return entries.sort((a, b) => b.at.localeCompare(a.at) || rank(b) - rank(a)).slice(0, limit);
}
