/**
 * The compiled service as a real child process (`node dist/src/main.js`, what `npm start` runs; the test
 * run builds dist/ first), connected to a fake Slack on 127.0.0.1: for the tests that SIGKILL it.
 *
 *   const service = await startServiceProcess(env, base);   // resolves at the first /healthz 200
 *   await openReleases(base, SIGNING_SECRET, 'UPM', CHANNELS, 'Kill Co', slack);
 *   await postSigned(`${base}/slack/events`, messageEventBody({ i, channel, text, eventId }), { secret, timestamp });
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, inject } from 'vitest';
import type { FakeSlack } from '../slack/support/fake-slack.js';
import { commandBody, postSigned } from '../slack/support/sign.js';
import { TEST_SECRET_KEY } from './app.js';

export interface ServiceProcess {
  child: ChildProcess;
  exited: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const nowSec = (): number => Math.floor(Date.now() / 1000);

/** A distinct, valid App ID per message (`seed` keeps two tests' IDs apart): the reply names it. */
export const appIdOf = (seed: bigint, i: number): string => `wx${(seed + BigInt(i) * 7919n).toString(16).slice(-16)}`;

/** The service's environment: Slack only, the test run's Redis under a queue prefix of its own. */
export function slackServiceEnv(opts: {
  port: number;
  db: string;
  name: string;
  pm: string;
  signingSecret: string;
  slack: FakeSlack;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    DATABASE_PATH: opts.db,
    REDIS_URL: inject('redisUrl'),
    QUEUE_PREFIX: `${opts.name}-${randomBytes(4).toString('hex')}`,
    SECRET_KEY: TEST_SECRET_KEY,
    PM_USERS: `slack:${opts.pm}`,
    SLACK_SIGNING_SECRET: opts.signingSecret,
    SLACK_BOT_TOKEN: `xoxb-${opts.name}`,
    SLACK_API_URL: opts.slack.apiUrl,
    LOG_LEVEL: 'error',
    WECHAT_API_BASE: 'off',
    ...opts.extra,
  };
}

/** Starts the compiled service; resolves at its first `/healthz` 200. `output()` is what it printed. */
export async function startServiceProcess(
  env: Record<string, string>,
  base: string,
  log: { output: string } = { output: '' },
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['dist/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (log.output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log.output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, exited };
    if (child.exitCode !== null || i > 300) throw new Error(`the service did not start:\n${log.output}`);
    await sleep(100);
  }
}

/** `/release start <name> <n> en` in each channel, as the PM, each acknowledged. */
export async function openReleases(
  base: string,
  signingSecret: string,
  pm: string,
  channels: readonly string[],
  name: string,
  slack: FakeSlack,
): Promise<void> {
  for (const [n, channel] of channels.entries()) {
    const body = commandBody({
      command: '/release',
      text: `start ${name} ${n} en`,
      user_id: pm,
      channel_id: channel,
      response_url: slack.responseUrl(n),
    });
    const res = await postSigned(`${base}/slack/events`, body, {
      secret: signingSecret,
      timestamp: nowSec(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
  }
}

/** A client's message in a channel, as Slack's Events API posts it. */
export function messageEventBody(opts: { i: number; channel: string; text: string; eventId: string }): string {
  return JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: opts.eventId,
    event_time: nowSec(),
    event: {
      type: 'message',
      channel: opts.channel,
      user: 'UCLIENT',
      text: opts.text,
      ts: `${nowSec()}.${String(opts.i).padStart(6, '0')}`,
      channel_type: 'channel',
    },
  });
}
