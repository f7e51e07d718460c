/**
 * Decides what to remind and when, as item changes happen. It runs inside the item-change
 * transaction (synchronous), so it only writes reminder rows — the source of truth — and records
 * the matching scheduler calls; `flush()` makes them after the commit, checked against the rows then.
 *
 *   service.onItemChange(planner);
 *   events.on('changes.committed', () => planner.flush(scheduler));   // jobs/index.ts' flush
 */
import { CHINA_CALENDAR, type WorkingCalendar } from '../calendar/working-calendar.js';
import type { ItemKey } from '../checklist/types.js';
import { DEFAULT_CADENCE, type ReminderCadence } from '../config.js';
import type { Logger } from '../logger.js';
import type { Scheduler } from '../ports.js';
import type { Item, Release, Reminder, ReminderKind } from '../release/model.js';
import type { ItemChangeListener } from '../release/service.js';
import type { ClientStore, PeopleStore, ReminderStore } from '../release/store.js';
import { itemDef } from '../checklist/items.js';
import { tagged } from '../checklist/values.js';
import { readWaiting } from '../release/waiting.js';
import {
  addDays,
  addWorkingDays,
  atLocalTime,
  type BusinessHours,
  formatLocalDate,
  hoursOf,
  type LocalDate,
  localParts,
  nextBusinessInstant,
  parseLocalDate,
} from './business-hours.js';
import { workZone } from '../release/recipients.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ReminderStore & ClientStore & Pick<PeopleStore, 'contactsOf'>;

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/**
 * When the bot reminds. A "day" is a working day of the calendar (weekends and public holidays
 * skipped, make-up working days counted), in the client's time zone, at the hour the question was
 * asked (moved into 09:00–18:00). The cadence comes from REMINDER_RULES.
 */
export interface ReminderRules extends ReminderCadence {
  /** Calendar hours WeChat takes to apply an MP URL whitelist (the check then waits for the next working hour). */
  whitelistWaitHours: number;
  /** Working days before `releases.target_date` that warn the thread. */
  dueDateWarnings: readonly (1 | 3)[];
  /** Local hour of a due-date warning. */
  dueDateHour: number;
}

export const DEFAULT_RULES: ReminderRules = {
  ...DEFAULT_CADENCE,
  whitelistWaitHours: 24,
  dueDateWarnings: [3, 1],
  dueDateHour: 10,
};

/** A scheduler call to make after the commit; `replaces` / `dueAt` name the due time whose job is now stale. */
export type SchedulerOp =
  | { kind: 'schedule'; reminder: Reminder; replaces?: string }
  | { kind: 'cancel'; id: string; dueAt: string };

/** Deterministic reminder ids (= BullMQ job ids, which may not contain ':'). */
export const reminderId = {
  nudge: (releaseId: number, key: ItemKey, n: number) => `nudge-${releaseId}-${key}-${n}`,
  escalation: (releaseId: number, key: ItemKey) => `escalation-${releaseId}-${key}`,
  whitelist: (releaseId: number) => `whitelist-${releaseId}`,
  dueDate: (releaseId: number, days: number) => `due-${releaseId}-${days}d`,
  recheck: (releaseId: number, key: ItemKey) => `recheck-${releaseId}-${key}`,
  held: (reminderId: string, threadId: number) => `held-${reminderId}-${threadId}`,
};

const CHASED: readonly ReminderKind[] = ['nudge', 'escalation'];

export class ReminderPlanner implements ItemChangeListener {
  private pending: SchedulerOp[] = [];

  constructor(
    private readonly store: Store,
    readonly rules: ReminderRules = DEFAULT_RULES,
    private readonly logger?: Logger,
    readonly calendar: WorkingCalendar = CHINA_CALENDAR,
  ) {}

  itemChanged({ release, before, after, at }: { release: Release; before: Item; after: Item; at: Date }): void {
    const askedAgain = after.status === 'asked' && (before.status !== 'asked' || before.askedAt !== after.askedAt);
    if (askedAgain) {
      this.cancelItem(release.id, after.key, CHASED, at);
      // The first nudge, or straight to the escalation when the rules allow no nudge (`max_nudges=0`).
      this.planFollowUp(release, after.key, 0, new Date(after.askedAt ?? at.toISOString()));
    } else if (before.status === 'asked' && after.status !== 'asked') {
      this.cancelItem(release.id, after.key, CHASED, at);
    }
    if (after.key === 'mp_url_whitelist') this.planWhitelist(release, after, at);
    else this.planRecheck(release, before, after, at);
    this.planDueDates(release, at);
  }

  /** A new target date: its warnings are planned (old ones for another date are moved by id). */
  releaseChanged(release: Release, at: Date): void {
    this.planDueDates(release, at);
  }

  /** Nudge number `n` for an item, `nudgeAfterDays` working days after `from`. */
  scheduleNudge(release: Release, key: ItemKey, n: number, from: Date): Reminder {
    const due = addWorkingDays(
      from,
      this.rules.nudgeAfterDays,
      this.timezoneOf(release),
      this.calendar,
      this.hoursOf(release),
    );
    return this.upsert({
      id: reminderId.nudge(release.id, key, n),
      releaseId: release.id,
      itemKey: key,
      kind: 'nudge',
      dueAt: due.toISOString(),
      payload: { n },
    });
  }

