/**
 * One status model for every place a PM looks (Slack, WeCom, CLI, the status page, exports),
 * built from one SQL pass (`store.statusRows`). Renderers only format it.
 *
 *   const overview = buildStatus(store.statusRows(), clock.now());
 *   overview[0].waitingOnClient  // [{ key: 'developers', since: '…' }]
 */
import { isAskedOfClient, itemDef } from '../checklist/items.js';
import type { ItemKey, ItemStatus, ItemValue, Section } from '../checklist/types.js';
import type { Locale } from '../i18n/index.js';
import type { ReminderKind } from '../release/model.js';
import { computeProgress, type Progress } from '../release/service.js';
import type { StatusRow } from '../release/store.js';

/** An item asked this long ago without an answer is overdue. */
export const OVERDUE_AFTER_MS = 3 * 24 * 3600_000;

export interface ItemView {
  key: ItemKey;
  section: Section;
  status: ItemStatus;
  value: ItemValue | null;
  note: string | null;
  setBy: string | null;
  setAt: string | null;
  askedAt: string | null;
  nudges: number;
}

export interface ReleaseStatus {
  releaseId: number;
  client: { id: number; name: string; locale: Locale; timezone: string };
  pmUser: string | null;
  targetDate: string | null;
  createdAt: string;
  progress: Progress;
  items: ItemView[];
  /** Client items asked and not answered, oldest first, with how long they have waited. */
  waitingOnClient: { key: ItemKey; since: string; waitedMs: number }[];
  overdue: ItemKey[];
  blocked: { key: ItemKey; note: string | null }[];
  nextReminder: { kind: ReminderKind; dueAt: string; itemKey: string | null } | null;
  lastClientReplyAt: string | null;
  /** Secrets on file: only that they are, and their last 4 characters. */
  secrets: { key: ItemKey; last4: string }[];
  /** Higher needs a PM's attention sooner: blocked, overdue, long waits. */
  attention: number;
}

function secretLast4(value: ItemValue | null): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if ('on_file' in value) return value.last4;
  if ('secret' in value && value.secret) return value.secret.last4;
  return undefined;
}

function toStatus(row: StatusRow, now: Date): ReleaseStatus {
  const items: ItemView[] = row.items.map((i) => ({ ...i, section: itemDef(i.key).section }));
  const waitingOnClient = items
    .filter((i) => i.status === 'asked' && i.askedAt && isAskedOfClient(itemDef(i.key)))
    .map((i) => ({ key: i.key, since: i.askedAt as string, waitedMs: now.getTime() - Date.parse(i.askedAt as string) }))
    .sort((a, b) => b.waitedMs - a.waitedMs);
  const overdue = waitingOnClient.filter((w) => w.waitedMs > OVERDUE_AFTER_MS).map((w) => w.key);
  const blocked = items.filter((i) => i.status === 'blocked').map((i) => ({ key: i.key, note: i.note }));
  const secrets = items.flatMap((i) => {
    const last4 = secretLast4(i.value);
    return last4 ? [{ key: i.key, last4 }] : [];
  });
  const oldestDays = (waitingOnClient[0]?.waitedMs ?? 0) / 86_400_000;
  return {
    releaseId: row.releaseId,
    client: { id: row.clientId, name: row.clientName, locale: row.locale, timezone: row.timezone },
    pmUser: row.pmUser,
    targetDate: row.targetDate,
    createdAt: row.releaseCreatedAt,
    progress: computeProgress(items),
    items,
    waitingOnClient,
    overdue,
    blocked,
    nextReminder: row.nextReminderAt && row.nextReminderKind ? { kind: row.nextReminderKind, dueAt: row.nextReminderAt, itemKey: row.nextReminderItem } : null,
    lastClientReplyAt: row.lastInboundAt,
    secrets,
    attention: blocked.length * 100 + overdue.length * 10 + Math.min(oldestDays, 30),
  };
}

/** One status per release, sorted by what needs attention first, then by client name. */
export function buildStatus(rows: readonly StatusRow[], now: Date): ReleaseStatus[] {
  return rows.map((r) => toStatus(r, now)).sort((a, b) => b.attention - a.attention || a.client.name.localeCompare(b.client.name));
}
