import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { DIGEST_QUEUE, DIGEST_SCHEDULER_ID } from '../../jobs/queues.js';
import { sendDigests } from '../../src/reminders/digest.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { fireNow, openQueue, PM, type QueueProbe, scheduled, startAcme, transcript, sh } from './reminder-helpers.js';

let t: TestApp;
let probe: QueueProbe;
afterEach(async () => {
  await probe?.close();
  await t?.close();
});

describe('digest and due dates', () => {
  it('the morning digest is a BullMQ job scheduler at 09:30 on working days, agency time; one message per PM per day', async () => {
    t = await startTestApp({
      clock: new FakeClock(new Date(sh('2026-11-25T09:30:00'))),
      env: { AGENCY_TIMEZONE: 'Asia/Shanghai' },
    });
    probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
    const connection = new Redis(t.app.redisUrl, { maxRetriesPerRequest: null });
    const digestQueue = new Queue(DIGEST_QUEUE, { connection, prefix: t.app.config.queuePrefix });
    const schedulerEntry = await digestQueue.getJobScheduler(DIGEST_SCHEDULER_ID);
    await digestQueue.close();
    await connection.quit();
    // Every day: sendDigests itself skips weekends and holidays and sends on make-up working days.
    expect(schedulerEntry?.pattern).toBe('30 9 * * *');
    expect(schedulerEntry?.tz).toBe('Asia/Shanghai');

    await startAcme(t);
    const deps = { store: t.app.store, outbox: t.app.outbox, clock: t.clock };
    expect(sendDigests(deps, 'Asia/Shanghai')).toBe(1);
    expect(sendDigests(deps, 'Asia/Shanghai')).toBe(0);
    const dms = (await transcript(t)).filter((m) => m.to === 'user:pm');
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toMatch(/^Good morning — your releases on 2026-11-25:\nAcme Coffee: \d+\/26 done/);
  });

  it('a target date warns the thread 3 working days and 1 working day before, at 10:00 client time, listing open items', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    probe = openQueue(t.app.redisUrl, t.app.config.queuePrefix);
    const release = await startAcme(t);
    t.app.store.updateRelease(release.id, { targetDate: '2026-12-10' });
    await t.app.bot.command(PM, 'done Acme Coffee sentry');
    await t.app.bot.command(PM, 'done Acme Coffee app_icon');
    const warnings = scheduled(t, release.id, 'due_date');
    expect(warnings.map((w) => w.dueAt).sort()).toEqual([sh('2026-12-07T10:00:00'), sh('2026-12-09T10:00:00')]);
    const before = (await transcript(t)).length;
    await fireNow(t, probe, warnings.find((w) => w.dueAt === sh('2026-12-07T10:00:00')) as (typeof warnings)[number]);
    // The clock jumped 12 days: the items' nudges, long due, are swept out with the warning; one warning.
    const sent = (await transcript(t)).slice(before);
    const warningsSent = sent.filter((m) => m.text.startsWith('Heads-up'));
    expect(warningsSent).toHaveLength(1);
    // The client's open items in checklist order: not the agency's (sentry), not the icon the PM marked done.
    expect(warningsSent[0]?.text).toContain(
      'Heads-up: the release date is 2026-12-10, 3 working days from now. Still open: Enterprise account, App ID, App secret, Roles, Developers, Functions pages, Beta whitelist, MP category, UGC licence, Template IDs, Analytics platform, Open Platform, Merchant account, Nearby locations, Admin UI URL whitelist, SMS template, Sharing flow, Permission page design, Service messages and Error copywriting.',
    );
    expect(
      sent
        .filter((m) => !m.text.startsWith('Heads-up'))
        .every((m) => m.text.startsWith('Reminder: we still need') || m.text.includes('has not answered')),
    ).toBe(true);
  });
});
