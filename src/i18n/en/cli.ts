/** The `release-bot` command line's own words (the commands' results use the areas they belong to). */
export const cli = {
  'cli.usage': 'Usage: release-bot <command>',
  'cli.unknown_command': 'Unknown command “{name}”.',
  'cli.usage_of': 'Usage: release-bot {usage}',
  'cli.database_ready': 'Database ready: {path}',
  'cli.no_release_named': 'No release for a client named “{name}”. List them with: release-bot status',
  'cli.chat_intro':
    'You are the client. Lines starting with /release are the PM’s (try: /release start Acme Coffee). Ctrl-D quits.',
  'cli.chat_throwaway':
    'This chat runs on a throwaway database, removed when you quit (--db PATH keeps one); it sends nothing to WeChat or a running service.',
  'cli.chat_db': 'This chat uses the database at {path}.',
  'cli.bot': 'bot',
  'cli.bot_to': 'bot → {who}',
  'cli.to_pm': '(to PM)',
  'cli.role_pm': 'PM',
  'cli.role_client': 'Client',
  'cli.final_status': '=== Final status',
  'fail.database_missing':
    'No database at {path} (DATABASE_PATH). Start the bot once with npm start (or run release-bot migrate) to create it, or set DATABASE_PATH to the file the bot uses.',
  'fail.database_unwritable':
    'Cannot open the database at {path} (DATABASE_PATH): {reason}. Make that folder writable for this user, or set DATABASE_PATH to a file in a writable folder (e.g. DATABASE_PATH=./data/release-bot.sqlite).',
  'fail.database_too_new':
    'The database at {path} (DATABASE_PATH) was written by a newer version of the bot ({applied} migrations; this version knows {known}). Update this checkout (git pull && npm install), or set DATABASE_PATH to another file.',
  'fail.redis_unreachable':
    'Cannot reach Redis at {url} (REDIS_URL): {reason}. Start that Redis, fix REDIS_URL, or unset REDIS_URL to let the bot start a private redis-server.',
  'fail.port_in_use':
    'Port {port} is already in use (PORT): another program, or another copy of the bot, listens there. Stop it, or set PORT to a free port (e.g. PORT=3001 npm start).',
  'fail.port_denied':
    'Not allowed to listen on port {port} (PORT): ports below 1024 need root. Set PORT to 1024 or above (e.g. PORT=3000).',
  'fail.unexpected': '{message}. Run again with LOG_LEVEL=debug to see where it happened.',
  'start.ready': 'Release bot is running.',
  'start.open_chat': '  Open       {url}  (the local chat: play the client and the PM)',
  'start.open_status': '  Open       {url}  (the status page)',
  'start.platforms': '  Platforms  {list}',
  'start.platforms_none': 'none configured: the local chat page (set Slack or WeCom variables in .env to connect them)',
  'start.slack_http': 'Slack (HTTP events at /slack/events)',
  'start.slack_socket': 'Slack (Socket Mode)',
  'start.wecom': 'WeCom (callback at /wecom/callback)',
  'start.kf': '微信客服',
  'start.database': '  Database   {path}',
  'start.redis': '  Redis      {redis}',
  'start.redis_private': 'a private redis-server at {url} (REDIS_URL is not set)',
  'start.redis_url': '{url} (REDIS_URL)',
  'start.wechat_on': '  WeChat     App-secret checks against {url}',
  'start.wechat_off': '  WeChat     App-secret checks off (set WECHAT_API_BASE to turn them on)',
  'start.stop': 'Logs follow; Ctrl-C stops the bot.',
  'fail.start_prefix': 'The release bot did not start: {reason}',
  'cli.calendar.title':
    'Working calendar (mainland China): public holidays and make-up working days from chinese-days (years {years}){file}. Reminders go out {opens}–{closes} on working days, in each client’s time zone.',
  'cli.calendar.file': ' and {path}',
  'cli.calendar.working': 'working day',
  'cli.calendar.weekend': 'weekend',
  'cli.calendar.holiday': 'holiday: {name}',
  'cli.calendar.makeup': 'make-up working day for {name}',
  'cli.calendar.unknown': ' (no holiday data for {year}: counted as a plain weekday/weekend)',
  'cli.calendar.gap':
    'Warning: no public-holiday data for {years}. Those days are counted as plain Monday–Friday weeks; add the year’s holidays and make-up days to CALENDAR_FILE.',
  'cli.calendar.bad_from': '--from needs a date like 2026-09-28 (got “{value}”).',
  'cli.calendar.bad_days': '--days needs a whole number from 1 to 366 (got “{value}”).',
  'cli.calendar.weekdays': 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
} as const;
