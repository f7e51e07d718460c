import { describe, expect, it } from 'vitest';
import { translateSlackError } from '../../bots/slack/chat.js';
import { LOCALES, type MessageKey, PM_LOCALE, t } from '../../src/i18n/index.js';
import { PermanentSendError } from '../../src/ports.js';

/** Slack's platform errors that no retry can fix, as the WebClient throws them. */
const PERMANENT_CODES = [
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
] as const;

const platformError = (error: string): unknown =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error },
  });

describe('why a Slack message could not be delivered, told to the PM from the catalog', () => {
  for (const locale of LOCALES) {
    it(`each permanent Slack error reads from the ${locale} catalog`, () => {
      for (const code of PERMANENT_CODES) {
        const translated = translateSlackError(platformError(code), locale);
        expect(translated).toBeInstanceOf(PermanentSendError);
        expect((translated as PermanentSendError).reason).toBe(t(locale, `slack.err_${code}` as MessageKey));
      }
    });
  }

  it('the reason is in the PM locale by default, and the two catalogs differ', () => {
    const archived = translateSlackError(platformError('is_archived')) as PermanentSendError;
    expect(archived.reason).toBe(t(PM_LOCALE, 'slack.err_is_archived'));
    expect(t('zh', 'slack.err_is_archived')).not.toBe(t('en', 'slack.err_is_archived'));
  });

  it('an unknown platform error (even an Object prototype name) is left for the outbox to retry', () => {
    for (const code of ['ratelimited_by_mars', 'constructor', 'toString']) {
      const err = platformError(code);
      expect(translateSlackError(err, 'zh')).toBe(err);
    }
  });
});
