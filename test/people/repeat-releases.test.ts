/**
 * Repeat releases: a client's second and third releases carry the facts that rarely change, ask the
 * client to confirm them in one message, replace only what a correction names, and keep a history.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemDef } from '../../src/checklist/items.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { statusBlocks } from '../../bots/slack/status-blocks.js';
import { openClientItems } from '../../src/conversation/questions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { CLIENT_APP_ID } from '../support/ids.js';

let t: TestApp;
beforeEach(async () => {
  t = await startTestApp();
});
afterEach(() => t.close());

const SECRET = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';
const ANSWERS: Partial<Record<ItemKey, string>> = {
  enterprise_account: 'Yes, it is our company account and it is verified',
  app_id: `App ID: ${CLIENT_APP_ID}`,
  merchant_account: 'merchant id 1623456789, active',
  app_secret: `the app secret is ${SECRET}`,
  roles: 'roles added, done',
  developers: 'developers: dev_wang01, dev_li02',
  beta_whitelist: 'beta testers: mike_chen88, anna_lee01',
  mp_category: 'MP category: Food & Beverage > Restaurant',
  ugc_license: 'No UGC',
  template_ids: 'template id 9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk',
  functions_pages: 'n/a',
  analytics_platform: 'We use Google Analytics 4',
  open_platform: 'no',
  nearby_locations: 'n/a',
  admin_url_whitelist: 'domains api.bluetea.cn with ICP 京ICP备2020012345号-2',
  sms_template: 'SMS template SMS_987654321',
  sharing_flow: 'done',
  app_icon: 'done',
  permission_page: 'done',
  service_messages: 'n/a',
  error_copywriting: 'done',
};

const pm = {
  platform: 'local' as const,
  user: 'local:pm',
  isPm: true,
  locale: 'en' as const,
  conversation: { platform: 'local' as const, channel: 'client', kind: 'local' as const, shared: false },
};

async function command(text: string): Promise<string> {
  const reply = await t.app.bot.command(pm, text);
  await t.app.outbox.flush();
  return reply.message.text;
}

/** What the client wrote, and every message the bot sent back to the client's conversation. */
async function client(text: string): Promise<string> {
  const seen = t.app.localChat?.transcript.length ?? 0;
  await t.app.bot.handle({
    platform: 'local',
    channel: 'client',
    sender: 'local:client',
    text,
    externalId: randomUUID(),
  });
  await t.app.outbox.flush();
  return clientMessagesSince(seen).join('\n');
}

function clientMessagesSince(seen: number): string[] {
  return (t.app.localChat?.transcript.slice(seen) ?? []).filter((m) => m.to !== 'user:pm').map((m) => m.message.text);
}

const releaseId = (): number => t.app.store.openReleaseOf(t.app.service.clientByName('Blue Tea').id)?.id as number;

/** Answers every question the bot asks, like a person; returns the items asked. */
async function answerAll(): Promise<ItemKey[]> {
  const asked: ItemKey[] = [];
  for (let turn = 0; turn < 40; turn += 1) {
    const next = openClientItems(t.app.store.items(releaseId())).find((i) => i.status === 'asked');
    if (!next) break;
    asked.push(next.key);
    await client(ANSWERS[next.key] as string);
  }
  return asked;
}

const CARRIED: ItemKey[] = [
  'enterprise_account',
  'app_id',
  'app_secret',
  'developers',
  'beta_whitelist',
  'mp_category',
  'ugc_license',
  'template_ids',
  'open_platform',
  'merchant_account',
  'admin_url_whitelist',
];

