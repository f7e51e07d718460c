/**
 * Our platform-neutral messages as WeCom sees them. App messages and 微信客服 have no buttons, so a
 * choice becomes a "reply 已开通 / 申请中 / 未开通" hint; questions are numbered with their how-to hint.
 * WeCom caps a message at 2048 bytes, so long ones are split on line boundaries.
 *
 *   toMarkdown(message, 'zh')   // '1. **小程序的 AppID**\n> 在 开发管理 → …\n…\n> 请回复「已开通」/「申请中」/「未开通」'
 *   splitForWeCom(markdown)     // ['…', '…'] each ≤ 2048 bytes
 */
import { type Locale, t } from '../../src/i18n/index.js';
import type { Block, Button, OutboundMessage } from '../../src/ports.js';

export const MAX_MESSAGE_BYTES = 2048;

function replyHint(locale: Locale, buttons: readonly Button[]): string[] {
  const answers = buttons.filter((b) => b.action === 'answer').map((b) => b.label);
  return answers.length > 0
    ? [t(locale, 'wecom.reply_with', { choices: answers.join(t(locale, 'wecom.choice_sep')) })]
    : [];
}

/** Hints for buttons not already shown under their question. */
function buttonHints(locale: Locale, buttons: readonly Button[], asked: ReadonlySet<string>): string[] {
  const hints = replyHint(
    locale,
    buttons.filter((b) => !b.itemKey || !asked.has(b.itemKey)),
  );
  if (buttons.some((b) => b.action === 'secret')) hints.push(t(locale, 'wecom.secret_here'));
  for (const b of buttons.filter((x) => x.action === 'open'))
    hints.push(t(locale, 'wecom.open_thread', { label: b.label }));
  // Undo / Edit have no buttons here: one line says how to take an answer back in words.
  if (buttons.some((b) => b.action === 'undo' || b.action === 'edit')) hints.push(t(locale, 'conv.take_back_hint'));
  return hints;
}

function render(message: OutboundMessage, locale: Locale, rich: boolean): string {
  const blocks = message.blocks ?? [];
  const buttons = blocks.flatMap((b) => (b.type === 'buttons' ? b.buttons : []));
  const asked = new Set<string>(blocks.flatMap((b) => (b.type === 'question' ? [b.itemKey] : [])));
  const bold = (s: string): string => (rich ? `**${s}**` : s);
  const lines = (block: Block): string[] => {
    switch (block.type) {
      case 'header':
        return [rich ? `### ${block.text}` : block.text];
      case 'text':
        return [block.text];
      case 'question': {
        const hints = [
          block.hint,
          ...replyHint(
            locale,
            buttons.filter((b) => b.itemKey === block.itemKey),
          ),
        ].filter((h): h is string => !!h);
        return [`${block.number}. ${bold(block.text)}`, ...hints.map((h) => (rich ? `> ${h}` : `   ${h}`))];
      }
      case 'progress':
        return [`${block.label} ${block.done}/${block.total}${block.detail ? ` · ${block.detail}` : ''}`];
      case 'fields':
        return block.fields.map((f) => `${bold(f.label)}: ${f.value}`);
      case 'buttons':
        return buttonHints(locale, block.buttons, asked);
      case 'divider':
        return [''];
    }
  };
  return blocks.length > 0 ? blocks.flatMap(lines).join('\n') : message.text;
}

/** WeCom markdown (self-built app `message/send` and app chats). */
export function toMarkdown(message: OutboundMessage, locale: Locale): string {
  return render(message, locale, true);
}

/** Plain text with the same hints (微信客服 and group robots that show no markdown). */
export function toPlainText(message: OutboundMessage, locale: Locale): string {
  return render(message, locale, false);
}

/** Splits on line boundaries into parts of at most `max` UTF-8 bytes (a single long line is cut). */
export function splitForWeCom(text: string, max = MAX_MESSAGE_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  const push = (): void => {
    if (current.trim()) parts.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    const candidate = current ? `${current}\n${line}` : line;
    if (Buffer.byteLength(candidate) <= max) {
      current = candidate;
      continue;
    }
    push();
    let rest = line;
    while (Buffer.byteLength(rest) > max) {
      let cut = max;
      while (Buffer.byteLength(rest.slice(0, cut)) > max) cut -= 1;
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  push();
  return parts.length > 0 ? parts : [''];
}
