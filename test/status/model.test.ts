import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatus, OVERDUE_AFTER_MS } from '../../src/status/model.js';
import { buildTimeline } from '../../src/status/timeline.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ACME_SECRET, seedAcme, seedQuiet } from './seed.js';
import { CLIENT_APP_ID } from '../support/ids.js';

describe('the status model, on a seeded database', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('a PM sees the blocked, overdue release first, with its waits, secrets and progress', () => {
    seedQuiet(t, 'Aardvark Tea');
    const acme = seedAcme(t);
    const statuses = buildStatus(t.app.store.statusRows(), t.clock.now());
    expect(statuses.map((s) => s.client.name)).toEqual(['Acme Coffee', 'Aardvark Tea']);
    const [s] = statuses;
    if (!s) throw new Error('no status');
    expect(s.releaseId).toBe(acme.release.id);
    // The overview carries only the items that need a PM's eye; progress is counted over all 26.
    expect(s.items.map((i) => i.key).sort()).toEqual(['app_icon', 'app_secret', 'developers', 'template_ids']);
    expect(s.progress.total).toBe(26);
    expect(s.progress.sections.development).toMatchObject({ total: 10 });
    expect(s.progress.done).toBe(2);
    expect(s.waitingOnClient.map((w) => w.key).sort()).toEqual(['developers', 'template_ids']);
    expect(s.waitingOnClient[0]?.waitedMs).toBeGreaterThan(OVERDUE_AFTER_MS);
    expect(s.overdue.sort()).toEqual(['developers', 'template_ids']);
    expect(s.blocked).toEqual([{ key: 'app_icon', note: 'brand team, "v2", not ready' }]);
    expect(s.secrets).toEqual([{ key: 'app_secret', last4: ACME_SECRET.slice(-4) }]);
    expect(s.lastClientReplyAt).toBe(t.clock.now().toISOString());
    expect(statuses[1]?.attention).toBeLessThan(s.attention);
  });

  it('one client’s status is read alone, and a release’s timeline shows who wrote, what changed and what the bot sent', async () => {
    seedQuiet(t, 'Blue Tea');
    const acme = seedAcme(t);
    await t.app.listen();
    await t.app.outbox.flush();
    const only = buildStatus(t.app.store.statusRows({ clientId: acme.client.id }), t.clock.now());
    expect(only.map((s) => s.client.name)).toEqual(['Acme Coffee']);
    const timeline = buildTimeline(t.app.store.events(acme.release.id), t.app.store.releaseMessages(acme.release.id));
    const kinds = new Set(timeline.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['binding', 'inbound', 'item', 'outbound', 'release']);
    const inbound = timeline.find((e) => e.kind === 'inbound');
    expect(inbound?.kind === 'inbound' && inbound.text).not.toContain(ACME_SECRET);
    const sent = timeline.find((e) => e.kind === 'outbound' && e.text.startsWith('Thanks'));
    expect(sent).toMatchObject({ kind: 'outbound', state: 'sent', text: 'Thanks — App ID saved.' });
    const appId = timeline.find((e) => e.kind === 'item' && e.itemKey === 'app_id' && e.to.status === 'answered');
    expect(appId).toMatchObject({ actor: 'local:client', to: { value: CLIENT_APP_ID } });
  });
});
