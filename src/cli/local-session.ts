/**
 * Plays both sides of a release in the local chat: the client writing in their conversation, and
 * the PM running `/release …`. Used by `release-bot chat` and `npm run demo`.
 *
 *   const session = new LocalSession(app, 'terminal');
 *   const { messages } = await session.send('pm', '/release start Acme Coffee');
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../main.js';

export type LocalMessage = NonNullable<App['localChat']>['transcript'][number];
export type Role = 'client' | 'pm';

export const LOCAL_CLIENT = 'local:client';
export const LOCAL_PM = 'local:pm';

export class LocalSession {
  constructor(
    private readonly app: App,
    readonly channel: string,
  ) {
    if (!app.localChat) throw new Error('The local chat is off: create the app with { localChat: true }.');
  }

  /** Sends as the client or the PM; returns the command's answer (PM) and everything the bot sent. */
  async send(role: Role, text: string): Promise<{ answer?: string; messages: LocalMessage[] }> {
    const chat = this.app.localChat as NonNullable<App['localChat']>;
    const seen = chat.transcript.at(-1)?.seq ?? 0;
    let answer: string | undefined;
    // An adapter like the others: an `Inbound` (a PM's `/release …` marked `command`) through `bot.accept`.
    const command = role === 'pm' && text.trim().startsWith('/release');
    await this.app.bot.accept(
      {
        platform: 'local',
        channel: this.channel,
        sender: role === 'pm' ? LOCAL_PM : LOCAL_CLIENT,
        text,
        externalId: randomUUID(),
        ...(command
          ? {
              command: {
                isPm: true,
                locale: 'en' as const,
                conversation: { platform: 'local', channel: this.channel, kind: 'local' as const, shared: false },
              },
            }
          : {}),
      },
      {
        untilProcessed: true,
        ...(command
          ? {
              answer: {
                reply: async (reply) => {
                  answer = reply.message.text;
                },
                failed: async () => undefined,
              },
            }
          : {}),
      },
    );
    await this.app.outbox.flush();
    return { answer, messages: chat.since(seen) };
  }
}
