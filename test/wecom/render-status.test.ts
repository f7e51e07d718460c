import { describe, expect, it } from 'vitest';
import { OVERVIEW_LIMIT, statusBlocks } from '../../bots/wecom/render-status.js';
import { buildStatus } from '../../src/status/model.js';
import type { StatusRow } from '../../src/release/store.js';

const NOW = new Date('2026-11-25T02:00:00.000Z');
const row = (n: number): StatusRow => ({
  releaseId: n,
  clientId: n,
  clientName: `Client ${String(n).padStart(2, '0')}`,
  locale: 'zh',
  timezone: 'Asia/Shanghai',
  pmUser: 'wecom:pm_lin',
  targetDate: null,
  releaseCreatedAt: NOW.toISOString(),
  nextReminderAt: null,
  nextReminderKind: null,
  nextReminderItem: null,
  lastInboundAt: null,
  items: [],
  progress: {
    done: n,
    total: 26,
    sections: {
      preparation: { done: n, total: 10 },
      other: { done: 0, total: 6 },
      development: { done: 0, total: 10 },
    },
  },
});

describe('WeCom /release status overview', () => {
  it(`lists the ${OVERVIEW_LIMIT} most urgent releases and counts the rest`, () => {
    const statuses = buildStatus(
      Array.from({ length: OVERVIEW_LIMIT + 5 }, (_, i) => row(i + 1)),
      NOW,
    );
    const blocks = statusBlocks('zh', { kind: 'overview', statuses }, NOW);
    expect(blocks).toHaveLength(OVERVIEW_LIMIT + 1);
    expect(blocks.at(-1)).toEqual({ type: 'text', text: '……另有 5 个：请用 /release status <客户名> 查看' });
    expect(statusBlocks('zh', { kind: 'overview', statuses: statuses.slice(0, 3) }, NOW)).toHaveLength(3);
  });
});
