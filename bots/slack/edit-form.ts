/**
 * The Edit modal under a confirmation: one text field prefilled with the value on file. What is
 * submitted is read and validated by the core exactly like an answer (`改成 …`), and the result is
 * said in the thread; the form only refuses an empty value. Secrets never come here: their Edit
 * opens the private secret form instead.
 *
 *   await client.views.open({ trigger_id, view: editModal('zh', { channel, threadTs, itemKey: 'app_id' }, 'wx…') });
 */
import type { types } from '@slack/bolt';
import { type Locale, t } from '../../src/i18n/index.js';
import { plain } from './blocks.js';
import { EDIT_BLOCK, EDIT_CALLBACK, EDIT_INPUT, type EditFormTarget } from './to-inbound.js';

const MODAL_TITLE_MAX = 24;
const VALUE_MAX = 3000;

export function editModal(locale: Locale, target: EditFormTarget, current: string): types.ModalView {
  const label = t(locale, `item.${target.itemKey}.label`);
  return {
    type: 'modal',
    callback_id: EDIT_CALLBACK,
    private_metadata: JSON.stringify(target),
    title: plain(t(locale, 'slack.edit.title'), MODAL_TITLE_MAX),
    submit: plain(t(locale, 'slack.edit.submit'), MODAL_TITLE_MAX),
    close: plain(t(locale, 'slack.secret.close'), MODAL_TITLE_MAX),
    blocks: [
      {
        type: 'input',
        block_id: EDIT_BLOCK,
        label: plain(label, 2000),
        element: {
          type: 'plain_text_input',
          action_id: EDIT_INPUT,
          multiline: current.length > 60 || current.includes('\n'),
          max_length: VALUE_MAX,
          ...(current ? { initial_value: current.slice(0, VALUE_MAX) } : {}),
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'slack.edit.note') }] },
    ],
  };
}
