/** What the bot tells PMs about deliveries it could not make. */
export const pm = {
  'outbox.window_closed':
    'the client has been silent 48 h; WeChat no longer lets the bot write to them — please ping them from your own WeCom',
  'outbox.window_full':
    'the bot has sent 5 messages since the client last wrote, the most WeChat allows until they reply — please ping them from your own WeCom',
  'outbox.gave_up': 'it failed for {hours} hours in a row (last error: {error})',
  'outbox.handed_to_pm': 'Could not send to {client}: {reason}.\nThe message was:\n{message}',
} as const;
