/** Slack payloads (real shapes from test/fixtures/slack, hostile ones too) → the core's Inbound. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  answerToInbound,
  messageToInbound,
  type SlackButtonPress,
  type SlackMessage,
  type SlackViewSubmission,
  secretToInbound,
} from '../../bots/slack/to-inbound.js';
import { CLIENT_APP_ID } from '../support/ids.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
type Callback = { event_id: string; event: SlackMessage };
const hostile = fixture<Record<string, unknown>>('hostile');

describe('messageToInbound', () => {
  it('a client’s message in the release thread, with the event_id as its idempotency key', () => {
    const body = fixture<Callback>('message-in-thread');
    expect(messageToInbound(body.event, body.event_id)).toEqual({
      platform: 'slack',
      channel: 'CACME',
      threadTs: '1764036000.000100',
      sender: 'slack:UCLIENT',
      text: 'AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中',
      attachments: undefined,
      externalId: 'Ev08MFMKH6',
    });
  });

  it('an edit is re-read, keyed by the edited message and the edit time', () => {
    const body = fixture<Callback>('message-changed');
    expect(messageToInbound(body.event, body.event_id)).toMatchObject({
      sender: 'slack:UCLIENT',
      text: `AppID ${CLIENT_APP_ID}`,
      threadTs: '1764036000.000100',
      edited: true,
      externalId: 'edit:CACME:1764036100.000200:1764036200.000000',
    });
  });

  it('a link unfurl (message_changed with the same text) is not an edit', () => {
    const body = fixture<Callback>('unfurl-changed');
    expect(messageToInbound(body.event, body.event_id)).toBeUndefined();
  });

  it('shared files become attachments: images and other files, with the file id to fetch them by', () => {
    const body = fixture<Callback>('file-share');
    expect(messageToInbound(body.event, body.event_id)?.attachments).toEqual([
      { kind: 'image', name: 'icon.png', ref: 'F1' },
      { kind: 'file', name: 'brief.pdf', ref: 'F2' },
    ]);
  });

  it.each(['bot_message', 'own_message', 'channel_join', 'no_channel', 'no_user', 'bot_edit'])('ignores %s', (name) => {
    expect(messageToInbound(hostile[name] as SlackMessage, 'EvX')).toBeUndefined();
  });
});

describe('answerToInbound', () => {
  it('a merchant-account button is a choice for that item', () => {
    const press: SlackButtonPress = {
      user: { id: 'UCLIENT' },
      channel: { id: 'CACME' },
      container: { message_ts: '1764036000.000200', thread_ts: '1764036000.000100' },
      actions: [
        {
          action_id: 'answer:merchant_account:applying',
          value: 'merchant_account:applying',
          action_ts: '1764036400.1',
        },
      ],
    };
    expect(answerToInbound(press)).toMatchObject({
      channel: 'CACME',
      threadTs: '1764036000.000100',
      sender: 'slack:UCLIENT',
      choice: { itemKey: 'merchant_account', value: 'applying' },
    });
  });

  it.each(['forged_answer', 'answer_without_value'])('refuses %s', (name) => {
    expect(answerToInbound(hostile[name] as SlackButtonPress)).toBeUndefined();
  });
});

describe('secretToInbound', () => {
  it('the modal’s value is a secret for the item named in private_metadata, keyed by the view id', () => {
    const body: SlackViewSubmission = {
      user: { id: 'UCLIENT' },
      view: {
        id: 'V123',
        callback_id: 'secret',
        private_metadata: JSON.stringify({ channel: 'CACME', threadTs: '1764036000.000100', itemKey: 'app_secret' }),
        state: { values: { secret: { value: { value: ' 0f1e2d3c4b5a69788796a5b4c3d2e1f0 ' } } } },
      },
    };
    expect(secretToInbound(body)).toEqual({
      platform: 'slack',
      channel: 'CACME',
      threadTs: '1764036000.000100',
      sender: 'slack:UCLIENT',
      secret: { itemKey: 'app_secret', value: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
      externalId: 'view:V123',
    });
  });

  it.each(['secret_bad_metadata', 'secret_wrong_item'])('refuses %s', (name) => {
    expect(secretToInbound(hostile[name] as SlackViewSubmission)).toBeUndefined();
  });
});
