/**
 * The file store on a temp SQLite file and folder: `put` of 200 distinct 1 MB images (SHA-256, the
 * magic-byte check, the write to a temporary name and its rename, the row), the same content again
 * (a duplicate: hash and one lookup, no write), `read` of a stored file, and the release page's file
 * list for a release with 200 files. Prints p50/p99 in ms and the process's RSS growth.
 *
 *   npm run bench -- files
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase } from '../db/client.js';
import { createFileStore } from '../db/file-store.js';
import { runMigrations } from '../db/migrate.js';
import { createStore } from '../db/store.js';
import { ITEM_KEYS } from '../src/checklist/types.js';

const FILES = 200;
const SIZE = 1024 * 1024;
const AT = '2026-11-25T02:00:00.000Z';

function percentile(ms: number[], p: number): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2);
}

function timed(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A PNG signature, then bytes that differ per file (content-addressing sees each as new). */
function image(i: number): Buffer {
  const b = Buffer.alloc(SIZE, i & 0xff);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(i, 8);
  return b;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'release-bot-bench-files-'));
  const db = openDatabase(join(dir, 'bench.sqlite'));
  try {
    runMigrations(db);
    const store = createStore(db);
    const files = createFileStore(db, {
      dir: join(dir, 'files'),
      limits: { maxFileBytes: 20 * SIZE, maxReleaseBytes: 1000 * SIZE },
    });
    const client = store.createClient({ name: 'Bench', locale: 'en', timezone: 'Asia/Shanghai', at: AT });
    const releaseId = store.createRelease({ clientId: client.id, pmUser: 'local:pm', keys: ITEM_KEYS, at: AT }).id;
    const rssBefore = process.memoryUsage().rss;
    const puts: number[] = [];
    const ids: number[] = [];
    for (let i = 0; i < FILES; i++) {
      const content = image(i);
      puts.push(
        timed(() => {
          const r = files.put({
            releaseId,
            itemKey: 'app_icon',
            name: `shot-${i}.png`,
            content,
            source: 'slack',
            sentBy: 'slack:U1',
            at: AT,
          });
          if (r.ok) ids.push(r.file.id);
        }),
      );
    }
    const dupes = Array.from({ length: 50 }, (_, i) =>
      timed(
        () =>
          void files.put({
            releaseId,
            itemKey: null,
            name: 'again.png',
            content: image(i),
            source: 'slack',
            sentBy: 'slack:U1',
            at: AT,
          }),
      ),
    );
    const reads = ids.slice(0, 50).map((id) => timed(() => void files.read(id)));
    const lists = Array.from({ length: 100 }, () => timed(() => void files.list(releaseId)));
    const rssMb = ((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(1);
    process.stdout.write(
      `put (new, 1 MB)       p50 ${percentile(puts, 50)} ms  p99 ${percentile(puts, 99)} ms  (${FILES} files, ${ids.length} stored)\n`,
    );
    process.stdout.write(`put (duplicate, 1 MB) p50 ${percentile(dupes, 50)} ms  p99 ${percentile(dupes, 99)} ms\n`);
    process.stdout.write(`read (1 MB)           p50 ${percentile(reads, 50)} ms  p99 ${percentile(reads, 99)} ms\n`);
    process.stdout.write(
      `list (${FILES} files)      p50 ${percentile(lists, 50)} ms  p99 ${percentile(lists, 99)} ms\n`,
    );
    process.stdout.write(`RSS growth over the run: ${rssMb} MB\n`);
  } finally {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  }
}
