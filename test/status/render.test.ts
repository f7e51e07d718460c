import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECTIONS } from '../../src/checklist/types.js';
import { t as tr } from '../../src/i18n/index.js';
import { escapeHtml, html } from '../../src/status/html.js';
import { buildStatus } from '../../src/status/model.js';
import { overviewHtml, releaseHtml } from '../../src/status/render-html.js';
import { buildTimeline } from '../../src/status/timeline.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { ACME_SECRET, seedAcme } from './seed.js';
import { CLIENT_APP_ID } from '../support/ids.js';

/** The page's visible text, tags dropped and entities read back: what a reader sees. */
function visibleText(markup: string): string {
  return markup
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('the status as HTML', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  it('escapes everything a client or PM typed, so a name cannot inject markup', () => {
    seedAcme(t, '<img src=x onerror=alert(1)> & Co');
    const now = t.clock.now();
    const markup = overviewHtml('en', buildStatus(t.app.store.statusRows(), now), now).value;
    expect(markup).not.toContain('<img');
    expect(visibleText(markup)).toContain('<img src=x onerror=alert(1)> & Co');
    expect(html`<b>${'"quoted" <x>'}</b>`.value).toBe('<b>&quot;quoted&quot; &lt;x&gt;</b>');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });

  it('the overview shows progress, waits, blocked items and the next step, in English and Chinese', () => {
    seedAcme(t);
    const now = t.clock.now();
    const statuses = buildStatus(t.app.store.statusRows(), now);
    const en = visibleText(overviewHtml('en', statuses, now).value);
    expect(en).toContain('Acme Coffee');
    expect(en).toContain('2/26 done');
    expect(en).toContain('Waiting on the client 2 (oldest 4 d)'); // the label once, the value without repeating it
    expect(en).not.toContain('waiting on client:');
    expect(en).toContain(`Blocked ${tr('en', 'item.app_icon.label')} (brand team, "v2", not ready)`);
    expect(en).toContain(`••••${ACME_SECRET.slice(-4)}`);
    const zh = visibleText(overviewHtml('zh', statuses, now).value);
    expect(zh).toContain('已完成 2/26');
    expect(zh).toContain(tr('zh', 'web.field.waiting'));
    expect(visibleText(overviewHtml('en', [], now).value)).toContain(tr('en', 'web.none'));
  });

  it('the overview shows the most urgent releases first and counts the rest behind "show all"', () => {
    seedAcme(t);
    const now = t.clock.now();
    const quiet = t.app.store.createClient({
      name: 'Quiet Tea',
      locale: 'en',
      timezone: 'Asia/Shanghai',
      at: now.toISOString(),
    });
    t.app.store.createRelease({ clientId: quiet.id, pmUser: 'local:pm', keys: ['app_id'], at: now.toISOString() });
    const statuses = buildStatus(t.app.store.statusRows(), now);
    const markup = overviewHtml('en', statuses, now, { limit: 1, allHref: '/?all=1' }).value;
    expect(visibleText(markup)).toContain('Acme Coffee');
    expect(visibleText(markup)).not.toContain('Quiet Tea');
    expect(visibleText(markup)).toContain(tr('en', 'web.more', { count: 1, total: 2 }));
    expect(markup).toContain('href="/?all=1"');
    expect(visibleText(overviewHtml('en', statuses, now, { limit: Number.POSITIVE_INFINITY }).value)).toContain(
      'Quiet Tea',
    );
  });

  it('a release page lists every item by section with masked secrets, and the timeline', async () => {
    const acme = seedAcme(t);
    await t.app.listen();
    await t.app.outbox.flush();
    const now = t.clock.now();
    const [s] = buildStatus(t.app.store.statusRows({ clientId: acme.client.id }), now);
    if (!s) throw new Error('no status');
    const timeline = buildTimeline(t.app.store.events(s.releaseId), t.app.store.releaseMessages(s.releaseId));
    const markup = releaseHtml('en', s, timeline, now).value;
    const text = visibleText(markup);
    expect(markup.match(/<tr data-item=/g)).toHaveLength(26);
    for (const section of SECTIONS) expect(text).toContain(tr('en', `section.${section}`));
    expect(text).toContain(CLIENT_APP_ID);
    expect(text).not.toContain(ACME_SECRET);
    expect(text).toContain(`local:client set ${tr('en', 'item.app_id.label')}: asked → answered · ${CLIENT_APP_ID}`);
    expect(text).toContain('The bot sent (delivered) Thanks — App ID saved.');
    expect(text).toContain('local:client wrote');
  });
});
