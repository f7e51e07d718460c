/**
 * The core imports no platform SDK and serves no HTTP: Biome's `noRestrictedImports` rule for src/
 * (biome.json) fails on such an import. Each case writes a file into src/, runs biome lint on it,
 * and removes it. See docs/architecture.md, "Layers".
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const BIOME = join(PROJECT_ROOT, 'node_modules', '.bin', 'biome');

/** biome lint on a one-line module at `dir` in the tree: its exit status and what it said. */
function lintModule(dir: string, source: string): { ok: boolean; output: string } {
  const file = join(PROJECT_ROOT, dir, `lint-probe-${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, `${source}\nexport const probe = typeof x;\n`);
  try {
    const output = execFileSync(BIOME, ['lint', '--colors=off', file], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { ok: true, output };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    rmSync(file, { force: true });
  }
}

describe('the core import rule', () => {
  it.each([
    ["import x from '@slack/bolt';", '@slack/bolt'],
    ["import x from '@wecom/crypto';", '@wecom/crypto'],
    ["import x from 'bullmq';", 'bullmq'],
    ["import x from 'node:http';", 'node:http'],
    ["import x from 'http';", 'http'],
  ])('fails on %s in src/', (source, name) => {
    const result = lintModule('src', source);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('noRestrictedImports');
    expect(result.output).toContain(name);
  });

  it('passes the same module outside src/ (an adapter may import its SDK)', () => {
    const result = lintModule('bots/slack', "import x from '@slack/bolt';");
    expect(result.ok, result.output).toBe(true);
  });
});
