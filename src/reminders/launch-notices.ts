/**
 * The PM is told when a release's launch date turns at risk or late, and when it is back on track:
 * once per change of state, in the PM's language, naming the item that decides it and its latest safe
 * date. The last state told is kept per release (a cursor `launch-state-<releaseId>`; none = on
 * track), so the check can run every working hour and says nothing while the state stays.
 *
 *   sendLaunchNotices({ store, outbox, clock, calendar }, 'Asia/Shanghai');
 *   // 1: "Acme Coffee: the launch went from on track to at risk. launch 2026-12-16: AT RISK — App ID must be done by 2026-12-02 …"
 */
import { CHINA_CALENDAR, type WorkingCalendar } from '../calendar/working-calendar.js';
import { pmLocaleOf, t } from '../i18n/index.js';
import { type Outbox, userAddress } from '../outbox.js';
import type { Clock } from '../ports.js';
import type { CursorStore, StatusReads } from '../release/store.js';
import type { LaunchState } from '../status/launch.js';
import { buildStatus } from '../status/model.js';
import { launchText } from '../status/render-text.js';
import { CLOSES_AT, formatLocalDate, localParts, OPENS_AT } from './business-hours.js';

/** The store ports this part uses (src/release/store.ts): the status rows, and the last state told per release. */
type Store = StatusReads & CursorStore;

export interface LaunchNoticeDeps {
  store: Store;
  outbox: Outbox;
  clock: Clock;
  calendar?: WorkingCalendar;
}

const STATES: readonly LaunchState[] = ['on_track', 'at_risk', 'late'];
export const launchCursor = (releaseId: number): string => `launch-state-${releaseId}`;

function toldState(store: Store, releaseId: number): LaunchState {
  const told = store.getCursor(launchCursor(releaseId));
  return STATES.find((s) => s === told) ?? 'on_track';
}

/**
 * Tells each open release's PM about a change of its launch state since the last notice; returns how
 * many were queued. Sends nothing outside working hours (agency time) or on a day the calendar has off:
 * a change seen then is told at the next run inside them.
 */
export function sendLaunchNotices(deps: LaunchNoticeDeps, agencyTimezone: string): number {
  const now = deps.clock.now();
  const calendar = deps.calendar ?? CHINA_CALENDAR;
  const here = localParts(now, agencyTimezone);
  if (!calendar.isWorkingDay(here) || here.hour < OPENS_AT || here.hour >= CLOSES_AT) return 0;
  const date = formatLocalDate(here);
  let queued = 0;
  deps.store.transaction(() => {
    for (const status of buildStatus(deps.store.statusRows(), now)) {
      const plan = status.launch;
      if (!plan || !status.pmUser) continue;
      const before = toldState(deps.store, status.releaseId);
      if (before === plan.state) continue;
      const to = userAddress(status.pmUser);
      const locale = pmLocaleOf(status.pmUser);
      const text = t(locale, 'remind.launch.turned', {
        client: status.client.name,
        from: t(locale, `launch.state.${before}`),
        to: t(locale, `launch.state.${plan.state}`),
        plan: launchText(locale, status),
      });
      // The key carries the change and the day: a second process running the same check sends it once.
      if (
        to &&
        deps.outbox.post(to, { text }, `launch-${status.releaseId}-${before}-${plan.state}-${date}`) !== undefined
      )
        queued += 1;
      deps.store.setCursor(launchCursor(status.releaseId), plan.state, now.toISOString());
    }
  });
  return queued;
}
