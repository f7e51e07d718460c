/** What reminders say: nudges, escalations, due-date warnings, the PMs' digest, `snooze` and `remind`. */
export const reminders = {
  'remind.list_sep': ', ',
  'remind.list_and': ' and ',
  'remind.nudge': 'Reminder: we still need {items}. Reply here whenever convenient 🙏',
  'remind.guess_done': 'A reminder about {label}: is it done? If it is, reply “yes”; if not, tell me when it is 🙏',
  'remind.guess':
    'A reminder about {label}: if “{value}” is what you want noted, reply “yes”; if not, send it whenever you have it 🙏',
  'remind.escalation':
    '{client} has not answered for {days} working days (weekends and public holidays not counted): {items}.',
  'remind.recheck':
    'Checking in on {item}: it was waiting{reason}, expected by {date}. Is it through? Reply here with the result 🙏',
  'remind.recheck_reason': ' on {reason}',
  'remind.button.open': 'Open thread',
  'remind.button.snooze': 'Snooze 2 days',
  'remind.due_date.3d': 'Heads-up: the release date is {date}, 3 working days from now. Still open: {items}.',
  'remind.due_date.1d': 'Heads-up: the release date ({date}) is the next working day. Still open: {items}.',
  'remind.digest.title': 'Good morning — your releases on {date}:',
  'remind.digest.line':
    '{client}: {done}/{total} done · {changes} changes since yesterday · waiting on the client: {waiting}',
  'remind.digest.stuck': '    stuck: {items}',
  'remind.digest.next': '    next: {kind} {at}',
  'remind.digest.calendar_gap':
    'Note: the working calendar has no public-holiday data for {years}; those days are counted as plain Monday–Friday weeks. Add them to CALENDAR_FILE.',
  'remind.launch.turned': '{client}: the launch went from {from} to {to}. {plan}',
  'remind.cmd.snooze_usage':
    'Usage: /release snooze <client> <item> <duration>, e.g. /release snooze {client} app_id 2d (m, h, d or w).',
  'remind.cmd.snoozed': 'Snoozed the {label} reminder for {client} until {at}.',
  'remind.cmd.nothing_scheduled':
    'No reminder is scheduled for {label} of {client}. Ask it first: /release ask {client} {item}',
  'remind.cmd.reminded': 'Nudged {client} about {count} open question(s).',
  'remind.cmd.nothing_to_remind': '{client} has no question waiting for an answer; nothing to nudge.',
  'remind.cli.none': 'No reminders scheduled.',
  'remind.cli.unknown_client':
    'No client named "{client}". Run `release-bot reminders` to see every client with reminders.',
} as const;
