/**
 * A reading the reader is not sure of ("let me ask 技术小吴 first" asked for the analytics platform, "运营在整理 等她"
 * asked for service messages) is read back to the client and kept waiting for their yes: not recorded as an answer,
 * shown to the PM as to confirm, recorded by a plain yes, cleared and asked again by a plain no.
 */
import { describe, expect, it } from 'vitest';
import { carriedLines, guessLines, itemLabel } from '../../src/conversation/questions.js';
import { exportMarkdown } from '../../src/status/export.js';
import { buildStatus } from '../../src/status/model.js';
import { t as copy } from '../../src/i18n/index.js';
import { clientPageHtml } from '../../src/links/client-page-html.js';
import { ReminderFirer } from '../../src/reminders/firing.js';
import { ReminderPlanner } from '../../src/reminders/planner.js';
import { PM } from '../jobs/reminder-helpers.js';
import { CLIENT_APP_ID } from '../support/ids.js';
import { localRelease, localReleases } from '../support/local-client.js';

const release = localReleases();

const NOT_SURE_EN = 'I have not recorded';
const NOT_SURE_ZH = '我先没有记下';

describe('a guess is confirmed before it is recorded', () => {
  it('“let me ask 技术小吴 first” (en): read back, kept to confirm, not asked again; the PM sees it as to confirm', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    const reply = await r.say('let me ask 技术小吴 first');
    expect(reply).toContain(
      `${NOT_SURE_EN} Analytics platform yet. If “let me ask 技术小吴 first” is what you want noted`,
    );
    expect(reply).toContain('reply “yes”');
    expect(reply).not.toContain(copy('en', 'conv.not_understood'));
    expect(reply).not.toContain(copy('en', 'item.analytics_platform.question'));
    expect(r.item('analytics_platform')).toMatchObject({
      value: 'let me ask 技术小吴 first',
      status: 'asked',
      confirmPending: true,
      carriedFrom: null,
    });
    const status = await r.status();
    expect(status).toContain(copy('en', 'people.guess_status'));
    expect(status).not.toContain('carried from release');
  });

  it('a guess on the client page (en): shown as to confirm, among what is still needed', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const html = clientPageHtml({
      locale: 'en',
      clientName: 'Blue Tea',
      scope: 'full',
      until: '2026-12-02 10:00',
      action: '/c/token',
      csrf: 'csrf',
      items: r.app.store.items(r.id).map((item) => ({ item, files: [] })),
    }).value;
    const still = html.slice(html.indexOf(copy('en', 'page.open')), html.indexOf(copy('en', 'page.given')));
    const section = still.slice(still.indexOf('data-item="analytics_platform"'));
    expect(section.slice(0, section.indexOf('</section>'))).toContain(
      'To confirm: let me ask 技术小吴 first — save it as it is if it is right, or change it.',
    );
  });

  it('“运营在整理 等她”, then “对的” (zh): the guess is recorded as the client’s answer', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['service_messages']);
    const first = await r.say('运营在整理 等她');
    expect(first).toContain(`服务消息${NOT_SURE_ZH}。如果“运营在整理 等她”就是要记的内容`);
    expect(r.item('service_messages')?.status).toBe('asked');

    const reply = await r.say('对的');
    expect(reply).toContain('收到 ✅ 服务消息：运营在整理 等她');
    expect(r.item('service_messages')).toMatchObject({
      value: ['运营在整理 等她'],
      status: 'answered',
      confirmPending: false,
      setBy: 'local:client',
    });
    expect(await r.status()).not.toContain(copy('en', 'people.guess_status'));
  });

  it('“no” after a guess (en): the guess is cleared and the item asked again', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const reply = await r.say('no');
    expect(reply).toContain('OK, I have not recorded that for Analytics platform.');
    expect(reply).toContain(copy('en', 'item.analytics_platform.question'));
    expect(r.item('analytics_platform')).toMatchObject({ value: null, status: 'asked', confirmPending: false });
  });

  it('“不对” after a guess on a list (zh): cleared, asked again, nothing added to the list', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['nearby_locations']);
    const first = await r.say('门店地址加一个：北京市朝阳区三里屯路19号');
    expect(first).toContain(NOT_SURE_ZH);
    expect(r.item('nearby_locations')?.confirmPending).toBe(true);
    const reply = await r.say('不对');
    expect(reply).toContain(copy('zh', 'conv.guess_rejected', { label: itemLabel('zh', 'nearby_locations') }));
    expect(reply).toContain(copy('zh', 'item.nearby_locations.question'));
    expect(r.item('nearby_locations')).toMatchObject({ value: null, confirmPending: false, status: 'asked' });
  });

  it('a fresh value after a guess (en) replaces it: answered, not a correction, not merged', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const reply = await r.say('Umeng');
    expect(reply).toContain('Saved ✅ Analytics platform: Umeng');
    expect(reply).not.toContain('corrected');
    expect(r.item('analytics_platform')).toMatchObject({ value: 'Umeng', status: 'answered', confirmPending: false });
  });

  it('“都对” in a repeat release (zh) confirms the carried App ID and the guessed service messages together', async () => {
    const r1 = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    await r1.app.bot.command(PM, '/release close Acme Coffee');
    const r = await localRelease(r1.app, 'zh', 'Acme Coffee');
    expect(r.item('app_id')).toMatchObject({ confirmPending: true, carriedFrom: 1 });
    r.asked(['analytics_platform']);
    await r.say('运营在整理 等她');
    expect(r.item('analytics_platform')?.confirmPending).toBe(true);

    const reply = await r.say('都对');
    expect(reply).toContain('AppID');
    // The carried value is "still right"; the guess, never said before, is saved as an answer.
    expect(reply).toContain(copy('zh', 'people.confirmed', { labels: 'AppID' }));
    expect(reply).toContain('数据分析平台：运营在整理 等她');
    expect(r.item('app_id')).toMatchObject({ confirmPending: false, status: 'answered' });
    expect(r.item('analytics_platform')).toMatchObject({
      value: '运营在整理 等她',
      confirmPending: false,
      status: 'answered',
    });
  });

  it('a plain “对” in a repeat release with no guess pending (zh) leaves the carried values to “都对”', async () => {
    const r1 = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    await r1.app.bot.command(PM, '/release close Acme Coffee');
    const r = await localRelease(r1.app, 'zh', 'Acme Coffee');
    await r.say('对');
    expect(r.item('app_id')).toMatchObject({ confirmPending: true, carriedFrom: 1 });
  });

  it('“ok” with nothing pending (en) is read as before: not understood, nothing recorded', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    const reply = await r.say('ok');
    expect(reply).toContain(copy('en', 'conv.not_understood'));
    expect(reply).not.toContain('Saved');
    expect(r.item('analytics_platform')).toMatchObject({ value: null, status: 'asked' });
  });

  it('an answer to another item while a guess waits (en): the guess is said to be still to confirm', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const reply = await r.say(`App ID ${CLIENT_APP_ID}`);
    expect(reply).toContain('Still open — Analytics platform: if “let me ask 技术小吴 first” is what you want noted');
    expect(r.item('analytics_platform')?.confirmPending).toBe(true);
    expect(r.item('app_id')?.status).toBe('answered');
  });

  it('a nudge while a guess waits (zh) reads the guess back for a yes instead of asking the item from scratch', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['service_messages']);
    await r.say('运营在整理 等她');
    const { app } = r;
    const nudge = app.store
      .remindersOf(r.id, 'scheduled')
      .find((x) => x.kind === 'nudge' && x.itemKey === 'service_messages');
    if (!nudge) throw new Error('no nudge planned for the guess');
    const firer = new ReminderFirer({
      store: app.store,
      service: app.service,
      outbox: app.outbox,
      planner: new ReminderPlanner(app.store),
      clock: { now: () => new Date(nudge.dueAt) },
    });
    const seen = app.localChat?.transcript.length ?? 0;
    expect(app.store.transaction(() => firer.fireOne(nudge.id, nudge.dueAt))).toBe('sent');
    await app.outbox.flush();
    const sent = (app.localChat?.transcript.slice(seen) ?? []).map((m) => m.message.text).join('\n');
    expect(sent).toContain('提醒一下服务消息：如果“运营在整理 等她”就是要记的内容');
    // Other items asked at the same time are nudged as questions; the guess is not among them.
    const asking = sent.split('\n').filter((line) => line.startsWith('提醒：还差'));
    expect(asking.join('\n')).not.toContain('服务消息');
  });

  it('while a guess waits, no other yes/no question is asked beside it, so “是” answers the guess (zh)', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['service_messages']);
    const first = await r.say('运营在整理 等她');
    expect(first).toContain(NOT_SURE_ZH);
    expect(first).not.toContain(copy('zh', 'item.enterprise_account.question'));
    expect(first).not.toContain(copy('zh', 'item.merchant_account.question'));
    await r.say('是');
    expect(r.item('service_messages')).toMatchObject({ value: ['运营在整理 等她'], status: 'answered' });
  });

  it('a tag question or a bare acknowledgement is no yes (en, zh)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    for (const text of ['right?', 'ok', '对吧', '好的']) {
      await r.say(text);
      expect(r.item('analytics_platform'), text).toMatchObject({ confirmPending: true, status: 'asked' });
    }
  });

  it('a guess then “waiting on Tencent” or the PM marking it done keeps none of the guessed words', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['analytics_platform']);
    await r.say('运营在整理 等她');
    r.app.service.setStatus(r.id, 'analytics_platform', 'waiting', 'wecom:wang');
    expect(r.item('analytics_platform')).toMatchObject({ status: 'waiting', value: null, confirmPending: false });

    const r2 = await release('en', 'Blue Tea');
    r2.asked(['analytics_platform']);
    await r2.say('let me ask 技术小吴 first');
    await r2.app.bot.command(PM, '/release done Blue Tea analytics_platform');
    expect(r2.item('analytics_platform')).toMatchObject({ status: 'done', value: 'done', confirmPending: false });
  });

  it('a guess does not replace a value carried from the last release, and “no” does not delete it (zh)', async () => {
    const r1 = await release('zh', 'Acme Coffee', { mp_category: '餐饮 > 饮品' });
    await r1.app.bot.command(PM, '/release close Acme Coffee');
    const r = await localRelease(r1.app, 'zh', 'Acme Coffee');
    expect(r.item('mp_category')).toMatchObject({ value: '餐饮 > 饮品', confirmPending: true, carriedFrom: 1 });
    r.asked(['mp_category']);
    const reply = await r.say('类目运营在整理 等她');
    expect(reply).not.toContain(NOT_SURE_ZH);
    expect(r.item('mp_category')).toMatchObject({ value: '餐饮 > 饮品', confirmPending: true, carriedFrom: 1 });
    await r.say('不对');
    expect(r.item('mp_category')).toMatchObject({ value: '餐饮 > 饮品', carriedFrom: 1 });
  });

  it('a yes comes with Undo; undo after it puts the guess back waiting for a yes (en)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    // The confirmation comes with the way to take it back, like any answer.
    expect(await r.say('yes')).toContain(copy('en', 'conv.take_back_hint'));
    expect(r.item('analytics_platform')).toMatchObject({ status: 'answered', confirmPending: false });
    await r.say('undo');
    expect(r.item('analytics_platform')).toMatchObject({
      value: 'let me ask 技术小吴 first',
      status: 'asked',
      confirmPending: true,
    });
    expect(await r.status()).toContain(copy('en', 'people.guess_status'));
  });

  it('a guess is never listed as carried from an earlier release (the opening re-sent mid-release)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const lines = carriedLines('en', r.app.store.items(r.id), (_key, v) => String(v));
    expect(lines).toEqual([]);
  });

  it('a guess on the last open item ends the reply with its own line, no dangling “Next:” (en)', async () => {
    const r = await release('en', 'Blue Tea');
    for (const item of r.app.store.items(r.id))
      if (item.key !== 'analytics_platform' && item.status !== 'n/a')
        r.app.service.setStatus(r.id, item.key, 'n/a', 'test');
    r.asked(['analytics_platform']);
    const reply = await r.say('let me ask 技术小吴 first');
    expect(reply).toContain(NOT_SURE_EN);
    expect(reply.trim().endsWith(copy('en', 'conv.next'))).toBe(false);
    expect(reply).not.toContain(copy('en', 'conv.all_done'));
  });

  it('skipping the guessed item drops the guess instead of saying it is still open (en)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const reply = await r.say('skip the analytics platform for now');
    expect(reply).not.toContain('Still open — Analytics platform');
    expect(r.item('analytics_platform')).toMatchObject({ value: null, confirmPending: false });
  });

  it('the hand-over export shows a pending guess as to confirm, not as a settled value (en)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['analytics_platform']);
    await r.say('let me ask 技术小吴 first');
    const [s] = buildStatus(
      r.app.store.statusRows({ clientId: r.app.service.clientByName('Blue Tea').id }),
      new Date(),
    );
    if (!s) throw new Error('no status');
    const md = exportMarkdown('en', s, new Date());
    const row = md.split('\n').find((line) => line.includes('let me ask 技术小吴 first')) ?? '';
    expect(row).toContain(copy('en', 'people.guess_status'));
  });

  it('an App ID the client asks about (zh): read back, not recorded; “是的” records it', async () => {
    const r = await release('zh', 'Acme Coffee');
    r.asked(['app_id']);
    const first = await r.say('是这个吗 wx5e6f7a8b9c0d1e2f？后台开发设置里看到的');
    expect(first).toContain(`${NOT_SURE_ZH}。如果“wx5e6f7a8b9c0d1e2f”就是要记的内容`);
    expect(r.item('app_id')).toMatchObject({ status: 'asked', confirmPending: true });
    await r.say('是的');
    expect(r.item('app_id')).toMatchObject({ value: 'wx5e6f7a8b9c0d1e2f', status: 'answered', confirmPending: false });
  });

  it('“done” said with a plan (en): read back, not recorded; a problem report offers no “done”', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['wechat_auth']);
    const first = await r.say("we'll decide on the auth popup after the privacy page is done");
    expect(r.item('wechat_auth')?.status).toBe('asked');
    expect(first).toContain('I have not marked Standard WeChat auth popup done yet. If it is done, reply “yes”');
    await r.say('yes');
    expect(r.item('wechat_auth')).toMatchObject({ value: 'done', status: 'done', confirmPending: false });
    const r2 = await release('en', 'Green Leaf');
    r2.asked(['wechat_auth']);
    const second = await r2.say("the popup didn't show up on my phone");
    expect(r2.item('wechat_auth')).toMatchObject({ status: 'asked', value: null, confirmPending: false });
    expect(second).not.toContain(NOT_SURE_EN);
  });

  it('a “done” waiting for a yes (zh): “还没” clears it and names it; later lines ask it as a status', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['roles']);
    const first = await r.say('如果审核过了，角色就加好了');
    expect(first).toContain('角色我先没有标记为已完成');
    expect(r.item('roles')).toMatchObject({ value: 'done', confirmPending: true });
    const reply = await r.say('还没');
    expect(reply).toContain(copy('zh', 'conv.not_yet', { label: itemLabel('zh', 'roles') }));
    expect(r.item('roles')).toMatchObject({ value: null, confirmPending: false });
    await r.say('对');
    expect(r.item('roles')?.value).toBeNull();
  });

  it('a pending “done” is asked as a status in the lines that follow and in the nudge (en)', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['wechat_auth']);
    await r.say("we'll decide on the auth popup after the privacy page is done");
    expect(r.item('wechat_auth')).toMatchObject({ value: 'done', confirmPending: true });
    r.asked(['analytics_platform']);
    const later = await r.say('GrowingIO');
    expect(later).toContain(copy('en', 'conv.guess_done_pending', { label: itemLabel('en', 'wechat_auth') }));
    expect(later).not.toContain('If “done” is what you want noted');
    const nudge = guessLines('en', r.app.store.items(r.id), 'remind.guess', () => 'unused');
    expect(nudge).toEqual([copy('en', 'remind.guess_done', { label: itemLabel('en', 'wechat_auth') })]);
  });

  it('a value the gate doubts (zh: “GrowingIO 吧，不过我要问下市场部”): read back, recorded only after “是的”', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['analytics_platform']);
    const first = await r.say('GrowingIO 吧，不过我要问下市场部');
    expect(first).toContain(`${itemLabel('zh', 'analytics_platform')}${NOT_SURE_ZH}`);
    expect(r.item('analytics_platform')).toMatchObject({ status: 'asked', confirmPending: true });
    const reply = await r.say('是的');
    expect(reply).toContain('收到 ✅');
    expect(r.item('analytics_platform')).toMatchObject({
      value: 'GrowingIO',
      status: 'answered',
      confirmPending: false,
    });
  });

  it('a status the gate doubts (zh: “sentry 我们应该不需要，我再确认下”): read back, not refused, not recorded', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['sentry']);
    const reply = await r.say('sentry 我们应该不需要，我再确认下');
    expect(reply).toContain(`${itemLabel('zh', 'sentry')}${NOT_SURE_ZH}`);
    expect(reply).not.toContain(copy('zh', 'conv.not_applicable_required', { label: itemLabel('zh', 'sentry') }));
    expect(r.item('sentry')).toMatchObject({ status: 'asked', confirmPending: true });
  });

  it('a merchant status the gate doubts (en: still pending, bank says next week): read back for a yes, then waiting', async () => {
    const r = await release('en', 'Blue Tea');
    r.asked(['merchant_account']);
    const first = await r.say('商户号 still pending，bank说要下周');
    expect(first).toContain(NOT_SURE_EN);
    expect(r.item('merchant_account')).toMatchObject({ confirmPending: true });
    await r.say('yes');
    expect(r.item('merchant_account')).toMatchObject({
      value: { status: 'applying' },
      status: 'waiting',
      confirmPending: false,
    });
  });

  it('a value the fact check doubts (zh: “门店就总店一家，地址回头发”): read back; “不对” clears it and asks again', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['nearby_locations']);
    const first = await r.say('门店就总店一家，地址回头发');
    expect(first).toContain(`${itemLabel('zh', 'nearby_locations')}${NOT_SURE_ZH}`);
    expect(r.item('nearby_locations')).toMatchObject({ status: 'asked', confirmPending: true });
    await r.say('不对');
    expect(r.item('nearby_locations')).toMatchObject({ value: null, status: 'asked', confirmPending: false });
  });

  it('a correction the fact check would doubt (zh: “写错了，数据分析用百度统计”) replaces what is on file', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID, analytics_platform: '神策' });
    await r.say('写错了，数据分析用百度统计');
    expect(r.item('analytics_platform')).toMatchObject({ value: '百度统计', confirmPending: false });
  });

  it('a new value for an item on file the fact check would doubt (zh: “数据分析改用百度统计了”) replaces it', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID, analytics_platform: '神策' });
    await r.say('数据分析改用百度统计了');
    expect(r.item('analytics_platform')).toMatchObject({ value: '百度统计', confirmPending: false });
  });

  it('a guess waiting for a yes is not on file: the next doubted value for that item is read back too', async () => {
    const r = await release('zh', 'Acme Coffee', { app_id: CLIENT_APP_ID });
    r.asked(['nearby_locations']);
    await r.say('门店就总店一家，地址回头发');
    expect(r.item('nearby_locations')).toMatchObject({ confirmPending: true });
    const reply = await r.say('门店：广州市天河区天河路385号（新开的）');
    expect(reply).toContain(`${itemLabel('zh', 'nearby_locations')}${NOT_SURE_ZH}`);
    expect(r.item('nearby_locations')).toMatchObject({ status: 'asked', confirmPending: true });
  });
});
