/**
 * `/slack/events` reads at most 1 MB before it checks the signature: an unsigned flood is refused
 * with 413 (declared up front or streamed without a length), and the service keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackApp, startSlackApp } from './support/slack-app.js';

const TWO_MB = 2 * 1024 * 1024;

describe('Slack: request body limit', () => {
  let s: SlackApp;
  beforeAll(async () => {
    s = await startSlackApp();
  });
  afterAll(async () => {
    await s.close();
  });

  const healthz = () => fetch(s.url.replace('/slack/events', '/healthz'));

  it('an oversized unsigned body is refused with 413 and the service still answers /healthz', async () => {
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"x":"${'a'.repeat(TWO_MB)}"}`,
    });
    expect(res.status).toBe(413);
    await res.text();
    expect((await healthz()).status).toBe(200);
    expect(s.app.store.unprocessedInbound()).toEqual([]);
  });

  it('an oversized body streamed without a Content-Length is cut off at the limit with 413', async () => {
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= TWO_MB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit;
    const status = await fetch(s.url, init).then(
      (res) => res.status,
      () => 'connection closed',
    );
    expect(status).toBe(413);
    expect((await healthz()).status).toBe(200);
  });
});
