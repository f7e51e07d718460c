/**
 * The after-commit event bus: parts that react to a change subscribe here, in the composition root,
 * instead of being reached through closures bound late. An event is published only after the
 * transaction that made it committed: `emit` (inside a transaction) collects it, the commit publishes
 * it, a rollback drops it; `publish` is for what is already committed. Handlers run in the order they
 * subscribed, each awaited (a synchronous handler runs at once, in the commit's tick), and a handler's
 * failure is logged without stopping the others; `idle()` waits for the handlers of what was
 * published (the bot waits for them before it reports a batch processed). See docs/architecture.md, "Wiring".
 *
 *   events.on('fact.recorded', (e) => appSecrets.itemChanged(e));
 *   store.transaction(() => { ...; events.emit('changes.committed', { by: 'message' }) });
 *   await events.idle();   // the reminder jobs mirrored the new plans, the pending checks ran
 */
import type { ItemKey } from './checklist/types.js';
import type { Logger } from './logger.js';
import type { Address } from './ports.js';
import type { Client, Item, Release, ReminderKind } from './release/model.js';
import type { Transactional } from './release/store.js';

/** Where `emit` publishes from: the store's after-commit queue (`Transactional.afterCommit`). */
export type CommitHook = Pick<Transactional, 'afterCommit'>;

/** What a part that reports a change needs: `emit`, collected until the commit. */
export type EventSink = Pick<EventBus, 'emit'>;

/** What a part that reports a change and waits for the reactions needs (the bot, the App-secret check). */
export type EventSinkAwaited = Pick<EventBus, 'emit' | 'idle'>;

export interface AppEvents {
  /**
   * An item changed (a client's answer, a PM's command, the bot's own check): the item before and
   * after. The value may be a sealed App secret — handlers never log or show it.
   */
  'fact.recorded': { release: Release; before: Item; after: Item; at: Date };
  /** A new release was opened (not the open one returned again), with the facts carried forward. */
  'release.opened': { client: Client; release: Release; carried: ItemKey[] };
  /** A due reminder fired: its message is in the outbox (committed with the reminder marked sent). */
  'reminder.due': { id: string; kind: ReminderKind; releaseId: number; itemKey: ItemKey | null };
  /**
   * A message the bot may not or cannot send was given up and handed to the PM (their notice is
   * queued in the same transaction): the outbox row, where it was going, and the reason in the PM's words.
   */
  'delivery.failed': { outboxId: number; to: Address; reason: string };
  /**
   * Changes committed — a message or command processed, an App-secret or template check that changed
   * an item: the reminder jobs mirror new plans, pending checks run, the outbox sends what was queued.
   */
  'changes.committed': { by: 'message' | 'check' };
}

type Handler<K extends keyof AppEvents> = (event: AppEvents[K]) => void | Promise<void>;

export class EventBus {
  private readonly handlers: { [K in keyof AppEvents]?: Handler<K>[] } = {};
  /** Publishes whose handlers are still running (`idle()` waits for them). */
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly commits?: CommitHook,
  ) {}

  /**
   * Inside a transaction: publishes `event` once the transaction commits, never if it rolls back
   * (outside a transaction: at once). Without a commit hook, at once.
   */
  emit<K extends keyof AppEvents>(type: K, event: AppEvents[K]): void {
    const publish = (): void => {
      const work = this.publish(type, event);
      this.running.add(work);
      void work.finally(() => this.running.delete(work));
    };
    if (this.commits) this.commits.afterCommit(publish);
    else publish();
  }

  on<K extends keyof AppEvents>(type: K, handler: Handler<K>): void {
    const list: Handler<K>[] = this.handlers[type] ?? [];
    list.push(handler);
    this.handlers[type] = list as (typeof this.handlers)[K];
  }

  /** Resolves once the handlers of every event emitted so far have finished (their failures are logged). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async publish<K extends keyof AppEvents>(type: K, event: AppEvents[K]): Promise<void> {
    for (const handler of (this.handlers[type] ?? []) as Handler<K>[]) {
      try {
        const pending = handler(event);
        if (pending) await pending; // a synchronous handler does not yield: the next runs in the same tick
      } catch (err) {
        this.logger.error(
          { err: err instanceof Error ? err.message : String(err), event: type },
          'an event handler failed; the others still ran',
        );
      }
    }
  }
}
