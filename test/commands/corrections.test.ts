/**
 * A PM fixes any value without writing in the client's thread: `/release set|unset|note`, validated
 * like a client's answer (limits too), audited with before and after, credited to the PM; and
 * `/release due` refuses dates that do not exist or are past.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/index.js';
import { buildStatus } from '../../src/status/model.js';
import { releaseText } from '../../src/status/render-text.js';
import { exportCsv } from '../../src/status/export.js';
import { startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let releaseId: number;
const pm: CommandContext = {
  platform: 'local',
  user: 'local:pm',
  isPm: true,
  locale: 'en',
  conversation: { platform: 'local', channel: 'acme', kind: 'local', shared: false },
};

async function run(text: string): Promise<string> {
  const reply = await t.app.bot.command(pm, text);
  await t.app.outbox.flush();
  return reply.message.text;
}

/** What the bot sent into the client's conversation so far. */
const toClient = (): string[] =>
  (t.app.localChat?.transcript ?? []).filter((m) => m.to === 'thread:acme').map((m) => m.message.text);

beforeEach(async () => {
  t = await startTestApp();
  await run('/release start Acme en');
  releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Acme').id)?.id as number;
});
afterEach(() => t.close());

describe('/release set', () => {
  it('sets a value named by its zh label, audited with before/after and credited to the PM, without a word to the client', async () => {
    const before = toClient().length;
    const text = await run('/release set Acme 商户号 1900000109');
    expect(text).toMatch(
      /^Acme · Merchant account: — → .*1900000109\. Recorded as set by you; nothing was said in the client’s conversation\.$/,
    );
    expect(t.app.store.item(releaseId, 'merchant_account')).toMatchObject({
      value: { status: 'active', merchant_id: '1900000109' },
      status: 'answered',
      setBy: 'local:pm',
      setRole: 'pm',
      setHow: 'pm',
    });
    expect(toClient()).toHaveLength(before);
    const event = t.app.store.events(releaseId).find((e) => e.type === 'item' && e.itemKey === 'merchant_account');
    expect(event).toMatchObject({
      actor: 'local:pm',
      before: { status: 'asked', value: null },
      after: { status: 'answered', value: { status: 'active', merchant_id: '1900000109' } },
    });
  });

  it('refuses a value the client would be refused for, with the same reason, changing nothing', async () => {
    expect(await run('/release set Acme app_id wx123')).toContain('“wx123” is not an App ID');
    expect(t.app.store.item(releaseId, 'app_id')?.value).toBeNull();
    expect(await run('/release set Acme rocket 1')).toContain('“rocket 1” is not a checklist item');
  });

  it('an App secret given for another item is refused with its mask only, and stored nowhere in clear', async () => {
    const SECRET = '7c1e9a2b4d6f8a0c2e4b6d8f0a1c3e5b';
    const answers = [
      await run(`/release set Acme app_icon ${SECRET}`),
      await run(`/release set Acme app_id ${SECRET}`),
      await run(`/release set Acme developers +${SECRET}`),
    ];
    for (const answer of answers) {
      expect(answer).not.toContain(SECRET);
      expect(answer).toContain('••••3e5b');
    }
    expect(t.app.store.item(releaseId, 'app_icon')?.value).toBeNull();
    expect(t.app.store.item(releaseId, 'app_id')?.value).toBeNull();
    const tables = ['events', 'outbox', 'items'].flatMap((table) =>
      t.app.db.$client
        .prepare(`select * from ${table}`)
        .all()
        .map((r) => JSON.stringify(r)),
    );
    expect(tables.filter((r) => r.includes(SECRET))).toEqual([]);
    expect(toClient().filter((m) => m.includes(SECRET))).toEqual([]);
  });

  it('keeps the seed’s limits: an 11th nearby location is refused', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `+上海市静安区南京西路${1200 + i}号`).join(' ');
    expect(await run(`/release set Acme nearby_locations ${ten}`)).toContain('→');
    expect(await run('/release set Acme nearby_locations +北京市朝阳区建国路1号')).toContain('10');
    expect(t.app.store.item(releaseId, 'nearby_locations')?.value).toHaveLength(10);
  });

  it('edits a list with +entry and -entry, or replaces it with a whole new list', async () => {
    await run('/release set Acme developers zhang_wei88 lisa_chen01');
    expect(t.app.store.item(releaseId, 'developers')?.value).toEqual(['zhang_wei88', 'lisa_chen01']);
    await run('/release set Acme developers -zhang_wei88 +mike_chen88');
    expect(t.app.store.item(releaseId, 'developers')?.value).toEqual(['lisa_chen01', 'mike_chen88']);
    expect(await run('/release set Acme developers -nobody_here')).toContain('“nobody_here”');
    await run('/release set Acme developers anna_lee01');
    expect(t.app.store.item(releaseId, 'developers')?.value).toEqual(['anna_lee01']);
  });

  it('sets an App secret sealed, shown only masked', async () => {
    const secret = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
    const text = await run(`/release set Acme app_secret ${secret}`);
    expect(text).toContain('••••7e6d');
    expect(text).not.toContain(secret);
    expect(t.app.service.revealSecret(releaseId, 'app_secret')).toBe(secret);
    expect(JSON.stringify(t.app.store.events(releaseId))).not.toContain(secret);
  });
});

