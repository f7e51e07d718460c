/**
 * Status over 1,000 open releases × 26 items with realistic history (asked, answered, secrets,
 * inbound messages, item events, bot messages, reminders) in a temp SQLite file. Prints p50/p99
 * for the overview and for one release, in each renderer: text, HTML (the page's default top
 * 50 and ?all=1), Slack Block Kit, WeCom markdown and the Markdown export.
 * Goal: p99 < 20 ms. Each figure includes the SQL pass and the model, as a request pays them.
 *
 *   npm run bench -- status
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ITEM_KEYS, type ItemKey, type ItemValue } from '../src/checklist/types.js';
import { overviewBlocks as slackOverview, releaseBlocks as slackRelease } from '../bots/slack/status-blocks.js';
import { splitForWeCom, toMarkdown } from '../bots/wecom/render.js';
import { type StatusView, statusBlocks as wecomBlocks } from '../bots/wecom/render-status.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { readConfig } from '../src/main.js';
import { openStore } from '../src/main.js';
import type { ReleaseStore } from '../src/release/store.js';
import { exportMarkdown } from '../src/status/export.js';
import { buildStatus } from '../src/status/model.js';
import { OVERVIEW_LIMIT, overviewHtml, releaseHtml } from '../src/status/render-html.js';
import { overviewText, releaseText } from '../src/status/render-text.js';
import { buildTimeline } from '../src/status/timeline.js';

const RELEASES = 1000;
const START = Date.parse('2026-09-01T02:00:00Z');
const NOW = new Date('2026-11-25T02:00:00Z');

/** A deterministic pseudo-random sequence, so every run seeds the same history. */
export function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function valueFor(key: ItemKey, i: number): ItemValue {
  if (key === 'app_id') return `wx${i.toString(16).padStart(16, '0')}`;
  if (key === 'app_secret') return { on_file: true, last4: i.toString(16).padStart(4, '0').slice(-4) };
  if (key === 'template_ids') return [`9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yq${String(i).padStart(4, '0')}`];
  if (key === 'developers') return ['zhang_wei88', 'li_na_01'];
  return 'done';
}

export function seedRelease(store: ReleaseStore, n: number, random: () => number): void {
  const at = (days: number): string => new Date(START + days * 86_400_000 + n * 60_000).toISOString();
  const client = store.createClient({
    name: `Client ${String(n).padStart(4, '0')}`,
    locale: n % 2 ? 'zh' : 'en',
    timezone: 'Asia/Shanghai',
    at: at(0),
  });
  const release = store.createRelease({ clientId: client.id, pmUser: 'slack:UPM', keys: ITEM_KEYS, at: at(0) });
  const thread = store.bindThread({
    clientId: client.id,
    platform: 'slack',
    channel: `C${n}`,
    kind: 'channel',
    at: at(0),
  });
  store.appendEvent({
    releaseId: release.id,
    clientId: client.id,
    type: 'release',
    actor: 'slack:UPM',
    after: { state: 'open' },
    at: at(0),
  });
  const answered = Math.floor(random() * 27);
  ITEM_KEYS.forEach((key, k) => {
    const day = 1 + k * 2;
    store.updateItem(release.id, key, { status: 'asked', askedAt: at(day) }, at(day));
    const sent = store.enqueue({
      threadId: thread.id,
      platform: 'slack',
      address: `C${n}`,
      message: { text: `Question about ${key}` },
      at: at(day),
    });
    if (sent) store.markSent(sent, at(day), `ts${n}.${k}`);
    if (k >= answered) return;
    const value = valueFor(key, n);
    store.recordInbound({
      releaseId: release.id,
      clientId: client.id,
      type: 'inbound',
      externalId: `ev-${n}-${k}`,
      actor: 'slack:UCLIENT',
      text: `answer for ${key}`,
      at: at(day + 1),
    });
    store.updateItem(
      release.id,
      key,
      { status: k % 9 === 8 ? 'blocked' : 'answered', value, setBy: 'slack:UCLIENT', setAt: at(day + 1) },
      at(day + 1),
    );
    store.appendEvent({
      releaseId: release.id,
      clientId: client.id,
      type: 'item',
      actor: 'slack:UCLIENT',
      itemKey: key,
      before: { status: 'asked', value: null },
      after: { status: 'answered', value },
      at: at(day + 1),
    });
  });
  store.upsertReminder({
    id: `nudge-${release.id}`,
    releaseId: release.id,
    itemKey: null,
    kind: 'nudge',
    dueAt: at(90),
  });
  // A launch date on every release: the overview plans each from all its unfinished items.
  store.updateRelease(release.id, { targetDate: at(60 + (n % 30)).slice(0, 10) });
}

