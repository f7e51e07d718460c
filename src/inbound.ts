/**
 * What every adapter turns a platform message into. Adapters decode; the core decides.
 *
 *   await bot.accept({ platform: 'slack', channel: 'C1', sender: 'slack:U9', text: '…', externalId: 'Ev123' })
 */
import type { ItemKey } from './checklist/types.js';
import type { CommandContext } from './commands/index.js';
import type { Locale } from './i18n/index.js';
import type { Platform } from './release/model.js';

export interface Attachment {
  kind: 'image' | 'file' | 'other';
  name?: string;
  ref?: string;
}

export interface Inbound {
  platform: Platform;
  /** Slack channel id, WeCom userid or chatid, kf external_userid, local session name. */
  channel: string;
  /** Slack: the thread the message was posted in (or its own ts at top level). */
  threadTs?: string | null;
  /** Platform user id, prefixed: `slack:U123`, `wecom:zhangsan`, `kf:wmXXXX`, `local:client`. */
  sender: string;
  senderName?: string;
  text?: string;
  /** A button press: the answer it stands for. */
  choice?: { itemKey: ItemKey; value: string };
  /** An Undo button: take back the change that event recorded (the sender's own). */
  undo?: { eventId: number };
  /** An Edit form: a new value for the item, read and validated like an answer. */
  edit?: { itemKey: ItemKey; text: string };
  /** A value typed into a private form (Slack modal): sealed at once, never stored in clear. */
  secret?: { itemKey: 'app_secret' | 'open_platform'; value: string };
  /** The client's private page (`/c/<token>`) sent it: recorded with provenance "client page", echoed in the chat as such. */
  via?: 'page';
  /** From the client page: mark an item not applicable, or to be answered later. */
  mark?: { itemKey: ItemKey; as: 'n/a' | 'later' };
  /** From the client page: a file uploaded for an item, already kept in the file store (its number in the release). */
  upload?: { itemKey: ItemKey; number: number; name: string };
  /**
   * Images or files. `ref` is the platform's id to fetch it by (Slack file id, WeCom MediaId, kf
   * media_id): with it, an image or file is downloaded after the ack and stored (src/files); without
   * it (voice, video, a location), it is only acknowledged and the PM told.
   */
  attachments?: Attachment[];
  /** The platform's id for this delivery (Slack event_id, WeCom MsgId, kf msgid): makes it idempotent. */
  externalId: string;
  /** An edit of an earlier message: re-read, reply only to what is new. */
  edited?: boolean;
  /**
   * The sender is the agency's own staff, as the adapter can tell (Slack: a member of the agency's own
   * team writing in a shared channel). Stored for the record, never read as the client's answer.
   */
  staff?: boolean;
  /**
   * A PM's `/release …` command, stored like any message so an ack never loses it: `process` (and
   * `recover()` after a crash) runs it as a command and queues the reply to `channel` — never as a
   * client's reply. `isPm` and the reply's `locale` are decided by the adapter when it arrives;
   * `conversation` is where it was run, which `start` binds (a Slack channel).
   */
  command?: { isPm: boolean; locale: Locale; conversation?: CommandContext['conversation'] };
  /**
   * A human agent has this conversation (微信客服: a servicer took the session over): the message is
   * kept for the record and shown to the PM, and the bot stays silent.
   */
  humanHandled?: boolean;
}
