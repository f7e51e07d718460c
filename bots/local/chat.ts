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
}

export class LocalChat extends EventEmitter implements Chat {
  readonly platform = 'local' as const;
  readonly minIntervalMs = 0;
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

  /** Messages after `seq`, for pollers. */
  since(seq: number): LocalMessage[] {
    return this.transcript.filter((m) => m.seq > seq);
  }
}
