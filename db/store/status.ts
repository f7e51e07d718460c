/**
 * The status view's one SQL pass: open releases (or one client's latest) with their items, next
 * reminder and last client message. Both statements are prepared once per store.
 *
 *   const statusRows = statusQuery(db.$client);
 *   statusRows(undefined);  // the overview: one row per open release, progress counted in SQL
 */
import { ITEM_DEFS } from '../../src/checklist/items.js';
import { FINISHED, type ItemKey, type ItemValue, SECTIONS } from '../../src/checklist/types.js';
import type { ReminderKind } from '../../src/release/model.js';
import type { Progress } from '../../src/release/service.js';
import type { StatusItemRow, StatusRow } from '../../src/release/store.js';
import type { Db } from '../client.js';
import { lazy } from './lazy.js';

/** Each release once, with its next reminder and last client message computed per release. */
const releasesCte = (where: string): string => `
  WITH rel AS MATERIALIZED (
    SELECT r.id, r.client_id, r.pm_user, r.target_date, r.created_at,
      (SELECT due_at || char(31) || kind || char(31) || coalesce(item_key, '') FROM reminders
        WHERE release_id = r.id AND state = 'scheduled' ORDER BY due_at LIMIT 1) AS next_reminder,
      (SELECT max(created_at) FROM events WHERE release_id = r.id AND type = 'inbound') AS last_inbound
    FROM releases r
    WHERE ${where}
  )`;

/** Open releases (both parameters null), or one client's latest release (both its id). */
const RELEASES_CTE = releasesCte(`(? IS NULL AND r.state = 'open')
       OR (r.client_id = ? AND r.id = (SELECT max(id) FROM releases WHERE client_id = r.client_id))`);
/** The open ones among some releases (a JSON array of ids): refreshing what changed. */
const SOME_RELEASES_CTE = releasesCte(`r.state = 'open' AND r.id IN (SELECT value FROM json_each(?))`);

const RELEASE_COLUMNS = `rel.id AS releaseId, c.id AS clientId, c.name AS clientName, c.locale, c.timezone,
  rel.pm_user AS pmUser, rel.target_date AS targetDate, rel.created_at AS releaseCreatedAt,
  rel.next_reminder AS nextReminder, rel.last_inbound AS lastInboundAt`;

const quote = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(', ');
const FINISHED_SQL = `i.status IN (${quote([...FINISHED])})`;

/** Per section (by its index in SECTIONS): finished and total items, as "section,done,total;…". */
const SECTION_OF_KEY = `CASE ${SECTIONS.slice(0, -1)
  .map(
    (section, n) =>
      `WHEN i.key IN (${quote(ITEM_DEFS.filter((d) => d.section === section).map((d) => d.key))}) THEN ${n}`,
  )
  .join(' ')} ELSE ${SECTIONS.length - 1} END`;
const COUNTS_SQL = `SELECT group_concat(sec || ',' || done || ',' || total, ';') FROM (
  SELECT ${SECTION_OF_KEY} AS sec, sum(${FINISHED_SQL}) AS done, count(*) AS total
  FROM items i WHERE i.release_id = rel.id GROUP BY sec)`;

/**
 * The overview: one row per release with its progress counted in SQL, and only the items that need a
 * PM's eye (asked, blocked, waiting on someone else, or holding a secret) packed as key, status, asked_at, note, nudges, last4.
 */
const overviewSql = (cte: string): string => `${cte}
  SELECT ${RELEASE_COLUMNS},
    (${COUNTS_SQL}) AS counts,
    (SELECT group_concat(i.key || char(31) || i.status || char(31) || coalesce(i.asked_at, '') || char(31)
        || coalesce(i.note, '') || char(31) || i.nudges || char(31)
        || CASE WHEN instr(i.value, '"last4"') > 0 THEN coalesce(i.value ->> '$.last4', i.value ->> '$.secret.last4', '') ELSE '' END, char(30))
     FROM items i WHERE i.release_id = rel.id AND (i.status IN ('asked', 'blocked', 'waiting') OR instr(i.value, '"last4"') > 0)) AS packed,
    CASE WHEN rel.target_date IS NOT NULL THEN
      (SELECT group_concat(i.key || char(31) || i.status || char(31) || coalesce(i.note, ''), char(30))
       FROM items i WHERE i.release_id = rel.id AND NOT ${FINISHED_SQL}) END AS open
  FROM rel JOIN clients c ON c.id = rel.client_id`;
const OVERVIEW_SQL = overviewSql(RELEASES_CTE);
const OVERVIEW_SOME_SQL = overviewSql(SOME_RELEASES_CTE);

function unpackCounts(counts: string | null): Progress {
  const sections = Object.fromEntries(
    SECTIONS.map((section) => [section, { done: 0, total: 0 }]),
  ) as Progress['sections'];
  let done = 0;
  let total = 0;
  for (const part of (counts ?? '').split(';')) {
    const [n, d, t] = part.split(',').map(Number) as [number, number, number];
    const name = SECTIONS[n];
    const section = name && sections[name];
    if (!t || !section) continue;
    section.done += d;
    section.total += t;
    done += d;
    total += t;
  }
  return { done, total, sections };
}

