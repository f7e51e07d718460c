/**
 * `FileStore` beside the database: each content once on disk under its SHA-256
 * (`<dir>/ab/abcdef…`, written to a temporary name and renamed, so a crash never leaves half a
 * file under a real address), a row per release in `files`. Synchronous like the rest of the
 * store: files are capped (FILE_MAX_MB), and the row and its number are taken in one transaction.
 *
 *   const files = createFileStore(db, { dir: './data/files', limits: { maxFileBytes: 20 << 20, maxReleaseBytes: 200 << 20 } });
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { isItemKey } from '../src/checklist/types.js';
import { checkFile } from '../src/files/check.js';
import { safeFileName } from '../src/files/names.js';
import type { FileType } from '../src/files/sniff.js';
import type { FileLimits, FileSource, FileStore, StoredFile } from '../src/files/store.js';
import type { Db } from './client.js';
import * as s from './schema.js';
import { lazy } from './store/lazy.js';
import { inWriteTurn } from './write-turns.js';

type FileRow = typeof s.files.$inferSelect;

const toFile = (r: FileRow): StoredFile => ({
  id: r.id,
  releaseId: r.releaseId,
  number: r.number,
  itemKey: r.itemKey !== null && isItemKey(r.itemKey) ? r.itemKey : null,
  name: r.name,
  mime: r.mime as FileType['mime'],
  bytes: r.bytes,
  sha256: r.sha256,
  source: r.source as FileSource,
  sentBy: r.sentBy,
  createdAt: r.createdAt,
});

/** Where a content lives: two hex characters of fan-out, then the whole hash. */
export function blobPath(dir: string, sha256: string): string {
  return join(dir, sha256.slice(0, 2), sha256);
}

export function createFileStore(db: Db, opts: { dir: string; limits: FileLimits }): FileStore {
  const { dir, limits } = opts;
  const sqlite = db.$client;
  const byId = lazy(() =>
    db
      .select()
      .from(s.files)
      .where(eq(s.files.id, sql.placeholder('id')))
      .prepare(),
  );
  const bySha = lazy(() =>
    db
      .select()
      .from(s.files)
      .where(and(eq(s.files.releaseId, sql.placeholder('releaseId')), eq(s.files.sha256, sql.placeholder('sha'))))
      .prepare(),
  );
  const used = lazy(() =>
    sqlite.prepare<[number], { used: number }>(
      'SELECT coalesce(sum(bytes), 0) AS used FROM files WHERE release_id = ?',
    ),
  );
  const nextNumber = lazy(() =>
    sqlite.prepare<[number], { next: number }>(
      'SELECT coalesce(max(number), 0) + 1 AS next FROM files WHERE release_id = ?',
    ),
  );

  const usedBytes = (releaseId: number): number => used().get(releaseId)?.used ?? 0;

  /** Writes the content under its hash unless it is there already (content-addressed: same bytes, same file). */
  const writeBlob = (sha256: string, content: Uint8Array): void => {
    const path = blobPath(dir, sha256);
    if (existsSync(path)) return;
    mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      writeFileSync(tmp, content, { mode: 0o600 });
      renameSync(tmp, path);
    } finally {
      rmSync(tmp, { force: true });
    }
  };

  return {
    limits,
    put: (input) => {
      const sha256 = createHash('sha256').update(input.content).digest('hex');
      const put = sqlite.transaction(() => {
        const existing = bySha().get({ releaseId: input.releaseId, sha: sha256 });
        if (existing) {
          if (existing.itemKey === null && input.itemKey !== null) {
            db.update(s.files).set({ itemKey: input.itemKey }).where(eq(s.files.id, existing.id)).run();
            return { ok: true, duplicate: true, file: { ...toFile(existing), itemKey: input.itemKey } } as const;
          }
          return { ok: true, duplicate: true, file: toFile(existing) } as const;
        }
        const checked = checkFile(input.content, limits, usedBytes(input.releaseId));
        if (!checked.ok) return checked;
        writeBlob(sha256, input.content);
        const number = nextNumber().get(input.releaseId)?.next ?? 1;
        const row = db
          .insert(s.files)
          .values({
            releaseId: input.releaseId,
            number,
            itemKey: input.itemKey,
            name: safeFileName(input.name, checked.type.ext, `file-${number}`),
            mime: checked.type.mime,
            bytes: input.content.byteLength,
            sha256,
            source: input.source,
            sentBy: input.sentBy,
            createdAt: input.at,
          })
          .returning()
          .get();
        return { ok: true, duplicate: false, file: toFile(row) } as const;
        // IMMEDIATE: it reads before it writes, and the processing worker writes too (db/store.ts).
      });
      return inWriteTurn(sqlite, () => put.immediate());
    },
    list: (releaseId) =>
      db.select().from(s.files).where(eq(s.files.releaseId, releaseId)).orderBy(asc(s.files.number)).all().map(toFile),
    get: (id) => {
      const row = byId().get({ id });
      return row && toFile(row);
    },
    byNumber: (releaseId, number) => {
      const row = db
        .select()
        .from(s.files)
        .where(and(eq(s.files.releaseId, releaseId), eq(s.files.number, number)))
        .get();
      return row && toFile(row);
    },
    read: (id) => {
      const row = byId().get({ id });
      if (!row) return undefined;
      const path = blobPath(dir, row.sha256);
      if (!existsSync(path)) return undefined;
      return { file: toFile(row), content: readFileSync(path) };
    },
    link: (id, itemKey) => {
      db.update(s.files).set({ itemKey }).where(eq(s.files.id, id)).run();
    },
    usedBytes,
  };
}
