/**
 * Bolt listeners: decode → core → render. Each one hands what arrived to `bot.accept` (stored
 * durably, deduplicated) before acknowledging; the core reads and answers it after the response is
 * out. A `/release` command takes the same path, marked as one; its answer goes to the command's
 * response_url (`respond`) once it ran. A Slack retry of a stored event_id is acknowledged and
 * dropped by the core's dedupe.
 *
 *   registerListeners(app, { bot, pmUsers, localeOf, clock, logger, inFlight: new Set() });
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { CommandAnswer, ReleaseBot } from '../../src/bot.js';
import type { ItemKey } from '../../src/checklist/types.js';
import type { CommandReply } from '../../src/commands/index.js';
import type { Inbound } from '../../src/inbound.js';
import { type Locale, t } from '../../src/i18n/index.js';
import type { Logger } from '../../src/logger.js';
import type { Clock } from '../../src/ports.js';
import { PM_LOCALE } from '../../src/reminders/messages.js';
import { renderBlocks } from './blocks.js';
import { editModal } from './edit-form.js';
import { secretFormError, secretModal } from './secret-form.js';
import { isSharedChannel } from './shared-channel.js';
import { statusBlocks } from './status-blocks.js';
import {
  ANSWER_ACTION,
  answerToInbound,
  EDIT_ACTION,
  EDIT_BLOCK,
  EDIT_CALLBACK,
  editFormToInbound,
  parseEditValue,
  UNDO_ACTION,
  undoToInbound,
  isSecretItem,
  messageToInbound,
  OPEN_ACTION,
  SECRET_ACTION,
  SECRET_BLOCK,
  SECRET_CALLBACK,
  SECRET_INPUT,
  SNOOZE_ACTION,
  type SlackButtonPress,
  type SlackMessage,
  type SlackViewSubmission,
  secretToInbound,
  snoozeCommandText,
} from './to-inbound.js';

export interface SlackDeps {
  bot: ReleaseBot;
  /** PM_USERS, prefixed (`slack:U123`). */
  pmUsers: readonly string[];
  /** The language of the client bound to a channel (for the secret form); 'en' when none is. */
  localeOf(channel: string): Locale;
  /** The value on file for an item of the channel's open release, as editable text (the Edit form's prefill). */
  editableValueOf(channel: string, itemKey: ItemKey): string;
  clock: Clock;
  logger: Logger;
  /** Processing started after an ack and not finished yet: `stop()` waits for these. */
  inFlight: Set<Promise<void>>;
}

/** Stored (durable) when this resolves, so the caller acks next; the core answers after the response is out. */
async function accept(deps: SlackDeps, inbound: Inbound, answer?: CommandAnswer): Promise<void> {
  const stored = await deps.bot.accept(inbound, answer ? { answer } : {});
  if (stored.kind === 'duplicate')
    deps.logger.info(
      { externalId: inbound.externalId },
      'slack: delivery seen before; acknowledged, not processed again',
    );
}

/** The slash command's answer: Block Kit for status views, the plain text always. */
export function commandResponse(reply: CommandReply, now: Date, locale: Locale): Record<string, unknown> {
  const blocks = reply.view ? statusBlocks(locale, reply.view, now) : renderBlocks(reply.message.blocks);
  return { response_type: reply.visibility, text: reply.message.text, ...(blocks ? { blocks } : {}) };
}

function registerMessages(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body }) => {
    const envelope = body as { event_id?: string; team_id?: string; is_ext_shared_channel?: boolean };
    // In a Slack Connect channel the agency's own members are staff, not the client.
    const agencyTeam = envelope.is_ext_shared_channel ? envelope.team_id : undefined;
    const inbound = messageToInbound(event as SlackMessage, envelope.event_id, agencyTeam);
    if (inbound) await accept(deps, inbound);
  });
}

function registerCommand(app: App, deps: SlackDeps): void {
  app.command('/release', async ({ command, ack, client, respond }) => {
    const user = `slack:${command.user_id}`;
    const text = command.text ?? '';
    const isPm = deps.pmUsers.includes(user);
    // Only `start` binds the channel; the others never read `shared`, so they cost no API call.
    const shared =
      isPm && /^\s*start\b/i.test(text) ? await isSharedChannel(client, command.channel_id, deps.logger) : true;
    // Replies about no single client (PM_LOCALE); commands naming a client answer in that client's language.
    const conversation = { platform: 'slack' as const, channel: command.channel_id, kind: 'channel' as const, shared };
    const inbound: Inbound = {
      platform: 'slack',
      channel: command.channel_id,
      sender: user,
      text,
      // Slack never redelivers a slash command; a replay of the signed bytes is stopped by the request log.
      externalId: `command:${command.trigger_id}:${randomUUID()}`,
      command: { isPm, locale: PM_LOCALE, conversation },
    };
    // The answer goes to the response_url after the ack (Slack's 3 s). The export's CSV goes to the
    // PM alone, never into a channel the client shares (stop() waits for the upload through inFlight).
    const answer: CommandAnswer = {
      reply: async (reply, locale) => {
        await respond(commandResponse(reply, deps.clock.now(), locale) as Parameters<typeof respond>[0]);
        const file = reply.file;
        if (!file) return;
        const done = uploadToPm(client, command.user_id, file, deps.logger).finally(() => deps.inFlight.delete(done));
        deps.inFlight.add(done);
      },
      failed: async (locale) => {
        await respond({ response_type: 'ephemeral', text: t(locale, 'cmd.failed') });
      },
    };
    await accept(deps, inbound, answer);
    await ack();
  });
}

