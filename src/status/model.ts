/**
 * One status model for every place a PM looks (Slack, WeCom, CLI, the status page, exports),
 * built from one SQL pass (`store.statusRows`). Renderers only format it.
 *
 *   const overview = buildStatus(store.statusRows(), clock.now());
 *   overview[0].waitingOnClient  // [{ key: 'developers', since: '…' }]
 */
import { isAskedOfClient, itemDef } from '../checklist/items.js';
import { ITEM_KEYS, type ItemKey, type ItemValue, type Section } from '../checklist/types.js';
import { tagged } from '../checklist/values.js';
import type { Locale } from '../i18n/index.js';
import type { ReminderKind } from '../release/model.js';
import { readWaiting } from '../release/waiting.js';
import { localParts } from '../reminders/business-hours.js';
import { type LaunchPlan, planLaunch } from './launch.js';
import { computeProgress, type Progress } from '../release/service.js';
import type { StatusItemRow, StatusRow } from '../release/store.js';

/** An item asked this long ago without an answer is overdue. */
export const OVERDUE_AFTER_MS = 3 * 24 * 3600_000;

/** An item as the status views show it: the stored fields plus its checklist section. */
export type ItemView = StatusItemRow & { section: Section };

export interface ReleaseStatus {
  releaseId: number;
  client: { id: number; name: string; locale: Locale; timezone: string };
  pmUser: string | null;
  targetDate: string | null;
  createdAt: string;
  progress: Progress;
  /** For one release every item; in the overview only those needing attention (asked, blocked, waiting, secrets). */
  items: ItemView[];
  /** Client items asked and not answered, oldest first, with how long they have waited. */
  waitingOnClient: { key: ItemKey; since: string; waitedMs: number }[];
  overdue: ItemKey[];
  /** Items waiting on someone else (bank, Tencent review, ICP filing, WeChat's 24 h), with the expected date when known. */
  waitingOnOthers: { key: ItemKey; until: string | null; reason: string | null }[];
  blocked: { key: ItemKey; note: string | null }[];
  /** With a target date: whether it holds, and which open item decides it (null without a date). The overview and one release plan from the same items: every unfinished one. */
  launch: LaunchPlan | null;
  nextReminder: { kind: ReminderKind; dueAt: string; itemKey: string | null } | null;
  lastClientReplyAt: string | null;
  /** Secrets on file: only that they are, and their last 4 characters. */
  secrets: { key: ItemKey; last4: string }[];
  /** Higher needs a PM's attention sooner: blocked, overdue, long waits. */
  attention: number;
}

function secretLast4(key: ItemKey, value: ItemValue | null): string | undefined {
  // Only an object can hold a secret: a plain text or list is not tagged at all (an overview reads every item).
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = tagged(key, value);
  switch (v.kind) {
    case 'secret':
      return v.secret.last4;
    case 'open_platform':
      return v.platform.secret?.last4;
    default:
      return undefined;
  }
}

/** Per item key: its section and whether the client is asked for it, looked up once per item. */
const DEFS = new Map(
  ITEM_KEYS.map((key) => [key, { section: itemDef(key).section, asked: isAskedOfClient(itemDef(key)) }]),
);

function defOf(key: ItemKey): { section: Section; asked: boolean } {
  const def = DEFS.get(key);
  if (!def) throw new Error(`Unknown checklist item "${key}" in a status row; run the migrations or fix the item key.`);
  return def;
}

/** The client-facing waits of a release, oldest first; one pass over its items. */
function waitsOf(items: readonly ItemView[], nowMs: number): ReleaseStatus['waitingOnClient'] {
  const waits: ReleaseStatus['waitingOnClient'] = [];
  for (const i of items) {
    if (i.status !== 'asked' || !i.askedAt || !defOf(i.key).asked) continue;
    waits.push({ key: i.key, since: i.askedAt, waitedMs: nowMs - Date.parse(i.askedAt) });
  }
  return waits.sort((a, b) => b.waitedMs - a.waitedMs);
}

