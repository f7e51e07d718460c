/**
 * The PM's escalation DM, as the reminders send it (core `escalationMessage` → outbox → Slack):
 * "Snooze 2 days" runs `/release snooze` as the PM and answers in the DM; "Open" is a link button
 * to the client's release thread (its Slack permalink).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itemLabel } from '../../src/conversation/questions.js';
import { t } from '../../src/i18n/index.js';
import { userAddress } from '../../src/outbox.js';
import { escalationMessage } from '../../src/reminders/messages.js';
import { formatTime } from '../../src/status/format.js';
import { CHANNEL, PM, type SlackApp, startSlackApp } from './support/slack-app.js';

type Element = { action_id: string; value?: string; url?: string };

describe('Slack: the buttons of the PM escalation DM', () => {
  let s: SlackApp;
  let threadTs: string;
  beforeEach(async () => {
    s = await startSlackApp();
    await s.command('start Acme Coffee en');
    await s.settle();
    threadTs = s.app.store.findThread('slack', CHANNEL)?.threadTs as string;
  });
  afterEach(async () => {
    await s.close();
  });

  /** Sends the escalation DM through the outbox and returns its buttons as Slack got them. */
  async function escalationButtons(): Promise<Element[]> {
    const pm = userAddress(`slack:${PM}`);
    if (!pm) throw new Error('PM address');
    s.app.store.transaction(() => s.app.outbox.post(pm, escalationMessage('Acme Coffee', 3, ['app_id'])));
    await s.settle();
    const dm = s.posted().find((m) => m.channel === `D${PM}`);
    const actions = (dm?.blocks ?? []) as { type: string; elements?: Element[] }[];
    return actions.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
  }

  /** Pressed and acknowledged; resolves once the core has run what the press stands for (after the ack). */
  async function press(element: Element, user = PM) {
    const res = await s.interact({
      type: 'block_actions',
      user: { id: user },
      team: { id: 'T1' },
      api_app_id: 'A1',
      trigger_id: '9.9.9',
      channel: { id: `D${PM}` },
      container: { type: 'message', message_ts: '1764036000.000900', channel_id: `D${PM}` },
      message: { ts: '1764036000.000900', text: 'escalation' },
      actions: [
        {
          type: 'button',
          action_id: element.action_id,
          block_id: 'e1',
          value: element.value,
          action_ts: '1764036400.1',
        },
      ],
    });
    await s.app.bot.idle();
    return res;
  }

  const releaseId = () => {
    const client = s.app.store.findClientByName('Acme Coffee');
    return (client && s.app.store.openReleaseOf(client.id)?.id) ?? 0;
  };

  it('"Snooze" moves the item’s reminders 2 days out and says so in the DM', async () => {
    const snooze = (await escalationButtons()).find((e) => e.action_id === 'snooze');
    expect(snooze?.value).toBe('app_id:Acme Coffee|2d');
    const scheduled = () => s.app.store.remindersOf(releaseId(), 'scheduled').filter((r) => r.itemKey === 'app_id');
    expect(scheduled().length).toBeGreaterThan(0);

    const res = await press(snooze as Element);
    expect(res.status).toBe(200);
    const until = new Date(s.clock.now().getTime() + 2 * 86_400_000).toISOString();
    expect(scheduled().map((r) => r.dueAt)).toEqual(scheduled().map(() => until));
    const timezone = s.app.store.findClientByName('Acme Coffee')?.timezone ?? '';
    const said = t('en', 'remind.cmd.snoozed', {
      client: 'Acme Coffee',
      label: itemLabel('en', 'app_id'),
      at: formatTime(until, timezone),
    });
    const answers = [...s.posted(), ...s.slack.calls('chat.postEphemeral')].filter((m) => m.channel === `D${PM}`);
    expect(answers.map((m) => m.text)).toContain(said);
  });

  it('"Snooze" pressed by someone who is not a PM changes nothing and says why', async () => {
    const snooze = (await escalationButtons()).find((e) => e.action_id === 'snooze') as Element;
    const before = s.app.store.remindersOf(releaseId(), 'scheduled').map((r) => r.dueAt);
    await press(snooze, 'UOTHER');
    expect(s.app.store.remindersOf(releaseId(), 'scheduled').map((r) => r.dueAt)).toEqual(before);
    const ephemeral = s.slack.calls('chat.postEphemeral');
    expect(ephemeral).toContainEqual(
      expect.objectContaining({ channel: `D${PM}`, user: 'UOTHER', text: t('en', 'cmd.not_pm') }),
    );
  });

  it('"Open" is a link button to the release thread’s permalink', async () => {
    const open = (await escalationButtons()).find((e) => e.action_id === 'open');
    expect(s.slack.calls('chat.getPermalink')).toContainEqual(
      expect.objectContaining({ channel: CHANNEL, message_ts: threadTs }),
    );
    expect(open?.url).toBe(`https://agency.slack.com/archives/${CHANNEL}/p${threadTs.replace('.', '')}`);
    expect((await press(open as Element)).status).toBe(200); // Slack still reports the click; it is acknowledged
  });
});
