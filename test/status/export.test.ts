import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvCell, exportCsv, exportMarkdown } from '../../src/status/export.js';
import { buildStatus } from '../../src/status/model.js';
import { startTestApp, TEST_SECRET_KEY, type TestApp } from '../support/app.js';
import { ACME_SECRET, seedAcme } from './seed.js';
import { runReleaseBot } from '../support/cli.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const cli = (argv: string[], env: Record<string, string>) => runReleaseBot(argv, { env });

/** A minimal RFC 4180 reader, to check the CSV reads back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 1);
    } else cell += c;
  }
  return rows;
}

describe('the handover export', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
  });
  afterEach(() => t.close());

  const acmeStatus = (clientId: number) => {
    const [s] = buildStatus(t.app.store.statusRows({ clientId }), t.clock.now());
    if (!s) throw new Error('no status');
    return s;
  };

  it('Markdown lists every item with value, who and when, and never the secret', () => {
    const acme = seedAcme(t);
    const md = exportMarkdown('en', acmeStatus(acme.client.id), t.clock.now());
    expect(md).toContain('# Acme Coffee — handover report');
    expect(md.split('\n').filter((l) => l.startsWith('| ') && l.includes('`'))).toHaveLength(26);
    expect(md).toMatch(
      new RegExp(
        `\\| App ID \\| \`app_id\` \\| answered \\| ${CLIENT_APP_ID} \\| client local:client \\| answer \\| 2026-11-29 10:00 \\|`,
      ),
    );
    expect(md).toContain(`••••${ACME_SECRET.slice(-4)}`);
    expect(md).not.toContain(ACME_SECRET);
  });

  it('CSV is quoted so commas, quotes and formulas read back as the same text', () => {
    const acme = seedAcme(t);
    const csv = exportCsv('en', acmeStatus(acme.client.id));
    expect(csv.startsWith('\uFEFF')).toBe(true); // a UTF-8 BOM, so Excel reads Chinese right
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(27);
    expect(rows[0]).toEqual([
      'Section',
      'Key',
      'Item',
      'Status',
      'Value',
      'Set by',
      'Recorded by',
      'How',
      'Set at',
      'PM note',
      'Files',
    ]);
    const icon = rows.find((r) => r[1] === 'app_icon');
    expect(icon?.[3]).toBe('blocked');
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(rows.flat().join(' ')).not.toContain(ACME_SECRET);
  });

  it('/release export <client> replies with a short summary and the links, the CSV as a file; an unknown client gets a clear answer', async () => {
    const acme = seedAcme(t);
    const ctx = { platform: 'local' as const, user: 'local:pm', isPm: true, locale: 'en' as const };
    const reply = await t.app.bot.command(ctx, '/release export Acme Coffee');
    const page = `http://localhost:3000/releases/${acme.release.id}`;
    expect(reply.message.text).toBe(
      `Acme Coffee — handover report: 2/26 done, 2 waiting on the client, 1 blocked.\nRelease page: ${page}\nSpreadsheet (CSV, opens in Excel): ${page}/export.csv\nMarkdown: ${page}/export.md`,
    );
    expect(reply.message.text).not.toContain('|'); // no table in a chat bubble
    expect(reply.file).toMatchObject({
      filename: 'acme-coffee-handover.csv',
      title: 'Acme Coffee — handover report (CSV)',
    });
    expect(reply.file?.content.startsWith('\uFEFF')).toBe(true);
    expect(reply.file?.content).not.toContain(ACME_SECRET);
    expect(reply.message.text).not.toContain(ACME_SECRET);
    const unknown = await t.app.bot.command(ctx, '/release export Nobody Inc');
    expect(unknown.message.text).toContain('No client named “Nobody Inc”');
  });

  it('npx release-bot export <client> --format csv|md prints the report from the database', async () => {
    seedAcme(t);
    const env = { DATABASE_PATH: join(t.dir, 'bot.sqlite'), SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'silent' };
    const csv = await cli(['export', 'Acme', 'Coffee', '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.out.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv.out.slice(1)).find((r) => r[1] === 'app_id')?.[4]).toBe(CLIENT_APP_ID);
    const md = await cli(['export', 'Acme Coffee', '--lang', 'zh'], env);
    expect(md.out).toContain('# Acme Coffee — 交接报告');
    const bad = await cli(['export', 'Acme Coffee', '--format', 'pdf'], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--format must be md or csv');
    const missing = await cli(['export', 'Nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No release for a client named “Nobody”');
  });

  it('the release page offers the report as downloads: CSV with a BOM, Markdown', async () => {
    const acme = seedAcme(t);
    const port = await t.app.listen();
    const csv = await fetch(`http://127.0.0.1:${port}/releases/${acme.release.id}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain('acme-coffee-handover.csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).not.toContain(ACME_SECRET);
    const md = await fetch(`http://127.0.0.1:${port}/releases/${acme.release.id}/export.md?lang=zh`);
    expect(await md.text()).toContain('# Acme Coffee — 交接报告');
    expect((await fetch(`http://127.0.0.1:${port}/releases/${acme.release.id}/export.xlsx`)).status).toBe(404);
  });
});