describe('repeat releases', () => {
  it('carries the stable facts into the second release and asks to confirm them in one message; a correction replaces only that fact', async () => {
    await command('/release start Blue Tea en');
    await answerAll();
    const first = releaseId();
    expect(await command('/release close Blue Tea')).toContain('Closed the release');

    const seen = t.app.localChat?.transcript.length ?? 0;
    const started = await command('/release start Blue Tea v2.1');
    expect(started).toContain('Release no. 2 (v2.1) started for Blue Tea');
    expect(started).toContain(`${CARRIED.length} facts carried from release 1`);
    const second = releaseId();
    expect(second).not.toBe(first);
    expect(t.app.store.getRelease(second)).toMatchObject({ seq: 2, name: 'v2.1' });

    // One message: every carried fact marked, secrets masked, and how to confirm them all.
    const opening = clientMessagesSince(seen);
    expect(opening).toHaveLength(1);
    const text = opening[0] as string;
    expect(text).toContain(`App ID: ${CLIENT_APP_ID} — from release 1, still right?`);
    expect(text).toContain('App secret: ••••7e6d — from release 1, still right?');
    expect(text).toContain('Developers: dev_wang01, dev_li02 — from release 1, still right?');
    expect(text).toContain('Merchant account: active · 1623456789 — from release 1, still right?');
    expect(text).toContain('Reply “all correct”');
    expect(text).not.toContain(SECRET);
    // Things redone each time start fresh, and some are asked in the same message.
    for (const key of ['app_icon', 'sharing_flow', 'error_copywriting', 'mp_url_whitelist', 'roles'] as const)
      expect(t.app.store.item(second, key)?.value).toBeNull();
    expect(text).toContain('And for this release:');
    for (const key of CARRIED)
      expect(t.app.store.item(second, key)).toMatchObject({ carriedFrom: 1, confirmPending: true });
    // The sealed secret came along (the App-secret check can read it), never shown.
    expect(t.app.service.revealSecret(second, 'app_secret')).toBe(SECRET);

    // A correction during confirmation replaces only that fact; the rest still wait.
    const corrected = await client('the App ID changed: wx1111111111111111');
    expect(corrected).toContain(`App ID corrected: ${CLIENT_APP_ID} → wx1111111111111111`);
    expect(corrected).toContain('Still to confirm from the last release:');
    expect(t.app.store.item(second, 'app_id')).toMatchObject({
      value: 'wx1111111111111111',
      confirmPending: false,
      status: 'answered',
    });
    expect(t.app.store.item(second, 'developers')).toMatchObject({
      value: ['dev_wang01', 'dev_li02'],
      confirmPending: true,
    });

    // "yes, all correct" settles every other carried fact at once.
    const confirmed = await client('Yes, all correct!');
    expect(confirmed).toContain('confirmed as still right');
    for (const key of CARRIED) expect(t.app.store.item(second, key)?.confirmPending, key).toBe(false);
    expect(t.app.store.item(second, 'app_id')?.value).toBe('wx1111111111111111');
    expect(t.app.store.item(second, 'developers')?.status).toBe('answered');
    expect(t.app.store.item(second, 'merchant_account')?.value).toEqual({
      status: 'active',
      merchant_id: '1623456789',
    });

    // Status shows where a value came from, and the release history.
    const status = await command('/release status Blue Tea');
    expect(status).toContain('[carried from release 1]');
    expect(status).toContain('Releases of Blue Tea:');
    expect(status).toMatch(/#1 · closed · opened/);
    expect(status).toMatch(/#2 v2\.1 · open · opened/);

    // Slack renders the status view as blocks: the same marks and history.
    const view = (await t.app.bot.command(pm, '/release status Blue Tea')).view;
    const blocks = JSON.stringify(view ? statusBlocks('en', view, t.clock.now()) : []);
    expect(blocks).toContain('carried from release 1');
    expect(blocks).toContain('#2 v2.1 · open');

    // The release page shows the same: each carried value's origin and the history, linked.
    const port = await t.app.listen();
    const html = await (await fetch(`http://127.0.0.1:${port}/releases/${second}`)).text();
    expect(html).toContain('carried from release 1');
    expect(html).toContain('Releases of Blue Tea:');
    expect(html).toContain(`href="/releases/${first}"`);
    expect(html).not.toContain(SECRET);
  });

  it('a third release answers nothing twice that did not change', async () => {
    await command('/release start Blue Tea en');
    await answerAll();
    await command('/release close Blue Tea');
    await command('/release start Blue Tea v2');
    await client('都对');
    await answerAll();
    await command('/release close Blue Tea');

    const seen = t.app.localChat?.transcript.length ?? 0;
    await command('/release start Blue Tea v3');
    const third = releaseId();
    expect(clientMessagesSince(seen).join('\n')).toContain(`App ID: ${CLIENT_APP_ID} — from release 2, still right?`);
    expect(await client('都对')).toContain('confirmed as still right');
    const asked = await answerAll();
    // Nothing carried is asked again as a question; only what is redone each release is.
    expect(asked.filter((k) => CARRIED.includes(k))).toEqual([]);
    expect(asked.every((k) => !itemDef(k).carry)).toBe(true);
    expect(asked.length).toBeGreaterThan(0);
    const items = t.app.store.items(third);
    expect(
      items.filter((i) => i.status === 'todo' || i.status === 'asked').filter((i) => itemDef(i.key).owner === 'client'),
    ).toEqual([]);
    // The history lists all three.
    expect(
      t.app.store.releasesOf(t.app.service.clientByName('Blue Tea').id).map((r) => [r.seq, r.name, r.state]),
    ).toEqual([
      [1, null, 'closed'],
      [2, 'v2', 'closed'],
      [3, 'v3', 'open'],
    ]);
  });
});
