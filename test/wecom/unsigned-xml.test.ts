/**
 * An unsigned or forged WeCom callback costs no XML parse: the signature is checked over the
 * `Encrypt` field read from the raw body by a capped scan. The callback counts its outcomes and
 * every XML parse on /metrics, so the test sees whether the parser was reached, not how long it took.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEncryptField } from '../../bots/wecom/xml.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type FakeWeCom, startFakeWeCom } from './fake-wecom.js';
import { outerXml, signedQuery, textXml, weComSender, wecomEnv } from './wecom-client.js';

const samples = JSON.parse(
  readFileSync(new URL('../fixtures/wecom/official-samples.json', import.meta.url), 'utf8'),
) as { message: { body: string } };

/** ~700 KB of nested elements, the shape that cost ~150 ms of parsing per request before. */
const NESTED = `<xml>${'<a>'.repeat(120_000)}x${'</a>'.repeat(120_000)}<Encrypt>AAAA</Encrypt></xml>`;

describe('readEncryptField: the outer body without an XML parser', () => {
  it('reads the official sample’s Encrypt, with or without CDATA and white space between fields', () => {
    const official = readEncryptField(samples.message.body);
    expect(official).toMatch(/^RypEvHKD8QQK[A-Za-z0-9+/]+=*$/);
    expect(
      readEncryptField(
        '\n<xml>\n  <ToUserName>wx1</ToUserName>\n  <Encrypt>abc=</Encrypt>\n  <AgentID>2</AgentID>\n</xml>\n',
      ),
    ).toBe('abc=');
  });

  it('refuses what is not WeCom’s flat envelope: too deep, too many fields, two ciphertexts, declarations, comments, attributes, broken or trailing markup', () => {
    for (const body of [
      NESTED,
      `<xml><a><b><c>deep</c></b></a><Encrypt>abc</Encrypt></xml>`,
      `<xml>${'<F>1</F>'.repeat(20)}<Encrypt>abc</Encrypt></xml>`,
      '<xml><Encrypt>abc</Encrypt><Encrypt>def</Encrypt></xml>',
      '<!DOCTYPE xml [<!ENTITY x "y">]><xml><Encrypt>abc</Encrypt></xml>',
      '<xml><!-- c --><Encrypt>abc</Encrypt></xml>',
      '<xml><Encrypt a="1">abc</Encrypt></xml>',
      '<xml><Encrypt>abc</Encrypt>',
      '<xml><Encrypt>abc</Wrong></xml>',
      '<xml><Encrypt><![CDATA[abc</Encrypt></xml>',
      '<xml><Encrypt>abc</Encrypt></xml><xml/>',
      '<xml><A><Encrypt>nested</Encrypt></A></xml>',
      '<xml><ToUserName>wx1</ToUserName></xml>',
      'not xml at all',
    ]) {
      expect(readEncryptField(body), body.slice(0, 60)).toBeUndefined();
    }
  });
});

describe('WeCom callback: signature before any XML parse', () => {
  let fake: FakeWeCom;
  let t: TestApp;
  let base: string;
  /** A counter's value on /metrics (0 when it has not been counted yet). */
  const metric = async (series: string): Promise<number> => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.split(' ')[1]) : 0;
  };

  beforeAll(async () => {
    fake = await startFakeWeCom();
    t = await startTestApp({ env: wecomEnv(fake.url) });
    base = `http://127.0.0.1:${await t.app.listen()}`;
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('~700 KB of nested unsigned XML is refused (400) without reaching the XML parser', async () => {
    const parsed = await metric('release_bot_wecom_xml_parsed_total');
    expect(NESTED.length).toBeGreaterThan(700_000);
    for (let i = 0; i < 3; i += 1) {
      const res = await fetch(`${base}/wecom/callback?msg_signature=00&timestamp=1&nonce=n`, {
        method: 'POST',
        body: NESTED,
      });
      expect(res.status).toBe(400);
    }
    expect(await metric('release_bot_wecom_callback_total{result="refused_shape"}')).toBe(3);
    expect(await metric('release_bot_wecom_xml_parsed_total')).toBe(parsed);
  });

  it('a forged signature over a well-shaped body is refused (401) without an XML parse; a signed message is parsed once', async () => {
    const parsed = await metric('release_bot_wecom_xml_parsed_total');
    const big = 'A'.repeat(600_000);
    const forged = await fetch(`${base}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=n`, {
      method: 'POST',
      body: outerXml(big),
    });
    expect(forged.status).toBe(401);
    expect(await metric('release_bot_wecom_callback_total{result="refused_signature"}')).toBe(1);
    expect(await metric('release_bot_wecom_xml_parsed_total')).toBe(parsed);

    const ok = await weComSender(base).text('wang', 'hello', '4242');
    expect(ok.status).toBe(200);
    expect(await metric('release_bot_wecom_callback_total{result="accepted"}')).toBe(1);
    expect(await metric('release_bot_wecom_xml_parsed_total')).toBe(parsed + 1);
    // A signed envelope around a ciphertext that is not one: refused after the signature, still no parse.
    const notBlocks = Buffer.from('0123456789').toString('base64');
    expect((await weComSender(base).post(signedQuery(notBlocks), outerXml(notBlocks))).status).toBe(400);
    expect(await metric('release_bot_wecom_xml_parsed_total')).toBe(parsed + 1);
    expect(textXml('a', 'b', '1')).toContain('<MsgId>1</MsgId>');
  });
});
