/** Files clients send: what is kept, what is refused and why (chat replies, PM notices, the release page). */
export const files = {
  'files.refused.empty': '“{name}” arrived empty, so I did not keep it. Please send it again.',
  'files.refused.too_large':
    '“{name}” is {size}; a file can be at most {limit}. Please send a smaller version (a compressed image, or the PDF saved at a lower quality).',
  'files.refused.release_full':
    'I could not keep “{name}” ({size}): this release already holds {used} of files and the limit is {limit}. I have told your project manager.',
  'files.refused.type':
    '“{name}” is not a kind of file I can keep. Please send images (PNG, JPEG, GIF or WebP) or a PDF.',
  'files.refused.type_seen':
    '“{name}” is a {seen} file, which I cannot keep. Please send images (PNG, JPEG, GIF or WebP) or a PDF.',
  'files.refused.unavailable': 'I could not fetch “{name}” from the chat just now. Please send it again in a moment.',
  'files.saved': 'Saved 📎 {name} for {label}.',
  'files.saved_again': 'I already have {name} (for {label}); nothing new to save.',
  'files.saved_unfiled': 'Saved 📎 {name}. Your project manager will put it with the right item.',
  'files.pm_saved': '{client} sent {name} (file #{number}) for {label}.',
  'files.pm_which': '{client} sent {name} (file #{number}), and I cannot tell which item it is for. Link it: {command}',
  'files.pm_refused': '{client} sent “{name}”, which was not kept. They were told: {reply}',
  'files.no_item': 'no item yet',
  'files.cmd_none': '{client} has sent no files in this release.',
  'files.cmd_list': 'Files of {client} (link one: /release file {client} <number> <item>):',
  'files.cmd_line': '#{number} {name} · {size} · {item}',
  'files.cmd_usage':
    'Usage: /release file {client} <number> <item> (or none). /release file {client} lists the numbers.',
  'files.cmd_no_file': '{client} has no file #{number}; /release file {client} lists them.',
  'files.cmd_linked': 'File #{number} of {client} ({name}) is now with: {label}.',
  'files.unnamed': 'your file',
} as const;
