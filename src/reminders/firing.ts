/**
 * Sends a due reminder exactly once, as a user sees it: in ONE transaction it re-reads the row,
 * does nothing unless it is still `scheduled` at the due time the job carries, puts the message in
 * the outbox (dedupe key = reminder id + due time, see `firingKey`) and marks the row sent — so a
 * retried or duplicated job finds it sent and sends nothing. Follow-ups (next nudge, escalation) are planned in the same
 * transaction; the caller flushes the planner afterwards.
 *
 *   const outcome = firer.fire('nudge-3-app_id-1', job.data.dueAt);  // 'sent' | 'skipped:…'
 *   await planner.flush(scheduler);
 */
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { isAskedOfClient, itemDef } from '../checklist/items.js';
import { type Locale, pmLocaleOf, t } from '../i18n/index.js';
import type { ItemKey } from '../checklist/types.js';
import { itemLabel } from '../conversation/questions.js';
import type { Clock, OutboundMessage } from '../ports.js';
import { type Outbox, userAddress } from '../outbox.js';
import type { Reminder, ReminderKind } from '../release/model.js';
import { recipients, workZone } from '../release/recipients.js';
import type { ReleaseService } from '../release/service.js';
import type { ReleaseContext, ReleaseRecords, ReminderStore } from '../release/store.js';
import { businessDaysBetween, hoursOf, nextBusinessInstant } from './business-hours.js';
import { dueDateMessage, escalationMessage, joinList, nudgeMessage, recheckMessage, whitelistLiveMessage } from './messages.js';
import type { ReminderPlanner } from './planner.js';

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
export const CLIENT_FACING: ReadonlySet<ReminderKind> = new Set<ReminderKind>(['nudge', 'whitelist_check', 'due_date', 'recheck']);

export type FireOutcome = 'sent' | 'deferred' | 'skipped:missing' | 'skipped:not_scheduled' | 'skipped:moved' | 'skipped:closed';

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

/** One due reminder to fire: its id and the due time its job carries. */
export interface FireRequest {
  id: string;
  dueAt: string;
}

/** What one request of `fireAll` came to: an outcome, or the error that rolled it (alone) back. */
export type FireResult = { ok: true; outcome: FireOutcome } | { ok: false; error: unknown };

/** One reminder a sweep found due, and what firing it came to. */
export interface SweptFiring {
  request: FireRequest;
  result: FireResult;
}

export interface FirerDeps {
  store: Store;
  service: ReleaseService;
  outbox: Outbox;
  planner: ReminderPlanner;
  clock: Clock;
}

interface Context extends ReleaseContext {
  reminder: Reminder;
  now: Date;
}

/**
 * The next nudge counts from the due time when this one went out on time (a steady rhythm), but from
 * now when it is a late catch-up: after downtime the client gets one reminder, not the whole series.
 */
function followUpFrom(ctx: Context): Date {
  const due = Date.parse(ctx.reminder.dueAt);
  return ctx.now.getTime() - due > CATCH_UP_AFTER_MS ? ctx.now : new Date(due);
}

export class ReminderFirer {
  constructor(private readonly deps: FirerDeps) {}

  fire(id: string, expectedDueAt: string): FireOutcome {
    return this.deps.store.transaction(() => this.fireWithin(id, expectedDueAt));
  }