/** What a WeCom PM receives: the status blocks as markdown, split into 2048-byte messages. */
function wecomMarkdown(locale: 'en' | 'zh', view: StatusView, now: Date): string[] {
  return splitForWeCom(toMarkdown({ text: '', blocks: wecomBlocks(locale, view, now) }, locale));
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

function measure(label: string, runs: number, fn: () => string): void {
  for (let i = 0; i < 3; i += 1) fn();
  const samples: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    bytes = fn().length;
    samples.push(performance.now() - t0);
  }
  const { p50, p99 } = percentiles(samples);
  const verdict = p99 < 20 ? 'ok' : 'over the 20 ms goal';
  process.stdout.write(
    `${label.padEnd(34)} p50 ${p50.toFixed(2).padStart(7)} ms   p99 ${p99.toFixed(2).padStart(7)} ms   (${runs} runs, ${bytes} chars) ${verdict}\n`,
  );
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-status-'));
  const { store, close } = openStore(
    readConfig({
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
      LOG_LEVEL: 'silent',
    }),
  );
  try {
    const random = rng(42);
    const t0 = performance.now();
    store.transaction(() => {
      for (let n = 1; n <= RELEASES; n += 1) seedRelease(store, n, random);
    });
    process.stdout.write(
      `seeded ${RELEASES} releases × ${ITEM_KEYS.length} items in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );
    const one = store.findClientByName('Client 0500');
    if (!one) throw new Error('seeding failed: Client 0500 is missing');
    const single = () => {
      const [s] = buildStatus(store.statusRows({ clientId: one.id }), NOW);
      if (!s) throw new Error('no status for Client 0500');
      return s;
    };
    const overview = () => buildStatus(store.statusRows(), NOW);
    // Full read: a commit by another process (the CLI, a second service) makes the store read every
    // release again — its own writes only mark the releases they touched. Here: a second connection.
    const other = openDatabase(join(dir, 'bench.sqlite'));
    let commits = 0;
    const everything = () =>
      other.$client
        .prepare("INSERT OR REPLACE INTO cursors (name, value, updated_at) VALUES ('bench', ?, ?)")
        .run(String((commits += 1)), NOW.toISOString());
    measure('overview · full read: SQL pass', 30, () => (everything(), String(store.statusRows().length)));
    measure('overview · full read: + model + text', 30, () => (everything(), overviewText('en', overview())));
    closeDatabase(other);
    // After a client answered: one release changed since the last read, and only it is read again.
    let tick = 0;
    const answer = () => store.updateItem(1 + (tick % 1000), 'sentry', { nudges: (tick += 1) }, NOW.toISOString());
    measure('overview · after an answer: SQL pass', 30, () => (answer(), String(store.statusRows().length)));
    measure('overview · after an answer: + model', 30, () => (answer(), String(overview().length)));
    measure('overview · after an answer: + model + text', 30, () => (answer(), overviewText('en', overview())));
    // Warm: nothing changed since the last read (PMs ask far more often than clients answer).
    measure('overview · SQL pass only', 30, () => String(store.statusRows().length));
    measure('overview · SQL + model', 30, () => String(overview().length));
    measure('overview · text (CLI, all)', 30, () => overviewText('en', overview()));
    measure(
      `overview · html page (top ${OVERVIEW_LIMIT})`,
      30,
      () => overviewHtml('en', overview(), NOW, { allHref: '/?all=1' }).value,
    );
    measure(
      'overview · html page (?all=1)',
      30,
      () => overviewHtml('en', overview(), NOW, { limit: Number.POSITIVE_INFINITY }).value,
    );
    measure('overview · slack blocks', 30, () => JSON.stringify(slackOverview('en', overview())));
    measure('overview · wecom markdown (split)', 30, () =>
      wecomMarkdown('en', { kind: 'overview', statuses: overview() }, NOW).join('\n'),
    );
    // Planning the launch: the model of all 1,000 (fresh rows, so nothing is cached) with and without their launch dates.
    const rows = store.statusRows();
    measure('overview · model, no launch dates', 30, () =>
      String(
        buildStatus(
          rows.map((r) => ({ ...r, targetDate: null })),
          NOW,
        ).length,
      ),
    );
    measure('overview · model, 1,000 launches planned', 30, () =>
      String(
        buildStatus(
          rows.map((r) => ({ ...r })),
          NOW,
        ).length,
      ),
    );
    measure('one release · SQL + model', 300, () => String(single().items.length));
    measure('one release · text', 300, () => releaseText('en', single(), NOW));
    measure('one release · html (+ timeline)', 300, () => {
      const s = single();
      return releaseHtml('en', s, buildTimeline(store.events(s.releaseId), store.releaseMessages(s.releaseId)), NOW)
        .value;
    });
    measure('one release · markdown export', 300, () => exportMarkdown('en', single(), NOW));
    measure('one release · slack blocks', 300, () => JSON.stringify(slackRelease('en', single(), NOW)));
    measure('one release · wecom markdown', 300, () =>
      wecomMarkdown('en', { kind: 'release', status: single() }, NOW).join('\n'),
    );
  } finally {
    close();
    rmSync(dir, { recursive: true, force: true });
  }
}
