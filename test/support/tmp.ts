import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the OS temp dir, for a test's SQLite file and the like. */
export function tempDir(prefix = 'release-bot-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
