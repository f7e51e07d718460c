/**
 * A timeline worth reading: a scripted release leaves no event for a change that changes nothing
 * (`Roles: asked → asked`), and what the bot does by itself (asking the next questions) is the bot's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openClientItems } from '../../src/conversation/questions.js';
import { LocalSession } from '../../src/cli/local-session.js';
import type { ItemKey } from '../../src/checklist/types.js';
import { buildTimeline } from '../../src/status/timeline.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { CLIENT_APP_ID } from '../support/ids.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const ANSWERS: Partial<Record<ItemKey, string>> = {
  enterprise_account: 'Yes, it is our company account and it is verified',
  app_id: `App ID: ${CLIENT_APP_ID}`,
  merchant_account: 'no payments in this MP',
  app_secret: 'the app secret is 3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d',
  roles: 'roles added, done',
  developers: 'added the developers',
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

describe('the timeline of a scripted release', () => {
  it('has no event that changes nothing, and the bot’s own asking is credited to the bot', async () => {
    t = await startTestApp();
    const session = new LocalSession(t.app, 'blue');
    await session.send('pm', '/release start Blue Tea en');
    const releaseId = t.app.store.openReleaseOf(t.app.service.clientByName('Blue Tea').id)?.id as number;
    await session.send('client', 'hello?'); // nothing to read: the bot asks again, which changes nothing
    await session.send('client', 'skip');
    for (let turn = 0; turn < 40; turn += 1) {
      const asked = openClientItems(t.app.store.items(releaseId)).find((i) => i.status === 'asked');
      if (!asked) break;
      await session.send('client', ANSWERS[asked.key] ?? 'done');
    }
    await session.send('pm', '/release ask Blue Tea roles');
    await session.send('pm', '/release done Blue Tea sentry');

    const timeline = buildTimeline(
      t.app.store.events(releaseId, 1000),
      t.app.store.releaseMessages(releaseId, 1000),
      1000,
    );
    const changes = timeline.flatMap((e) => (e.kind === 'item' ? [e] : []));
    expect(changes.length).toBeGreaterThan(26);
    const noOps = changes.filter(
      (e) => e.from.status === e.to.status && JSON.stringify(e.from.value) === JSON.stringify(e.to.value),
    );
    // A skip keeps the status and value but marks the item postponed (its note): the only such line allowed.
    expect(noOps.map((e) => `${e.itemKey}: ${e.from.status} → ${e.to.status}`)).toEqual([
      'enterprise_account: asked → asked',
    ]);
    // asked by the bot: every todo → asked that follows the client's messages is the bot's.
    const askedByClient = changes.filter(
      (e) => e.from.status === 'todo' && e.to.status === 'asked' && e.actor === 'local:client',
    );
    expect(askedByClient).toEqual([]);
    expect(changes.some((e) => e.from.status === 'todo' && e.to.status === 'asked' && e.actor === 'bot')).toBe(true);
  });
});
