/**
 * The core's platform-neutral blocks → Slack Block Kit. Pure. The plain `text` of every message
 * still goes with it as the notification and fallback; blocks only add layout and buttons.
 *
 *   client.chat.postMessage({ channel, text: message.text, blocks: renderBlocks(message.blocks) });
 *   renderBlocks(escalation.blocks, new Map([[openButton, permalink]]));   // `open` becomes a link button
 */
import type { types } from '@slack/bolt';
import type { Block, Button } from '../../src/ports.js';
import { answerActionId, editValue, OPEN_ACTION, SNOOZE_ACTION, snoozeValue } from './to-inbound.js';

export type SlackBlock = types.KnownBlock;

/** Slack's documented limits (https://api.slack.com/reference/block-kit/blocks). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  actions: 25,
  fields: 10,
  fieldText: 2000,
} as const;

/** `&`, `<` and `>` are control characters in Slack text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text: clip(text, LIMITS.sectionText) });
export const plain = (text: string, max: number = LIMITS.sectionText): types.PlainTextElement => ({
  type: 'plain_text',
  text: clip(text, max),
  emoji: true,
});
export const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });

/** `▓▓▓▓░░░░░░ 4/10`, in code style so the bar keeps its width. */
export function progressLine(done: number, total: number, width = 10): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `\`${'▓'.repeat(filled)}${'░'.repeat(width - filled)}\` ${done}/${total}`;
}

/** Where each `open` button points (a thread permalink), worked out by the sender before rendering. */
export type ButtonLinks = ReadonlyMap<Button, string>;

/** Action id and value per action; `snooze` keeps the whole core value (client and duration) beside the item. */
function routing(button: Button): { actionId: string; value: string } {
  switch (button.action) {
    case 'answer':
      return {
        actionId: answerActionId(button.itemKey ?? '', button.value ?? ''),
        value: `${button.itemKey ?? ''}:${button.value ?? ''}`,
      };
    case 'snooze':
      return { actionId: SNOOZE_ACTION, value: snoozeValue(button.itemKey, button.value) };
    case 'open':
      return { actionId: OPEN_ACTION, value: button.value ?? '' };
    case 'secret': {
      const value = button.itemKey ?? button.value ?? '';
      return { actionId: `secret:${value}`, value };
    }
    case 'undo':
      return { actionId: `undo:${button.value ?? ''}`, value: button.value ?? '' };
    case 'edit': {
      const value = editValue(button.itemKey ?? '', button.value ?? '');
      return { actionId: `edit:${value}`, value };
    }
  }
}

/** A Block Kit button, or undefined for an `open` button with no link (a button that does nothing is worse than none). */
function buttonElement(button: Button, links: ButtonLinks): types.Button | undefined {
  const url = links.get(button);
  if (button.action === 'open' && !url) return undefined;
  const { actionId, value } = routing(button);
  return {
    type: 'button',
    action_id: clip(actionId, 255),
    text: plain(button.label, LIMITS.buttonText),
    value: clip(value, 2000),
    ...(url ? { url: clip(url, 3000) } : {}),
    ...(button.style ? { style: button.style } : {}),
  };
}

function actionsBlocks(buttons: readonly Button[], links: ButtonLinks): SlackBlock[] {
  const elements = buttons.map((b) => buttonElement(b, links)).filter((e): e is types.Button => e !== undefined);
  return chunk(elements, LIMITS.actions).map((part) => ({ type: 'actions', elements: part }));
}

function renderBlock(block: Block, links: ButtonLinks): SlackBlock[] {
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
      return [
        section(
          [
            `*${escapeMrkdwn(block.label)}*  ${progressLine(block.done, block.total)}`,
            block.detail && escapeMrkdwn(block.detail),
          ]
            .filter(Boolean)
            .join('\n'),
        ),
      ];
    case 'fields':
      return [
        {
          type: 'section',
          fields: block.fields
            .slice(0, LIMITS.fields)
            .map((f) => mrkdwn(clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, LIMITS.fieldText))),
        },
      ];
    case 'buttons':
      return actionsBlocks(block.buttons, links);
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
export function renderBlocks(
  blocks: readonly Block[] | undefined,
  links: ButtonLinks = new Map(),
): SlackBlock[] | undefined {
  if (!blocks?.length) return undefined;
  return blocks.flatMap((block) => renderBlock(block, links)).slice(0, LIMITS.blocks);
}
