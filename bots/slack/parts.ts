/**
 * What Slack contributes besides its routes and its `Chat` (src/platforms.ts): its configuration
 * section (SLACK_*), its start-up line, and how its PMs are named (`slack:U123`, a mention `<@U123|lin>`).
 *
 *   const slack = slackParts.readConfig(env);   // undefined when no SLACK_* variable is set
 */
import { ConfigError, group, nonEmpty } from '../../src/config.js';
import { t } from '../../src/i18n/index.js';
import type { PlatformParts } from '../../src/platforms.js';

export interface SlackConfig {
  signingSecret: string;
  botToken: string;
  /** Socket Mode instead of HTTP when set. */
  appToken?: string;
  apiUrl?: string;
}

export const slackParts: PlatformParts<SlackConfig> = {
  readConfig(env) {
    const vars = group(env, 'Slack', ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'] as const);
    if (!vars && nonEmpty(env.SLACK_APP_TOKEN)) {
      throw new ConfigError(
        'Missing SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN: Slack is half-configured (SLACK_APP_TOKEN is set). Set all three for Socket Mode, or none to turn Slack off.',
      );
    }
    return (
      vars && {
        signingSecret: vars.SLACK_SIGNING_SECRET,
        botToken: vars.SLACK_BOT_TOKEN,
        appToken: nonEmpty(env.SLACK_APP_TOKEN) ? env.SLACK_APP_TOKEN.trim() : undefined,
        apiUrl: nonEmpty(env.SLACK_API_URL) ? env.SLACK_API_URL.trim() : undefined,
      }
    );
  },
  startupLine: (config) => t('en', config.appToken ? 'start.slack_socket' : 'start.slack_http'),
  pmUsers: {
    prefix: 'slack',
    example: 'slack:U123',
    // A Slack mention as PMs paste it: `<@U123|name>` or `@U123`.
    mention(word) {
      const mention = /^<?@([A-Z0-9]{6,})(?:\|[^>]*)?>?$/.exec(word);
      return mention ? `slack:${mention[1]}` : undefined;
    },
  },
};
