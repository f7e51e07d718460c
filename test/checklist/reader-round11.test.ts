/**
 * Round 11 (issue 16): reader errors found on corpus J once it was tuned on, tested in phrasings of our own
 * (docs/reader.md, "Round 11").
 */
import { describe, expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, understand } from '../../src/checklist/understand.js';

const read = (text: string, item: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(understand(text, { expected: [item] }));
  return rest;
};

describe('a name denied before the one used', () => {
  it('"不是X，是Y" gives Y, not "X，是Y"', () => {
    expect(read('纠正一下：不是神策，是GrowingIO', 'analytics_platform')).toEqual({ analytics_platform: 'GrowingIO' });
  });
  it('"not X" alone gives no name', () => {
    expect(read('not Mixpanel, we moved off it', 'analytics_platform')).toEqual({});
  });
});

describe('names joined by "+"', () => {
  it('the space after "+" is no cut', () => {
    expect(read('友盟 + 腾讯有数 都接', 'analytics_platform')).toEqual({ analytics_platform: '友盟 + 腾讯有数' });
  });
});

describe('two whole addresses split by a space', () => {
  it('each city-to-number address is its own entry', () => {
    expect(read('杭州市西湖区文三路90号 杭州市滨江区江南大道588号', 'nearby_locations')).toEqual({
      nearby_locations: ['杭州市西湖区文三路90号', '杭州市滨江区江南大道588号'],
    });
  });
  it('a floor after the number stays with its address', () => {
    expect(read('成都市锦江区春熙路12号 3楼', 'nearby_locations')).toEqual({
      nearby_locations: ['成都市锦江区春熙路12号 3楼'],
    });
  });
});

describe('a secret a character short, after its label', () => {
  const short = 'a1b2c3d4e5f60718293a4b5c6d7e8f'; // 30 characters
  it('the Open Platform secret is refused, and its App ID not kept alone', () => {
    const out = factsToJson(
      understand(`开放平台 appid wx1f2e3d4c5b6a7980 / secret ${short}`, { expected: ['open_platform'] }),
    );
    expect(out.open_platform).toBeUndefined();
    expect(out._invalid).toEqual([expect.objectContaining({ key: 'open_platform', input: '••••7e8f' })]);
    expect(JSON.stringify(out)).not.toContain(short);
  });
  it('the App secret is refused, never echoed', () => {
    const out = factsToJson(understand(`AppSecret: ${short}`, { expected: ['app_secret'] }));
    expect(out._invalid).toEqual([expect.objectContaining({ key: 'app_secret' })]);
    expect(JSON.stringify(out)).not.toContain(short.slice(0, 12));
  });
});
