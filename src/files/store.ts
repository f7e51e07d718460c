/**
 * The port for files a client sends (an ICP screenshot, the app icon, a permission-page design):
 * kept beside the database, content-addressed, each linked to the item it answers (or to none until
 * the PM says which). `db/file-store.ts` implements it; the core (conversation, commands, status
 * page, client page) only sees this interface.
 *
 *   const put = files.put({ releaseId: 3, itemKey: 'app_icon', name: 'icon.png', content, source: 'slack', sentBy: 'slack:U9', at });
 *   if (!put.ok) reply(t(locale, `file.refused_${put.problem}`, …));
 */
import type { ItemKey } from '../checklist/types.js';
import type { Platform } from '../release/model.js';
import type { FileType } from './sniff.js';

/** Where a file came from: a chat platform, the client page (issue #20), or a PM. */
export type FileSource = Platform | 'page' | 'pm';

export interface StoredFile {
  id: number;
  releaseId: number;
  /** 1, 2, 3… within the release: what the PM names in `/release file <client> <number> <item>`. */
  number: number;
  /** The item it belongs to; null while nobody knows which (the PM is asked). */
  itemKey: ItemKey | null;
  /** Sanitised (`safeFileName`), with the extension of what the file really is. */
  name: string;
  mime: FileType['mime'];
  bytes: number;
  /** Hex SHA-256 of the content: its address on disk. */
  sha256: string;
  source: FileSource;
  /** Platform user id of who sent it (`slack:U9`, `kf:wm…`), or `page` / the PM. */
  sentBy: string;
  createdAt: string;
}

export interface FileLimits {
  /** Largest single file, in bytes (FILE_MAX_MB). */
  maxFileBytes: number;
  /** Largest total of one release's files, in bytes (RELEASE_FILES_MAX_MB). */
  maxReleaseBytes: number;
}

export interface PutFile {
  releaseId: number;
  itemKey: ItemKey | null;
  /** The name as sent (any text; sanitised here). */
  name?: string;
  content: Uint8Array;
  source: FileSource;
  sentBy: string;
  at: string;
}

/** Why a file was not stored: each has a message for the sender (`files.refused.*` in src/i18n). */
export type FileRefusal =
  | { problem: 'empty' }
  | { problem: 'too_large'; bytes: number; limit: number }
  | { problem: 'release_full'; bytes: number; used: number; limit: number }
  /** `seen`: the kind recognised (ZIP, SVG, …) when it is a common one. */
  | { problem: 'type'; seen?: string };

/** `duplicate`: the release already had this content; nothing new was written, the existing file is returned. */
export type PutResult = { ok: true; file: StoredFile; duplicate: boolean } | ({ ok: false } & FileRefusal);

export interface FileStore {
  readonly limits: FileLimits;
  /**
   * Checks (size, release total, type by magic bytes) and stores: the content once on disk under its
   * SHA-256, a row per release. The same content sent again to the same release returns the first
   * row (`duplicate`), linked to `itemKey` if it was linked to none.
   */
  put(input: PutFile): PutResult;
  /** The release's files, oldest first. */
  list(releaseId: number): StoredFile[];
  get(id: number): StoredFile | undefined;
  /** A release's file by its number (what the PM types). */
  byNumber(releaseId: number, number: number): StoredFile | undefined;
  /** The file and its content; undefined when there is no such file (or its content is gone from disk). */
  read(id: number): { file: StoredFile; content: Buffer } | undefined;
  /** Links a file to an item (or unlinks it with null). */
  link(id: number, itemKey: ItemKey | null): void;
  /** Bytes the release's files take (what the per-release cap is checked against). */
  usedBytes(releaseId: number): number;
}
