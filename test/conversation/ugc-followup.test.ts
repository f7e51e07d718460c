import { afterEach, describe, expect, it } from 'vitest';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { FakeClock, startTestApp, type TestApp } from '../support/app.js';
import { sh, startAcme, transcript } from '../jobs/reminder-helpers.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('UGC = yes makes the licence its own question', () => {
  it('"有用户评论" keeps the UGC item asked and asks which licence, without yes/no buttons; naming it answers the item', async () => {
    t = await startTestApp({ clock: new FakeClock(new Date(sh('2026-11-25T10:00:00'))) });
    const release = await startAcme(t, 'zh');
    const { service } = t.app;
    // Everything else settled, so the UGC question is the one open.
    for (const key of ITEM_KEYS) if (key !== 'ugc_license') service.setStatus(release.id, key, 'done', 'local:pm');
    service.markAsked(release.id, ['ugc_license'], 'bot');
    const before = (await transcript(t)).length;

    await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text: '有用户评论',
      externalId: 'u1',
    });
    expect(t.app.store.item(release.id, 'ugc_license')).toMatchObject({ status: 'asked', value: { has_ugc: true } });
    const reply = (await transcript(t))
      .slice(before)
      .map((m) => m.text)
      .join('\n');
    expect(reply).toContain('您提到小程序有用户生成内容：请问持有哪种特殊资质');
    expect(reply).not.toContain('小程序是否有用户生成内容');
    const sent = t.app.localChat?.transcript.at(-1)?.message;
    // No yes/no choice for the UGC item (the confirmation's own Undo/Edit buttons may be there).
    const answerButtons = (sent?.blocks ?? [])
      .flatMap((b) => (b.type === 'buttons' ? b.buttons : []))
      .filter((b) => b.action === 'answer');
    expect(answerButtons.filter((b) => b.itemKey === 'ugc_license')).toEqual([]);
    // Still chased like any open question.
    expect(
      t.app.store.remindersOf(release.id, 'scheduled').some((r) => r.kind === 'nudge' && r.itemKey === 'ugc_license'),
    ).toBe(true);

    service.recordAnswer(
      release.id,
      'ugc_license',
      { has_ugc: true, licence: 'ICP经营许可证（已办理）' },
      { actor: 'local:client', mode: 'replace' },
    );
    expect(t.app.store.item(release.id, 'ugc_license')?.status).toBe('answered');
    expect(t.app.store.remindersOf(release.id, 'scheduled').some((r) => r.itemKey === 'ugc_license')).toBe(false);
  });

  it('UGC = no answers the item at once', async () => {
    t = await startTestApp();
    const release = await startAcme(t, 'en');
    expect(
      t.app.service.recordAnswer(release.id, 'ugc_license', { has_ugc: false }, { actor: 'local:client' }),
    ).toMatchObject({ kind: 'saved', status: 'answered' });
  });
});
