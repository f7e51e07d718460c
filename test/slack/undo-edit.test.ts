/**
 * Undo and Edit on Slack, with the real Bolt app against the fake Slack API: each recorded fact's
 * confirmation carries an Undo and an Edit button; Undo (a signed block_actions) restores what was
 * there before; Edit opens a modal prefilled with the value, whose submission (a signed
 * view_submission) is read and validated like an answer; a secret's Edit opens the private secret form.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, CLIENT_USER, type SlackApp, startSlackApp } from './support/slack-app.js';

interface PostedButton {
  action_id: string;
  value: string;
  text: { text: string };
}

describe('Slack: Undo and Edit under a confirmation', () => {
  let s: SlackApp;
  let threadTs: string;
  let releaseId: number;
  beforeEach(async () => {
    s = await startSlackApp();
    await s.command('start Acme Coffee en');
    await s.settle();
    threadTs = s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
    releaseId = s.app.store.openReleaseOf(s.app.service.clientByName('Acme Coffee').id)?.id as number;
  });
  afterEach(async () => {
    await s.close();
  });

  /** The buttons of the last message posted in the thread. */
  function lastButtons(): PostedButton[] {
    const last = s
      .posted()
      .filter((m) => m.thread_ts === threadTs)
      .at(-1);
    const blocks = (last?.blocks ?? []) as { type: string; elements?: PostedButton[] }[];
    return blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .filter((b) => /^(undo|edit):/.test(b.action_id));
  }

  function press(button: PostedButton, user = CLIENT_USER, actionTs = '1764036300.1') {
    return s.interact({
      type: 'block_actions',
      user: { id: user },
      team: { id: 'T1' },
      api_app_id: 'A1',
      trigger_id: '111.222.abc',
      channel: { id: CHANNEL },
      container: {
        type: 'message',
        message_ts: `${threadTs.split('.')[0]}.999999`,
        channel_id: CHANNEL,
        thread_ts: threadTs,
      },
      message: { ts: `${threadTs.split('.')[0]}.999999`, thread_ts: threadTs, text: 'confirmation' },
      actions: [
        { type: 'button', action_id: button.action_id, block_id: 'b1', value: button.value, action_ts: actionTs },
      ],
    });
  }

  function submitEdit(metadata: string, value: string, viewId = 'VEDIT1') {
    return s.interact({
      type: 'view_submission',
      user: { id: CLIENT_USER },
      team: { id: 'T1' },
      api_app_id: 'A1',
      view: {
        id: viewId,
        type: 'modal',
        callback_id: 'edit',
        private_metadata: metadata,
        state: { values: { edit: { value: { type: 'plain_text_input', value } } } },
      },
    });
  }

  it('Undo restores the value before, and says what it restored, in the thread', async () => {
    await s.message({ text: 'App ID wx1a2b3c4d5e6f7a8b', eventId: 'Ev1', threadTs });
    await s.settle();
    await s.message({ text: 'sorry, the right App ID is wx9f8e7d6c5b4a3f2e', eventId: 'Ev2', threadTs });
    await s.settle();
    const buttons = lastButtons();
    expect(buttons.map((b) => b.text.text)).toEqual(['Undo App ID', 'Edit App ID']);
    const undo = buttons.find((b) => b.action_id.startsWith('undo:')) as PostedButton;
    const res = await press(undo);
    expect(res.status).toBe(200);
    await s.settle();
    expect(s.app.store.item(releaseId, 'app_id')).toMatchObject({ value: 'wx1a2b3c4d5e6f7a8b', setHow: 'undo' });
    expect(s.posted().at(-1)?.text).toContain(
      'Undone: App ID is back to wx1a2b3c4d5e6f7a8b (it was wx9f8e7d6c5b4a3f2e).',
    );
    // Pressed again (a second press of the same button): nothing more is undone.
    await press(undo, CLIENT_USER, '1764036301.1');
    await s.settle();
    expect(s.app.store.item(releaseId, 'app_id')?.value).toBe('wx1a2b3c4d5e6f7a8b');
  });

  it('someone else’s press of Undo does not undo the client’s answer', async () => {
    await s.message({ text: 'App ID wx1a2b3c4d5e6f7a8b', eventId: 'Ev1', threadTs });
    await s.settle();
    const undo = lastButtons().find((b) => b.action_id.startsWith('undo:')) as PostedButton;
    await press(undo, 'UOTHER');
    await s.settle();
    expect(s.app.store.item(releaseId, 'app_id')?.value).toBe('wx1a2b3c4d5e6f7a8b');
    expect(s.posted().at(-1)?.text).toContain('There is nothing of yours to undo.');
  });

  it('Edit opens a modal prefilled with the value; a submission is validated like an answer, then replaces it', async () => {
    await s.message({ text: 'our company account, verified', eventId: 'Ev0', threadTs });
    await s.settle();
    await s.message({ text: 'developers: zhang_wei88, lisa_chen01', eventId: 'Ev1', threadTs });
    await s.settle();
    const edit = lastButtons().find((b) => b.action_id.startsWith('edit:developers')) as PostedButton;
    expect(edit).toBeDefined();
    await press(edit);
    const view = s.slack.calls('views.open').at(-1)?.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { element?: { initial_value?: string } }[];
    };
    expect(view.callback_id).toBe('edit');
    expect(view.blocks[0]?.element?.initial_value).toBe('zhang_wei88\nlisa_chen01');

    await submitEdit(view.private_metadata, 'not a wechat id!!', 'VEDIT-bad');
    await s.settle();
    expect(s.posted().at(-1)?.text).toContain('I could not read “not a wechat id!!” as a value for this item.');
    expect(s.app.store.item(releaseId, 'developers')?.value).toEqual(['zhang_wei88', 'lisa_chen01']);

    const ok = await submitEdit(view.private_metadata, 'mike_chen88');
    expect(ok.status).toBe(200);
    await s.settle();
    expect(s.app.store.item(releaseId, 'developers')?.value).toEqual(['mike_chen88']);
    expect(s.posted().at(-1)?.text).toContain('zhang_wei88, lisa_chen01 → mike_chen88');
  });

  it('a secret’s Edit opens the private secret form, never a prefilled one', async () => {
    await s.message({ text: 'app secret 3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d', eventId: 'Ev1', threadTs });
    await s.settle();
    const edit = lastButtons().find((b) => b.action_id.startsWith('edit:app_secret')) as PostedButton;
    await press(edit);
    const view = s.slack.calls('views.open').at(-1)?.view as { callback_id: string };
    expect(view.callback_id).toBe('secret');
    expect(s.slack.all.some((c) => c.raw.includes('3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d'))).toBe(false);
  });

  it('an App secret typed into the Edit form of another item (App ID) is refused, and is nowhere in clear', async () => {
    const SECRET = '7c1e9a2b4d6f8a0c2e4b6d8f0a1c3e5b';
    await s.message({ text: 'app id wx1234567890abcdef', eventId: 'Ev1', threadTs });
    await s.settle();
    const edit = lastButtons().find((b) => b.action_id.startsWith('edit:app_id')) as PostedButton;
    expect(edit).toBeDefined();
    await press(edit);
    const view = s.slack.calls('views.open').at(-1)?.view as { private_metadata: string };
    expect((await submitEdit(view.private_metadata, SECRET, 'VEDIT-secret')).status).toBe(200);
    await s.settle();
    expect(s.posted().at(-1)?.text).toContain('••••3e5b');
    expect(s.app.store.item(releaseId, 'app_id')?.value).toBe('wx1234567890abcdef');
    const tables = ['events', 'outbox', 'items'].flatMap((table) =>
      s.app.db.$client
        .prepare(`select * from ${table}`)
        .all()
        .map((r) => JSON.stringify(r)),
    );
    expect(tables.filter((r) => r.includes(SECRET))).toEqual([]);
    expect(s.slack.all.filter((c) => c.raw.includes(SECRET)).map((c) => c.method)).toEqual([]);
  });
});
