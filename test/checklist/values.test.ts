/**
 * A value tagged by its item's shape (src/checklist/values.ts): code switches on `kind`, not on which
 * fields an object happens to have; a value without its item's shape is `unexpected`, never trusted.
 */
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/checklist/rules.js';
import { tagged } from '../../src/checklist/values.js';

describe('tagged values', () => {
  it('tags each shape by its item', () => {
    expect(tagged('developers', ['dev_a1', 'dev_b2'])).toEqual({ kind: 'list', entries: ['dev_a1', 'dev_b2'] });
    expect(tagged('developers', 'done')).toEqual({ kind: 'status', status: 'done' });
    expect(tagged('mp_category', '餐饮 > 饮品店')).toEqual({ kind: 'text', text: '餐饮 > 饮品店' });
    expect(tagged('admin_url_whitelist', { domains: ['api.acme.cn'] })).toEqual({
      kind: 'whitelist',
      whitelist: { domains: ['api.acme.cn'] },
    });
    expect(tagged('merchant_account', { status: 'applying' })).toEqual({
      kind: 'merchant',
      account: { status: 'applying' },
    });
    expect(tagged('open_platform', { app_id: 'wx5e6f7a8b9c0d1e2f' })).toEqual({
      kind: 'open_platform',
      platform: { app_id: 'wx5e6f7a8b9c0d1e2f' },
    });
    expect(tagged('app_secret', { on_file: true, last4: 'cdef' })).toEqual({
      kind: 'secret',
      secret: { on_file: true, last4: 'cdef' },
    });
    expect(tagged('roles', null)).toEqual({ kind: 'none' });
  });
  it('says when a value does not have its item shape, and validation refuses it', () => {
    expect(tagged('merchant_account', { domains: ['api.acme.cn'] })).toEqual({
      kind: 'unexpected',
      value: { domains: ['api.acme.cn'] },
    });
    expect(tagged('developers', 'dev_a1')).toEqual({ kind: 'unexpected', value: 'dev_a1' });
    expect(validate('merchant_account', { domains: ['api.acme.cn'] }).ok).toBe(false);
    expect(validate('ugc_license', { registered: true }).ok).toBe(false);
    expect(validate('ugc_license', { has_ugc: false }).ok).toBe(true);
  });
});
