import { readFileSync } from 'node:fs';
import { encrypt } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_XML, NOT_BASE64, XXE_MESSAGE } from '../fixtures/wecom/hostile.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { outerXml, SAMPLE, signedQuery, textXml, weComSender, wecomEnv } from './wecom-client.js';

const samples = JSON.parse(readFileSync(new URL('../fixtures/wecom/official-samples.json', import.meta.url), 'utf8')) as {
  verifyUrl: { query: string; echo: string };
  message: { query: string; body: string; msgId: string };
};

describe('WeCom callback: signatures, crypto and hostile bodies', () => {
  let fake: FakeWeCom;
  let t: TestApp;
  let base: string;
  const storedWith = (externalId: string): number =>
    (t.app.db.$client.prepare('select count(*) as n from events where external_id = ?').get(`wecom:${externalId}`) as { n: number }).n;
  const eventCount = (): number => (t.app.db.$client.prepare('select count(*) as n from events').get() as { n: number }).n;

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url) });
    base = `http://127.0.0.1:${await t.app.listen()}`;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('answers the official URL-verification sample with the decrypted echostr', async () => {
    const res = await fetch(`${base}/wecom/callback?${samples.verifyUrl.query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('refuses a URL verification with a forged signature (401)', async () => {
    const forged = samples.verifyUrl.query.replace('5c45ff5e', '00000000');
    const res = await fetch(`${base}/wecom/callback?${forged}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('1616140317555161061');
  });

  it('accepts the official encrypted message sample, stores it once, and acknowledges a WeCom retry', async () => {
    const send = () => fetch(`${base}/wecom/callback?${samples.message.query}`, { method: 'POST', body: samples.message.body });
    const first = await send();
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('success');
    const retry = await send();
    expect(await retry.text()).toBe('success');
    expect(storedWith(samples.message.msgId)).toBe(1);
  });

  it('refuses a message whose signature does not match (401) and stores nothing', async () => {
    const before = eventCount();
    const body = samples.message.body;
    const res = await fetch(`${base}/wecom/callback?${samples.message.query.replace('477715d1', '477715d2')}`, { method: 'POST', body });
    expect(res.status).toBe(401);
    expect(eventCount()).toBe(before);
  });

  it('refuses a message encrypted for another corp (receive id check, 400)', async () => {
    const foreign = weComSender(base, { ...SAMPLE, corpId: 'wwforeign0000000' });
    const res = await foreign.text('wang', 'hello', '9001');
    expect(res.status).toBe(400);
    expect(storedWith('9001')).toBe(0);
  });

  it('refuses garbage base64, bad padding and broken or hostile XML (400)', async () => {
    const sender = weComSender(base);
    const garbage = await sender.post(signedQuery(NOT_BASE64), outerXml(NOT_BASE64));
    expect(garbage.status).toBe(400);
    const notBlocks = Buffer.from('0123456789').toString('base64');
    expect((await sender.post(signedQuery(notBlocks), outerXml(notBlocks))).status).toBe(400);
    const randomBlocks = Buffer.alloc(64, 0xab).toString('base64');
    expect((await sender.post(signedQuery(randomBlocks), outerXml(randomBlocks))).status).toBe(400);
    expect((await sender.plain(BROKEN_XML)).status).toBe(400);
    expect((await sender.plain(XXE_MESSAGE)).status).toBe(400);
    expect((await sender.post(signedQuery('x'), '<xml><Encrypt>unclosed')).status).toBe(400);
    expect(storedWith('666')).toBe(0);
  });

  it('refuses a body over 1 MB and keeps serving', async () => {
    const huge = encrypt(SAMPLE.encodingAesKey, textXml('wang', 'x'.repeat(1_100_000), '777'), SAMPLE.corpId);
    const res = await weComSender(base).post(signedQuery(huge), outerXml(huge));
    expect([400, 413]).toContain(res.status);
    expect(storedWith('777')).toBe(0);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const again = await fetch(`${base}/wecom/callback?${samples.verifyUrl.query}`);
    expect(await again.text()).toBe(samples.verifyUrl.echo);
  });
});
