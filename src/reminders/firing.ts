/**
 * What a due reminder does, as a user sees it. `fireOne`, inside the caller's transaction, re-reads
 * the row, does nothing unless it is still `scheduled` at the due time the job carries, puts the
 * message in the outbox (dedupe key = reminder id + due time, see `firingKey`) and marks the row
 * sent — so a retried or duplicated job finds it sent and sends nothing. Follow-ups (next nudge,
 * escalation) are planned in the same transaction; the caller flushes the planner afterwards.
 * The one path that calls it — for a BullMQ job and for the alarm's sweep alike — is `fire()` in
 * jobs/fire.ts.
 *
 *   store.transaction(() => firer.fireOne('nudge-3-app_id-1', job.data.dueAt));  // 'sent' | 'skipped:…'
 *   await planner.flush(scheduler);
 */
import type { EventSink } from '../events.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { isAskedOfClient, itemDef } from '../checklist/items.js';
import { type Locale, pmLocaleOf, t } from '../i18n/index.js';
import type { ItemKey } from '../checklist/types.js';
import { guessLines, itemLabel } from '../conversation/questions.js';
import { displayValue } from '../status/format.js';
import type { Clock, OutboundMessage } from '../ports.js';
import { type Outbox, userAddress } from '../outbox.js';
import { type Item, pendingKind, type Reminder, type ReminderKind, type Thread } from '../release/model.js';
import { contactAt, recipients, workZone } from '../release/recipients.js';
import type { ReleaseService } from '../release/service.js';
import type { ReleaseContext, ReleaseRecords, ReminderStore } from '../release/store.js';
import { businessDaysBetween, hoursOf, nextBusinessInstant } from './business-hours.js';
import {
  dueDateMessage,
  escalationMessage,
  joinList,
  nudgeMessage,
  recheckMessage,
  whitelistLiveMessage,
} from './messages.js';
import { type ReminderPlanner, reminderId } from './planner.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ReleaseRecords & ReminderStore;

/** Nudges of one release due this close together go out as one message. */
export const BATCH_WINDOW_MS = 2 * 3_600_000;

/**
 * A client-facing reminder firing this late was missed (the service was down, Redis lost its job)
 * and is a catch-up: outside the client's business hours it waits for the next opening instead of
 * arriving at night or on a weekend. PM escalations are direct messages to our own staff: they go at once.
 */
export const CATCH_UP_AFTER_MS = 15 * 60_000;
/** Reminders the client reads: they land in the client's working hours (caught up, and moved by `set-tz`). */
export const CLIENT_FACING: ReadonlySet<ReminderKind> = new Set<ReminderKind>([
  'nudge',
  'whitelist_check',
  'due_date',
  'recheck',
]);

/**
 * What a held copy waits on: it goes out only while one of `items` is still `asked` (a nudge, a
 * re-ask) or still open (a due-date warning) when its reader's working hour comes.
 */
interface HeldWatch {
  items: readonly ItemKey[];
  while: 'asked' | 'open';
}

export type FireOutcome =
  | 'sent'
  | 'deferred'
  | 'skipped:missing'
  | 'skipped:not_scheduled'
  | 'skipped:moved'
  | 'skipped:closed';

/**
 * The outbox dedupe key of one firing. Reminder ids are reused (an item asked again starts over at
 * `nudge-…-1`, a whitelist resubmitted reuses `whitelist-…`), so the id alone would swallow the new
 * firing; the due time tells firings apart while a retried job of the same firing still matches.
 *
 *   firingKey(reminder, thread.id)  // 'nudge-3-app_id-1@2026-11-26T02:00:00.000Z@7'
 */
export function firingKey(reminder: Pick<Reminder, 'id' | 'dueAt'>, threadId?: number): string {
  const key = `${reminder.id}@${reminder.dueAt}`;
  return threadId === undefined ? key : `${key}@${threadId}`;
}

export interface FirerDeps {
  store: Store;
  service: ReleaseService;
  outbox: Outbox;
  planner: ReminderPlanner;
  clock: Clock;
  /** `reminder.due`, published when the firing commits (a firing rolled back publishes nothing). */
  events?: EventSink;
}

interface Context extends ReleaseContext {
  reminder: Reminder;
  now: Date;
  prefetched?: Prefetched;
}

/**
 * The next nudge counts from the due time when this one went out on time (a steady rhythm), but from
 * now when it is a late catch-up: after downtime the client gets one reminder, not the whole series.
 */
function followUpFrom(ctx: Context): Date {
  const due = Date.parse(ctx.reminder.dueAt);
  return ctx.now.getTime() - due > CATCH_UP_AFTER_MS ? ctx.now : new Date(due);
}

