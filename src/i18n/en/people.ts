/** Repeat releases, hand-overs, watchers, a client's contacts and business hours. */
export const people = {
  // === Help lines
  'cmd.usage.pm':
    '/release pm <client> <user> — hand the release to another PM (slack:U…, wecom:…, or a Slack @mention): the digest and escalations go to them from then on',
  'cmd.usage.watch': '/release watch <client> — add the client’s lines to your morning digest',
  'cmd.usage.unwatch': '/release unwatch <client> — stop getting the client’s digest lines',
  'cmd.usage.contact':
    '/release contact add <client> <address> works|decides|both [zh|en] [<zone>] [name] | remove <client> <address> | list <client> — the client’s contacts: who does the work (questions, nudges) and who decides (escalations), each in their own language and zone',
  'cmd.usage.set-hours':
    '/release set-hours <client> <HH:MM-HH:MM> — the client’s business hours (default 09:00-18:00), in each recipient’s zone',
  // === Repeat releases (to the client)
  'people.intro_repeat':
    'Hello again! For this release (no. {release}) we kept what rarely changes. Is it all still right?',
  'people.carried_line': '• {label}: {value} — from release {release}, still right?',
  'people.confirm_how':
    'Reply “all correct” (or “都对”) to confirm them all in one go, or send only what changed (e.g. “App ID wx…”).',
  'people.then': 'And for this release:',
  'people.confirmed': 'Thank you — confirmed as still right: {labels}.',
  'people.still_to_confirm':
    'Still to confirm from the last release: {labels} — reply “all correct” if they are still right.',
  'people.nudge_confirm':
    'A reminder: are these from the last release still right? {labels} — reply “all correct”, or send what changed.',
  // === Release history (to the PM)
  'people.history_title': 'Releases of {client}:',
  'people.history_line': '#{seq}{name} · {state} · opened {opened}{closed}',
  'people.history_closed': ', closed {closed}',
  'people.history_open': 'open',
  'people.history_done': 'closed',
  'people.carried_status': 'carried from release {release}, waiting for the client’s confirmation',
  'people.carried_confirmed': 'carried from release {release}',
  'people.guess_status': 'read from the client’s reply, to confirm: waiting for their yes',
  'people.started_repeat':
    'Release no. {seq}{name} started for {client}: {carried} facts carried from release {from} for the client to confirm in one reply; the other {fresh} items start fresh.',
  // === Hand-over and watchers
  'people.pm_usage':
    'Usage: /release pm {client} <user> — e.g. /release pm {client} slack:U0123ABCD (or @mention them in Slack).',
  'people.pm_not_pm': '{user} is not one of the agency’s project managers (PM_USERS); nothing was changed.',
  'people.pm_same': '{user} already runs {client}’s release.',
  'people.pm_done':
    '{client}’s release is now run by {user} (was {previous}). The digest and escalations go to {user} from now on.',
  'people.pm_told':
    'You now run {client}’s release no. {seq} (handed over by {by}): {done}/{total} done. Its digest lines and escalations come to you from now on; /release status {client} shows where it stands.',
  'people.nobody': 'nobody',
  'people.watch_done': 'You now get {client}’s lines in your morning digest.',
  'people.watch_already': 'You already watch {client}.',
  'people.unwatch_done': 'You no longer get {client}’s lines in your digest.',
  'people.unwatch_not': 'You were not watching {client}.',
  'people.watching': 'Watching: {users}',
  // === Contacts
  'people.contact_usage':
    'Usage: /release contact add {client} <address> works|decides|both [zh|en] [<time zone>] [name…] · /release contact remove {client} <address> · /release contact list {client}. Addresses: wecom:<userid>, or a conversation already bound (slack:<channel>, kf:<id>, local:<name>).',
  'people.contact_bad_address':
    '“{address}” is not an address I can reach for {client}: use wecom:<userid>, or the address of a conversation already bound to {client} (/release contact list {client} shows them).',
  'people.contact_added': '{client}: contact {who} added — {role}, {language}, {timezone}.',
  'people.contact_updated': '{client}: contact {who} updated — {role}, {language}, {timezone}.',
  'people.contact_removed': '{client}: contact {who} removed.',
  'people.contact_unknown': '{client} has no contact at {address}.',
  'people.contact_last_worker':
    '{who} is the only contact of {client} who is asked the questions; add another one that works on it first.',
  'people.contacts_title': 'Contacts of {client} (business hours {hours}):',
  'people.contacts_none': '{client} has no contacts yet: questions go to every conversation bound to it.',
  'people.contact_line': '• {who} — {role}, {language}, {timezone}',
  'people.role.works': 'does the work (questions, nudges)',
  'people.role.decides': 'decides (escalations)',
  'people.role.both': 'does the work and decides',
  'people.client_language': 'the client’s language ({language})',
  'people.client_timezone': 'the client’s zone ({timezone})',
  // === Escalation to the client's decider
  'people.escalation_decider':
    'We have been waiting {days} working days for: {items}. Could you help us get these answered? Your colleague has been reminded {nudges} times.',
  // === Business hours
  'people.hours_usage':
    'Usage: /release set-hours {client} 09:00-18:00 (start before end, whole or half hours are fine).',
  'people.hours_done':
    '{client}’s business hours are now {hours} in each recipient’s zone; {moved} scheduled reminders moved into them.',
} as const;
