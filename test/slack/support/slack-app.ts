/**
 * The real app with Slack on, driven the way Slack drives it: signed HTTP requests to
 * `/slack/events`, the Web API answered by a local fake. Logs are captured (at trace level) so a
 * test can prove a secret never reached them.
 *
 *   const s = await startSlackApp();
 *   await s.command('start Acme Coffee');
 *   await s.message({ text: 'AppID wx…', eventId: 'Ev1' });
 *   await s.settle();                      // processed, and the outbox drained to the fake
 */
import { createLogger } from '../../../src/logger.js';
import { type TestApp, startTestApp } from '../../support/app.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { commandBody, interactionBody, postSigned } from './sign.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789ab';
export const CHANNEL = 'CACME';
export const PM = 'UPM';
export const CLIENT_USER = 'UCLIENT';

export interface SlackApp extends TestApp {
  slack: FakeSlack;
  url: string;
  logs: string[];
  nowSec(): number;
  command(
    text: string,
    opts?: { user?: string; channel?: string },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  message(m: MessageInput): Promise<{ status: number }>;
  event(event: Record<string, unknown>, eventId: string, retryNum?: number): Promise<{ status: number }>;
  interact(payload: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** Waits until every stored message is processed and every due outbox row is sent (fake time moves). */
  settle(): Promise<void>;
  /** Messages posted to Slack so far, oldest first. */
  posted(): { channel: string; text: string; thread_ts?: string; blocks?: unknown[] }[];
}

export interface MessageInput {
  text: string;
  eventId: string;
  user?: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
  retryNum?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSlackApp(opts: { env?: Record<string, string> } = {}): Promise<SlackApp> {
  const slack = await startFakeSlack();
  const logs: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void logs.push(line) } });
  const t = await startTestApp({
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slack.apiUrl,
      ...opts.env,
    },
    options: { logger },
  });
  const port = await t.app.listen();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const nowSec = () => Math.floor(t.clock.now().getTime() / 1000);
  let tsSeq = 0;
  let commands = 0;

  const event: SlackApp['event'] = async (ev, eventId, retryNum) => {
    const body = JSON.stringify({
      token: 'x',
      team_id: 'T1',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: eventId,
      event_time: nowSec(),
      event: ev,
    });
    const res = await postSigned(url, body, { secret: SIGNING_SECRET, timestamp: nowSec(), retryNum });
    return { status: res.status };
  };

  const settle = async (): Promise<void> => {
    for (let round = 0; round < 20; round += 1) {
      for (let i = 0; i < 100 && t.app.store.unprocessedInbound().length > 0; i += 1) await sleep(10);
      await t.app.outbox.kick();
      const pending = t.app.store.dueOutbox('9999-12-31T00:00:00.000Z', 100);
      if (pending.length === 0) return;
      // The outbox paces Slack at ~1 message/s per channel, on the app's clock.
      t.clock.advance(1_100);
    }
    throw new Error('outbox did not drain: rows are still pending');
  };

  return {
    ...t,
    slack,
    url,
    logs,
    nowSec,
    event,
    settle,
    async close() {
      await t.close();
      await slack.close();
    },
    async command(text, opts = {}) {
      // The ack only stores the command; its answer arrives at the response_url once it ran.
      commands += 1;
      const body = commandBody({
        command: '/release',
        text,
        user_id: opts.user ?? PM,
        channel_id: opts.channel ?? CHANNEL,
        response_url: slack.responseUrl(commands),
      });
      const res = await postSigned(url, body, {
        secret: SIGNING_SECRET,
        timestamp: nowSec(),
        contentType: 'application/x-www-form-urlencoded',
      });
      if (res.status !== 200)
        return { status: res.status, body: res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {} };
      return { status: res.status, body: await slack.responseTo(commands) };
    },
    async message(m) {
      tsSeq += 1;
      const ts = m.ts ?? `${nowSec()}.${String(tsSeq).padStart(6, '0')}`;
      const ev = {
        type: 'message',
        channel: m.channel ?? CHANNEL,
        user: m.user ?? CLIENT_USER,
        text: m.text,
        ts,
        ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
        channel_type: 'channel',
      };
      return event(ev, m.eventId, m.retryNum);
    },
    async interact(payload) {
      return postSigned(url, interactionBody(payload), {
        secret: SIGNING_SECRET,
        timestamp: nowSec(),
        contentType: 'application/x-www-form-urlencoded',
      });
    },
    posted: () => slack.calls('chat.postMessage') as ReturnType<SlackApp['posted']>,
  };
}
