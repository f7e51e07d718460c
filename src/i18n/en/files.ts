/** Files clients send: what is kept, what is refused and why (chat replies, PM notices, the release page). */
export const files = {
  'files.refused.empty': '“{name}” arrived empty, so I did not keep it. Please send it again.',
  'files.refused.too_large': '“{name}” is {size}; a file can be at most {limit}. Please send a smaller version (a compressed image, or the PDF saved at a lower quality).',
  'files.refused.release_full': 'I could not keep “{name}” ({size}): this release already holds {used} of files and the limit is {limit}. I have told your project manager.',
  'files.refused.type': '“{name}” is not a kind of file I can keep. Please send images (PNG, JPEG, GIF or WebP) or a PDF.',
  'files.refused.type_seen': '“{name}” is a {seen} file, which I cannot keep. Please send images (PNG, JPEG, GIF or WebP) or a PDF.',
  'files.refused.unavailable': 'I could not fetch “{name}” from the chat just now. Please send it again in a moment.',
  'files.unnamed': 'your file',
} as const;