  /** `fire`'s work, inside the caller's transaction (no savepoint of its own). */
  private fireWithin(id: string, expectedDueAt: string): FireOutcome {
    const { store, clock } = this.deps;
    const reminder = store.getReminder(id);
    if (!reminder) return 'skipped:missing';
    if (reminder.state !== 'scheduled') return 'skipped:not_scheduled';
    if (reminder.dueAt !== expectedDueAt) return 'skipped:moved';
    const now = clock.now();
    const context = reminder.releaseId === null ? undefined : this.contextOf(reminder.releaseId);
    if (!context || context.release.state !== 'open') {
      store.setReminderState(id, 'cancelled', now.toISOString());
      return 'skipped:closed';
    }
    const opening = catchUpOpening(reminder, context, now, this.deps.planner.calendar);
    if (opening) {
      this.deps.planner.moveTo(reminder, opening);
      return 'deferred';
    }
    const ctx: Context = { ...context, reminder, now };
    if (reminder.kind === 'nudge') this.nudge(ctx);
    else if (reminder.kind === 'escalation') this.escalate(ctx);
    else if (reminder.kind === 'whitelist_check') this.whitelistLive(ctx);
    else if (reminder.kind === 'due_date') this.warnDueDate(ctx);
    else if (reminder.kind === 'recheck') this.recheck(ctx);
    store.setReminderState(id, 'sent', now.toISOString());
    return 'sent';
  }

  /**
   * Fires several reminders in one transaction: one commit for the lot instead of one each (the
   * commit is most of a firing's cost). Each still re-reads its row, writes its outbox row and marks
   * it sent inside that transaction. One that throws is reported alone and the others commit (see
   * `together`).
   *
   *   const [result] = firer.fireAll([{ id: 'due-1-1d', dueAt }]);  // { ok: true, outcome: 'sent' }
   */
  fireAll(requests: readonly FireRequest[]): FireResult[] {
    return this.together((fire) => requests.map(fire));
  }

  /**
   * Fires up to `limit` reminders already due (state `scheduled`, due by now), oldest first, in one
   * transaction — each exactly as its own job would (`fire` at the row's due time). A burst of due
   * reminders is then sent by the first jobs' sweeps, and the jobs that follow find their rows sent.
   * One that throws is rolled back alone and stays scheduled: its own job retries it.
   *
   *   const swept = firer.sweepDue(1000, recentlyFailed);  // [{ request: { id, dueAt }, result: { ok: true, outcome: 'sent' } }, …]
   *   await planner.flush(scheduler);
   */
  sweepDue(limit: number, skip: ReadonlySet<string> = new Set()): SweptFiring[] {
    const { store, clock } = this.deps;
    return this.together((fire) => {
      // `skip`: reminders whose firing just failed — their own jobs retry them with backoff; a sweep
      // that met them again would roll back and rerun with savepoints every time.
      const due = store
        .dueReminders(clock.now().toISOString(), limit + skip.size)
        .filter((r) => !skip.has(r.id))
        .slice(0, limit);
      this.preload(due);
      return due.map((row) => {
        const request = { id: row.id, dueAt: row.dueAt };
        return { request, result: fire(request) };
      });
    });
  }

  /**
   * When the next scheduled reminder is due (maybe already), leaving out `skip` (reminders whose
   * firing just failed, left to their own jobs); undefined when none is scheduled.
   *
   *   firer.nextDue(recentlyFailed);  // '2026-11-26T01:00:00.000Z'
   */
  nextDue(skip: ReadonlySet<string> = new Set()): string | undefined {
    return this.deps.store.nextScheduled(skip.size + 1).find((r) => !skip.has(r.id))?.dueAt;
  }

  /**
   * Runs `work` in one transaction, firing each reminder without a savepoint (a savepoint journals
   * every page its firing touches, a good part of a burst's cost). When one firing throws, the whole
   * transaction rolls back and `work` runs again with each firing in its own savepoint, so only the
   * one that threw fails and the others commit. The planner's follow-ups of rolled-back firings are
   * dropped at `flush`, which checks them against the committed rows.
   */
  private together<T>(work: (fire: (request: FireRequest) => FireResult) => T): T {
    const { store } = this.deps;
    this.contexts = new Map();
    this.openKeys = new Map();
    try {
      return store.transaction(() => work((r) => ({ ok: true, outcome: this.fireWithin(r.id, r.dueAt) })));
    } catch {
      this.openKeys = new Map(); // read inside the transaction that rolled back
      return store.transaction(() => work((r) => this.tryFire(r)));
    } finally {
      this.contexts = undefined;
      this.openKeys = undefined;
    }
  }

