/**
 * The conditional items are rules of the checklist data (src/checklist/items.ts), read by generic code:
 * `followUp` (UGC = yes without a licence → the licence is its own question), `waitsWhen` +
 * `recheckAfterDays` (merchant 申请中 → waiting, asked again in a week), `limitDependsOn` (verification
 * → the developer limit is re-checked). Behaviour through the conversation is tested in
 * test/conversation/ugc-followup.test.ts, test/release/limit-recheck.test.ts and test/jobs/waiting.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ITEM_DEFS, itemDef } from '../../src/checklist/items.js';
import type { ItemValue } from '../../src/checklist/types.js';
import { tagged } from '../../src/checklist/values.js';
import { statusForValue } from '../../src/release/service.js';

describe('conditional items are checklist data', () => {
  it('an accepted value’s status follows the item’s own rules, for every item', () => {
    const samples: ItemValue[] = [
      { has_ugc: true },
      { has_ugc: true, licence: 'ICP经营许可证' },
      { has_ugc: false },
      { status: 'applying' },
      { status: 'active', merchant_id: '1623456789' },
      { registered: true, verified: false },
      ['dev_a'],
      'text',
    ];
    for (const def of ITEM_DEFS) {
      for (const value of samples) {
        const expected = def.followUp?.(tagged(def.key, value))
          ? 'asked'
          : def.waitsWhen?.(tagged(def.key, value))
            ? 'waiting'
            : 'answered';
        expect(statusForValue(def.key, value), `${def.key} ${JSON.stringify(value)}`).toBe(expected);
      }
      expect(statusForValue(def.key, 'n/a')).toBe('n/a');
      // "Done" is done, but for Open Platform bound with its App ID still to come (its follow-up).
      expect(statusForValue(def.key, 'done')).toBe(def.key === 'open_platform' ? 'asked' : 'done');
    }
  });

  it('the three rules of the issue are where the data says', () => {
    expect(itemDef('ugc_license').followUp?.(tagged('ugc_license', { has_ugc: true }))).toBe(true);
    expect(itemDef('ugc_license').followUp?.(tagged('ugc_license', { has_ugc: true, licence: 'ICP经营许可证' }))).toBe(
      false,
    );
    expect(itemDef('ugc_license').followUp?.(tagged('ugc_license', { has_ugc: false }))).toBe(false);
    expect(itemDef('merchant_account').waitsWhen?.(tagged('merchant_account', { status: 'applying' }))).toBe(true);
    expect(
      itemDef('merchant_account').waitsWhen?.(
        tagged('merchant_account', { status: 'active', merchant_id: '1623456789' }),
      ),
    ).toBe(false);
    expect(itemDef('merchant_account').recheckAfterDays).toBe(7);
    expect(itemDef('developers').limitDependsOn).toEqual(['enterprise_account']);
    expect(itemDef('developers').limit?.max({ verified: false })).toBe(10);
    expect(itemDef('developers').limit?.max({ verified: true })).toBe(20);
    // Only items that carry a rule have one: nothing else waits or follows up.
    expect(ITEM_DEFS.filter((d) => d.waitsWhen).map((d) => d.key)).toEqual(['merchant_account']);
    expect(ITEM_DEFS.filter((d) => d.followUp).map((d) => d.key)).toEqual([
      'ugc_license',
      'open_platform',
      'admin_url_whitelist',
    ]);
    // Open Platform bound, said without its App ID (round 16): the App ID and secret are asked next.
    expect(itemDef('open_platform').followUp?.(tagged('open_platform', 'done'))).toBe(true);
    expect(itemDef('open_platform').followUp?.(tagged('open_platform', { app_id: 'wx9f8e7d6c5b4a3f2e' }))).toBe(false);
    // A half whitelist (round 8): the missing half is asked.
    const half = (v: Parameters<typeof tagged>[1]) =>
      itemDef('admin_url_whitelist').followUp?.(tagged('admin_url_whitelist', v));
    expect(half({ domains: ['api.acme.cn'] })).toBe(true);
    expect(half({ domains: [], icp: '沪ICP备2021012345号-1' })).toBe(true);
    expect(half({ domains: ['api.acme.cn'], icp: '沪ICP备2021012345号-1' })).toBe(false);
  });
});
