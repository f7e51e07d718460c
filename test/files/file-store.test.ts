import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../db/client.js';
import { blobPath, createFileStore } from '../../db/file-store.js';
import { runMigrations } from '../../db/migrate.js';
import { createStore } from '../../db/store.js';
import { ITEM_KEYS } from '../../src/checklist/types.js';
import { readConfig } from '../../src/main.js';
import { refusalText } from '../../src/files/messages.js';
import { safeFileName } from '../../src/files/names.js';
import { sniff } from '../../src/files/sniff.js';
import type { FileStore } from '../../src/files/store.js';
import type { ReleaseStore } from '../../src/release/store.js';
import { GIF_1PX, JPEG_HEAD, PDF_DOC, pngImage, SVG_DOC, WEBP_HEAD, ZIP_HEAD } from '../support/files.js';
import { tempDir } from '../support/tmp.js';

const AT = '2026-11-25T02:00:00.000Z';

describe('file store (SQLite rows + content-addressed files on disk)', () => {
  let dir: string;
  let db: Db;
  let store: ReleaseStore;
  let files: FileStore;
  let releaseId: number;

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir, 'bot.sqlite'));
    runMigrations(db);
    store = createStore(db);
    files = createFileStore(db, { dir: join(dir, 'files'), limits: { maxFileBytes: 4096, maxReleaseBytes: 10_000 } });
    const client = store.createClient({ name: 'Acme', locale: 'en', timezone: 'Asia/Shanghai', at: AT });
    releaseId = store.createRelease({ clientId: client.id, pmUser: 'local:pm', keys: ITEM_KEYS, at: AT }).id;
  });
  afterEach(() => {
    closeDatabase(db);
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a PNG under its SHA-256 beside the database, with its row, number and item', () => {
    const icon = pngImage(8, 8, [200, 30, 30]);
    const put = files.put({
      releaseId,
      itemKey: 'app_icon',
      name: '../../icon final.PNG',
      content: icon,
      source: 'slack',
      sentBy: 'slack:U9',
      at: AT,
    });
    expect(put.ok).toBe(true);
    if (!put.ok) return;
    const sha = createHash('sha256').update(icon).digest('hex');
    expect(put.file).toMatchObject({
      number: 1,
      itemKey: 'app_icon',
      name: 'icon final.png',
      mime: 'image/png',
      bytes: icon.length,
      sha256: sha,
      source: 'slack',
      sentBy: 'slack:U9',
    });
    expect(blobPath(join(dir, 'files'), sha)).toBe(join(dir, 'files', sha.slice(0, 2), sha));
    expect(readFileSync(blobPath(join(dir, 'files'), sha)).equals(icon)).toBe(true);
    expect(files.read(put.file.id)?.content.equals(icon)).toBe(true);
    expect(files.list(releaseId).map((f) => f.number)).toEqual([1]);
    expect(files.byNumber(releaseId, 1)?.id).toBe(put.file.id);
    expect(files.usedBytes(releaseId)).toBe(icon.length);
  });

  it('stores the same file twice once: one row, one blob, the first row returned', () => {
    const icon = pngImage(4, 4, [0, 0, 255]);
    const first = files.put({
      releaseId,
      itemKey: null,
      name: 'a.png',
      content: icon,
      source: 'wecom',
      sentBy: 'wecom:zhang',
      at: AT,
    });
    const again = files.put({
      releaseId,
      itemKey: 'app_icon',
      name: 'b.png',
      content: Buffer.from(icon),
      source: 'kf',
      sentBy: 'kf:wm1',
      at: AT,
    });
    expect(first.ok && !first.duplicate).toBe(true);
    expect(again.ok && again.duplicate).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.file.id).toBe(first.file.id);
    // It was linked to no item: the second sending names one, so it is linked now.
    expect(files.get(first.file.id)?.itemKey).toBe('app_icon');
    expect(files.list(releaseId)).toHaveLength(1);
    const blobs = readdirSync(join(dir, 'files'), { recursive: true }).filter((p) => String(p).length > 10);
    expect(blobs).toHaveLength(1);
    expect(files.usedBytes(releaseId)).toBe(icon.length);
  });

  it('refuses a file over the per-file cap, and one that would take the release over its cap', () => {
    const big = pngImage(40, 40, [1, 2, 3], 0);
    const large = Buffer.concat([big, Buffer.alloc(5000 - big.length)]);
    const over = files.put({
      releaseId,
      itemKey: null,
      name: 'huge.png',
      content: large,
      source: 'slack',
      sentBy: 'slack:U9',
      at: AT,
    });
    expect(over).toEqual({ ok: false, problem: 'too_large', bytes: 5000, limit: 4096 });
    for (let i = 0; i < 3; i++) {
      const pad = Buffer.concat([PDF_DOC, Buffer.alloc(3000 - PDF_DOC.length, i + 1)]);
      expect(
        files.put({
          releaseId,
          itemKey: null,
          name: `doc${i}.pdf`,
          content: pad,
          source: 'slack',
          sentBy: 'slack:U9',
          at: AT,
        }).ok,
      ).toBe(true);
    }
    const fourth = Buffer.concat([PDF_DOC, Buffer.alloc(3000 - PDF_DOC.length, 9)]);
    const full = files.put({
      releaseId,
      itemKey: null,
      name: 'doc4.pdf',
      content: fourth,
      source: 'slack',
      sentBy: 'slack:U9',
      at: AT,
    });
    expect(full).toEqual({ ok: false, problem: 'release_full', bytes: 3000, used: 9000, limit: 10_000 });
    expect(files.list(releaseId)).toHaveLength(3);
    expect(
      refusalText('en', 'huge.png', { problem: 'too_large', bytes: 30 * 1024 * 1024, limit: 20 * 1024 * 1024 }),
    ).toBe(
      '“huge.png” is 30 MB; a file can be at most 20 MB. Please send a smaller version (a compressed image, or the PDF saved at a lower quality).',
    );
  });

  it('refuses what its bytes say is not an image or a PDF, whatever its name, and stores nothing', () => {
    const zip = files.put({
      releaseId,
      itemKey: 'app_icon',
      name: 'icon.png',
      content: ZIP_HEAD,
      source: 'slack',
      sentBy: 'slack:U9',
      at: AT,
    });
    expect(zip).toEqual({ ok: false, problem: 'type', seen: 'ZIP' });
    const svg = files.put({
      releaseId,
      itemKey: 'app_icon',
      name: 'icon.svg',
      content: SVG_DOC,
      source: 'slack',
      sentBy: 'slack:U9',
      at: AT,
    });
    expect(svg).toEqual({ ok: false, problem: 'type', seen: 'SVG' });
    expect(
      files.put({
        releaseId,
        itemKey: null,
        name: 'x',
        content: Buffer.from('hello'),
        source: 'slack',
        sentBy: 'slack:U9',
        at: AT,
      }),
    ).toEqual({ ok: false, problem: 'type' });
    expect(
      files.put({
        releaseId,
        itemKey: null,
        name: 'x',
        content: Buffer.alloc(0),
        source: 'slack',
        sentBy: 'slack:U9',
        at: AT,
      }),
    ).toEqual({ ok: false, problem: 'empty' });
    expect(files.list(releaseId)).toHaveLength(0);
    expect(existsSync(join(dir, 'files'))).toBe(false);
    expect(refusalText('zh', 'icon.png', { problem: 'type', seen: 'ZIP' })).toContain('ZIP 文件，无法保存');
  });

  it('links and unlinks a file', () => {
    const put = files.put({
      releaseId,
      itemKey: null,
      name: 'shot.gif',
      content: GIF_1PX,
      source: 'kf',
      sentBy: 'kf:wm1',
      at: AT,
    });
    if (!put.ok) throw new Error('not stored');
    files.link(put.file.id, 'permission_page');
    expect(files.get(put.file.id)?.itemKey).toBe('permission_page');
    files.link(put.file.id, null);
    expect(files.get(put.file.id)?.itemKey).toBeNull();
  });

  it('a release deleted takes its rows with it', () => {
    files.put({ releaseId, itemKey: null, name: 'a.gif', content: GIF_1PX, source: 'kf', sentBy: 'kf:wm1', at: AT });
    db.$client.prepare('DELETE FROM releases WHERE id = ?').run(releaseId);
    expect(files.list(releaseId)).toHaveLength(0);
  });
});

