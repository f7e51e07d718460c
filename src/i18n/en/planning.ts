/** Per-client settings (`set-tz`, `set-lang`) and waiting on others (`wait`): what the PM and the client are told. */
export const planning = {
  'plan.set_tz_usage': 'Which time zone? e.g. /release set-tz {client} Asia/Shanghai (an IANA name such as Europe/Berlin or America/New_York).',
  'plan.set_tz_done': '{client} now works in {timezone}: reminders go out 09:00–18:00 there, on working days of China’s calendar. {moved} scheduled reminder(s) moved into those hours.',
  'plan.set_lang_usage': 'Which language? /release set-lang {client} zh|en',
  'plan.set_lang_done': '{client} now gets questions and reminders in {language}.',
  'plan.language.en': 'English',
  'plan.language.zh': 'Chinese',
} as const;
