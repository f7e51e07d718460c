/** Slack-only copy: the private secret form (modal titles are at most 24 characters). */
export const slack = {
  'slack.secret.title': 'Send privately',
  'slack.secret.submit': 'Save',
  'slack.secret.close': 'Cancel',
  'slack.secret.label.app_secret': 'App secret',
  'slack.secret.label.open_platform': 'Open Platform App secret',
  'slack.secret.placeholder': '32 letters a–f or digits',
  'slack.secret.note':
    'Only the bot sees what you type here: it is stored encrypted and never posted in the channel. The thread shows only its last 4 characters.',
  'slack.secret.empty': 'Please paste the secret, then press Save.',
  'slack.command_failed': 'Sorry, that command failed on our side and changed nothing. Please try again in a minute; if it keeps failing, tell the bot’s admin.',
} as const;
