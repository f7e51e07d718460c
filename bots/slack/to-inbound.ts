/**
 * Slack payloads → the core's `Inbound`. Pure: no I/O, no Bolt objects, so every shape (and every
 * hostile one) is a one-line unit test. `undefined` means "not for the conversation" (bot posts,
 * joins, topic changes, edits that change nothing).
 *
 *   const inbound = messageToInbound(body.event, body.event_id);
 *   if (inbound) await bot.accept(inbound);
 */
import { isItemKey, type ItemKey } from '../../src/checklist/types.js';
import type { Inbound } from '../../src/inbound.js';

/** The fields of a Slack `message` event we read (https://api.slack.com/events/message). */
export interface SlackMessage {
  type?: string;
  subtype?: string;
  channel?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  edited?: { ts?: string };
  /** The sender's own workspace: in a Slack Connect channel, the client's team or the agency's. */
  user_team?: string;
  files?: { id?: string; name?: string; mimetype?: string }[];
  message?: SlackMessage;
  previous_message?: SlackMessage;
}

/** Subtypes that are a person writing; every other subtype is channel noise. */
const PERSON_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

function attachmentsOf(files: SlackMessage['files']): Inbound['attachments'] {
  if (!files?.length) return undefined;
  return files.map((f) => ({
    kind: f.mimetype?.startsWith('image/') ? 'image' : 'file',
    name: f.name,
    ...(f.id ? { ref: f.id } : {}),
  }));
}

function editToInbound(event: SlackMessage, channel: string): Inbound | undefined {
  const edited = event.message;
  if (!edited?.user || !edited.ts || edited.bot_id || edited.subtype === 'bot_message') return undefined;
  if ((edited.text ?? '') === (event.previous_message?.text ?? '')) return undefined; // an unfurl, not an edit
  return {
    platform: 'slack',
    channel,
    threadTs: edited.thread_ts ?? edited.ts,
    sender: `slack:${edited.user}`,
    text: edited.text ?? '',
    externalId: `edit:${channel}:${edited.ts}:${edited.edited?.ts ?? event.ts ?? ''}`,
    edited: true,
  };
}

/**
 * A person's message (or edit) in a channel; the bot's and other bots' posts are ignored. `agencyTeam`:
 * the team the app is installed in; in a shared channel (`user_team` set) its members are staff.
 */
export function messageToInbound(
  event: SlackMessage,
  eventId: string | undefined,
  agencyTeam?: string,
): Inbound | undefined {
  const channel = event.channel;
  if (!channel || event.bot_id || event.subtype === 'bot_message') return undefined;
  if (event.subtype === 'message_changed') return editToInbound(event, channel);
  if (!PERSON_SUBTYPES.has(event.subtype) || !event.user || !event.ts) return undefined;
  return {
    platform: 'slack',
    channel,
    threadTs: event.thread_ts ?? event.ts,
    sender: `slack:${event.user}`,
    text: event.text ?? '',
    attachments: attachmentsOf(event.files),
    externalId: eventId ?? `${channel}:${event.ts}`,
    ...(agencyTeam !== undefined && event.user_team === agencyTeam ? { staff: true } : {}),
  };
}

// === Buttons: action ids and values carry what the core needs back.

/** `answer:<itemKey>:<value>` — unique within a message, as Slack requires. */
export const answerActionId = (itemKey: string, value: string): string => `answer:${itemKey}:${value}`;
export const ANSWER_ACTION = /^answer:/;
export const SECRET_ACTION = /^secret:/;

export interface SlackButtonPress {
  user: { id: string };
  channel?: { id: string };
  container?: { message_ts?: string; thread_ts?: string };
  message?: { ts?: string; thread_ts?: string };
  actions: { action_id: string; value?: string; action_ts?: string }[];
}

/** An `answer` button: `value` is `<itemKey>:<choice>`. */
export function answerToInbound(body: SlackButtonPress): Inbound | undefined {
  const action = body.actions[0];
  const channel = body.channel?.id;
  const [itemKey, ...rest] = (action?.value ?? '').split(':');
  const value = rest.join(':');
  if (!action || !channel || !itemKey || !isItemKey(itemKey) || !value) return undefined;
  return {
    platform: 'slack',
    channel,
    threadTs: body.message?.thread_ts ?? body.container?.thread_ts ?? body.container?.message_ts ?? null,
    sender: `slack:${body.user.id}`,
    choice: { itemKey, value },
    externalId: `action:${channel}:${body.user.id}:${action.action_ts ?? body.container?.message_ts ?? ''}:${action.action_id}`,
  };
}

// === Undo and Edit under a confirmation: the value is the id of the change they are about.

export const UNDO_ACTION = /^undo:/;
export const EDIT_ACTION = /^edit:/;
export const EDIT_CALLBACK = 'edit';
export const EDIT_BLOCK = 'edit';
export const EDIT_INPUT = 'value';

/** An Edit button's value: `<itemKey>:<eventId>`. */
export const editValue = (itemKey: string, eventId: string): string => `${itemKey}:${eventId}`;

export function parseEditValue(value: string | undefined): { itemKey: ItemKey; eventId: number } | undefined {
  const [itemKey, id] = (value ?? '').split(':');
  const eventId = Number(id);
  return itemKey && isItemKey(itemKey) && Number.isInteger(eventId) && eventId > 0 ? { itemKey, eventId } : undefined;
}