  /**
   * Releases' contexts, kept for one `together` call (one transaction): firing never changes a
   * release, its client or their threads, so what was read at its start holds to its end.
   */
  private contexts: Map<number, ReleaseContext> | undefined;

  /** Reads the contexts of a batch's releases in one go, and the open items of those with a due-date warning. */
  private preload(due: readonly Reminder[]): void {
    const missing = due.map((r) => r.releaseId).filter((id): id is number => id !== null && !this.contexts?.has(id));
    for (const [id, context] of this.deps.store.releaseContexts(missing)) this.contexts?.set(id, context);
    const warned = due.filter((r) => r.kind === 'due_date' && r.releaseId !== null && !this.openKeys?.has(r.releaseId));
    for (const [id, keys] of this.deps.store.openItems(warned.map((r) => r.releaseId as number))) this.openKeys?.set(id, keys);
  }

  /**
   * Releases' open items, kept for one `together` call like their contexts; a firing that writes a
   * release's items (a nudge's count, the whitelist moving to asked) drops that release's entry.
   */
  private openKeys: Map<number, ItemKey[]> | undefined;

  private openItemsOf(releaseId: number): ItemKey[] {
    const kept = this.openKeys?.get(releaseId);
    if (kept) return kept;
    const keys = this.deps.store.openItems([releaseId]).get(releaseId) ?? [];
    this.openKeys?.set(releaseId, keys);
    return keys;
  }

  private contextOf(releaseId: number): ReleaseContext | undefined {
    const kept = this.contexts?.get(releaseId);
    if (kept) return kept;
    const context = this.deps.store.releaseContexts([releaseId]).get(releaseId);
    if (context) this.contexts?.set(releaseId, context);
    return context;
  }

