import { readFileSync } from 'node:fs';
import { sealEnvelope } from '../../bots/wecom/crypto.js';
import { encrypt, getSignature } from '@wecom/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_XML, NOT_BASE64, XXE_MESSAGE } from '../fixtures/wecom/hostile.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { nowSeconds, outerXml, SAMPLE, signedQuery, textXml, weComSender, wecomEnv } from './wecom-client.js';

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/wecom/official-samples.json', import.meta.url), 'utf8'),
) as {
  token: string;
  verifyUrl: { query: string; echo: string };
  message: { query: string; body: string; msgId: string };
};

/**
 * An official sample's query, signed again for `timestamp` (default: now) with the sample token:
 * the same official ciphertext, as WeCom would send it today (the callback refuses 2014's timestamp).
 */
function resigned(query: string, encrypted: string, timestamp = nowSeconds()): string {
  const params = new URLSearchParams(query);
  params.set('timestamp', timestamp);
  params.set('msg_signature', getSignature(samples.token, timestamp, params.get('nonce') ?? '', encrypted));
  return params.toString();
}
const sampleEncrypt = (): string => /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(samples.message.body)?.[1] ?? '';

describe('WeCom callback: signatures, crypto and hostile bodies', () => {
  let fake: FakeWeCom;
  let t: TestApp;
  let base: string;
  const storedWith = (externalId: string): number =>
    (
      t.app.db.$client.prepare('select count(*) as n from events where external_id = ?').get(`wecom:${externalId}`) as {
        n: number;
      }
    ).n;
  const eventCount = (): number =>
    (t.app.db.$client.prepare('select count(*) as n from events').get() as { n: number }).n;

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url) });
    base = `http://127.0.0.1:${await t.app.listen()}`;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const echostr = (): string => new URLSearchParams(samples.verifyUrl.query).get('echostr') ?? '';

  it('answers the official URL-verification sample with the decrypted echostr', async () => {
    const res = await fetch(`${base}/wecom/callback?${resigned(samples.verifyUrl.query, echostr())}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1616140317555161061');
  });

  it('refuses a URL verification with a forged signature (401)', async () => {
    const forged = resigned(samples.verifyUrl.query, echostr()).replace(
      /msg_signature=[0-9a-f]{8}/,
      'msg_signature=00000000',
    );
    const res = await fetch(`${base}/wecom/callback?${forged}`);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('1616140317555161061');
  });

  it('refuses a correctly signed request whose timestamp is more than 5 minutes away (401: a replay) and stores nothing', async () => {
    const before = eventCount();
    // The official samples exactly as published, signed in 2014.
    expect((await fetch(`${base}/wecom/callback?${samples.verifyUrl.query}`)).status).toBe(401);
    const replayed = await fetch(`${base}/wecom/callback?${samples.message.query}`, {
      method: 'POST',
      body: samples.message.body,
    });
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain('timestamp');
    // A forged one learns nothing about our clock: the signature is checked first.
    const forged = await fetch(`${base}/wecom/callback?${samples.message.query.replace('477715d1', '477715d2')}`, {
      method: 'POST',
      body: samples.message.body,
    });
    expect(forged.status).toBe(401);
    expect(await forged.text()).not.toContain('timestamp');
    for (const timestamp of [nowSeconds(-6 * 60), nowSeconds(6 * 60), 'yesterday']) {
      const res = await fetch(`${base}/wecom/callback?${resigned(samples.message.query, sampleEncrypt(), timestamp)}`, {
        method: 'POST',
        body: samples.message.body,
      });
      expect(res.status).toBe(401);
    }
    expect(eventCount()).toBe(before);
    // Within the window either way (clocks drift a little) it is taken.
    for (const [offset, msgId] of [
      [-4 * 60, '9101'],
      [4 * 60, '9102'],
    ] as const) {
      const env = sealEnvelope(SAMPLE, textXml('wang', 'skewed', msgId), nowSeconds(offset), 'skew');
      const res = await weComSender(base).post(
        `msg_signature=${env.signature}&timestamp=${env.timestamp}&nonce=${env.nonce}`,
        outerXml(env.encrypted),
      );
      expect(res.status).toBe(200);
      expect(storedWith(msgId)).toBe(1);
    }
  });

  it('accepts the official encrypted message sample, stores it once, and acknowledges a WeCom retry', async () => {
    const send = () =>
      fetch(`${base}/wecom/callback?${resigned(samples.message.query, sampleEncrypt())}`, {
        method: 'POST',
        body: samples.message.body,
      });
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
    const query = resigned(samples.message.query, sampleEncrypt()).replace(
      /msg_signature=([0-9a-f])/,
      (_m, c: string) => `msg_signature=${c === '0' ? '1' : '0'}`,
    );
    const res = await fetch(`${base}/wecom/callback?${query}`, { method: 'POST', body });
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
    const again = await fetch(`${base}/wecom/callback?${resigned(samples.verifyUrl.query, echostr())}`);
    expect(await again.text()).toBe(samples.verifyUrl.echo);
  });
});
