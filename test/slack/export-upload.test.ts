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
    expect(upload?.completed).toMatchObject({
      channel_id: `D${PM}`,
      files: [{ id: upload?.fileId, title: 'Acme Coffee — 交接报告（CSV）' }],
    });
    const csv = upload?.bytes.toString('utf8') ?? '';
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('app_id');
    expect(s.slack.calls('conversations.open')).toContainEqual(expect.objectContaining({ users: PM }));
    // Nothing went into the client's channel: only the release's own messages were posted there.
    expect(s.posted().every((p) => !String(p.text).includes('交接报告'))).toBe(true);
  });

  it('answers the slash command before a slow upload finishes, and the upload still completes', async () => {
    await s.command('start Acme Coffee zh');
    await s.settle();
    let release = (): void => {};
    s.slack.holdUploads = new Promise<void>((r) => (release = r));
    const bytesArrived = new Promise<void>((r) => (s.slack.onUpload = () => r()));
    // The upload is held at the upload URL: the HTTP answer must not wait for it.
    const held = bytesArrived.then(() => new Promise<'held'>((r) => setTimeout(() => r('held'), 3_000)));
    const answered = await Promise.race([s.command('export Acme Coffee'), held]);
    if (answered === 'held') release(); // so the app can stop
    expect(answered).not.toBe('held');
    expect(answered === 'held' ? '' : String(answered.body.text)).toMatch(/export\.csv/);
    expect(s.slack.uploads[0]?.completed).toBeUndefined();
    release();
    for (let i = 0; i < 300 && !s.slack.uploads[0]?.completed; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(s.slack.uploads[0]?.completed).toMatchObject({ channel_id: `D${PM}` });
    expect(s.slack.uploads[0]?.bytes.toString('utf8')).toContain('app_id');
  });
});
