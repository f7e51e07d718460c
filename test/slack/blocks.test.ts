/** The core's blocks as Block Kit: Slack's limits kept, text escaped, buttons routable back. */
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, LIMITS, progressLine, renderBlocks } from '../../bots/slack/blocks.js';
import { secretFormError, secretModal } from '../../bots/slack/secret-form.js';
import { overviewBlocks } from '../../bots/slack/status-blocks.js';
import { snoozeCommandText } from '../../bots/slack/to-inbound.js';
import type { StatusRow } from '../../src/release/store.js';
import { buildStatus } from '../../src/status/model.js';
import { questionsMessage } from '../../src/conversation/questions.js';
import { escalationMessage } from '../../src/reminders/messages.js';

describe('renderBlocks', () => {
  it('questions become numbered sections with hints, and choice buttons carry item and value', () => {
    const message = questionsMessage('en', ['Hello'], ['merchant_account', 'app_secret']);
    const blocks = renderBlocks(message.blocks) ?? [];
    const json = JSON.stringify(blocks);
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Hello' } });
    expect(json).toContain('*1.*');
    const actions = blocks.filter((b) => b.type === 'actions') as {
      elements: { action_id: string; value: string }[];
    }[];
    const ids = actions.flatMap((a) => a.elements.map((e) => e.action_id));
    expect(ids).toEqual(
      expect.arrayContaining([
        'answer:merchant_account:active',
        'answer:merchant_account:applying',
        'answer:merchant_account:none',
        'secret:app_secret',
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length); // Slack refuses duplicate action ids in a block
    expect(actions.flatMap((a) => a.elements).find((e) => e.action_id === 'secret:app_secret')?.value).toBe(
      'app_secret',
    );
  });

  it('escapes Slack control characters and keeps to the limits', () => {
    expect(escapeMrkdwn('<@U1> & <!channel>')).toBe('&lt;@U1&gt; &amp; &lt;!channel&gt;');
    const long = renderBlocks([{ type: 'text', text: 'x'.repeat(5000) }]) ?? [];
    expect((long[0] as { text: { text: string } }).text.text.length).toBe(LIMITS.sectionText);
    const many = renderBlocks(Array.from({ length: 80 }, () => ({ type: 'divider' as const }))) ?? [];
    expect(many).toHaveLength(LIMITS.blocks);
  });

  it('the escalation DM: snooze keeps item, client and duration; open is a link button, or left out without a link', () => {
    const message = escalationMessage('Acme Coffee', 3, ['app_id']);
    const buttons = message.blocks?.flatMap((b) => (b.type === 'buttons' ? b.buttons : [])) ?? [];
    const open = buttons.find((b) => b.action === 'open');
    const elements = (links: Map<(typeof buttons)[number], string>) =>
      (renderBlocks(message.blocks, links) ?? []).flatMap((b) => (b.type === 'actions' ? b.elements : [])) as {
        action_id: string;
        value?: string;
        url?: string;
      }[];
    const withLink = elements(new Map(open ? [[open, 'https://agency.slack.com/archives/CACME/p1']] : []));
    expect(withLink.find((e) => e.action_id === 'snooze')?.value).toBe('app_id:Acme Coffee|2d');
    expect(withLink.find((e) => e.action_id === 'open')?.url).toBe('https://agency.slack.com/archives/CACME/p1');
    expect(elements(new Map()).map((e) => e.action_id)).toEqual(['snooze']);
  });

  it('a snooze value reads back as the /release snooze command', () => {
    expect(snoozeCommandText('app_id:Acme Coffee|2d')).toBe('snooze Acme Coffee app_id 2d');
    expect(snoozeCommandText('app_id:Café: Shanghai|4h')).toBe('snooze Café: Shanghai app_id 4h');
    expect(snoozeCommandText(':Acme Coffee|2d')).toBe('snooze Acme Coffee 2d');
    expect(snoozeCommandText('app_id')).toBeUndefined();
    expect(snoozeCommandText('app_id:|2d')).toBeUndefined();
    expect(snoozeCommandText(undefined)).toBeUndefined();
  });

  it('no blocks: Slack shows the plain text', () => {
    expect(renderBlocks(undefined)).toBeUndefined();
    expect(renderBlocks([])).toBeUndefined();
  });

  it('progress bars keep their width', () => {
    expect(progressLine(0, 26)).toBe('`░░░░░░░░░░` 0/26');
    expect(progressLine(13, 26)).toBe('`▓▓▓▓▓░░░░░` 13/26');
    expect(progressLine(0, 0)).toBe('`░░░░░░░░░░` 0/0');
  });
});

describe('the secret form', () => {
  it('is a modal in the client’s language whose metadata says where the answer goes', () => {
    const view = secretModal('zh', { channel: 'CACME', threadTs: '1.2', itemKey: 'app_secret' });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.title.text).toBe('私密发送');
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({
      channel: 'CACME',
      threadTs: '1.2',
      itemKey: 'app_secret',
    });
  });

  it('checks the value with the checklist’s rule before the modal closes', () => {
    expect(secretFormError('en', '0f1e2d3c4b5a69788796a5b4c3d2e1f0')).toBeUndefined();
    expect(secretFormError('en', 'wx1a2b3c4d5e6f7a8b')).toMatch(/32/);
    expect(secretFormError('zh', '   ')).toContain('粘贴');
  });
});

describe('Slack /release status overview', () => {
  it('shows each blocked item with its reason, as the other status views do', () => {
    const now = new Date('2026-11-25T02:00:00.000Z');
    const row: StatusRow = {
      releaseId: 1,
      clientId: 1,
      clientName: 'Blue Tea',
      locale: 'en',
      timezone: 'Asia/Shanghai',
      pmUser: 'slack:UPM',
      targetDate: null,
      releaseCreatedAt: now.toISOString(),
      nextReminderAt: null,
      nextReminderKind: null,
      nextReminderItem: null,
      lastInboundAt: null,
      items: [
        {
          key: 'app_secret',
          status: 'blocked',
          value: { on_file: true, last4: '7e6d' },
          note: 'rejected by WeChat, errcode 40125',
          setBy: 'bot',
          setAt: now.toISOString(),
          askedAt: null,
          nudges: 0,
        },
      ],
      progress: {
        done: 24,
        total: 26,
        sections: {
          preparation: { done: 8, total: 10 },
          other: { done: 6, total: 6 },
          development: { done: 10, total: 10 },
        },
      },
    };
    const blocks = JSON.stringify(overviewBlocks('en', buildStatus([row], now)));
    expect(blocks).toContain('blocked: App secret (rejected by WeChat, errcode 40125)');
  });
});
