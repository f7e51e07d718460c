/**
 * Planning back from the launch date: each open item needs its lead time (working days, from the
 * checklist data, overridable with LEAD_TIMES) before the target date, which gives its latest safe
 * date; the release is on track, at risk (an item's latest safe date is within 2 working days) or
 * late (a latest safe date has passed, or a wait ends after it). The item with the tightest date decides.
 *
 *   planLaunch(items, '2026-12-20', { year: 2026, month: 12, day: 5 })
 *   // { state: 'at_risk', deciding: { key: 'merchant_account', latestSafe: '2026-12-08', … }, items: […] }
 */
import {
  CHINA_CALENDAR,
  formatLocalDate,
  type LocalDate,
  parseLocalDate,
  type WorkingCalendar,
} from '../calendar/working-calendar.js';
import { itemDef } from '../checklist/items.js';
import { byChecklistOrder, FINISHED, type ItemKey, type ItemStatus } from '../checklist/types.js';
import { readWaiting } from '../release/waiting.js';

/** Working days an item needs before launch when the checklist names none (our work, then WeChat's review). */
export const DEFAULT_LEAD_DAYS = 3;
/** An item whose latest safe date is this close (in working days) puts the release at risk. */
export const AT_RISK_WITHIN_DAYS = 2;

export type LaunchState = 'on_track' | 'at_risk' | 'late';

export interface ItemPlan {
  key: ItemKey;
  leadDays: number;
  latestSafe: string;
  state: LaunchState;
  /** When the item waits on someone else: the expected date. */
  waitingUntil?: string;
}

export interface LaunchPlan {
  targetDate: string;
  state: LaunchState;
  /** The open item that decides whether the date holds (the worst, then the earliest latest safe date). */
  deciding: ItemPlan | null;
  items: ItemPlan[];
}

export interface Planning {
  calendar: WorkingCalendar;
  /** LEAD_TIMES overrides, per item key. */
  leadDays: Partial<Record<ItemKey, number>>;
}

let active: Planning = { calendar: CHINA_CALENDAR, leadDays: {} };

/** The working calendar in force (holidays and make-up days): "3 个工作日" in a client's reply counts on it. */
export function planningCalendar(): WorkingCalendar {
  return active.calendar;
}

/** The calendar and lead times every status view plans with (set once by the composition root). */
export function configurePlanning(planning: Planning): void {
  active = planning;
}

export function leadDaysOf(key: ItemKey, planning: Planning = active): number {
  return planning.leadDays[key] ?? itemDef(key).leadDays ?? DEFAULT_LEAD_DAYS;
}

const RANK: Record<LaunchState, number> = { on_track: 0, at_risk: 1, late: 2 };

export function planLaunch(
  items: readonly { key: ItemKey; status: ItemStatus; note: string | null }[],
  targetDate: string | null,
  today: LocalDate,
  planning: Planning = active,
): LaunchPlan | null {
  const target = targetDate ? parseLocalDate(targetDate) : undefined;
  if (!target || !targetDate) return null;
  const { calendar } = planning;
  const todayText = formatLocalDate(today);
  const riskLine = formatLocalDate(calendar.addWorkingDays(today, AT_RISK_WITHIN_DAYS));
  // Most items share a lead time (the default 3): count back from the launch once per lead time.
  const safeByLead = new Map<number, string>();
  const safeDate = (leadDays: number): string => {
    let date = safeByLead.get(leadDays);
    if (date === undefined) {
      date = formatLocalDate(calendar.subtractWorkingDays(target, leadDays));
      safeByLead.set(leadDays, date);
    }
    return date;
  };
  const plans = items
    .filter((i) => !FINISHED.has(i.status))
    .map((i): ItemPlan => {
      const leadDays = leadDaysOf(i.key, planning);
      const latestSafe = safeDate(leadDays);
      const waitingUntil = i.status === 'waiting' ? readWaiting(i.note)?.until : undefined;
      const late = latestSafe < todayText || (waitingUntil !== undefined && waitingUntil > latestSafe);
      const state: LaunchState = late ? 'late' : latestSafe <= riskLine ? 'at_risk' : 'on_track';
      return { key: i.key, leadDays, latestSafe, state, ...(waitingUntil ? { waitingUntil } : {}) };
    })
    // In checklist order whatever order the rows came in: a tie decides the same way in every view.
    .sort((a, b) => byChecklistOrder(a.key, b.key));
  const deciding = plans.reduce<ItemPlan | null>((best, p) => {
    if (
      !best ||
      RANK[p.state] > RANK[best.state] ||
      (RANK[p.state] === RANK[best.state] && p.latestSafe < best.latestSafe)
    )
      return p;
    return best;
  }, null);
  return { targetDate, state: deciding?.state ?? 'on_track', deciding, items: plans };
}