describe('sniff and names', () => {
  it('recognises png, jpeg, gif, webp and pdf by their bytes, and names common refused kinds', () => {
    expect(sniff(pngImage(1, 1, [0, 0, 0]))).toMatchObject({ ok: true, type: { mime: 'image/png', image: true } });
    expect(sniff(JPEG_HEAD)).toMatchObject({ ok: true, type: { mime: 'image/jpeg', ext: 'jpg' } });
    expect(sniff(GIF_1PX)).toMatchObject({ ok: true, type: { mime: 'image/gif' } });
    expect(sniff(WEBP_HEAD)).toMatchObject({ ok: true, type: { mime: 'image/webp' } });
    expect(sniff(PDF_DOC)).toMatchObject({ ok: true, type: { mime: 'application/pdf', image: false } });
    expect(sniff(Buffer.from('MZ\x90\x00'))).toEqual({ ok: false, seen: 'EXE' });
    expect(sniff(Buffer.from('<!DOCTYPE html><p>hi'))).toEqual({ ok: false, seen: 'HTML' });
  });

  it('sanitises names: no path, no control or bidi characters, the real extension, a bounded length', () => {
    expect(safeFileName('..\\..\\登录页 设计.PNG', 'png')).toBe('登录页 设计.png');
    expect(safeFileName('invoice\u202Egnp.exe', 'pdf')).toBe('invoicegnp.pdf');
    expect(safeFileName('a"b;c`$(rm).jpg', 'jpg')).toBe('a_b_c__(rm).jpg');
    expect(safeFileName('...', 'gif', 'file-2')).toBe('file-2.gif');
    expect(safeFileName(undefined, 'pdf', 'file-3')).toBe('file-3.pdf');
    expect([...safeFileName('长'.repeat(500), 'png')].length).toBe(120);
  });
});

describe('file config', () => {
  it('keeps files beside the database by default, with caps in MB; refuses nonsense', () => {
    const config = readConfig({ DATABASE_PATH: '/srv/bot/data/bot.sqlite' });
    expect(config.files).toEqual({
      dir: '/srv/bot/data/files',
      maxFileBytes: 20 * 1024 * 1024,
      maxReleaseBytes: 200 * 1024 * 1024,
    });
    const set = readConfig({
      DATABASE_PATH: '/srv/bot/data/bot.sqlite',
      FILES_DIR: '/var/files',
      FILE_MAX_MB: '5',
      RELEASE_FILES_MAX_MB: '50.5',
    });
    expect(set.files).toEqual({
      dir: '/var/files',
      maxFileBytes: 5 * 1024 * 1024,
      maxReleaseBytes: Math.floor(50.5 * 1024 * 1024),
    });
    expect(() => readConfig({ FILE_MAX_MB: 'lots' })).toThrow(/FILE_MAX_MB must be a positive number/);
    expect(() => readConfig({ FILE_MAX_MB: '30', RELEASE_FILES_MAX_MB: '10' })).toThrow(
      /RELEASE_FILES_MAX_MB must be at least FILE_MAX_MB/,
    );
  });
});
