/**
 * `/release export` in Slack: a short ephemeral summary with the links, and the CSV uploaded to the PM
 * alone through files.uploadV2 (files.getUploadURLExternal → the upload URL → files.completeUploadExternal),
 * against the local fake Slack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PM, type SlackApp, startSlackApp } from './support/slack-app.js';

describe('/release export in Slack', () => {
  let s: SlackApp;
  beforeEach(async () => {
    s = await startSlackApp();
  });
  afterEach(() => s.close());

  it('answers with a summary and uploads the CSV (with a BOM) to the PM’s DM', async () => {
    await s.command('start Acme Coffee zh');
    await s.settle();
    const res = await s.command('export Acme Coffee');
    expect(res.body.response_type).toBe('ephemeral');
    const text = String(res.body.text);
    expect(text).toMatch(/^Acme Coffee — 交接报告：已完成 0\/26/);
    expect(text).toMatch(/export\.csv/);
    expect(text).not.toContain('|');

    for (let i = 0; i < 200 && !s.slack.uploads[0]?.completed; i += 1) await new Promise((r) => setTimeout(r, 10));
    const [upload] = s.slack.uploads;
    expect(upload?.filename).toBe('acme-coffee-handover.csv');
    expect(upload?.completed).toMatchObject({ channel_id: `D${PM}`, files: [{ id: upload?.fileId, title: 'Acme Coffee — 交接报告（CSV）' }] });
    const csv = upload?.bytes.toString('utf8') ?? '';
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('app_id');
    expect(s.slack.calls('conversations.open')).toContainEqual(expect.objectContaining({ users: PM }));
    // Nothing went into the client's channel: only the release's own messages were posted there.
    expect(s.posted().every((p) => !String(p.text).includes('交接报告'))).toBe(true);
  });
});
