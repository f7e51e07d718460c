/**
 * `npm start` and the `release-bot` command run the compiled JavaScript in dist/. Tests that spawn
 * them must run what the sources say now, so the test run builds first when any source is newer
 * than the last build (`npm run build` is incremental: a few seconds when little changed).
 *
 *   ensureBuilt();   // in the global setup
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config.js';

export const DIST_MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');
const STAMP = join(PROJECT_ROOT, 'dist', '.tsbuildinfo');
const SOURCES = ['src', 'bots', 'jobs', 'db'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt(): void {
  const built = existsSync(STAMP) && existsSync(DIST_MAIN) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(
    ...SOURCES.map((d) => newestSource(join(PROJECT_ROOT, d))),
    statSync(join(PROJECT_ROOT, 'tsconfig.build.json')).mtimeMs,
  );
  if (sources <= built) return;
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(PROJECT_ROOT, 'tsconfig.build.json')],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
}