  /** After nudge `n` went out: the next nudge, or after the last one the PM's escalation. */
  planFollowUp(release: Release, key: ItemKey, n: number, from: Date): Reminder {
    if (n < this.rules.maxNudges) return this.scheduleNudge(release, key, n + 1, from);
    const due = addWorkingDays(
      from,
      this.rules.escalateAfterDays,
      this.timezoneOf(release),
      this.calendar,
      this.hoursOf(release),
    );
    return this.upsert({
      id: reminderId.escalation(release.id, key),
      releaseId: release.id,
      itemKey: key,
      kind: 'escalation',
      dueAt: due.toISOString(),
      payload: { nudges: n },
    });
  }

  /** The first working instant of the release's client at or after `at` (a snooze ending on a holiday waits for the next working morning). */
  nextWorkingInstant(release: Release, at: Date): Date {
    return nextBusinessInstant(at, this.timezoneOf(release), this.calendar, this.hoursOf(release));
  }

  /** Moves an item's scheduled reminders to `until` (the `snooze` command); returns them. */
  snooze(releaseId: number, key: ItemKey, until: Date): Reminder[] {
    const moved = this.store.remindersOf(releaseId, 'scheduled').filter((r) => r.itemKey === key);
    return moved.map((r) => this.moveTo(r, until));
  }

  /** Moves one reminder to `until` (a catch-up waiting for business hours); its job follows at flush. */
  moveTo(reminder: Reminder, until: Date): Reminder {
    return this.upsert({ ...reminder, dueAt: until.toISOString() });
  }

  /** Stores a reminder row as given (a recipient's held copy, `src/reminders/firing.ts`); its job follows at flush. */
  hold(r: Parameters<Store['upsertReminder']>[0]): Reminder {
    return this.upsert(r);
  }

  /** Warnings `dueDateWarnings` working days before the target date, at `dueDateHour` local time; past ones are skipped. */
  planDueDates(release: Release, now: Date): void {
    const target = release.targetDate ? parseLocalDate(release.targetDate) : undefined;
    if (!target || release.state !== 'open') return;
    for (const days of this.rules.dueDateWarnings) {
      const due = this.atWarningHour(
        release,
        this.calendar.subtractWorkingDays(target, days),
        this.timezoneOf(release),
      );
      const id = reminderId.dueDate(release.id, days);
      const existing = this.store.getReminder(id);
      if (due <= now || (existing && existing.dueAt === due.toISOString())) continue;
      this.upsert({
        id,
        releaseId: release.id,
        itemKey: null,
        kind: 'due_date',
        dueAt: due.toISOString(),
        payload: { days, targetDate: release.targetDate },
      });
    }
  }

  /** Cancels scheduled reminders of an item (all kinds when `kinds` is omitted). */
  cancelItem(releaseId: number, key: ItemKey, kinds: readonly ReminderKind[] | undefined, at: Date): void {
    for (const r of this.store.remindersOf(releaseId, 'scheduled')) {
      if (r.itemKey !== key || (kinds && !kinds.includes(r.kind))) continue;
      this.store.setReminderState(r.id, 'cancelled', at.toISOString());
      this.pending.push({ kind: 'cancel', id: r.id, dueAt: r.dueAt });
    }
  }

  /**
   * Makes the recorded scheduler calls (after the transaction committed). The ops were recorded
   * inside transactions that may have rolled back since (a savepoint in `fireAll`, a `process()` that
   * threw), so each reminder's row is read again and is the only judge: a job is added only for a
   * row still `scheduled` at that due time, and a due time's job is dropped only when the row is no
   * longer `scheduled` there. A failure is logged: the rows stay, and the reconciler re-creates the
   * jobs (when Redis is reachable again, and every minute).
   *
   *   store.transaction(() => service.setStatus(releaseId, 'app_id', 'done', actor));
   *   await planner.flush(scheduler);  // drops the nudge's job, unless that transaction rolled back
   */
  /** The scheduler calls decided since the last flush, handed over (the processing worker sends them to the service). */
  takePending(): SchedulerOp[] {
    return this.pending.splice(0);
  }

  /** Scheduler calls decided by another planner (the processing worker's), made at the next flush. */
  adopt(ops: readonly SchedulerOp[]): void {
    this.pending.push(...ops);
  }

  async flush(scheduler: Scheduler): Promise<void> {
    for (const [id, dueTimes] of dueTimesById(this.pending.splice(0))) {
      const row = this.store.getReminder(id);
      const live = row?.state === 'scheduled' ? row : undefined;
      try {
        for (const dueAt of dueTimes) if (dueAt !== live?.dueAt) await scheduler.cancel(id, dueAt);
        if (live && dueTimes.has(live.dueAt)) await scheduler.schedule(live);
      } catch (err) {
        this.logger?.warn(
          { err: err instanceof Error ? err.message : String(err), op: live ? 'schedule' : 'cancel' },
          'reminder job not synced to Redis; the reconciler restores it within a minute',
        );
      }
    }
  }

