/**
 * No request can stop the service. `npm start` runs as a real child process; requests go over raw
 * sockets. First the two one-request crashes found in the outside test, then a seeded fuzz of
 * malformed requests against both shapes of the service (loopback-only with the local chat; with a
 * dashboard token, Slack and WeCom): every answer is a 4xx (or the server closing a connection it
 * could not parse), never a 5xx, and /healthz answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../slack/support/fake-slack.js';
import { rawRequest, type Service, startService } from '../support/raw-http.js';
import { type FakeWeCom, startFakeWeCom } from '../wecom/fake-wecom.js';
import { wecomEnv } from '../wecom/wecom-client.js';
import { malformedRequests, type Target } from './malformed-requests.js';

const REQUESTS_PER_SERVICE = 1_100;
const CONCURRENCY = 8;
const SEED = 20_261_205;

async function healthy(svc: Service): Promise<boolean> {
  const res = await rawRequest(
    svc.port,
    `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nConnection: close\r\n\r\n`,
  );
  return res.status === 200 && svc.alive();
}

/** Sends `count` malformed requests, `CONCURRENCY` at a time; returns the statuses by defect kind and the ones that were not 4xx. */
async function fuzz(svc: Service, mode: Target['mode'], seed: number, count: number) {
  const gen = malformedRequests(seed, { mode, port: svc.port });
  const byKind = new Map<string, Map<number, number>>();
  const wrong: { index: number; kind: string; status: number; request: string }[] = [];
  let index = 0;
  const worker = async (): Promise<void> => {
    while (index < count) {
      const i = index;
      index += 1;
      const { kind, bytes, incomplete } = gen.next();
      const { status } = await rawRequest(svc.port, bytes, { endWrite: incomplete });
      const tally = byKind.get(kind) ?? new Map<number, number>();
      tally.set(status, (tally.get(status) ?? 0) + 1);
      byKind.set(kind, tally);
      if (status !== 0 && (status < 400 || status > 499))
        wrong.push({ index: i, kind, status, request: bytes.toString('latin1').slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (process.env.FUZZ_REPORT)
    console.log([...byKind].map(([k, t]) => `${mode} ${k}: ${JSON.stringify(Object.fromEntries(t))}`).join('\n'));
  return { byKind, wrong };
}

describe('one request cannot stop the service (no token, the local chat)', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startService();
  }, 60_000);
  afterAll(async () => {
    await svc?.stop();
  });

  it('GET //[ HTTP/1.1 is a 400, and the service still answers /healthz', async () => {
    const res = await rawRequest(
      svc.port,
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(400);
    expect(await healthy(svc)).toBe(true);
  });

  it('GET /login?next=/%E4%B8%AD (a non-ASCII Location) is a 303 to the encoded path, and the service still answers /healthz', async () => {
    const res = await rawRequest(
      svc.port,
      `GET /login?next=/%E4%B8%AD HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(303);
    expect(res.head).toMatch(/\r\nlocation: \/%E4%B8%AD\r\n/i);
    expect(await healthy(svc)).toBe(true);
  });

  it(`${REQUESTS_PER_SERVICE} random malformed requests: each a 4xx or a closed connection, never a 5xx; /healthz answers after`, async () => {
    const { byKind, wrong } = await fuzz(svc, 'loopback', SEED, REQUESTS_PER_SERVICE);
    expect(wrong).toEqual([]);
    expect([...byKind.values()].reduce((n, t) => n + [...t.values()].reduce((a, b) => a + b, 0), 0)).toBe(
      REQUESTS_PER_SERVICE,
    );
    // Every kind of defect was tried, and each was answered (not only dropped connections).
    expect(byKind.size).toBeGreaterThanOrEqual(10);
    for (const [kind, tally] of byKind)
      expect(
        [...tally.keys()].some((s) => s >= 400),
        kind,
      ).toBe(true);
    expect(await healthy(svc)).toBe(true);
    expect(svc.output()).not.toContain('request failed');
  }, 120_000);
});

describe('one request cannot stop the service (DASHBOARD_TOKEN, Slack and WeCom on)', () => {
  let svc: Service;
  let slack: FakeSlack;
  let wecom: FakeWeCom;
  beforeAll(async () => {
    slack = await startFakeSlack();
    wecom = await startFakeWeCom();
    svc = await startService({
      DASHBOARD_TOKEN: 'correct horse battery',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789ab',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slack.apiUrl,
      ...wecomEnv(wecom.url),
    });
  }, 60_000);
  afterAll(async () => {
    await svc?.stop();
    await slack?.close();
    await wecom?.close();
  });

  it('POST /login with the right token and a non-ASCII next is a 303, not a 500', async () => {
    const body = `token=correct+horse+battery&next=${encodeURIComponent('/中')}`;
    const res = await rawRequest(
      svc.port,
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${svc.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(res.status).toBe(303);
    expect(res.head).toMatch(/\r\nlocation: \/%E4%B8%AD\r\n/i);
  });

  it(`${REQUESTS_PER_SERVICE} random malformed requests: each a 4xx or a closed connection, never a 5xx; /healthz answers after`, async () => {
    const { byKind, wrong } = await fuzz(svc, 'token', SEED + 1, REQUESTS_PER_SERVICE);
    expect(wrong).toEqual([]);
    expect(byKind.size).toBeGreaterThanOrEqual(10);
    for (const [kind, tally] of byKind)
      expect(
        [...tally.keys()].some((s) => s >= 400),
        kind,
      ).toBe(true);
    expect(await healthy(svc)).toBe(true);
    expect(svc.output()).not.toContain('request failed');
    // Nothing the fuzz sent reached Slack as a message.
    expect(slack.calls('chat.postMessage')).toEqual([]);
  }, 120_000);
});
