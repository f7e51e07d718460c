/** `release-bot understand`: a PM or a script checks what the bot reads in client replies. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isItemKey } from '../../src/checklist/types.js';
import { factsToJson, understand } from '../../src/checklist/understand.js';
import { runReleaseBot } from '../support/cli.js';

const cli = (argv: string[], stdin = '') => runReleaseBot(argv, { stdin });

const outLines = (out: string): Record<string, unknown>[] =>
  out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const SECRET = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';

describe('release-bot understand "TEXT"', () => {
  it('prints the facts of a reply as one JSON object on one line', async () => {
    const { code, out } = await cli([
      'understand',
      '是企业主体，已经认证了。AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中',
    ]);
    expect(code).toBe(0);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({
      enterprise_account: { registered: true, verified: true },
      app_id: 'wx1a2b3c4d5e6f7a8b',
      merchant_account: { status: 'applying' },
    });
  });

  it('joins the words when the text is not quoted', async () => {
    const { out } = await cli(['understand', 'AppID', 'wx1a2b3c4d5e6f7a8b']);
    expect(JSON.parse(out)).toEqual({ app_id: 'wx1a2b3c4d5e6f7a8b' });
  });

  it('gives a bare answer to the items named with --item', async () => {
    expect(JSON.parse((await cli(['understand', '--item', 'developers', '加好了'])).out)).toEqual({
      developers: 'done',
    });
    expect(JSON.parse((await cli(['understand', '--item=app_id,merchant_account', '1900000109'])).out)).toEqual({
      merchant_account: { status: 'active', merchant_id: '1900000109' },
    });
  });

  it('prints a bare intent and what is not valid', async () => {
    expect(JSON.parse((await cli(['understand', '稍后发你'])).out)).toEqual({ _intent: 'skip', _outcome: 'later' });
    const { out } = await cli(['understand', 'appid wx12345']);
    expect(JSON.parse(out)).toEqual({
      _invalid: [{ key: 'app_id', input: 'wx12345', reason: expect.stringContaining('is not an App ID') }],
    });
  });

  it('never prints a secret, only its last 4', async () => {
    const { out } = await cli(['understand', `AppSecret ${SECRET}`]);
    expect(out).not.toContain(SECRET);
    expect(JSON.parse(out)).toEqual({ app_secret: '••••7e6d' });
  });

  it('refuses an unknown --item, and no text, with the usage', async () => {
    const unknown = await cli(['understand', '--item', 'appid', 'wx1a2b3c4d5e6f7a8b']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown item "appid"');
    expect(unknown.err).toContain('Usage: release-bot understand');
    expect(unknown.out).toBe('');
    const empty = await cli(['understand']);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('Give the reply to read');
  });

  it('is listed in help', async () => {
    expect((await cli(['help'])).out).toContain('understand [--item KEY');
  });
});

describe('release-bot understand --jsonl', () => {
  it('prints one object per line, in order, and an _error for a line it cannot read', async () => {
    const stdin = [
      JSON.stringify({ text: 'AppID wx1a2b3c4d5e6f7a8b' }),
      `{"text": "not closed ${SECRET}`,
      '',
      JSON.stringify({ text: '加好了', item: 'developers' }),
      JSON.stringify({ text: 'hello', item: 'nope' }),
      JSON.stringify({ item: 'app_id' }),
      JSON.stringify({ text: SECRET, item: 'app_secret' }),
    ].join('\n');
    const { code, out } = await cli(['understand', '--jsonl'], stdin);
    expect(code).toBe(1);
    expect(out).not.toContain(SECRET);
    const lines = outLines(out);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({ app_id: 'wx1a2b3c4d5e6f7a8b' });
    expect(lines[1]).toEqual({ _error: expect.stringContaining('line 2 is not JSON') });
    expect(lines[2]).toEqual({ developers: 'done' });
    expect(lines[3]).toEqual({ _error: 'line 5: unknown item "nope"' });
    expect(lines[4]).toEqual({ _error: expect.stringContaining('line 6 has no "text"') });
    expect(lines[5]).toEqual({ app_secret: '••••7e6d' });
  });

  it('takes "item" as a list of keys, in the order asked, and still as one key', async () => {
    const stdin = [
      JSON.stringify({ text: '餐饮-快餐', item: ['mp_category', 'analytics_platform'] }),
      JSON.stringify({ text: '餐饮-快餐', item: ['functions_pages', 'mp_category'] }),
      JSON.stringify({ text: '餐饮-快餐', item: 'mp_category' }),
      JSON.stringify({ text: '加好了', item: ['developers', 7] }),
      JSON.stringify({ text: '加好了', item: ['developers', 'nope'] }),
    ].join('\n');
    const { code, out } = await cli(['understand', '--jsonl'], stdin);
    expect(code).toBe(1);
    const lines = outLines(out);
    expect(lines[0]).toEqual({ mp_category: '餐饮-快餐' });
    expect(lines[1]).toEqual({ functions_pages: ['餐饮-快餐'] });
    expect(lines[2]).toEqual({ mp_category: '餐饮-快餐' });
    expect(lines[3]).toEqual({ _error: expect.stringContaining('line 4: "item" must be') });
    expect(lines[4]).toEqual({ _error: 'line 5: unknown item "nope"' });
  });

  it('refuses text and --jsonl together', async () => {
    const { code, err } = await cli(['understand', '--jsonl', 'AppID wx1a2b3c4d5e6f7a8b']);
    expect(code).toBe(1);
    expect(err).toContain('not both');
  });

  it('reads the whole reply corpus the same as the library, without printing a secret', async () => {
    const corpus = readFileSync(new URL('../fixtures/replies.jsonl', import.meta.url), 'utf8');
    const inputs = corpus
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { text: string; item?: string | string[] });
    const { code, out } = await cli(['understand', '--jsonl'], corpus);
    expect(code).toBe(0);
    const lines = outLines(out);
    expect(lines).toHaveLength(inputs.length);
    lines.forEach((line, k) => {
      const input = inputs[k] as { text: string; item?: string | string[] };
      const expected = (typeof input.item === 'string' ? [input.item] : (input.item ?? [])).filter(isItemKey);
      expect(line, input.text).toEqual(factsToJson(understand(input.text, { expected })));
    });
    expect(out).not.toMatch(/[0-9a-f]{32}/i);
  });
});