/** One release: every item with its value, who set it and when. */
const RELEASE_SQL = `${RELEASES_CTE}
  SELECT ${RELEASE_COLUMNS}, i.key, i.status, i.value, i.note, i.set_by AS setBy, i.set_role AS setRole, i.set_how AS setHow, i.pm_note AS pmNote, i.set_at AS setAt,
         i.asked_at AS askedAt, i.nudges, i.carried_from AS carriedFrom, i.confirm_pending AS confirmPending
  FROM rel JOIN clients c ON c.id = rel.client_id JOIN items i ON i.release_id = rel.id
  ORDER BY i.id`;

type ReleaseColumns = Omit<StatusRow, 'items' | 'nextReminderAt' | 'nextReminderKind' | 'nextReminderItem'> & {
  nextReminder: string | null;
};

function releaseFields({ nextReminder, ...r }: ReleaseColumns): Omit<StatusRow, 'items'> {
  const [at, kind, item] = nextReminder?.split('\u001f') ?? [];
  return {
    releaseId: r.releaseId,
    clientId: r.clientId,
    clientName: r.clientName,
    locale: r.locale,
    timezone: r.timezone,
    pmUser: r.pmUser,
    targetDate: r.targetDate,
    releaseCreatedAt: r.releaseCreatedAt,
    lastInboundAt: r.lastInboundAt,
    nextReminderAt: at ?? null,
    nextReminderKind: (kind as ReminderKind | undefined) ?? null,
    nextReminderItem: item || null,
  };
}

function unpackItem(packed: string): StatusItemRow {
  const [key, status, askedAt, note, nudges, last4] = packed.split('\u001f');
  return {
    key: key as ItemKey,
    status: status as StatusItemRow['status'],
    value: last4 ? { on_file: true, last4 } : null,
    note: note || null,
    setBy: null,
    setAt: null,
    askedAt: askedAt || null,
    nudges: Number(nudges),
  };
}

type OverviewRow = ReleaseColumns & { counts: string | null; packed: string | null; open: string | null };

/** The overview's unfinished items, as the launch plan reads them: key, status, note. */
function unpackOpen(open: string | null): NonNullable<StatusRow['openItems']> {
  if (!open) return [];
  return open.split('\u001e').map((packed) => {
    const [key, status, note] = packed.split('\u001f');
    return { key: key as ItemKey, status: status as StatusItemRow['status'], note: note || null };
  });
}

function toOverviewRow(r: OverviewRow): StatusRow {
  const row: StatusRow = {
    ...releaseFields(r),
    progress: unpackCounts(r.counts),
    items: r.packed ? r.packed.split('\u001e').map(unpackItem) : [],
  };
  if (r.targetDate) row.openItems = unpackOpen(r.open);
  return row;
}

export interface StatusQuery {
  rows(clientId: number | undefined): StatusRow[];
  /** Called by the store on a write that changes what the status shows about a release. */
  changed(releaseId: number): void;
}

/**
 * PMs read the overview far more often than anything changes, so it is kept, and only the releases
 * written since are read again. Writes on this connection are reported by the store (`changed`);
 * a commit by another connection (the CLI, a second process) moves `data_version`: read it all again.
 */
export function statusQuery(sqlite: Db['$client']): StatusQuery {
  const overview = lazy(() => sqlite.prepare(OVERVIEW_SQL));
  const some = lazy(() => sqlite.prepare(OVERVIEW_SOME_SQL));
  const oneRelease = lazy(() => sqlite.prepare(RELEASE_SQL));
  const dataVersion = (): number => sqlite.pragma('data_version', { simple: true }) as number;
  let cached: { version: number; rows: StatusRow[] } | undefined;
  const dirty = new Set<number>();

  /** Dirty releases are read again: still open ones replace their row, closed ones drop out, new ones join. */
  const refresh = (rows: StatusRow[]): StatusRow[] => {
    const fresh = new Map(
      (some().all(JSON.stringify([...dirty])) as OverviewRow[]).map((r) => [r.releaseId, toOverviewRow(r)]),
    );
    const known = new Set(rows.map((r) => r.releaseId));
    const kept = rows
      .filter((r) => !dirty.has(r.releaseId) || fresh.has(r.releaseId))
      .map((r) => fresh.get(r.releaseId) ?? r);
    return kept.concat([...fresh.values()].filter((r) => !known.has(r.releaseId)));
  };

  return {
    changed(releaseId) {
      dirty.add(releaseId);
    },
    rows(clientId) {
      if (clientId !== undefined) return releaseStatus(oneRelease().all(clientId, clientId) as ReleaseRow[]);
      const version = dataVersion();
      if (!cached || cached.version !== version)
        cached = { version, rows: (overview().all(null, null) as OverviewRow[]).map(toOverviewRow) };
      else if (dirty.size > 0) cached = { version, rows: refresh(cached.rows) };
      dirty.clear();
      return [...cached.rows];
    },
  };
}

type ReleaseRow = ReleaseColumns & Omit<StatusItemRow, 'value'> & { value: string | null };

function releaseStatus(rows: ReleaseRow[]): StatusRow[] {
  const first = rows[0];
  if (!first) return [];
  const items = rows.map((r) => ({
    key: r.key,
    status: r.status,
    value: r.value === null ? null : (JSON.parse(r.value) as ItemValue),
    note: r.note,
    setBy: r.setBy,
    setRole: r.setRole ?? null,
    setHow: r.setHow ?? null,
    pmNote: r.pmNote ?? null,
    setAt: r.setAt,
    askedAt: r.askedAt,
    nudges: r.nudges,
    carriedFrom: r.carriedFrom ?? null,
    confirmPending: Boolean(r.confirmPending),
  }));
  return [{ ...releaseFields(first), items }];
}