  private tryFire(r: FireRequest): FireResult {
    try {
      return { ok: true, outcome: this.fire(r.id, r.dueAt) };
    } catch (error) {
      return { ok: false, error };
    }
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

  /** To the client's threads that get questions, each in its reader's language (`src/release/recipients.ts`). */
  private postToThreads(ctx: Context, message: (locale: Locale) => Parameters<Outbox['post']>[1]): void {
    for (const { thread, locale } of recipients('questions', ctx.client, ctx.threads, ctx.contacts ?? [])) {
      this.deps.outbox.post({ kind: 'thread', thread }, message(locale), firingKey(ctx.reminder, thread.id));
    }
  }

  private nudge(ctx: Context): void {
    const { store, planner } = this.deps;
    const rows = this.stillAsked(ctx, this.batch(ctx));
    const keys = rows.map((r) => r.itemKey as ItemKey);
    if (keys.length === 0) return;
    // Values carried from the last release are nudged as one confirmation, the rest as questions.
    const carried = new Set(keys.filter((k) => store.item(ctx.release.id, k)?.confirmPending));
    this.postToThreads(ctx, (locale) => nudgeOrConfirm(locale, keys, carried));
    for (const r of rows) {
      const key = r.itemKey as ItemKey;
      const n = typeof r.payload?.n === 'number' ? r.payload.n : 1;
      store.setReminderState(r.id, 'sent', ctx.now.toISOString());
      store.updateItem(ctx.release.id, key, { nudges: n }, ctx.now.toISOString());
      this.openKeys?.delete(ctx.release.id);
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
    const days = askedAt ? businessDaysBetween(new Date(askedAt), ctx.now, ctx.client.timezone, this.deps.planner.calendar) : 0;
    if (pm) this.deps.outbox.post(pm, escalationMessage(ctx.client.name, days, keys, pmLocaleOf(ctx.release.pmUser)), firingKey(ctx.reminder));
    // And the client's contact who decides (not the one who was nudged), in their own language.
    const nudges = typeof ctx.reminder.payload?.nudges === 'number' ? ctx.reminder.payload.nudges : this.deps.planner.rules.maxNudges;
    for (const { thread, locale } of recipients('escalation', ctx.client, ctx.threads, ctx.contacts ?? [])) {
      const text = t(locale, 'people.escalation_decider', { days, items: joinList(locale, keys.map((k) => itemLabel(locale, k))), nudges });
      this.deps.outbox.post({ kind: 'thread', thread }, { text }, firingKey(ctx.reminder, thread.id));
    }
  }

  /** The 24 h are over: tell the thread the whitelist should be live, and ask for a check (waiting → asked). */
  private whitelistLive(ctx: Context): void {
    const { store, service } = this.deps;
    if (store.item(ctx.release.id, 'mp_url_whitelist')?.status !== 'waiting') return;
    store.setReminderState(ctx.reminder.id, 'sent', ctx.now.toISOString());
    this.postToThreads(ctx, (locale) => whitelistLiveMessage(locale));
    service.setStatus(ctx.release.id, 'mp_url_whitelist', 'asked', 'bot');
    service.markAsked(ctx.release.id, ['mp_url_whitelist'], 'bot');
    this.openKeys?.delete(ctx.release.id);
  }

  /** The expected date of a waiting item has come: ask the thread again (waiting → asked; nudges start over). */
  private recheck(ctx: Context): void {
    const { store, service } = this.deps;
    const key = ctx.reminder.itemKey;
    if (!key || store.item(ctx.release.id, key)?.status !== 'waiting') return;
    const { until, reason } = ctx.reminder.payload ?? {};
    store.setReminderState(ctx.reminder.id, 'sent', ctx.now.toISOString());
    this.postToThreads(ctx, (locale) => recheckMessage(locale, key, typeof until === 'string' ? until : '', typeof reason === 'string' ? reason : undefined));
    service.setStatus(ctx.release.id, key, 'asked', 'bot', null);
    service.markAsked(ctx.release.id, [key], 'bot');
    this.openKeys?.delete(ctx.release.id);
  }

  private warnDueDate(ctx: Context): void {
    const open = this.openItemsOf(ctx.release.id).filter((key) => isAskedOfClient(itemDef(key)));
    const days = typeof ctx.reminder.payload?.days === 'number' ? ctx.reminder.payload.days : 1;
    if (open.length === 0 || !ctx.release.targetDate) return;
    const target = ctx.release.targetDate;
    this.postToThreads(ctx, (locale) => dueDateMessage(locale, days, target, open));
  }
}

/** A nudge: the carried values to confirm as one line, then the questions still open. */
function nudgeOrConfirm(locale: Locale, keys: readonly ItemKey[], carried: ReadonlySet<ItemKey>): OutboundMessage {
  const asked = keys.filter((k) => !carried.has(k));
  const confirm = carried.size > 0 ? t(locale, 'people.nudge_confirm', { labels: joinList(locale, [...carried].map((k) => itemLabel(locale, k))) }) : undefined;
  if (!confirm) return nudgeMessage(locale, keys);
  return { text: asked.length > 0 ? `${confirm}\n${nudgeMessage(locale, asked).text}` : confirm };
}

/** When a late client-facing reminder should go instead: the next business opening in the zone and hours of who reads it; undefined = send now. */
function catchUpOpening(reminder: Reminder, context: ReleaseContext, now: Date, calendar: WorkingCalendar): Date | undefined {
  if (!CLIENT_FACING.has(reminder.kind) || now.getTime() - Date.parse(reminder.dueAt) < CATCH_UP_AFTER_MS) return undefined;
  const opening = nextBusinessInstant(now, workZone(context.client, context.contacts ?? []), calendar, hoursOf(context.client));
  return opening.getTime() > now.getTime() ? opening : undefined;
}