/** A file for the PM, in their DM with the bot, through files.uploadV2 (getUploadURLExternal → upload → completeUploadExternal). */
async function uploadToPm(
  client: App['client'],
  userId: string,
  file: NonNullable<CommandReply['file']>,
  logger: SlackDeps['logger'],
): Promise<void> {
  try {
    const dm = await client.conversations.open({ users: userId });
    const channelId = dm.channel?.id;
    if (!channelId) throw new Error('conversations.open returned no channel');
    await client.files.uploadV2({
      channel_id: channelId,
      file: Buffer.from(file.content, 'utf8'),
      filename: file.filename,
      title: file.title,
    });
  } catch (err) {
    logger.warn(
      { err, user: `slack:${userId}`, filename: file.filename },
      'slack: could not upload the export to the PM; the reply has the link',
    );
  }
}

function registerButtons(app: App, deps: SlackDeps): void {
  app.action(ANSWER_ACTION, async ({ ack, body }) => {
    const inbound = answerToInbound(body as unknown as SlackButtonPress);
    if (inbound) await accept(deps, inbound);
    await ack();
  });
  app.action(SECRET_ACTION, async ({ ack, body, client }) => {
    await ack();
    const press = body as unknown as SlackButtonPress & { trigger_id: string };
    const itemKey = press.actions[0]?.value;
    const channel = press.channel?.id;
    if (!channel || !isSecretItem(itemKey)) return;
    const threadTs = press.message?.thread_ts ?? press.container?.thread_ts ?? press.container?.message_ts ?? null;
    await client.views.open({
      trigger_id: press.trigger_id,
      view: secretModal(deps.localeOf(channel), { channel, threadTs, itemKey }),
    });
  });
}

/**
 * The PM's escalation DM. `snooze` runs `/release snooze <client> <item> <duration>` as the presser
 * (PM check included) and answers where the button was; `open` is a link button, so only the ack.
 */
function registerEscalationButtons(app: App, deps: SlackDeps): void {
  app.action(SNOOZE_ACTION, async ({ ack, body, client }) => {
    const press = body as unknown as SlackButtonPress;
    const channel = press.channel?.id;
    const text = snoozeCommandText(press.actions[0]?.value);
    if (!channel || !text) return void (await ack());
    const user = `slack:${press.user.id}`;
    const answer: CommandAnswer = {
      reply: async (reply) => {
        if (reply.visibility === 'in_channel') await client.chat.postMessage({ channel, text: reply.message.text });
        else await client.chat.postEphemeral({ channel, user: press.user.id, text: reply.message.text });
      },
      failed: async (locale) => {
        await client.chat.postEphemeral({ channel, user: press.user.id, text: t(locale, 'cmd.failed') });
      },
    };
    const inbound: Inbound = {
      platform: 'slack',
      channel,
      sender: user,
      text,
      externalId: `action:${channel}:${press.user.id}:${press.actions[0]?.action_ts ?? press.container?.message_ts ?? ''}:${SNOOZE_ACTION}`,
      command: { isPm: deps.pmUsers.includes(user), locale: PM_LOCALE },
    };
    await accept(deps, inbound, answer);
    await ack();
  });
  app.action(OPEN_ACTION, async ({ ack }) => {
    await ack();
  });
}

/** Undo and Edit under a confirmation: Undo goes to the core like a reply; Edit opens a prefilled form (secrets: the private one). */
function registerTakeBack(app: App, deps: SlackDeps): void {
  app.action(UNDO_ACTION, async ({ ack, body }) => {
    const inbound = undoToInbound(body as unknown as SlackButtonPress);
    if (inbound) await accept(deps, inbound);
    await ack();
  });
  app.action(EDIT_ACTION, async ({ ack, body, client }) => {
    await ack();
    const press = body as unknown as SlackButtonPress & { trigger_id: string };
    const target = parseEditValue(press.actions[0]?.value);
    const channel = press.channel?.id;
    if (!channel || !target) return;
    const threadTs = press.message?.thread_ts ?? press.container?.thread_ts ?? press.container?.message_ts ?? null;
    const locale = deps.localeOf(channel);
    const { itemKey } = target;
    const view = isSecretItem(itemKey)
      ? secretModal(locale, { channel, threadTs, itemKey })
      : editModal(locale, { channel, threadTs, itemKey }, deps.editableValueOf(channel, itemKey));
    await client.views.open({ trigger_id: press.trigger_id, view });
  });
  app.view(EDIT_CALLBACK, async ({ ack, body }) => {
    const inbound = editFormToInbound(body as unknown as SlackViewSubmission);
    if (!inbound) {
      await ack({ response_action: 'errors', errors: { [EDIT_BLOCK]: t('en', 'reason.empty') } });
      return;
    }
    await accept(deps, inbound);
    await ack();
  });
}

function registerSecretForm(app: App, deps: SlackDeps): void {
  app.view(SECRET_CALLBACK, async ({ ack, body }) => {
    const submission = body as unknown as SlackViewSubmission;
    const inbound = secretToInbound(submission);
    const typed = submission.view.state?.values?.[SECRET_BLOCK]?.[SECRET_INPUT]?.value ?? undefined;
    const error = secretFormError(inbound ? deps.localeOf(inbound.channel) : 'en', typed);
    if (!inbound || error) {
      await ack({ response_action: 'errors', errors: { [SECRET_BLOCK]: error ?? t('en', 'slack.secret.empty') } });
      return;
    }
    await accept(deps, inbound);
    await ack();
  });
}

export function registerListeners(app: App, deps: SlackDeps): void {
  registerMessages(app, deps);
  registerCommand(app, deps);
  registerButtons(app, deps);
  registerEscalationButtons(app, deps);
  registerSecretForm(app, deps);
  registerTakeBack(app, deps);
}