/**
 * What a sweep reads for its whole batch in one go instead of per reminder (`ReminderFirer.prefetch`):
 * the releases' contexts and open items. Firing changes neither — a release, its client and threads
 * stay; a firing moves an item between open states (waiting → asked) or counts a nudge — so what
 * was read before the batch holds through it.
 */
export interface Prefetched {
  contexts: ReadonlyMap<number, ReleaseContext>;
  openItems: ReadonlyMap<number, ItemKey[]>;
}

export class ReminderFirer {
  constructor(private readonly deps: FirerDeps) {}

  /** Reads the contexts (and, for due-date warnings, the open items) of a batch's releases: two or three statements for the lot. */
  prefetch(due: readonly Pick<Reminder, 'releaseId' | 'kind'>[]): Prefetched {
    const ids = due.map((r) => r.releaseId).filter((id): id is number => id !== null);
    const warned = due.filter((r) => r.kind === 'due_date' && r.releaseId !== null).map((r) => r.releaseId as number);
    return {
      contexts: this.deps.store.releaseContexts(ids),
      openItems: warned.length > 0 ? this.deps.store.openItems(warned) : new Map(),
    };
  }

  /**
   * Fires one reminder inside the caller's transaction (jobs/fire.ts `fire()` opens it): what came
   * of it. `prefetched`: the batch's contexts and open items, read once for the lot. `read`: the row
   * as read in this transaction when nothing fired since could have changed it (else it is re-read).
   */
  fireOne(id: string, expectedDueAt: string, prefetched?: Prefetched, read?: Reminder): FireOutcome {
    const { store, clock } = this.deps;
    const reminder = read ?? store.getReminder(id);
    if (!reminder) return 'skipped:missing';
    if (reminder.state !== 'scheduled') return 'skipped:not_scheduled';
    if (reminder.dueAt !== expectedDueAt) return 'skipped:moved';
    const now = clock.now();
    const releaseId = reminder.releaseId;
    const context =
      releaseId === null
        ? undefined
        : (prefetched?.contexts.get(releaseId) ?? store.releaseContexts([releaseId]).get(releaseId));
    if (!context || context.release.state !== 'open') {
      store.setReminderState(id, 'cancelled', now.toISOString());
      return 'skipped:closed';
    }
    const opening =
      reminder.kind === 'held'
        ? heldOpening(reminder, context, now, this.deps.planner.calendar)
        : catchUpOpening(reminder, context, now, this.deps.planner.calendar);
    if (opening) {
      this.deps.planner.moveTo(reminder, opening);
      return 'deferred';
    }
    const ctx: Context = { ...context, reminder, now, ...(prefetched ? { prefetched } : {}) };
    if (reminder.kind === 'nudge') this.nudge(ctx);
    else if (reminder.kind === 'escalation') this.escalate(ctx);
    else if (reminder.kind === 'whitelist_check') this.whitelistLive(ctx);
    else if (reminder.kind === 'due_date') this.warnDueDate(ctx);
    else if (reminder.kind === 'recheck') this.recheck(ctx);
    else if (reminder.kind === 'held') this.releaseHeld(ctx);
    store.setReminderState(id, 'sent', now.toISOString());
    this.deps.events?.emit('reminder.due', {
      id,
      kind: reminder.kind,
      releaseId: context.release.id,
      itemKey: reminder.itemKey,
    });
    return 'sent';
  }

  /** Every scheduled reminder of the same kind and release due within the batch window, oldest first. */
  private batch({ reminder }: Context): Reminder[] {
    const limit = new Date(reminder.dueAt).getTime() + BATCH_WINDOW_MS;
    const rows = this.deps.store.remindersOf(reminder.releaseId ?? -1, 'scheduled');
    return rows.filter((r) => r.kind === reminder.kind && r.itemKey !== null && new Date(r.dueAt).getTime() <= limit);
  }

  /** Items of the batch still asked; the others' rows are closed without a message. */
  private stillAsked(ctx: Context, rows: Reminder[]): Reminder[] {
    const { store } = this.deps;
    return rows.filter((r) => {
      const asked = r.itemKey !== null && store.item(ctx.release.id, r.itemKey)?.status === 'asked';
      if (!asked) store.setReminderState(r.id, 'cancelled', ctx.now.toISOString());
      return asked;
    });
  }

  /** To the client's threads that get questions, each in its reader's language and working hours (`src/release/recipients.ts`). */
  private postToThreads(ctx: Context, message: (locale: Locale) => OutboundMessage, watch?: HeldWatch): void {
    for (const { thread, locale, timezone } of recipients('questions', ctx.client, ctx.threads, ctx.contacts ?? [])) {
      this.deliver(ctx, thread, timezone, message(locale), watch);
    }
  }

