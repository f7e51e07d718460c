/** The client's private page (`/c/<token>`), the links to it, and how the chat echoes its saves. */
export const clientPage = {
  // === In the chat: the echo of a page save, and the link offered
  'conv.page_saved': 'Received (via your page): {label} {value}',
  'conv.page_secret_saved': 'Received (via your page): {label}, {masked} — stored encrypted, never shown.',
  'conv.page_file': 'Received (via your page): {label} — file #{number}, “{name}”',
  'conv.via_page': '(via your page) {line}',
  'conv.page_later': '(via your page) {label}: later — we will ask again.',
  'conv.link_secret':
    'Please do not paste the App secret into this chat: give it on this private page instead (it stays out of the chat history). {url} — works once, for 24 hours.',
  'conv.link_full':
    'Long lists are easier on your private page, which also takes files and “not applicable” / “later”: {url} — valid 7 days; please do not forward it.',
  'conv.link_from_pm':
    'Your private page for the release: answer what is open, paste long lists, upload files. {url} — valid 7 days; please do not forward it.',
  'pm.link_no_public_url':
    'PUBLIC_URL is not set, so I could not send {client} a link to their private page ({scope}). Set PUBLIC_URL to the https address clients reach this server at (your TLS proxy).',
  'pm.page_file': '{client} uploaded file #{number} “{name}” for {label} on their page.',
  'link.scope.full': 'all open items, 7 days',
  'link.scope.secret': 'the App secret only, once, 24 hours',
  // === PM commands
  'cmd.usage.link':
    '/release link <client> [secret] — send the client’s contact a private page (PUBLIC_URL/c/…) for their open items (7 days), or for the App secret only (once, 24 hours)',
  'cmd.usage.unlink':
    '/release unlink <client> [<link number>] — revoke the client’s page links (every live one, or one)',
  'cmd.link_sent':
    'Sent {client} private page link #{id} ({scope}, until {expires}): {url}\nRevoke it with /release unlink {client} {id}.',
  'cmd.link_no_public_url':
    'PUBLIC_URL is not set: no link was sent to {client}. Set PUBLIC_URL to the https address clients reach this server at (your TLS proxy), then try again.',
  'cmd.link_no_thread':
    '{client} has no chat conversation yet to send the link in: bind one with /release start first.',
  'cmd.link_usage': 'Usage: /release link <client> [secret]',
  'cmd.unlinked': 'Revoked {client}’s page link(s): #{ids}. They now answer “not found”.',
  'cmd.unlink_none': '{client} has no live page link{which}. Live links: {live}.',
  // === The page
  'page.title': '{client} — release details',
  'page.secret_title': '{client} — App secret',
  'page.intro':
    'What you save here is recorded exactly like an answer in the chat, and confirmed there. Works until {at}.',
  'page.secret_intro':
    'Type the App secret here: it is encrypted at once and never shown again, not even here. This page works once, until {at}.',
  'page.open': 'Still needed',
  'page.given': 'Already given — you can change them',
  'page.none_open': 'Nothing is open: thank you!',
  'page.current': 'On file: {value}',
  'page.to_confirm': 'To confirm: {value} — save it as it is if it is right, or change it.',
  'page.nothing_yet': 'Nothing yet',
  'page.list_hint': 'One per line.',
  'page.secret_hint': '32 letters and digits. It is never shown back.',
  'page.save': 'Save',
  'page.done': 'Done',
  'page.na': 'Not applicable',
  'page.later': 'Later',
  'page.undo': 'Undo my last change ({label})',
  'page.saved': 'Saved: {label}. It is confirmed in your chat.',
  'page.na_saved': '{label}: noted as not applicable.',
  'page.later_saved': '{label}: later — we will ask again.',
  'page.undone': 'Taken back: {label}.',
  'page.unchanged': '{label}: already on file, nothing changed.',
  'page.invalid': 'Not saved: {reason}',
  'page.secret_done':
    'Thank you — the App secret is stored encrypted ({masked}). This link is now used up; you can close the page.',
  'page.too_long': 'That is {count} characters; the limit is {limit}. Shorten it — nothing was saved.',
  'page.file_too_large': 'That upload is over the {limit} limit for one file — nothing was saved.',
  'page.files_on_file': 'Files: {list}',
  'page.uploaded': 'Uploaded: {label}. It is confirmed in your chat.',
  'page.file': 'File',
  'page.upload': 'Upload',
  'page.not_found_title': 'Link not valid',
  'page.not_found': 'This link is not valid. Ask your project manager for a new one.',
  'page.form_expired': 'This form expired. Reload the page and try again — nothing was saved.',
  'page.bad_request': 'That request was not understood; nothing was saved.',
} as const;
