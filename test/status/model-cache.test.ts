import { describe, expect, it } from 'vitest';
import type { StatusRow } from '../../src/release/store.js';
import { buildStatus } from '../../src/status/model.js';

const ASKED = '2026-11-25T02:00:00.000Z';
const row = (): StatusRow => ({
  releaseId: 1,
  clientId: 1,
  clientName: 'Acme Coffee',
  locale: 'en',
  timezone: 'Asia/Shanghai',
  pmUser: null,
  targetDate: null,
  releaseCreatedAt: ASKED,
  nextReminderAt: null,
  nextReminderKind: null,
  nextReminderItem: null,
  lastInboundAt: null,
  items: [
    { key: 'app_id', status: 'asked', value: null, note: null, setBy: null, setAt: null, askedAt: ASKED, nudges: 0 },
  ],
  progress: {
    done: 0,
    total: 26,
    sections: {
      preparation: { done: 0, total: 10 },
      other: { done: 0, total: 6 },
      development: { done: 0, total: 10 },
    },
  },
});

describe('the status model kept per unchanged row', () => {
  it('reuses a status within the minute, and rebuilds it for a later minute or a new row', () => {
    const r = row();
    const at = (iso: string) => buildStatus([r], new Date(iso))[0];
    const first = at('2026-11-25T03:00:05.000Z');
    expect(at('2026-11-25T03:00:50.000Z')).toBe(first);
    const later = at('2026-11-25T03:05:00.000Z');
    expect(later).not.toBe(first);
    expect(later?.waitingOnClient[0]?.waitedMs).toBe(65 * 60_000);
    expect(buildStatus([row()], new Date('2026-11-25T03:05:00.000Z'))[0]).not.toBe(later);
  });
});
