/** Replies to PMs' /release commands. */
export const commands = {
  'cmd.help_title': 'Commands (PMs only):',
  'cmd.failed':
    'Sorry, that command failed on our side and changed nothing. Please try again in a minute; if it keeps failing, tell the bot’s admin.',
  'cmd.help_items': 'Items: {items}',
  'cmd.usage.help': '/release help — this list',
  'cmd.usage.start':
    '/release start <client> [v2.1] [wecom:<userid> …] [en|zh] [kf] — bind this conversation (or these WeCom contacts, or a 微信客服 link) to the client and open its release (named by a version if given); a repeat release carries the facts that rarely change for the client to confirm in one reply',
  'cmd.usage.status': '/release status [client] — every open release, or one client item by item',
  'cmd.usage.done': '/release done <client> <item> — mark an item done',
  'cmd.usage.skip': '/release skip <client> <item> — mark an item not applicable',
  'cmd.usage.ask': '/release ask <client> <item> — ask the client again',
  'cmd.usage.whitelist':
    '/release whitelist <client> <domain…> [ICP number] — record the MP URL-whitelist submission (checked 24 h later, at the next working hour)',
  'cmd.usage.invite':
    '/release invite <client> wecom:<userid> | wecom-chat:<chatid> | wecom-robot:<webhook key> | kf — add a WeCom member, an app group chat or a group robot (notices only), or get a 微信客服 invite link',
  'cmd.usage.close': '/release close <client> — the release is finished: its reminders stop',
  'cmd.usage.due':
    '/release due <client> <YYYY-MM-DD> — the target date: the client is warned 3 working days and 1 working day before; status says whether it holds',
  'cmd.usage.resume':
    '/release resume <client> — hand the client’s 微信客服 session back to the bot after a colleague took it over',
  'cmd.usage.snooze': '/release snooze <client> <item> <duration> — postpone the item’s reminders (e.g. 2d, 4h)',
  'cmd.usage.remind': '/release remind <client> — nudge the client now',
  'cmd.usage.export':
    '/release export <client> — a short summary and the link to the handover report (CSV or Markdown)',
  'cmd.usage.set':
    '/release set <client> <item> <value> — correct a value (checked like an answer; lists: +entry, -entry or a new list); the client is not told',
  'cmd.usage.unset': '/release unset <client> <item> — clear a value: the item is asked again',
  'cmd.usage.note': '/release note <client> <item> <text> — a note on the item for status and exports (“-” clears it)',
  'cmd.usage.file':
    '/release file <client> [<number> <item>|none] — the files the client sent; put one with its item (when the bot could not tell which)',
  'cmd.usage.wait':
    '/release wait <client> <item> <YYYY-MM-DD|duration> [reason] — the item waits on someone else (bank, Tencent review, ICP filing): no nudges, asked again on that date',
  'cmd.usage.set-tz':
    '/release set-tz <client> <IANA zone> — the client’s time zone (reminders land in its working hours)',
  'cmd.usage.set-lang': '/release set-lang <client> zh|en — the client’s language',
  'cmd.not_pm': 'Sorry, only the agency’s project managers can run /release commands. Nothing was changed.',
  'cmd.unknown': 'I did not understand “{input}”. /release help lists every command.',
  'cmd.unknown_closest':
    'I did not understand “{input}”. Did you mean {command}?\n{usage}\n/release help lists every command.',
  'cmd.need_client': 'Which client? e.g. /release {command} Acme Coffee',
  'cmd.unknown_client': 'No client named “{client}”. Start one with /release start {client}.',
  'cmd.unknown_item': '“{item}” is not a checklist item. Items: {items}',
  'cmd.no_release': '{client} has no open release. Start one with /release start {client}.',
  'cmd.started': 'Release started for {client}: {total} items; the questions went to {where}.',
  'cmd.already_open':
    '{client} already has an open release ({done}/{total} done); this conversation is now bound to it.',
  'cmd.no_conversation':
    'I have nowhere to ask {client}: run this in the client’s channel, or name WeCom contacts (wecom:<userid>).',
  'cmd.item_done': '{client} · {label}: done.',
  'cmd.item_na': '{client} · {label}: marked not applicable.',
  'cmd.item_asked': '{client} · {label}: asked again in the release conversation.',
  'cmd.item_invalid': '{client} · {label}: {reason}',
  'cmd.whitelist_recorded':
    'Recorded the MP URL-whitelist submission for {client} ({domains}). WeChat takes 24 h to apply it: I will check back in the release conversation at {at}.',
  'cmd.whitelist_need_domains': 'Which domains? e.g. /release whitelist {client} api.example.cn 沪ICP备2021012345号-1',
  'cmd.invited': '{client}: added {who} as a contact and sent them the open questions.',
  'cmd.invited_notices':
    '{client}: {who} will get the release’s notices and reminders (WeCom group chats and robots only receive; answers come 1:1).',
  'cmd.invite_usage':
    'Invite whom? /release invite {client} wecom:<userid> (a WeCom member), wecom-chat:<chatid> (an app group chat), wecom-robot:<webhook key> (notices only) or kf (a 微信客服 link).',
  'cmd.conversation_taken':
    '{where} already belongs to {other}’s open release; nothing was changed. Close that release first (/release close {other}), or start this one in the new client’s own channel.',
  'cmd.due_usage': 'Which date? e.g. /release due {client} 2026-12-20',
  'cmd.due_refused': 'Target date for {client} not set: {reason} Nothing was changed.',
  'cmd.due_set':
    'Target date for {client}: {date}. The client is reminded 3 working days and 1 working day before, with what is still open.',
  'cmd.set_done':
    '{client} · {label}: {before} → {after}. Recorded as set by you; nothing was said in the client’s conversation.',
  'cmd.set_unchanged': '{client} · {label} is already {value}; nothing changed.',
  'cmd.unset_done': '{client} · {label}: cleared (was {before}); it is asked again with the next questions.',
  'cmd.note_done': '{client} · {label}: note saved (“{note}”). It shows in status and exports, not to the client.',
  'cmd.note_cleared': '{client} · {label}: note cleared.',
  'cmd.closed': 'Closed the release for {client} ({done}/{total} done); its reminders are cancelled.',
  'cmd.not_available': '{feature} is not configured on this bot.',
  'cmd.where_thread': 'this conversation',
  'cmd.where_contacts': '{list}',
} as const;