describe('/release unset and /release note', () => {
  it('unset puts the item back to asked with no value; the client’s undo of it is refused as changed since', async () => {
    await t.app.bot.handle({
      platform: 'local',
      channel: 'acme',
      sender: 'local:client',
      text: 'AppID wx1a2b3c4d5e6f7a8b',
      externalId: 'c1',
    });
    expect(await run('/release unset Acme AppID')).toContain('cleared (was wx1a2b3c4d5e6f7a8b)');
    expect(t.app.store.item(releaseId, 'app_id')).toMatchObject({ value: null, status: 'asked', setHow: 'pm' });
    await t.app.bot.handle({
      platform: 'local',
      channel: 'acme',
      sender: 'local:client',
      text: '撤销',
      externalId: 'c2',
    });
    await t.app.outbox.flush();
    expect(toClient().at(-1)).toContain('App ID has changed since your answer');
    expect(t.app.store.item(releaseId, 'app_id')?.value).toBeNull();
  });

  it('a note shows in status and in the CSV export, never to the client', async () => {
    const before = toClient().length;
    expect(await run('/release note Acme app_icon waiting for the designer')).toContain('note saved');
    const [status] = buildStatus(
      t.app.store.statusRows({ clientId: t.app.service.clientByName('Acme').id }),
      t.clock.now(),
    );
    if (!status) throw new Error('no status');
    expect(releaseText('en', status, t.clock.now())).toContain('PM note: waiting for the designer');
    expect(exportCsv('en', status)).toContain('waiting for the designer');
    expect(toClient()).toHaveLength(before);
    expect(t.app.store.events(releaseId).some((e) => e.type === 'item_note' && e.actor === 'local:pm')).toBe(true);
    await run('/release note Acme app_icon -');
    expect(t.app.store.item(releaseId, 'app_icon')?.pmNote).toBeNull();
  });
});

describe('/release due', () => {
  it.each([
    ['2026-02-30', 'does not exist in the calendar'],
    ['2026-13-01', 'does not exist in the calendar'],
    ['2020-01-01', 'is already past'],
    ['2026-11-24', 'is already past'],
  ])('refuses %s with a clear answer and sets nothing', async (date, words) => {
    const text = await run(`/release due Acme ${date}`);
    expect(text).toContain(words);
    expect(t.app.store.getRelease(releaseId)?.targetDate).toBeNull();
    expect(t.app.store.remindersOf(releaseId, 'scheduled').filter((r) => r.kind === 'due_date')).toHaveLength(0);
  });

  it('accepts today and a leap day that exists', async () => {
    // The fake clock is 2026-11-25 10:00 in Shanghai.
    expect(await run('/release due Acme 2026-11-25')).toContain('2026-11-25');
    expect(await run('/release due Acme 2028-02-29')).toContain('2028-02-29');
    expect(t.app.store.getRelease(releaseId)?.targetDate).toBe('2028-02-29');
  });
});
