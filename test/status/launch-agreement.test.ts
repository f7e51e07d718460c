/**
 * One planning truth: the overview, the digest and `/release status <client>` plan the launch from the
 * same items (every unfinished one, asked or not), so they agree on the state and the deciding item.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDigests } from '../../src/reminders/digest.js';
import { buildStatus, type ReleaseStatus } from '../../src/status/model.js';
import { launchText, overviewText } from '../../src/status/render-text.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { PM, sh } from '../jobs/reminder-helpers.js';

let t: TestApp;
beforeEach(async () => {
  // The servers (the agency's, never asked of the client: 'todo') need 12 working days: they decide.
  t = await startTestApp({
    clock: new FakeClock(new Date(sh('2026-11-30T10:00:00'))),
    env: { LEAD_TIMES: 'servers=12' },
  });
});
afterEach(() => t.close());

async function oneRelease(client: string): Promise<ReleaseStatus> {
  const reply = await t.app.bot.command(PM, `status ${client}`);
  if (reply.view?.kind !== 'release') throw new Error(`no release view for ${client}`);
  return reply.view.status;
}

describe('the overview, the digest and /release status <client> agree on the launch', () => {
  it('seeded releases: at risk on an item not asked yet, late on a wait, on track — the same state and deciding item everywhere', async () => {
    // Each client in its own channel, as a PM starts them.
    for (const name of ['Acme Coffee', 'Beta Bakery', 'Gamma Gym']) {
      const started = await t.app.bot.command(
        { ...PM, conversation: { platform: 'local', channel: name, kind: 'local', shared: false } },
        `start ${name} en`,
      );
      expect(started.message.text).toContain(`Release started for ${name}`);
    }
    // Acme: launch Fri 18 Dec; the servers' latest safe date is Wed 2 Dec, within 2 working days of Mon 30 Nov.
    await t.app.bot.command(PM, 'due Acme Coffee 2026-12-18');
    // Beta: launch Thu 31 Dec; the merchant account waits on the bank until 28 Dec, after its latest safe date 22 Dec.
    await t.app.bot.command(PM, 'due Beta Bakery 2026-12-31');
    await t.app.bot.command(PM, 'wait Beta Bakery merchant_account 2026-12-28 bank approval');
    // Gamma: launch Thu 31 Dec, nothing waiting: the servers (by 15 Dec) are the tightest, on track.
    await t.app.bot.command(PM, 'due Gamma Gym 2026-12-31');

    const expected = {
      'Acme Coffee': { state: 'at_risk', key: 'servers', safe: '2026-12-02' },
      'Beta Bakery': { state: 'late', key: 'merchant_account', safe: '2026-12-22' },
      'Gamma Gym': { state: 'on_track', key: 'servers', safe: '2026-12-15' },
    } as const;
    const now = t.clock.now();
    const overview = buildStatus(t.app.store.statusRows(), now);
    const digest = buildDigests(t.app.store, now, 'Asia/Shanghai').get('local:pm')?.text ?? '';
    const overviewReply = (await t.app.bot.command(PM, 'status')).message.text;
    expect(overviewReply).toBe(overviewText('en', overview));
    for (const [client, want] of Object.entries(expected)) {
      const one = await oneRelease(client);
      const inOverview = overview.find((s) => s.client.name === client);
      expect(one.launch).toMatchObject({ state: want.state, deciding: { key: want.key, latestSafe: want.safe } });
      // The overview carries only the items needing a PM's eye, yet plans from every open item.
      expect(inOverview?.launch?.state).toBe(one.launch?.state);
      expect(inOverview?.launch?.deciding).toEqual(one.launch?.deciding);
      expect(inOverview?.launch?.items).toEqual(one.launch?.items);
      expect(overviewReply).toContain(`launch ${one.launch?.targetDate}: ${want.state.replace('_', ' ')}`);
      const line = launchText('en', one);
      expect((await t.app.bot.command(PM, `status ${client}`)).message.text).toContain(line);
      // The digest repeats the line while the date is at risk or late, word for word as status says it.
      if (want.state === 'on_track') expect(digest).not.toContain(line);
      else expect(digest).toContain(`    ${line}`);
    }
    expect(digest).toContain(
      '    launch 2026-12-18: AT RISK — Servers must be done by 2026-12-02 (needs 12 working days before launch)',
    );
    expect(digest).toContain(
      '    launch 2026-12-31: LATE, the date does not hold — Merchant account is expected 2026-12-28, after its latest safe date 2026-12-22',
    );

    // The deciding item finished: both views move to the next one together.
    await t.app.bot.command(PM, 'done Acme Coffee servers');
    const acme = await oneRelease('Acme Coffee');
    const again = buildStatus(t.app.store.statusRows(), t.clock.now()).find((s) => s.client.name === 'Acme Coffee');
    expect(acme.launch).toMatchObject({ state: 'on_track', deciding: { key: 'app_id', latestSafe: '2026-12-04' } });
    expect(again?.launch).toEqual(acme.launch);
  });
});
