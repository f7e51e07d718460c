/**
 * A secret typed almost right (31 or 33 hex, in groups with spaces or dashes) or named in a file is
 * still a secret: the client is told it is not an App secret, and nowhere — the stored event, the
 * timeline, the logs, the database file — keeps it in clear. A well-formed one is saved as before.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { timelineHtml } from '../../src/status/render-html.js';
import { buildTimeline } from '../../src/status/timeline.js';
import type { Inbound } from '../../src/inbound.js';
import { startTestApp, type TestApp } from '../support/app.js';

const NEAR_MISSES = {
  short: '9675e1550a1b2c3d4e5f60718293a4b', // 31 hex
  long: '9675e1550a1b2c3d4e5f60718293a4b5c', // 33 hex
  spaced: '9675 e155 0a1b 2c3d 4e5f 6071 8293 a4b5',
  dashed: '9675-e155-0a1b-2c3d-4e5f-6071-8293-a4b5',
};
const VALID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('near-miss secrets are sealed and masked wherever the message is kept', () => {
  let t: TestApp;
  let logs: string[];
  afterEach(async () => {
    await t.close();
  });

  async function start(): Promise<number> {
    logs = [];
    const logger = createLogger({ level: 'trace', destination: { write: (line: string) => void logs.push(line) } });
    t = await startTestApp({ options: { logger } });
    await t.app.bot.command(
      {
        platform: 'local',
        user: 'local:pm',
        isPm: true,
        locale: 'en',
        conversation: { platform: 'local', channel: 'client', kind: 'local', shared: false },
      },
      '/release start Acme Coffee en',
    );
    const client = t.app.store.findClientByName('Acme Coffee');
    const release = client && t.app.store.openReleaseOf(client.id);
    if (!release) throw new Error('no release');
    return release.id;
  }

  let seq = 0;
  const say = async (text: string, extra: Partial<Inbound> = {}): Promise<number> => {
    seq += 1;
    const result = await t.app.bot.handle({
      platform: 'local',
      channel: 'client',
      sender: 'local:client',
      text,
      externalId: `m${seq}`,
      ...extra,
    });
    if (result.kind !== 'stored') throw new Error('not stored');
    await t.app.outbox.flush();
    return result.eventId;
  };
  const storedText = (eventId: number): string =>
    t.app.db.$client.prepare('SELECT text FROM events WHERE id = ?').pluck().get(eventId) as string;
  const everywhere = (plain: string): string[] => {
    const found: string[] = [];
    const hex = plain.replace(/[^0-9a-f]/gi, '');
    for (const file of readdirSync(t.dir)) {
      const bytes = readFileSync(join(t.dir, file));
      if (bytes.includes(plain) || bytes.includes(hex)) found.push(file);
    }
    if (logs.some((l) => l.includes(plain) || l.includes(hex))) found.push('logs');
    if (t.app.localChat?.transcript.some((m) => m.message.text.includes(plain) || m.message.text.includes(hex)))
      found.push('replies');
    return found;
  };

  for (const [shape, plain] of Object.entries(NEAR_MISSES)) {
    it(`a ${shape} one after "App secret:" is not saved, and is stored, shown and logged only as ••••last4`, async () => {
      const releaseId = await start();
      const eventId = await say(`App secret: ${plain}`);
      expect(storedText(eventId)).toBe(
        'App secret: ••••a4b5'.replace('a4b5', plain.replace(/[^0-9a-f]/gi, '').slice(-4)),
      );
      expect(t.app.store.item(releaseId, 'app_secret')?.value ?? null).toBeNull();
      const timeline = buildTimeline(t.app.store.events(releaseId), t.app.store.releaseMessages(releaseId));
      const inbound = timeline.find((e) => e.kind === 'inbound');
      expect(inbound).toMatchObject({ text: expect.stringContaining('••••') });
      expect(JSON.stringify(timeline)).not.toContain(plain);
      const page = String(timelineHtml('en', timeline, 'Asia/Shanghai'));
      expect(page).toContain('••••');
      expect(page).not.toContain(plain);
      expect(everywhere(plain)).toEqual([]);
    });
  }

  it('in 密钥 words, a grouped one is masked the same', async () => {
    await start();
    const eventId = await say(`我们的密钥是 ${NEAR_MISSES.dashed}，请查收`);
    expect(storedText(eventId)).toBe('我们的密钥是 ••••a4b5，请查收');
    expect(everywhere(NEAR_MISSES.dashed)).toEqual([]);
  });

  it('while the secret question is open, a bare near miss (no keyword) is masked too; before it, hex that is no secret stays', async () => {
    const releaseId = await start();
    const before = await say(`build ${NEAR_MISSES.short}`);
    expect(storedText(before)).toBe(`build ${NEAR_MISSES.short}`);
    t.app.service.markAsked(releaseId, ['app_secret'], 'local:pm');
    const eventId = await say(NEAR_MISSES.long);
    expect(storedText(eventId)).toBe('••••4b5c');
    expect(t.app.db.$client.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(eventId)).not.toContain(
      NEAR_MISSES.long,
    );
  });

  it('a secret in an attachment’s file name is masked in the stored event', async () => {
    await start();
    const eventId = await say('', {
      attachments: [
        { kind: 'file', name: `appsecret ${NEAR_MISSES.spaced}.txt` },
        { kind: 'image', name: `${VALID}.png` },
      ],
    });
    const payload = t.app.db.$client.prepare('SELECT payload FROM events WHERE id = ?').pluck().get(eventId) as string;
    expect(JSON.parse(payload).attachments).toEqual([
      { kind: 'file', name: 'appsecret ••••a4b5.txt' },
      { kind: 'image', name: '••••e1f0.png' },
    ]);
    expect(everywhere(NEAR_MISSES.spaced)).toEqual([]);
    expect(everywhere(VALID)).toEqual([]);
  });

  it('a well-formed 32-hex App secret is still saved, sealed, and shown as ••••last4', async () => {
    const releaseId = await start();
    const eventId = await say(`App secret: ${VALID}`);
    expect(storedText(eventId)).toBe('App secret: ••••e1f0');
    expect(t.app.store.item(releaseId, 'app_secret')?.value).toMatchObject({ last4: 'e1f0' });
    expect(t.app.service.revealSecret(releaseId, 'app_secret')).toBe(VALID);
    expect(t.app.localChat?.transcript.map((m) => m.message.text).join('\n')).toContain('••••e1f0');
    expect(everywhere(VALID)).toEqual([]);
  });
});
