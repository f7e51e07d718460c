/** Slack-only copy: the private secret form (modal titles are at most 24 characters), and why a message could not be delivered (told to the PM). */
export const slack = {
  'slack.secret.title': 'Send privately',
  'slack.secret.submit': 'Save',
  'slack.secret.close': 'Cancel',
  'slack.edit.title': 'Edit answer',
  'slack.edit.submit': 'Save',
  'slack.edit.note': 'The new value is checked like any answer and confirmed in the thread.',
  'slack.secret.label.app_secret': 'App secret',
  'slack.secret.label.open_platform': 'Open Platform App secret',
  'slack.secret.placeholder': '32 letters a–f or digits',
  'slack.secret.note':
    'Only the bot sees what you type here: it is stored encrypted and never posted in the channel. The thread shows only its last 4 characters.',
  'slack.secret.empty': 'Please paste the secret, then press Save.',
  'slack.err_channel_not_found': 'the Slack channel no longer exists or the bot cannot see it',
  'slack.err_not_in_channel':
    'the bot is not a member of the Slack channel any more — invite it with /invite @release-bot',
  'slack.err_is_archived': 'the Slack channel is archived',
  'slack.err_user_not_found': 'the Slack user does not exist',
  'slack.err_user_disabled': 'the Slack user is deactivated',
  'slack.err_cannot_dm_bot': 'that Slack user is a bot',
  'slack.err_invalid_auth': 'the Slack bot token is invalid — check SLACK_BOT_TOKEN',
  'slack.err_account_inactive': 'the Slack app was uninstalled — reinstall it and update SLACK_BOT_TOKEN',
  'slack.err_token_revoked': 'the Slack bot token was revoked — reinstall the app and update SLACK_BOT_TOKEN',
  'slack.err_missing_scope': 'the Slack app lacks a permission — reinstall it from slack-manifest.yml',
  'slack.err_no_dm_channel': 'Slack would not open a direct message with the PM',
} as const;
