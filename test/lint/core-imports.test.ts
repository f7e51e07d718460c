/**
 * The core imports no platform SDK and serves no HTTP: Biome's `noRestrictedImports` rule for src/
 * (biome.json) fails on such an import. Each case writes a file into src/, runs biome lint on it,
 * and removes it. See docs/architecture.md, "Layers".
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const BIOME = join(PROJECT_ROOT, 'node_modules', '.bin', 'biome');

/** biome lint on a one-line module at `dir` in the tree: its exit status and what it said. */
function lintModule(dir: string, source: string): { ok: boolean; output: string } {
  const folder = join(PROJECT_ROOT, dir);
  const made = !existsSync(folder);
  if (made) mkdirSync(folder, { recursive: true });
  const file = join(folder, `lint-probe-${randomBytes(4).toString('hex')}.ts`);
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
    rmSync(made ? folder : file, { recursive: true, force: true });
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

  // src/http and src/web were exempt until the server and its routes moved to web/; no folder of src/ is now.
  it.each(['src/web', 'src/http', 'src/status'])(
    'fails on node:http in %s/ (no folder of the core is exempt)',
    (dir) => {
      const result = lintModule(dir, "import x from 'node:http';");
      expect(result.ok).toBe(false);
      expect(result.output).toContain('noRestrictedImports');
      expect(result.output).toContain('node:http');
    },
  );

  it('fails when the core imports the HTTP edge (web/)', () => {
    const result = lintModule('src/status', "import x from '../../web/server.js';");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('noRestrictedImports');
    expect(result.output).toContain('web/');
  });

  it('passes node:http in web/ (the HTTP edge), but not bots/ from there', () => {
    expect(lintModule('web', "import x from 'node:http';").ok).toBe(true);
    const result = lintModule('web', "import x from '../bots/slack/index.js';");
    expect(result.ok).toBe(false);
    expect(result.output).toContain('noRestrictedImports');
  });
});
