import { describe, expect, it } from 'vitest';
import { CHECKLIST, ITEM_DEFS, itemDef } from '../../src/checklist/items.js';
import { EXAMPLE_APP_ID, type Verdict, validate } from '../../src/checklist/rules.js';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { render, t } from '../../src/i18n/index.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const ids = (n: number, prefix: string): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

function reasonIn(verdict: Verdict, locale: 'en' | 'zh'): string {
  if (verdict.ok) throw new Error(`expected a refusal, got ${JSON.stringify(verdict.value)}`);
  return render(locale, verdict.reason);
}

describe('the checklist as data', () => {
  it('has every row of the design tables, once, with copy in both languages', () => {
    expect(ITEM_DEFS.map((d) => d.key)).toEqual([...ITEM_KEYS]);
    expect(Object.keys(CHECKLIST)).toEqual([...ITEM_KEYS]);
    expect(ITEM_DEFS).toHaveLength(26);
    for (const def of ITEM_DEFS) {
      for (const locale of ['en', 'zh'] as const) expect(t(locale, `item.${def.key}.label`)).not.toMatch(/^item\./);
      if (def.owner !== 'agency') {
        expect(t('zh', `item.${def.key}.question` as never)).not.toMatch(/^item\./);
        expect(t('en', `item.${def.key}.hint` as never)).not.toMatch(/^item\./);
      }
    }
  });

  it('keeps the seed how-to hints', () => {
    expect(t('zh', 'item.developers.hint')).toContain('用户身份 → 开发者 → 新增开发者');
    expect(t('en', 'item.functions_pages.hint')).toContain('Up to 5');
    expect(t('en', 'item.mp_url_whitelist.hint')).toContain('24 h');
  });

  it('orders dependencies so verification comes before developers and app id before template ids', () => {
    expect(itemDef('developers').dependsOn).toContain('enterprise_account');
    expect(itemDef('template_ids').dependsOn).toContain('app_id');
  });
});

describe('the seed limits, refused with their reason in zh and en', () => {
  it('a 21st developer on a verified account', () => {
    expect(validate('developers', ids(20, 'dev_ok'), { verified: true }).ok).toBe(true);
    const v = validate('developers', ids(21, 'dev_ok'), { verified: true });
    expect(reasonIn(v, 'en')).toContain('at most 20');
    expect(reasonIn(v, 'zh')).toContain('最多可添加 20 名');
  });

  it('an 11th developer on an unverified account', () => {
    const v = validate('developers', ids(11, 'dev_ok'), { verified: false });
    expect(reasonIn(v, 'en')).toContain('an unverified account can add at most 10');
    expect(reasonIn(v, 'zh')).toContain('未认证账号最多可添加 10 名');
  });

  it('an 11th nearby location', () => {
    expect(validate('nearby_locations', ids(10, '上海路')).ok).toBe(true);
    const v = validate('nearby_locations', ids(11, '上海路'));
    expect(reasonIn(v, 'en')).toContain('at most 10');
    expect(reasonIn(v, 'en')).toContain('email application');
    expect(reasonIn(v, 'zh')).toContain('最多 10 个');
  });

  it('a 6th functions page', () => {
    expect(validate('functions_pages', ids(5, 'page')).ok).toBe(true);
    const v = validate('functions_pages', ids(6, 'page'));
    expect(reasonIn(v, 'en')).toContain('at most 5');
    expect(reasonIn(v, 'zh')).toContain('最多允许 5 个');
  });

  it('a 4th service message', () => {
    expect(validate('service_messages', ['order shipped', 'refund', 'pickup ready']).ok).toBe(true);
    const v = validate('service_messages', ['order shipped', 'refund', 'pickup ready', 'coupon']);
    expect(reasonIn(v, 'en')).toContain('at most 3');
    expect(reasonIn(v, 'zh')).toContain('最多 3 条');
  });

  it('a whitelisted domain without an ICP filing: the client’s half answer is kept, our submission is refused', () => {
    expect(validate('admin_url_whitelist', { domains: ['api.example.cn'] })).toEqual({
      ok: true,
      value: { domains: ['api.example.cn'] },
    });
    expect(validate('admin_url_whitelist', { domains: [] }).ok).toBe(false);
    expect(validate('admin_url_whitelist', { domains: [], icp: '沪ICP备2021012345号' }).ok).toBe(true);
    expect(validate('admin_url_whitelist', { domains: ['api.example.cn'], icp: '沪备2021' }).ok).toBe(false);
    // The domains a client names for the MP whitelist are kept; the agency's submission needs the filing.
    expect(validate('mp_url_whitelist', { domains: ['api.example.cn'] }).ok).toBe(true);
    const v = validate('mp_url_whitelist', { domains: ['api.example.cn'], submitted_at: '2026-12-06T08:00:00.000Z' });
    expect(reasonIn(v, 'en')).toContain('ICP filing');
    expect(reasonIn(v, 'zh')).toContain('ICP 备案号');
    expect(validate('mp_url_whitelist', { domains: [], icp: '沪ICP备2021012345号' }).ok).toBe(false);
    const ok = validate('admin_url_whitelist', { domains: ['API.example.cn'], icp: '沪ICP备2021012345号-1' });
    expect(ok).toEqual({ ok: true, value: { domains: ['api.example.cn'], icp: '沪ICP备2021012345号-1' } });
  });

  it('the MP whitelist reuses the ICP already on file', () => {
    expect(validate('mp_url_whitelist', { domains: ['static.acme.cn'] }, { knownIcp: '京ICP证030173号' }).ok).toBe(
      true,
    );
  });
});

describe('value shapes', () => {
  it.each([
    ['wx12345', false],
    [CLIENT_APP_ID, true],
    ['wx0123456789abcdeg', false],
    ['WX0123456789ABCDEF', false],
  ])('app id %s valid=%s', (input, ok) => {
    expect(validate('app_id', input).ok).toBe(ok);
  });

  it('refuses the bot’s own example App ID, saying it is the example', () => {
    const v = validate('app_id', EXAMPLE_APP_ID);
    expect(v.ok).toBe(false);
    expect(reasonIn(v, 'en')).toContain('is only the example from our instructions');
    expect(reasonIn(v, 'zh')).toContain('只是我们说明里的示例');
    expect(validate('open_platform', { app_id: EXAMPLE_APP_ID }).ok).toBe(false);
  });

  it('explains a wrong App ID with a correct example', () => {
    const v = validate('app_id', 'wx12345');
    expect(reasonIn(v, 'en')).toBe(
      '“wx12345” is not an App ID: it is “wx” followed by 16 letters a–f or digits, e.g. wx0123456789abcdef.',
    );
    expect(reasonIn(v, 'zh')).toContain('wx0123456789abcdef');
  });

  it('checks template ids, WeChat ids and merchant ids', () => {
    expect(validate('template_ids', ['9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk']).ok).toBe(true);
    expect(validate('template_ids', ['short']).ok).toBe(false);
    expect(validate('beta_whitelist', ['zhang_wei88', '1abc']).ok).toBe(false);
    expect(validate('merchant_account', { status: 'active', merchant_id: '1900000109' }).ok).toBe(true);
    expect(validate('merchant_account', { status: 'active', merchant_id: '19000' }).ok).toBe(false);
  });

  it('allows n/a only for items that may not apply', () => {
    expect(validate('nearby_locations', 'n/a').ok).toBe(true);
    expect(reasonIn(validate('app_id', 'n/a'), 'en')).toContain('cannot be n/a');
  });
});
