/**
 * Slack's documented signing example, through the code path every request takes: our
 * `verifySignature` (Bolt's check at our clock's time) inside `ServiceReceiver`, in front of a real
 * Bolt App. Then the refusals: a wrong signature, a stale timestamp, a missing header, a bad body.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boltLogger } from '../../bots/slack/logger.js';
import { ServiceReceiver, verifySignature } from '../../bots/slack/receiver.js';
import { silentLogger } from '../../src/logger.js';
import { FakeClock } from '../support/app.js';
import { postSigned, slackSignature } from './support/sign.js';

// https://api.slack.com/authentication/verifying-requests-from-slack — the worked example.
const DOC = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: 1531420618,
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const FORM = 'application/x-www-form-urlencoded' as const;

describe('Slack request signing', () => {
  const clock = new FakeClock(new Date(DOC.timestamp * 1000));
  const commands: { user: string; command: string }[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const logger = boltLogger(silentLogger);
    const receiver = new ServiceReceiver({ signingSecret: DOC.secret, clock, logger });
    const app = new App({ token: 'xoxb-test', receiver, logger, botId: 'B0BOT', botUserId: 'U0BOT' });
    app.command('/webhook-collect', async ({ command, ack }) => {
      commands.push({ user: command.user_id, command: command.command });
      await ack('collected');
    });
    server = createServer((req, res) => void receiver.requestHandler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('computes the documented signature for the documented body (our test signer agrees with Slack)', () => {
    expect(slackSignature(DOC.secret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
  });

  it('accepts the documented request with the clock pinned to its timestamp', () => {
    expect(() =>
      verifySignature({
        signingSecret: DOC.secret,
        body: DOC.body,
        signature: DOC.signature,
        timestamp: String(DOC.timestamp),
        now: clock.now(),
      }),
    ).not.toThrow();
  });

  it('refuses the documented request once it is more than 5 minutes old', () => {
    const later = new Date((DOC.timestamp + 301) * 1000);
    expect(() =>
      verifySignature({
        signingSecret: DOC.secret,
        body: DOC.body,
        signature: DOC.signature,
        timestamp: String(DOC.timestamp),
        now: later,
      }),
    ).toThrow(/stale/);
  });

  it('delivers the documented request through the receiver to a real Bolt listener', async () => {
    const res = await postSigned(url, DOC.body, {
      secret: DOC.secret,
      timestamp: DOC.timestamp,
      signature: DOC.signature,
      contentType: FORM,
    });
    expect(res).toEqual({ status: 200, text: 'collected' });
    expect(commands.at(-1)).toEqual({ user: 'U2CERLKJA', command: '/webhook-collect' });
  });

  it('answers 401 to a wrong signature and runs no listener', async () => {
    const before = commands.length;
    const wrong = DOC.signature.replace(/.$/, '0');
    const res = await postSigned(url, DOC.body, {
      secret: DOC.secret,
      timestamp: DOC.timestamp,
      signature: wrong,
      contentType: FORM,
    });
    expect(res.status).toBe(401);
    expect(commands.length).toBe(before);
  });

  it('answers 401 to a body changed after signing', async () => {
    const res = await postSigned(url, DOC.body.replace('roadrunner', 'coyote'), {
      secret: DOC.secret,
      timestamp: DOC.timestamp,
      signature: DOC.signature,
      contentType: FORM,
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 to a correctly signed request older than 5 minutes', async () => {
    const old = DOC.timestamp - 6 * 60;
    const res = await postSigned(url, DOC.body, { secret: DOC.secret, timestamp: old, contentType: FORM });
    expect(res.status).toBe(401);
  });

  it('answers 401 to an unsigned request', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': FORM }, body: DOC.body });
    expect(res.status).toBe(401);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const res = await postSigned(url, '{"type": "event_callback", ', { secret: DOC.secret, timestamp: DOC.timestamp });
    expect(res.status).toBe(400);
  });

  it('answers the url_verification challenge when signed', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 'x' });
    const res = await postSigned(url, body, { secret: DOC.secret, timestamp: DOC.timestamp });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
  });
});
