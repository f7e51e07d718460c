/** What the bot says to clients in a release thread. */
export const conversation = {
  'conv.root':
    '*{client} — Mini Program release* · {done}/{total} done · PM: {pm}\nQuestions for {client} come in this thread; reply here in Chinese or English.',
  'conv.intro': 'Hello! To release your Mini Program we first need a few things:',
  'conv.next': 'Next:',
  'conv.waiting_for': 'I am still waiting for:',
  'conv.saved': 'Saved ✅ {label}: {value}',
  'conv.saved_waiting': 'Saved ✅ {label}: {value} (we will ask again in a week)',
  'conv.corrected': '{label} corrected: {before} → {after}',
  'conv.na': '{label}: noted as not applicable',
  'conv.skipped': 'OK, we will come back to {label} later.',
  'conv.invalid': '{reason} Please send it again.',
  'conv.secret_saved':
    'App secret stored encrypted ({masked}). Please do not change the App secret without telling us, or the live Mini Program stops working.',
  'conv.open_platform_secret_saved':
    'Open Platform App secret stored encrypted ({masked}). Please do not change it without telling us.',
  'conv.secret_shared':
    'This conversation includes people outside the agency: please reset the App secret in the WeChat Admin UI later and send the new one with the “Send App secret privately” button.',
  'conv.not_understood': 'Sorry, I could not find an answer in that message.',
  'conv.help':
    'Reply in your own words, in Chinese or English; several answers in one message are fine. “skip” postpones a question, “n/a” says it does not apply, “done” confirms you did what we asked, and “sorry, the right … is …” corrects an answer.',
  'conv.which': '{reason} Which one should we use?',
  'conv.not_yet': 'OK, {label} is not done yet — tell me here when it is.',
  'conv.elsewhere':
    '{label} is not on file yet, and I can only see this conversation, not email or shared sheets: please send it here (as text or a file), so the release record holds it.',
  'conv.elsewhere_secret':
    '{label} is not on file yet, and I can only see this conversation, not email or shared sheets: please send it with the “Send App secret privately” button, so the release record holds it.',
  'conv.guess':
    'I have not recorded {label} yet. If “{value}” is what you want noted, reply “yes”; if not, send it whenever you have it.',
  'conv.guess_done': 'I have not marked {label} done yet. If it is done, reply “yes”; if not, tell me when it is.',
  'conv.guess_done_pending': 'Still open — is {label} done? If it is, reply “yes”; if not, tell me when it is.',
  'conv.guess_pending':
    'Still open — {label}: if “{value}” is what you want noted, reply “yes”; if not, send it whenever you have it.',
  'conv.guess_on_file': 'I have left {label} as it is on file ({value}). To change it, send “change {label} to …”.',
  'conv.guess_rejected': 'OK, I have not recorded that for {label}.',
  'conv.waiting':
    'OK, {label} is waiting on {party}. I will not chase you about it meanwhile and will ask again on {date}.',
  'conv.waiting_party.review': 'the review',
  'conv.waiting_party.bank': 'the bank',
  'conv.waiting_party.icp': 'the ICP filing',
  'conv.waiting_party.application': 'the application',
  'conv.later': 'OK, send {label} when you have it; I will remind you.',
  'conv.question': 'About {label}: {hint}',
  'conv.edit_applied': '{label} updated: {value}',
  'conv.edit_nothing': 'I could not find {entries} in {label} on file ({value}).',
  'conv.not_applicable_required':
    '{label} is needed for every release, so it cannot be skipped as not applicable. Tell me if it is not done yet, or ask your project manager.',
  'conv.too_long':
    'That message is very long: I read only its first {limit} characters. Please send the rest in shorter messages.',
  'conv.attachment': 'Thank you, I received the file and passed it to your project manager.',
  'conv.all_done': 'That is everything we need from you for now — thank you! Your project manager takes it from here.',
  'conv.human_kept':
    '{client} wrote while a person of the agency has the conversation; the bot stayed silent: “{text}”',
  'conv.no_release':
    'There is no open release for {client} at the moment; your project manager has been told you wrote.',
  'conv.edited': '(I re-read your edited message.)',
  'conv.take_back_hint': 'Something wrong? Reply “undo” to take back your last answer, or “change <item> to …”.',
  'conv.undone': 'Undone: {label} is back to {restored} (it was {undone}).',
  'conv.undo_no_value': 'not answered yet',
  'conv.undo_nothing': 'There is nothing of yours to undo.',
  'conv.undo_too_late':
    'Your last change ({label}) is more than {minutes} minutes old, so it can no longer be undone here; send the right value (“change {label} to …”) or ask your project manager.',
  'conv.undo_changed_since':
    '{label} has changed since your answer, so I left it as it is. Send the right value with “change {label} to …”.',
  'conv.change_which': 'Which item should I change? e.g. “change App ID to wx0123456789abcdef”.',
  'conv.change_unknown_item': 'I do not know an item called “{item}”. e.g. “change App ID to wx0123456789abcdef”.',
  'button.undo': 'Undo {label}',
  'button.edit': 'Edit {label}',
  'button.secret': 'Send App secret privately',
  'button.merchant.active': 'Active',
  'button.merchant.applying': 'Applying',
  'button.merchant.none': 'Not yet',
  'button.enterprise.verified': 'Verified',
  'button.enterprise.unverified': 'Not verified',
  'button.yes': 'Yes',
  'button.no': 'No',
  'pm.whitelist_more_domains':
    '{client} named MP whitelist domains after it was submitted: {domains}. They need a new submission (/release whitelist).',
  'pm.client_complete': '{client} has answered every question. Open items left for the agency: {open}.',
  'pm.client_wrote_without_release': '{client} wrote in {channel} but has no open release: “{text}”',
  'pm.attachment': '{client} sent a file ({kind}) in the release conversation.',
} as const;