  private planWhitelist(release: Release, item: Item, at: Date): void {
    const value = tagged(item.key, item.value);
    const submittedAt = value.kind === 'whitelist' ? value.whitelist.submitted_at : undefined;
    const id = reminderId.whitelist(release.id);
    if (item.status !== 'waiting' || !submittedAt) {
      const existing = this.store.getReminder(id);
      if (existing?.state === 'scheduled') {
        this.store.setReminderState(id, 'cancelled', at.toISOString());
        this.pending.push({ kind: 'cancel', id, dueAt: existing.dueAt });
      }
      return;
    }
    // 24 calendar hours (WeChat's clock), then the next working hour of the client's calendar.
    const live = new Date(new Date(submittedAt).getTime() + this.rules.whitelistWaitHours * 3_600_000);
    const due = nextBusinessInstant(live, this.timezoneOf(release), this.calendar, this.hoursOf(release)).toISOString();
    const existing = this.store.getReminder(id);
    if (existing?.state === 'scheduled' && existing.dueAt === due) return;
    this.upsert({
      id,
      releaseId: release.id,
      itemKey: 'mp_url_whitelist',
      kind: 'whitelist_check',
      dueAt: due,
      payload: { submittedAt },
    });
  }

  /**
   * An item waiting on someone else (its note says until when, or the checklist's `recheckAfterDays`
   * from now) is asked about again on that date at `dueDateHour`, on a working day, in the client's zone;
   * leaving `waiting` cancels it. Its nudges stopped when it left `asked`.
   */
  private planRecheck(release: Release, before: Item, after: Item, at: Date): void {
    const id = reminderId.recheck(release.id, after.key);
    if (after.status !== 'waiting') {
      if (before.status === 'waiting') this.cancelItem(release.id, after.key, ['recheck'], at);
      return;
    }
    const waiting = readWaiting(after.note);
    const days = itemDef(after.key).recheckAfterDays;
    const tz = this.timezoneOf(release);
    const until = waiting
      ? parseLocalDate(waiting.until)
      : days !== undefined
        ? addDays(localParts(at, tz), days)
        : undefined;
    if (!until) return;
    const planned = this.atWarningHour(release, this.calendar.nextWorkingDay(until), tz);
    const due = (planned > at ? planned : this.nextWorkingInstant(release, at)).toISOString();
    const existing = this.store.getReminder(id);
    if (existing?.state === 'scheduled' && existing.dueAt === due) return;
    this.upsert({
      id,
      releaseId: release.id,
      itemKey: after.key,
      kind: 'recheck',
      dueAt: due,
      payload: { until: formatLocalDate(until), ...(waiting?.reason ? { reason: waiting.reason } : {}) },
    });
  }

  private upsert(r: Parameters<Store['upsertReminder']>[0]): Reminder {
    const before = this.store.getReminder(r.id);
    const reminder = this.store.upsertReminder(r);
    const replaces = before?.state === 'scheduled' && before.dueAt !== reminder.dueAt ? before.dueAt : undefined;
    this.pending.push({ kind: 'schedule', reminder, ...(replaces ? { replaces } : {}) });
    return reminder;
  }

  /** The zone a release's reminders are planned in: its first contact who does the work with a zone of their own, else the client's (other readers' copies are held for their own hours when it fires). */
  timezoneOf(release: Release): string {
    const client = this.store.getClient(release.clientId);
    return client ? workZone(client, this.store.contactsOf(client.id)) : DEFAULT_TIMEZONE;
  }

  /** `dueDateHour` on a day, moved into the client's business hours when they open later or close earlier. */
  private atWarningHour(release: Release, day: LocalDate, tz: string): Date {
    const open = this.hoursOf(release);
    const minutes = Math.min(Math.max(this.rules.dueDateHour * 60, open.opens), open.closes - 30);
    return atLocalTime(day, Math.floor(minutes / 60), minutes % 60, tz);
  }

  /** The client's business hours (`/release set-hours`, default 09:00–18:00). */
  hoursOf(release: Release): BusinessHours {
    return hoursOf(this.store.getClient(release.clientId));
  }
}

/**
 * Per reminder id, every due time the ops touched (scheduled, moved away from, cancelled); `flush`
 * compares them with the row as committed.
 *
 *   dueTimesById([{ kind: 'schedule', reminder: r2, replaces: r1.dueAt }])  // Map { id => {r2.dueAt, r1.dueAt} }
 */
function dueTimesById(ops: readonly SchedulerOp[]): Map<string, Set<string>> {
  const byId = new Map<string, Set<string>>();
  for (const op of ops) {
    const id = op.kind === 'schedule' ? op.reminder.id : op.id;
    const dueTimes = byId.get(id) ?? new Set<string>();
    byId.set(id, dueTimes);
    if (op.kind === 'cancel') dueTimes.add(op.dueAt);
    else {
      dueTimes.add(op.reminder.dueAt);
      if (op.replaces) dueTimes.add(op.replaces);
    }
  }
  return byId;
}
