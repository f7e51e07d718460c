/**
 * Hand-over and watchers: `/release pm` moves a release to another PM (audited; the digest and the
 * escalations follow it), `/release watch` adds a client's lines to another member's digest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/index.js';
import { sendDigests } from '../../src/reminders/digest.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import {
  fireNow,
  openQueue,
  PM,
  type QueueProbe,
  scheduled,
  sh,
  startAcme,
  transcript,
} from '../jobs/reminder-helpers.js';

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

const as = (user: string): CommandContext => ({ ...PM, user });

async function start(at: string): Promise<void> {
  t = await startTestApp({ clock: new FakeClock(new Date(at)), env: { PM_USERS: 'local:pm,local:lin,local:mei' } });
  probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
}

describe('hand-over and watchers', () => {
  it('/release pm hands the release over: audited, the new PM told, and the digest and escalations go to them', async () => {
    await start(sh('2026-11-25T10:00:00'));
    const release = await startAcme(t);
    expect((await t.app.bot.command(PM, 'pm Acme Coffee local:nobody')).message.text).toContain(
      'is not one of the agency’s project managers',
    );
    expect((await t.app.bot.command(PM, 'pm Acme Coffee')).message.text).toContain(
      'Usage: /release pm Acme Coffee <user>',
    );
    const reply = await t.app.bot.command(PM, 'pm Acme Coffee local:lin');
    expect(reply.message.text).toBe(
      'Acme Coffee’s release is now run by local:lin (was local:pm). The digest and escalations go to local:lin from now on.',
    );
    expect(t.app.store.getRelease(release.id)?.pmUser).toBe('local:lin');
    // The timeline says who handed it to whom.
    const handOver = t.app.store
      .events(release.id)
      .find((e) => e.type === 'release' && (e.after as { pmUser?: string }).pmUser === 'local:lin');
    expect(handOver).toMatchObject({ actor: 'local:pm', before: { pmUser: 'local:pm' } });
    const told = (await transcript(t)).filter((m) => m.to === 'user:lin');
    expect(told.map((m) => m.text)).toEqual([
      expect.stringContaining('You now run Acme Coffee’s release no. 1 (handed over by local:pm)'),
    ]);

    // The digest goes to the new PM only.
    t.clock.set(sh('2026-11-26T09:30:00'));
    expect(sendDigests({ store: t.app.store, outbox: t.app.outbox, clock: t.clock }, 'Asia/Shanghai')).toBe(1);
    const digests = (await transcript(t)).filter((m) => m.text.startsWith('Good morning'));
    expect(digests.map((m) => m.to)).toEqual(['user:lin']);
    expect(digests[0]?.text).toContain('Acme Coffee:');

    // So does the escalation after the last nudge.
    for (let n = 1; n <= 2; n += 1) {
      const [next] = scheduled(t, release.id, 'nudge');
      await fireNow(t, probe, next as NonNullable<typeof next>);
    }
    const [escalation] = scheduled(t, release.id, 'escalation');
    await fireNow(t, probe, escalation as NonNullable<typeof escalation>);
    const escalations = (await transcript(t)).filter((m) => m.text.startsWith('Acme Coffee has not answered'));
    expect(escalations.map((m) => m.to)).toEqual(['user:lin']);
  });

  it('/release watch adds the client’s lines to another member’s digest; unwatch removes them', async () => {
    await start(sh('2026-11-25T09:30:00'));
    await startAcme(t);
    expect((await t.app.bot.command(as('local:mei'), 'watch Acme Coffee')).message.text).toBe(
      'You now get Acme Coffee’s lines in your morning digest.',
    );
    expect((await t.app.bot.command(as('local:mei'), 'watch Acme Coffee')).message.text).toBe(
      'You already watch Acme Coffee.',
    );
    expect((await t.app.bot.command(PM, 'contact list Acme Coffee')).message.text).toContain('Watching: local:mei');
    const deps = { store: t.app.store, outbox: t.app.outbox, clock: t.clock };
    expect(sendDigests(deps, 'Asia/Shanghai')).toBe(2);
    const digests = (await transcript(t)).filter((m) => m.text.startsWith('Good morning'));
    expect(digests.map((m) => m.to).sort()).toEqual(['user:mei', 'user:pm']);
    expect(digests.find((m) => m.to === 'user:mei')?.text).toMatch(/Acme Coffee: \d+\/26 done/);

    expect((await t.app.bot.command(as('local:mei'), 'unwatch Acme Coffee')).message.text).toBe(
      'You no longer get Acme Coffee’s lines in your digest.',
    );
    t.clock.set(sh('2026-11-26T09:30:00'));
    expect(sendDigests(deps, 'Asia/Shanghai')).toBe(1);
    const next = (await transcript(t)).filter((m) => m.text.startsWith('Good morning — your releases on 2026-11-26'));
    expect(next.map((m) => m.to)).toEqual(['user:pm']);
  });
});