  /**
   * One client thread's copy of this firing: into the outbox now when it is a working hour on a
   * working day in its reader's zone, else a `held` reminder row due at their next opening (in the
   * same transaction, so a crash keeps the hold; it fires through the same path and keeps this
   * firing's dedupe key, so the copy goes out once).
   */
  private deliver(ctx: Context, thread: Thread, timezone: string, message: OutboundMessage, watch?: HeldWatch): void {
    const key = firingKey(ctx.reminder, thread.id);
    const opening = nextBusinessInstant(ctx.now, timezone, this.deps.planner.calendar, hoursOf(ctx.client));
    if (opening.getTime() <= ctx.now.getTime()) {
      this.deps.outbox.post({ kind: 'thread', thread }, message, key);
      return;
    }
    this.deps.planner.hold({
      id: reminderId.held(ctx.reminder.id, thread.id),
      releaseId: ctx.release.id,
      itemKey: null,
      kind: 'held',
      dueAt: opening.toISOString(),
      payload: {
        threadId: thread.id,
        message: { text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) },
        dedupeKey: key,
        ...(watch ? { items: [...watch.items], while: watch.while } : {}),
      },
    });
  }

  /** A held copy's reader is at work now: it goes out unless its thread is gone or what it was about is settled. */
  private releaseHeld(ctx: Context): void {
    const p = ctx.reminder.payload ?? {};
    const thread = ctx.threads.find((th) => th.id === p.threadId);
    const message = p.message as OutboundMessage | undefined;
    if (!thread || !message || typeof message.text !== 'string' || typeof p.dedupeKey !== 'string') return;
    if (Array.isArray(p.items)) {
      const items = p.items.filter((k): k is ItemKey => typeof k === 'string');
      const open =
        p.while === 'open'
          ? new Set(this.deps.store.openItems([ctx.release.id]).get(ctx.release.id) ?? [])
          : new Set(items.filter((k) => this.deps.store.item(ctx.release.id, k)?.status === 'asked'));
      if (!items.some((k) => open.has(k))) return;
    }
    this.deps.outbox.post({ kind: 'thread', thread }, message, p.dedupeKey);
  }

  private nudge(ctx: Context): void {
    const { store, planner } = this.deps;
    const rows = this.stillAsked(ctx, this.batch(ctx));
    const keys = rows.map((r) => r.itemKey as ItemKey);
    if (keys.length === 0) return;
    // Values carried from the last release are nudged as one confirmation, guesses read back for a yes, the rest as questions.
    const pending = keys
      .map((k) => store.item(ctx.release.id, k))
      .filter((i): i is Item => i !== undefined && pendingKind(i) !== undefined);
    this.postToThreads(ctx, (locale) => nudgeOrConfirm(locale, keys, pending), { items: keys, while: 'asked' });
    for (const r of rows) {
      const key = r.itemKey as ItemKey;
      const n = typeof r.payload?.n === 'number' ? r.payload.n : 1;
      store.setReminderState(r.id, 'sent', ctx.now.toISOString());
      store.updateItem(ctx.release.id, key, { nudges: n }, ctx.now.toISOString());
      planner.planFollowUp(ctx.release, key, n, followUpFrom(ctx));
    }
  }

  private escalate(ctx: Context): void {
    const { store } = this.deps;
    const rows = this.stillAsked(ctx, this.batch(ctx));
    const keys = rows.map((r) => r.itemKey as ItemKey);
    for (const r of rows) store.setReminderState(r.id, 'sent', ctx.now.toISOString());
    // The PM who runs the release when it fires (a hand-over moves escalations with it).
    const pm = ctx.release.pmUser ? userAddress(ctx.release.pmUser) : undefined;
    if (keys.length === 0) return;
    const askedAt = keys.map((k) => store.item(ctx.release.id, k)?.askedAt).find((a): a is string => Boolean(a));
    const days = askedAt
      ? businessDaysBetween(new Date(askedAt), ctx.now, ctx.client.timezone, this.deps.planner.calendar)
      : 0;
    if (pm)
      this.deps.outbox.post(
        pm,
        escalationMessage(ctx.client.name, days, keys, pmLocaleOf(ctx.release.pmUser)),
        firingKey(ctx.reminder),
      );
    // And the client's contact who decides (not the one who was nudged), in their own language.
    const nudges =
      typeof ctx.reminder.payload?.nudges === 'number'
        ? ctx.reminder.payload.nudges
        : this.deps.planner.rules.maxNudges;
    for (const { thread, locale, timezone } of recipients('escalation', ctx.client, ctx.threads, ctx.contacts ?? [])) {
      const text = t(locale, 'people.escalation_decider', {
        days,
        items: joinList(
          locale,
          keys.map((k) => itemLabel(locale, k)),
        ),
        nudges,
      });
      this.deliver(ctx, thread, timezone, { text }, { items: keys, while: 'asked' });
    }
  }

  /** The 24 h are over: tell the thread the whitelist should be live, and ask for a check (waiting → asked). */
  private whitelistLive(ctx: Context): void {
    const { store, service } = this.deps;
    if (store.item(ctx.release.id, 'mp_url_whitelist')?.status !== 'waiting') return;
    store.setReminderState(ctx.reminder.id, 'sent', ctx.now.toISOString());
    this.postToThreads(ctx, (locale) => whitelistLiveMessage(locale), { items: ['mp_url_whitelist'], while: 'asked' });
    service.setStatus(ctx.release.id, 'mp_url_whitelist', 'asked', 'bot');
    service.markAsked(ctx.release.id, ['mp_url_whitelist'], 'bot');
  }

  /** The expected date of a waiting item has come: ask the thread again (waiting → asked; nudges start over). */
  private recheck(ctx: Context): void {
    const { store, service } = this.deps;
    const key = ctx.reminder.itemKey;
    if (!key || store.item(ctx.release.id, key)?.status !== 'waiting') return;
    const { until, reason } = ctx.reminder.payload ?? {};
    store.setReminderState(ctx.reminder.id, 'sent', ctx.now.toISOString());
    this.postToThreads(
      ctx,
      (locale) =>
        recheckMessage(
          locale,
          key,
          typeof until === 'string' ? until : '',
          typeof reason === 'string' ? reason : undefined,
        ),
      { items: [key], while: 'asked' },
    );
    service.setStatus(ctx.release.id, key, 'asked', 'bot', null);
    service.markAsked(ctx.release.id, [key], 'bot');
  }

  private warnDueDate(ctx: Context): void {
    const keys =
      ctx.prefetched?.openItems.get(ctx.release.id) ??
      this.deps.store.openItems([ctx.release.id]).get(ctx.release.id) ??
      [];
    const open = keys.filter((key) => isAskedOfClient(itemDef(key)));
    const days = typeof ctx.reminder.payload?.days === 'number' ? ctx.reminder.payload.days : 1;
    if (open.length === 0 || !ctx.release.targetDate) return;
    const target = ctx.release.targetDate;
    this.postToThreads(ctx, (locale) => dueDateMessage(locale, days, target, open), { items: open, while: 'open' });
  }
}

