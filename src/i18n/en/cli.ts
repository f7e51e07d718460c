/** The `release-bot` command line's own words (the commands' results use the areas they belong to). */
export const cli = {
  'cli.usage': 'Usage: release-bot <command>',
  'cli.unknown_command': 'Unknown command “{name}”.',
  'cli.usage_of': 'Usage: release-bot {usage}',
  'cli.database_ready': 'Database ready: {path}',
  'cli.no_release_named': 'No release for a client named “{name}”. List them with: release-bot status',
  'cli.chat_intro': 'You are the client. Lines starting with /release are the PM’s (try: /release start Acme Coffee). Ctrl-D quits.',
  'cli.bot': 'bot',
  'cli.bot_to': 'bot → {who}',
  'cli.to_pm': '(to PM)',
  'cli.role_pm': 'PM',
  'cli.role_client': 'Client',
  'cli.final_status': '=== Final status',
} as const;
