/**
 * The "Send App secret privately" modal. What the client types goes to the bot only (a
 * view_submission), never into channel history; where the answer belongs rides in
 * private_metadata. The value is checked with the checklist's own rule before the modal closes,
 * so a typo is fixed in place and nothing wrong is stored.
 *
 *   await client.views.open({ trigger_id, view: secretModal('zh', { channel, threadTs, itemKey: 'app_secret' }) });
 *   const error = secretFormError('zh', typed);   // undefined when it looks like an App secret
 */
import type { types } from '@slack/bolt';
import { APP_SECRET } from '../../src/checklist/rules.js';
import { type Locale, t } from '../../src/i18n/index.js';
import { plain } from './blocks.js';
import { SECRET_BLOCK, SECRET_CALLBACK, SECRET_INPUT, type SecretFormTarget } from './to-inbound.js';

const MODAL_TITLE_MAX = 24;

export function secretModal(locale: Locale, target: SecretFormTarget): types.ModalView {
  return {
    type: 'modal',
    callback_id: SECRET_CALLBACK,
    private_metadata: JSON.stringify(target),
    title: plain(t(locale, 'slack.secret.title'), MODAL_TITLE_MAX),
    submit: plain(t(locale, 'slack.secret.submit'), MODAL_TITLE_MAX),
    close: plain(t(locale, 'slack.secret.close'), MODAL_TITLE_MAX),
    blocks: [
      {
        type: 'input',
        block_id: SECRET_BLOCK,
        label: plain(t(locale, `slack.secret.label.${target.itemKey}`), 2000),
        element: {
          type: 'plain_text_input',
          action_id: SECRET_INPUT,
          min_length: 1,
          max_length: 64,
          placeholder: plain(t(locale, 'slack.secret.placeholder'), 150),
        },
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'slack.secret.note') }] },
    ],
  };
}

/** Why the typed value cannot be an App secret, in the client's language; undefined when it can. */
export function secretFormError(locale: Locale, value: string | undefined): string | undefined {
  const typed = value?.trim() ?? '';
  if (!typed) return t(locale, 'slack.secret.empty');
  return APP_SECRET.test(typed) ? undefined : t(locale, 'reason.app_secret');
}