/** A nudge: the carried values to confirm as one line, each guess read back for a yes, then the questions still open. */
function nudgeOrConfirm(locale: Locale, keys: readonly ItemKey[], pending: readonly Item[]): OutboundMessage {
  const carried = pending.filter((i) => pendingKind(i) === 'carried').map((i) => i.key);
  const confirming = new Set(pending.map((i) => i.key));
  const asked = keys.filter((k) => !confirming.has(k));
  const lines = [
    ...(carried.length > 0
      ? [
          t(locale, 'people.nudge_confirm', {
            labels: joinList(
              locale,
              carried.map((k) => itemLabel(locale, k)),
            ),
          }),
        ]
      : []),
    ...guessLines(locale, pending, 'remind.guess', (key, v) => displayValue(key, v, locale)),
    ...(asked.length > 0 ? [nudgeMessage(locale, asked).text] : []),
  ];
  return { text: lines.join('\n') };
}

/** When a late client-facing reminder should go instead: the next business opening in the zone and hours of who reads it; undefined = send now. */
function catchUpOpening(
  reminder: Reminder,
  context: ReleaseContext,
  now: Date,
  calendar: WorkingCalendar,
): Date | undefined {
  if (!CLIENT_FACING.has(reminder.kind) || now.getTime() - Date.parse(reminder.dueAt) < CATCH_UP_AFTER_MS)
    return undefined;
  const opening = nextBusinessInstant(
    now,
    workZone(context.client, context.contacts ?? []),
    calendar,
    hoursOf(context.client),
  );
  return opening.getTime() > now.getTime() ? opening : undefined;
}

/** When a held copy's reader is not at work now (late, or their zone or hours changed): their next opening; undefined = send now. */
function heldOpening(
  reminder: Reminder,
  context: ReleaseContext,
  now: Date,
  calendar: WorkingCalendar,
): Date | undefined {
  const thread = context.threads.find((th) => th.id === reminder.payload?.threadId);
  if (!thread) return undefined;
  const timezone = contactAt(context.contacts ?? [], thread)?.timezone ?? context.client.timezone;
  const opening = nextBusinessInstant(now, timezone, calendar, hoursOf(context.client));
  return opening.getTime() > now.getTime() ? opening : undefined;
}
