import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { statusBlocks as slackStatusBlocks } from '../../bots/slack/status-blocks.js';
import { statusBlocks as wecomStatusBlocks } from '../../bots/wecom/render-status.js';
import { parseLocalDate, type LocalDate } from '../../src/calendar/working-calendar.js';
import type { ItemKey, ItemStatus } from '../../src/checklist/types.js';
import { buildDigests } from '../../src/reminders/digest.js';
import { buildStatus } from '../../src/status/model.js';
import { planLaunch } from '../../src/status/launch.js';
import { releaseHtml } from '../../src/status/render-html.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { runReleaseBot } from '../support/cli.js';
import { PM, sh } from '../jobs/reminder-helpers.js';

const d = (s: string): LocalDate => parseLocalDate(s) as LocalDate;
const item = (key: ItemKey, status: ItemStatus = 'asked', note: string | null = null) => ({ key, status, note });

describe('planning back from the launch date (unit)', () => {
  it('each open item’s latest safe date is its lead time in working days before launch, across National Day', () => {
    const plan = planLaunch(
      [item('merchant_account'), item('sharing_flow'), item('app_icon', 'done')],
      '2026-10-12',
      d('2026-09-21'),
    );
    const byKey = Object.fromEntries(plan?.items.map((p) => [p.key, p.latestSafe]) ?? []);
    // 7 working days before 12 Oct: 10 (Sat, make-up), 9, 8, 30 Sep, 29, 28, 24 (25–27 Sep Mid-autumn).
    expect(byKey.merchant_account).toBe('2026-09-24');
    // 3 (the default): 10, 9, 8 Oct.
    expect(byKey.sharing_flow).toBe('2026-10-08');
    expect(byKey.app_icon).toBeUndefined(); // done: not planned
    expect(plan).toMatchObject({
      state: 'on_track',
      deciding: { key: 'merchant_account', latestSafe: '2026-09-24', leadDays: 7 },
    });
  });

  it('at risk within 2 working days of an item’s latest safe date; late once it has passed, or when a wait ends after it', () => {
    expect(planLaunch([item('merchant_account')], '2026-10-12', d('2026-09-22'))?.state).toBe('at_risk'); // 22 → 23, 24: within 2
    expect(planLaunch([item('merchant_account')], '2026-10-12', d('2026-09-25'))).toMatchObject({
      state: 'late',
      deciding: { key: 'merchant_account' },
    });
    const waiting = planLaunch(
      [item('merchant_account', 'waiting', '2026-09-30 · bank approval'), item('sharing_flow')],
      '2026-10-12',
      d('2026-09-14'),
    );
    expect(waiting).toMatchObject({
      state: 'late',
      deciding: { key: 'merchant_account', waitingUntil: '2026-09-30', latestSafe: '2026-09-24' },
    });
    expect(planLaunch([item('app_icon', 'done')], '2026-10-12', d('2026-10-09'))).toMatchObject({
      state: 'on_track',
      deciding: null,
    });
    expect(planLaunch([item('app_icon')], null, d('2026-10-09'))).toBeNull();
  });

  it('lead times come from the checklist data, overridable (LEAD_TIMES)', async () => {
    const { readConfig } = await import('../../src/main.js');
    expect(readConfig({ LEAD_TIMES: 'merchant_account=12, app_icon=1' }).leadTimes).toEqual({
      merchant_account: 12,
      app_icon: 1,
    });
    expect(() => readConfig({ LEAD_TIMES: 'merchant=3' })).toThrow(/LEAD_TIMES: "merchant" is not a checklist item/);
    const plan = planLaunch([item('merchant_account')], '2026-12-21', d('2026-11-02'), {
      calendar: (await import('../../src/calendar/working-calendar.js')).CHINA_CALENDAR,
      leadDays: { merchant_account: 12 },
    });
    expect(plan?.deciding).toMatchObject({ leadDays: 12, latestSafe: '2026-12-03' });
  });
});

describe('the launch date in status: Slack, WeCom, CLI, the page and the digest', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-30T10:00:00'))) });
  });
  afterEach(() => t.close());

  it('/release status <client> says whether the launch date holds and which item decides it', async () => {
    await t.app.bot.command(PM, 'start Acme Coffee en');
    // Launch Wed 16 Dec: the App ID (10 working days) must be in by Wed 2 Dec — 2 working days from Mon 30 Nov.
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-16');
    const reply = await t.app.bot.command(PM, 'status Acme Coffee');
    const line = 'launch 2026-12-16: AT RISK — App ID must be done by 2026-12-02 (needs 10 working days before launch)';
    expect(reply.message.text).toContain(line);
    expect(reply.message.text).toMatch(/Merchant account — asked {2}· latest safe date 2026-12-07/);
    const status = reply.view?.kind === 'release' ? reply.view.status : undefined;
    if (!status) throw new Error('no release view');
    expect(status.launch).toMatchObject({ state: 'at_risk', deciding: { key: 'app_id', latestSafe: '2026-12-02' } });

    const slack = JSON.stringify(slackStatusBlocks('en', { kind: 'release', status }, t.clock.now()));
    expect(slack).toContain(line);
    const wecom = JSON.stringify(wecomStatusBlocks('en', { kind: 'release', status }, t.clock.now()));
    expect(wecom).toContain(line);
    const page = releaseHtml('en', status, [], t.clock.now()).value;
    expect(page).toContain('AT RISK — App ID must be done by 2026-12-02');

    const digest = buildDigests(t.app.store, t.clock.now(), 'Asia/Shanghai').get('local:pm')?.text ?? '';
    expect(digest).toContain('    launch 2026-12-16: AT RISK — App ID must be done by 2026-12-02');

    // The long-lead items are in: the merchant account (7 working days, by Mon 7 Dec) decides, on track.
    for (const key of ['app_id', 'ugc_license', 'admin_url_whitelist'])
      await t.app.bot.command(PM, `done Acme Coffee ${key}`);
    const after = await t.app.bot.command(PM, 'status Acme Coffee');
    expect(after.message.text).toContain(
      'launch 2026-12-16: on track — the tightest item is Merchant account (latest safe date 2026-12-07, needs 7 working days before launch)',
    );

    // A launch date already too close: late, and the date does not hold.
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-03');
    expect((await t.app.bot.command(PM, 'status Acme Coffee')).message.text).toContain(
      'launch 2026-12-03: LATE, the date does not hold — Merchant account was needed by 2026-11-24',
    );
    const overview = buildStatus(t.app.store.statusRows(), t.clock.now());
    expect(overview[0]?.launch?.state).toBe('late');
  });

  it('the CLI shows it too', async () => {
    await t.app.bot.command(PM, 'start Acme Coffee en');
    await t.app.bot.command(PM, 'due Acme Coffee 2030-12-11');
    const env = { DATABASE_PATH: t.app.config.databasePath, SECRET_KEY: Buffer.alloc(32, 7).toString('base64') };
    const out = await runReleaseBot(['status', 'Acme', 'Coffee', '--lang', 'en'], { env });
    // The CLI reads the real clock: a launch in 2030 is on track (a year without holiday data counts Monday–Friday).
    expect(out.out).toMatch(
      /launch 2030-12-11: on track — the tightest item is App ID \(latest safe date 2030-11-27, needs 10 working days before launch\)/,
    );
  });
});
