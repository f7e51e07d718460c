/**
 * The handover report of one release: every item with its state, value (secrets masked, as
 * everywhere), where the value came from (who — client, PM or bot — and how: answer, PM set, undo,
 * WeChat check), when, and the PM's note, as Markdown (for chat and docs) or CSV (for spreadsheets).
 *
 *   const md = exportMarkdown('zh', status, now);
 *   const csv = exportCsv('en', status);     // RFC 4180 quoting, formula-safe cells
 */
import { SECTIONS } from '../checklist/types.js';
import { formatBytes } from '../files/check.js';
import type { StoredFile } from '../files/store.js';
import { itemLabel } from '../conversation/questions.js';
import { type Locale, t } from '../i18n/index.js';
import { confirmationTag, displayValue, formatTime } from './format.js';
import { provenanceHow, provenanceRole } from './provenance.js';
import type { ItemView, ReleaseStatus } from './model.js';

export type ExportFormat = 'md' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['md', 'csv'];

interface ExportRow {
  section: string;
  key: string;
  item: string;
  status: string;
  value: string;
  by: string;
  role: string;
  how: string;
  at: string;
  note: string;
  files: string;
}

/** Files as the report lists them: `#1 icon.png (812 KB)`, separated by `; `. */
function filesText(files: readonly StoredFile[]): string {
  return files.map((f) => `#${f.number} ${f.name} (${formatBytes(f.bytes)})`).join('; ');
}

function rowOf(locale: Locale, s: ReleaseStatus, item: ItemView, files: readonly StoredFile[] = []): ExportRow {
  // A value carried or guessed and not confirmed yet says so: the hand-over must not read it as settled.
  const tag = item.confirmPending ? confirmationTag(locale, item) : undefined;
  return {
    section: t(locale, `section.${item.section}`),
    key: item.key,
    item: itemLabel(locale, item.key),
    status: t(locale, `status.${item.status}`),
    value: item.value === null ? '' : displayValue(item.key, item.value, locale) + (tag ? ` [${tag}]` : ''),
    by: item.setBy ?? '',
    role: item.setBy ? provenanceRole(locale, item) : '',
    how: item.setBy ? provenanceHow(locale, item) : '',
    at: item.setAt ? formatTime(item.setAt, s.client.timezone) : '',
    note: item.pmNote ?? '',
    files: filesText(files.filter((f) => f.itemKey === item.key)),
  };
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

export function exportMarkdown(locale: Locale, s: ReleaseStatus, now: Date, files: readonly StoredFile[] = []): string {
  const head = [
    `# ${markdownCell(t(locale, 'export.title', { client: s.client.name }))}`,
    '',
    t(locale, 'export.generated', {
      at: formatTime(now.toISOString(), s.client.timezone),
      timezone: s.client.timezone,
      done: s.progress.done,
      total: s.progress.total,
    }),
    '',
    `_${t(locale, 'export.secrets_note')}_`,
  ];
  const cols = (['item', 'key', 'status', 'value', 'by', 'how', 'at', 'note', 'files'] as const).map((c) =>
    t(locale, `export.col.${c}`),
  );
  const sections = SECTIONS.flatMap((section) => {
    const p = s.progress.sections[section];
    const rows = s.items
      .filter((i) => i.section === section)
      .map((i) => rowOf(locale, s, i, files))
      .map(
        (r) =>
          `| ${[r.item, `\`${r.key}\``, r.status, r.value, [r.role, r.by].filter(Boolean).join(' '), r.how, r.at, r.note, r.files].map(markdownCell).join(' | ')} |`,
      );
    return [
      '',
      `## ${t(locale, `section.${section}`)} (${p.done}/${p.total})`,
      '',
      `| ${cols.join(' | ')} |`,
      `|${cols.map(() => '---').join('|')}|`,
      ...rows,
    ];
  });
  const loose = files.filter((f) => f.itemKey === null);
  const unlinked =
    loose.length === 0
      ? []
      : ['', `## ${t(locale, 'export.files_unlinked')}`, '', ...loose.map((f) => `- ${markdownCell(filesText([f]))}`)];
  return `${[...head, ...sections, ...unlinked].join('\n')}\n`;
}

/** One CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Excel reads a CSV without a byte-order mark as the system code page and garbles Chinese: every CSV starts with one. */
export const UTF8_BOM = '\uFEFF';

export function exportCsv(locale: Locale, s: ReleaseStatus, files: readonly StoredFile[] = []): string {
  const columns = ['section', 'key', 'item', 'status', 'value', 'by', 'role', 'how', 'at', 'note', 'files'] as const;
  const header = columns.map((c) => csvCell(t(locale, `export.col.${c}`))).join(',');
  const rows = s.items.map((i) => {
    const r = rowOf(locale, s, i, files);
    return columns.map((c) => csvCell(r[c])).join(',');
  });
  // Files with no item yet: one last row, so the report still lists every file the client sent.
  const loose = files.filter((f) => f.itemKey === null);
  if (loose.length > 0)
    rows.push(
      columns
        .map((c) => csvCell(c === 'item' ? t(locale, 'export.files_unlinked') : c === 'files' ? filesText(loose) : ''))
        .join(','),
    );
  return `${UTF8_BOM}${[header, ...rows].join('\r\n')}\r\n`;
}

/** `acme-coffee-handover.csv`: a file name from the client's name (letters, digits and CJK kept). */
export function exportFileName(s: ReleaseStatus, format: ExportFormat): string {
  const base =
    s.client.name
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'release';
  return `${base}-handover.${format}`;
}

/**
 * What `/release export` says in a chat bubble: a few lines, not the 26-row table (that is the file
 * or the page behind the link).
 */
export function exportSummary(
  locale: Locale,
  s: ReleaseStatus,
  links: { page: string; csv: string; md: string },
): string {
  return t(locale, 'export.summary', {
    client: s.client.name,
    done: s.progress.done,
    total: s.progress.total,
    waiting: s.waitingOnClient.length,
    blocked: s.blocked.length,
    ...links,
  });
}

export function exportRelease(
  format: ExportFormat,
  locale: Locale,
  s: ReleaseStatus,
  now: Date,
  files: readonly StoredFile[] = [],
): string {
  return format === 'md' ? exportMarkdown(locale, s, now, files) : exportCsv(locale, s, files);
}
