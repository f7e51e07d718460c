/** Per-client settings (`set-tz`, `set-lang`) and waiting on others (`wait`): what the PM and the client are told. */
export const planning = {
  'plan.set_tz_usage':
    'Which time zone? e.g. /release set-tz {client} Asia/Shanghai (an IANA name such as Europe/Berlin or America/New_York).',
  'plan.set_tz_done':
    '{client} now works in {timezone}: reminders go out 09:00–18:00 there, on working days of China’s calendar. {moved} scheduled reminder(s) moved into those hours.',
  'plan.set_lang_usage': 'Which language? /release set-lang {client} zh|en',
  'plan.set_lang_done': '{client} now gets questions and reminders in {language}.',
  'plan.wait_usage':
    'Usage: /release wait <client> <item> <YYYY-MM-DD|duration> [reason], e.g. /release wait {client} merchant_account 2026-12-10 bank approval (durations: 3d, 1w). The URL whitelist has its own: /release whitelist.',
  'plan.wait_past':
    '{date} is not after today ({today}) for {client}; give a date after today, or a duration of a day or more such as 1w.',
  'plan.wait_finished':
    '{client} · {label} is already finished; nothing to wait for. To reopen it: /release ask {client} {item}',
  'plan.wait_set':
    '{client} · {label}: waiting{reason} until {date}. Not nudged meanwhile; I will ask the client again on {at}.',
  'plan.wait_reason': ' on {reason}',
  'limit.verified': 'verified',
  'limit.unverified': 'not verified',
  'limit.over_client':
    '{label}: with the Mini Program {state}, WeChat allows at most {max}, and {count} are recorded. Please remove {excess} in 用户身份 → 开发者 and tell us which ones stay.',
  'limit.over_pm':
    '{client} · {label}: the account is now {state} (limit {max}) and {count} are recorded — {excess} must be removed. The client was asked which ones stay.',
  'plan.language.en': 'English',
  'plan.language.zh': 'Chinese',
} as const;