/** Field by field: an object spread here costs ~1 µs per item, a quarter of an overview's budget. */
function itemView(i: StatusItemRow): ItemView {
  const { key, status, value, note, setBy, setAt, askedAt, nudges } = i;
  const view: ItemView = { key, section: defOf(key).section, status, value, note, setBy, setAt, askedAt, nudges };
  // Provenance and the PM's note are read for one release only (the overview leaves them out).
  if (i.setHow !== undefined) {
    view.setRole = i.setRole ?? null;
    view.setHow = i.setHow;
    view.pmNote = i.pmNote ?? null;
  }
  if (i.carriedFrom) view.carriedFrom = i.carriedFrom;
  // Carried, or a guess read from the client's words: waiting for their yes.
  if (i.carriedFrom || i.confirmPending) view.confirmPending = i.confirmPending ?? false;
  return view;
}

function toStatus(row: StatusRow, nowMs: number): ReleaseStatus {
  const items = row.items.map(itemView);
  const waitingOnClient = waitsOf(items, nowMs);
  const overdue = waitingOnClient.filter((w) => w.waitedMs > OVERDUE_AFTER_MS).map((w) => w.key);
  const blocked = items.filter((i) => i.status === 'blocked').map((i) => ({ key: i.key, note: i.note }));
  const waitingOnOthers = items.flatMap((i) => {
    if (i.status !== 'waiting') return [];
    const w = readWaiting(i.note);
    return [{ key: i.key, until: w?.until ?? null, reason: w?.reason ?? null }];
  });
  const secrets = items.flatMap((i) => {
    const last4 = secretLast4(i.key, i.value);
    return last4 ? [{ key: i.key, last4 }] : [];
  });
  const oldestDays = (waitingOnClient[0]?.waitedMs ?? 0) / 86_400_000;
  return {
    releaseId: row.releaseId,
    client: { id: row.clientId, name: row.clientName, locale: row.locale, timezone: row.timezone },
    pmUser: row.pmUser,
    targetDate: row.targetDate,
    createdAt: row.releaseCreatedAt,
    progress: row.progress ?? computeProgress(items),
    items,
    waitingOnClient,
    overdue,
    waitingOnOthers,
    launch: planLaunch(row.openItems ?? items, row.targetDate, localParts(new Date(nowMs), row.timezone)),
    blocked,
    nextReminder:
      row.nextReminderAt && row.nextReminderKind
        ? { kind: row.nextReminderKind, dueAt: row.nextReminderAt, itemKey: row.nextReminderItem }
        : null,
    lastClientReplyAt: row.lastInboundAt,
    secrets,
    attention: blocked.length * 100 + overdue.length * 10 + Math.min(oldestDays, 30),
  };
}

/** Same order as `String#localeCompare` with no arguments, at a fraction of its cost per call. */
const byName = new Intl.Collator().compare;

/**
 * The store hands back the same row object while its release is unchanged, so a status built from it
 * is kept for the rest of the minute (waits are shown in minutes at the finest). Treat it as read-only.
 */
const built = new WeakMap<StatusRow, { minute: number; status: ReleaseStatus }>();

function statusOf(row: StatusRow, nowMs: number): ReleaseStatus {
  const minute = Math.floor(nowMs / 60_000);
  const hit = built.get(row);
  if (hit?.minute === minute) return hit.status;
  const status = toStatus(row, nowMs);
  built.set(row, { minute, status });
  return status;
}

/** One status per release, sorted by what needs attention first, then by client name. */
export function buildStatus(rows: readonly StatusRow[], now: Date): ReleaseStatus[] {
  const nowMs = now.getTime();
  return rows
    .map((r) => statusOf(r, nowMs))
    .sort((a, b) => b.attention - a.attention || byName(a.client.name, b.client.name));
}
