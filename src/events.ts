/**
 * The after-commit event bus: parts that react to a change subscribe here, in the composition root,
 * instead of being reached through closures bound late. An event is published only after the
 * transaction that made it committed; handlers run in the order they subscribed, each awaited, and a
 * handler's failure is logged without stopping the others. See docs/architecture.md, "Wiring".
 *
 *   events.on('changes.committed', () => reminderJobs.flush());
 *   bot.onAfterChange(() => events.publish('changes.committed', { by: 'message' }));
 */
import type { Logger } from './logger.js';

export interface AppEvents {
  /**
   * Changes committed — a message or command processed, an App-secret or template check that changed
   * an item: the reminder jobs mirror new plans, pending checks run, the outbox sends what was queued.
   */
  'changes.committed': { by: 'message' | 'check' };
}

type Handler<K extends keyof AppEvents> = (event: AppEvents[K]) => void | Promise<void>;

export class EventBus {
  private readonly handlers: { [K in keyof AppEvents]?: Handler<K>[] } = {};

  constructor(private readonly logger: Logger) {}

  on<K extends keyof AppEvents>(type: K, handler: Handler<K>): void {
    const list: Handler<K>[] = this.handlers[type] ?? [];
    list.push(handler);
    this.handlers[type] = list as (typeof this.handlers)[K];
  }

  async publish<K extends keyof AppEvents>(type: K, event: AppEvents[K]): Promise<void> {
    for (const handler of (this.handlers[type] ?? []) as Handler<K>[]) {
      try {
        await handler(event);
      } catch (err) {
        this.logger.error(
          { err: err instanceof Error ? err.message : String(err), event: type },
          'an event handler failed; the others still ran',
        );
      }
    }
  }
}
