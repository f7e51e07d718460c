/**
 * The local chat: a `Chat` that keeps what the bot sends in memory, for the terminal chat
 * (`release-bot chat`), the demo, the local chat page and tests. No network at all.
 *
 *   const chat = new LocalChat();
 *   chat.on('message', (m) => console.log(m.to, m.message.text));
 */
import { EventEmitter } from 'node:events';
import type { Address, Chat, OutboundMessage, SentRef } from '../../src/ports.js';

export interface LocalMessage {
  seq: number;
  /** `thread:<channel>` or `user:<id>`. */
  to: string;
  message: OutboundMessage;
  at: string;
  /** Set for what a person typed (recorded by the local chat page); absent for what the bot sent. */
  from?: string;
}

export class LocalChat extends EventEmitter implements Chat {
  readonly platform = 'local' as const;
  readonly transcript: LocalMessage[] = [];
  private seq = 0;

  async send(to: Address, message: OutboundMessage): Promise<SentRef> {
    this.seq += 1;
    const entry: LocalMessage = {
      seq: this.seq,
      to: to.kind === 'thread' ? `thread:${to.thread.channel}` : `user:${to.user}`,
      message,
      at: new Date().toISOString(),
    };
    this.transcript.push(entry);
    this.emit('message', entry);
    return { ref: String(this.seq) };
  }

  /**
   * Adds to the transcript without sending: what a person typed, or a command's direct reply,
   * so the local chat page shows both sides in one order. Not emitted as `message`.
   */
  record(entry: { from?: string; to: string; message: OutboundMessage }): LocalMessage {
    this.seq += 1;
    const recorded: LocalMessage = { seq: this.seq, ...entry, at: new Date().toISOString() };
    this.transcript.push(recorded);
    return recorded;
  }

  /** Messages after `seq`, for pollers. */
  since(seq: number): LocalMessage[] {
    return this.transcript.filter((m) => m.seq > seq);
  }
}