/** An Undo press: the change it takes back (only its author's press undoes it; the core checks). */
export function undoToInbound(body: SlackButtonPress): Inbound | undefined {
  const action = body.actions[0];
  const channel = body.channel?.id;
  const eventId = Number(action?.value);
  if (!action || !channel || !Number.isInteger(eventId) || eventId <= 0) return undefined;
  return {
    platform: 'slack',
    channel,
    threadTs: body.message?.thread_ts ?? body.container?.thread_ts ?? body.container?.message_ts ?? null,
    sender: `slack:${body.user.id}`,
    undo: { eventId },
    externalId: `action:${channel}:${body.user.id}:${action.action_ts ?? body.container?.message_ts ?? ''}:${action.action_id}`,
  };
}

/** Where an Edit form's value goes, carried in the modal's private_metadata. */
export interface EditFormTarget {
  channel: string;
  threadTs: string | null;
  itemKey: ItemKey;
}

export function parseEditTarget(metadata: string | undefined): EditFormTarget | undefined {
  try {
    const parsed = JSON.parse(metadata ?? '') as Partial<EditFormTarget>;
    if (typeof parsed.channel !== 'string' || typeof parsed.itemKey !== 'string' || !isItemKey(parsed.itemKey))
      return undefined;
    return {
      channel: parsed.channel,
      threadTs: typeof parsed.threadTs === 'string' ? parsed.threadTs : null,
      itemKey: parsed.itemKey,
    };
  } catch {
    return undefined;
  }
}

/** The Edit form submitted: the new value, read and validated by the core like an answer. */
export function editFormToInbound(body: SlackViewSubmission): Inbound | undefined {
  const target = parseEditTarget(body.view.private_metadata);
  const text = body.view.state?.values?.[EDIT_BLOCK]?.[EDIT_INPUT]?.value?.trim();
  if (!target || !text) return undefined;
  return {
    platform: 'slack',
    channel: target.channel,
    threadTs: target.threadTs,
    sender: `slack:${body.user.id}`,
    edit: { itemKey: target.itemKey, text },
    externalId: `view:${body.view.id}`,
  };
}

// === The PM's escalation DM: `snooze` runs `/release snooze`; `open` is a link (acked, nothing to do).

export const SNOOZE_ACTION = 'snooze';
export const OPEN_ACTION = 'open';

/** A snooze button's value: the core's `itemKey`, then its `value` (`<client>|<duration>`). */
export const snoozeValue = (itemKey: string | undefined, value: string | undefined): string =>
  `${itemKey ?? ''}:${value ?? ''}`;

/**
 * The `/release` text a snooze press stands for, or undefined when the value is not a snooze value.
 *
 *   snoozeCommandText('app_id:Acme Coffee|2d')   // 'snooze Acme Coffee app_id 2d'
 */
export function snoozeCommandText(value: string | undefined): string | undefined {
  const v = value ?? '';
  const colon = v.indexOf(':');
  const bar = v.lastIndexOf('|');
  if (colon < 0 || bar < colon) return undefined;
  const [item, client, duration] = [v.slice(0, colon), v.slice(colon + 1, bar).trim(), v.slice(bar + 1).trim()];
  if (!client || !duration) return undefined;
  return ['snooze', client, item, duration].filter(Boolean).join(' ');
}

// === The private secret form (modal): where the answer goes travels in private_metadata.

export type SecretItem = 'app_secret' | 'open_platform';
export const SECRET_CALLBACK = 'secret';
export const SECRET_BLOCK = 'secret';
export const SECRET_INPUT = 'value';

export interface SecretFormTarget {
  channel: string;
  threadTs: string | null;
  itemKey: SecretItem;
}

export const isSecretItem = (s: string | undefined): s is SecretItem => s === 'app_secret' || s === 'open_platform';

export function parseSecretTarget(metadata: string | undefined): SecretFormTarget | undefined {
  try {
    const parsed = JSON.parse(metadata ?? '') as Partial<SecretFormTarget>;
    if (typeof parsed.channel !== 'string' || !isSecretItem(parsed.itemKey)) return undefined;
    return {
      channel: parsed.channel,
      threadTs: typeof parsed.threadTs === 'string' ? parsed.threadTs : null,
      itemKey: parsed.itemKey,
    };
  } catch {
    return undefined;
  }
}

export interface SlackViewSubmission {
  user: { id: string };
  view: {
    id: string;
    callback_id?: string;
    private_metadata?: string;
    state?: { values?: Record<string, Record<string, { value?: string | null }>> };
  };
}

/** The secret typed into the form: the core seals it before anything is stored. */
export function secretToInbound(body: SlackViewSubmission): Inbound | undefined {
  const target = parseSecretTarget(body.view.private_metadata);
  const value = body.view.state?.values?.[SECRET_BLOCK]?.[SECRET_INPUT]?.value?.trim();
  if (!target || !value) return undefined;
  return {
    platform: 'slack',
    channel: target.channel,
    threadTs: target.threadTs,
    sender: `slack:${body.user.id}`,
    secret: { itemKey: target.itemKey, value },
    externalId: `view:${body.view.id}`,
  };
}
