/**
 * The core's platform-neutral blocks → Slack Block Kit. Pure. The plain `text` of every message
 * still goes with it as the notification and fallback; blocks only add layout and buttons.
 *
 *   client.chat.postMessage({ channel, text: message.text, blocks: renderBlocks(message.blocks) });
 */
import type { types } from '@slack/bolt';
import type { Block, Button } from '../../src/ports.js';
import { answerActionId } from './to-inbound.js';

export type SlackBlock = types.KnownBlock;

/** Slack's documented limits (https://api.slack.com/reference/block-kit/blocks). */
export const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, buttonText: 75, actions: 25, fields: 10, fieldText: 2000 } as const;

/** `&`, `<` and `>` are control characters in Slack text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text: clip(text, LIMITS.sectionText) });
export const plain = (text: string, max: number = LIMITS.sectionText): types.PlainTextElement => ({ type: 'plain_text', text: clip(text, max), emoji: true });
export const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });

/** `▓▓▓▓░░░░░░ 4/10`, in code style so the bar keeps its width. */
export function progressLine(done: number, total: number, width = 10): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `\`${'▓'.repeat(filled)}${'░'.repeat(width - filled)}\` ${done}/${total}`;
}

function buttonElement(button: Button): types.Button {
  const value = button.action === 'answer' ? `${button.itemKey ?? ''}:${button.value ?? ''}` : (button.itemKey ?? button.value ?? '');
  const actionId = button.action === 'answer' ? answerActionId(button.itemKey ?? '', button.value ?? '') : `${button.action}:${value}`;
  return {
    type: 'button',
    action_id: clip(actionId, 255),
    text: plain(button.label, LIMITS.buttonText),
    value: clip(value, 2000),
    ...(button.style ? { style: button.style } : {}),
  };
}

function renderBlock(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'header':
      return [{ type: 'header', text: plain(block.text, LIMITS.headerText) }];
    case 'text':
      return [section(escapeMrkdwn(block.text))];
    case 'question': {
      const question = section(`*${block.number}.* ${escapeMrkdwn(block.text)}`);
      return block.hint ? [question, { type: 'context', elements: [mrkdwn(escapeMrkdwn(block.hint))] }] : [question];
    }
    case 'progress':
      return [section([`*${escapeMrkdwn(block.label)}*  ${progressLine(block.done, block.total)}`, block.detail && escapeMrkdwn(block.detail)].filter(Boolean).join('\n'))];
    case 'fields':
      return [{ type: 'section', fields: block.fields.slice(0, LIMITS.fields).map((f) => mrkdwn(clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText))) }];
    case 'buttons':
      return chunk(block.buttons, LIMITS.actions).map((buttons) => ({ type: 'actions', elements: buttons.map(buttonElement) }));
    case 'divider':
      return [{ type: 'divider' }];
  }
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Block Kit for a message, or undefined when it has none (Slack then shows the text). */
export function renderBlocks(blocks: readonly Block[] | undefined): SlackBlock[] | undefined {
  if (!blocks?.length) return undefined;
  return blocks.flatMap(renderBlock).slice(0, LIMITS.blocks);
}
