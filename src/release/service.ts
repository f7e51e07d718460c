/**
 * The release domain: clients, releases, bindings, item answers and their audit trail. Every
 * change writes an event (actor, time, before/after) in the same transaction as the change;
 * secrets appear in events only masked.
 *
 *   const release = service.startRelease({ clientName: 'Acme Coffee', pmUser: 'slack:U1', actor: 'slack:U1' });
 *   service.recordAnswer(release.id, 'app_id', 'wx0123456789abcdef', { actor: 'slack:U9' });
 */
import type { EventSink } from '../events.js';
import type { LocalDate } from '../calendar/working-calendar.js';
import { todayIn } from '../checklist/dates.js';
import { itemDef } from '../checklist/items.js';
import { mergeList, type RuleContext, validate, APP_SECRET, type Verdict } from '../checklist/rules.js';
import { shapeOf } from '../checklist/shapes.js';
import { tagged } from '../checklist/values.js';
import {
  FINISHED,
  ITEM_KEYS,
  type ItemKey,
  type ItemStatus,
  type ItemValue,
  SECTIONS,
  type Section,
} from '../checklist/types.js';
import type { Locale, Message } from '../i18n/index.js';
import type { Clock } from '../ports.js';
import {
  type AuditEvent,
  type Client,
  type Item,
  type Platform,
  pendingKind,
  type Release,
  type SetHow,
  type Thread,
  type ThreadKind,
} from './model.js';
import type { SecretBox } from './secrets.js';
import {
  type ChangePayload,
  type ItemSnapshot,
  roleOf,
  SECRET_ITEMS,
  snapshot,
  UNDO_WINDOW_MS,
  type UndoResult,
} from './changes.js';
import type {
  ClientStore,
  EncryptedSecret,
  EventLog,
  ItemPatch,
  ReleaseRecords,
  SecretStore,
  ThreadStore,
} from './store.js';

/** The ports the release service writes through: clients, releases and items, threads, secrets, the audit trail. */
export type ServiceStore = ClientStore & ReleaseRecords & ThreadStore & SecretStore & EventLog;
import { readWaiting } from './waiting.js';

export { roleOf, UNDO_WINDOW_MS, type UndoResult } from './changes.js';

export class DomainError extends Error {
  constructor(
    readonly code: 'CLIENT_NOT_FOUND' | 'NO_OPEN_RELEASE' | 'ITEM_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Called INSIDE the transaction of every item change, for what must be atomic with the write: the
 * reminder planner's rows and the limit re-check's outbox rows (a crash cannot keep the change and
 * lose them). Reactions that may follow the commit subscribe to `fact.recorded` on the event bus.
 */
export interface ItemChangeListener {
  itemChanged(change: { release: Release; before: Item; after: Item; at: Date }): void;
  /** The release itself changed (its target date): plans that depend on it follow. */
  releaseChanged?(release: Release, at: Date): void;
}

export type AnswerResult =
  | {
      kind: 'saved';
      key: ItemKey;
      before: ItemValue | null;
      after: ItemValue;
      status: ItemStatus;
      corrected: boolean;
      eventId: number;
    }
  | { kind: 'unchanged'; key: ItemKey; value: ItemValue }
  | { kind: 'invalid'; key: ItemKey; reason: Message };

export interface Progress {
  done: number;
  total: number;
  sections: Record<Section, { done: number; total: number }>;
}

export interface AnswerOptions {
  actor: string;
  /** `add` appends to a list item (a second message with more IDs); `replace` is a correction. */
  mode?: 'add' | 'replace';
  /** Status to set instead of the shape's default (e.g. `waiting` for a whitelist just submitted). */
  status?: ItemStatus;
  /** How the value came (provenance): a client's answer (default) or a PM's command. */
  how?: SetHow;
}

/** The status an accepted value leaves its item in. */
export function statusForValue(key: ItemKey, value: ItemValue): ItemStatus {
  if (value === 'n/a') return 'n/a';
  // (Before "done": Open Platform bound is done in part, its App ID still asked.)
  if (itemDef(key).followUp?.(tagged(key, value))) return 'asked';
  if (value === 'done') return 'done';
  if (itemDef(key).waitsWhen?.(tagged(key, value))) return 'waiting';
  return 'answered';
}

export function computeProgress(items: readonly Pick<Item, 'key' | 'status'>[]): Progress {
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, { done: 0, total: 0 }])) as Progress['sections'];
  let done = 0;
  for (const item of items) {
    const section = sections[itemDef(item.key).section];
    section.total += 1;
    if (FINISHED.has(item.status)) {
      section.done += 1;
      done += 1;
    }
  }
  return { done, total: items.length, sections };
}

/**
 * A new answer drops a note that no longer holds: the bot's reason on an item it blocked (WeChat
 * refused it), and the waiting note (`2026-12-10 · bank approval`) of an item the answer takes out
 * of 'waiting'.
 */
function clearedNote(before: Item, status: ItemStatus): Pick<ItemPatch, 'note'> {
  if (before.status === 'blocked' && before.setBy === 'bot') return { note: null };
  return before.status === 'waiting' && status !== 'waiting' && readWaiting(before.note) ? { note: null } : {};
}

export class ReleaseService {
  private readonly listeners: ItemChangeListener[] = [];

  constructor(
    readonly store: ServiceStore,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    /** `fact.recorded` and `release.opened`, published after the commit (src/events.ts). */
    private readonly events?: EventSink,
  ) {}

  onItemChange(listener: ItemChangeListener): void {
    this.listeners.push(listener);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Today's date in `timeZone` (a client's calendar), by the service's clock. */
  today(timeZone: string): LocalDate {
    const [year, month, day] = todayIn(timeZone, this.clock.now()).split('-').map(Number);
    return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
  }

  // === Clients and releases

  clientByName(name: string): Client {
    const client = this.store.findClientByName(name);
    if (!client) throw new DomainError('CLIENT_NOT_FOUND', `No client named "${name}"`);
    return client;
  }

  /**
   * Finds or creates the client, then opens a release with every checklist item `todo` (or returns the
   * open one). A client's repeat release carries forward the facts that rarely change (checklist
   * `carry`) from its previous release, each waiting for the client's confirmation (`carried`).
   */
  startRelease(input: {
    clientName: string;
    pmUser: string | null;
    actor: string;
    locale?: Locale;
    timezone?: string;
    targetDate?: string | null;
    name?: string | null;
  }): {
    client: Client;
    release: Release;
    created: boolean;
    carried: ItemKey[];
  } {
    return this.store.transaction(() => {
      const at = this.now();
      let client = this.store.findClientByName(input.clientName);
      if (!client) {
        client = this.store.createClient({
          name: input.clientName,
          locale: input.locale ?? 'zh',
          timezone: input.timezone ?? 'Asia/Shanghai',
          at,
        });
        this.store.appendEvent({
          clientId: client.id,
          type: 'client',
          actor: input.actor,
          after: { name: client.name, locale: client.locale },
          at,
        });
      } else if (input.locale && input.locale !== client.locale) {
        this.store.updateClient(client.id, { locale: input.locale });
        client = { ...client, locale: input.locale };
      }
      const open = this.store.openReleaseOf(client.id);
      if (open) return { client, release: open, created: false, carried: [] };
      const previous = this.store.releasesOf(client.id).at(-1);
      const release = this.store.createRelease({
        clientId: client.id,
        pmUser: input.pmUser,
        targetDate: input.targetDate,
        name: input.name ?? null,
        keys: ITEM_KEYS,
        at,
      });
      const carried = previous ? this.carryForward(previous, release, at) : [];
      this.store.appendEvent({
        releaseId: release.id,
        clientId: client.id,
        type: 'release',
        actor: input.actor,
        after: {
          state: 'open',
          pmUser: input.pmUser,
          seq: release.seq,
          name: release.name ?? null,
          ...(previous ? { carriedFrom: previous.seq, carried } : {}),
        },
        at,
      });
      this.events?.emit('release.opened', { client, release, carried });
      return { client, release, created: true, carried };
    });
  }

  /**
   * Copies the previous release's settled values of the `carry` items into the new one (sealed
   * secrets too), marked with the release they come from and waiting for the client's confirmation.
   * A value still unconfirmed in the previous release keeps its origin; one still in progress
   * (merchant 申请中) starts fresh.
   */
  private carryForward(previous: Release, release: Release, at: string): ItemKey[] {
    const carried: ItemKey[] = [];
    for (const item of this.store.items(previous.id)) {
      if (!itemDef(item.key).carry || item.value === null) continue;
      if (!FINISHED.has(item.status) && !item.confirmPending) continue;
      if (item.status === 'waiting') continue;
      // A sealed secret comes along (an App secret with none on file is asked again).
      const sealed = SECRET_ITEMS.has(item.key) ? this.store.getSecret(previous.id, item.key) : undefined;
      if (sealed) this.store.putSecret(release.id, item.key, sealed, at);
      else if (item.key === 'app_secret') continue;
      const from = item.confirmPending && item.carriedFrom ? item.carriedFrom : (previous.seq ?? 1);
      this.store.updateItem(
        release.id,
        item.key,
        {
          value: item.value,
          setBy: item.setBy,
          setRole: item.setRole,
          setHow: item.setHow,
          setAt: item.setAt,
          carriedFrom: from,
          confirmPending: true,
        },
        at,
      );
      carried.push(item.key);
    }
    return carried;
  }

  /** The values waiting for the client's yes (carried forward, or guessed from a reply), in checklist order. */
  pendingConfirmation(releaseId: number): Item[] {
    return this.store.items(releaseId).filter((i) => i.confirmPending);
  }

  /** The readings of the client's words waiting for their yes (a pending value carried from no release). */
  pendingGuesses(releaseId: number): Item[] {
    return this.pendingConfirmation(releaseId).filter((i) => pendingKind(i) === 'guess');
  }

  /**
   * The client says the carried values are still right ("都对" / "yes all correct"): each is settled
   * as if answered again, keeping who gave it first. Guesses waiting for a yes are settled too. Returns the keys confirmed.
   */
  confirmCarried(releaseId: number, actor: string): ItemKey[] {
    return this.settle(releaseId, actor, this.pendingConfirmation(releaseId)).map((c) => c.key);
  }

  /** "对" / "yes" after a guess was read back: each guess is recorded as the sender's answer. Returns the keys recorded. */
  confirmGuesses(releaseId: number, actor: string): { key: ItemKey; eventId?: number }[] {
    return this.settle(releaseId, actor, this.pendingGuesses(releaseId));
  }

  /** Each pending value settled as answered; with the event of each change (for its Undo). */
  private settle(releaseId: number, actor: string, pending: readonly Item[]): { key: ItemKey; eventId?: number }[] {
    return this.store.transaction(() => {
      const confirmed: { key: ItemKey; eventId?: number }[] = [];
      for (const before of pending) {
        if (before.value === null) continue;
        const status = statusForValue(before.key, before.value);
        const { eventId } = this.applyChange(
          before,
          { status, confirmPending: false, setBy: actor, setRole: roleOf(actor, 'answer'), setHow: 'answer' },
          actor,
          'confirmed',
        );
        confirmed.push({ key: before.key, eventId });
      }
      return confirmed;
    });
  }

  /**
   * A reading of the client's words the reader is not sure of ("运营在整理 等她" as service messages): kept on the
   * item as its value, waiting for the client's yes (`confirmPending`, no `carriedFrom`), the item still asked, so
   * it counts as open until confirmed. Validated like an answer; an item holding a settled value is left as it is
   * (`unchanged`: the client changes it in so many words).
   *
   *   service.recordGuess(release.id, 'service_messages', ['运营在整理 等她'], { actor: 'wecom:wang' });
   */
  recordGuess(releaseId: number, key: ItemKey, value: ItemValue, opts: { actor: string }): AnswerResult {
    return this.store.transaction(() => {
      const before = this.requireItem(releaseId, key);
      // A settled value, or one carried from the last release, is the client's: a guess does not replace it.
      if (before.value !== null && pendingKind(before) !== 'guess')
        return { kind: 'unchanged', key, value: before.value };
      // A guess is a reading of this reply: it replaces the guess before it, it adds to nothing.
      const verdict = this.checkAnswer(releaseId, key, value, 'replace');
      if (!verdict.ok) return { kind: 'invalid', key, reason: verdict.reason };
      const patch: ItemPatch = {
        value: verdict.value,
        status: 'asked',
        confirmPending: true,
        carriedFrom: null,
        askedAt: this.now(),
        nudges: 0,
        setBy: opts.actor,
        setRole: roleOf(opts.actor, 'answer'),
        setHow: 'answer',
        ...clearedNote(before, 'asked'),
      };
      const { eventId } = this.applyChange(before, patch, opts.actor, 'guessed');
      return {
        kind: 'saved',
        key,
        before: before.value,
        after: verdict.value,
        status: 'asked',
        corrected: false,
        eventId: eventId ?? 0,
      };
    });
  }

  /**
   * "不对" / "no" after a guess was read back (or the item skipped: `only`): each guess is cleared and its item asked
   * again. Returns the keys cleared.
   */
  rejectGuesses(releaseId: number, actor: string, only?: ItemKey): ItemKey[] {
    return this.store.transaction(() =>
      this.pendingGuesses(releaseId)
        .filter((before) => only === undefined || before.key === only)
        .map((before) => {
          const patch: ItemPatch = {
            value: null,
            status: 'asked',
            confirmPending: false,
            askedAt: this.now(),
            nudges: 0,
          };
          this.applyChange(before, patch, actor, 'rejected');
          return before.key;
        }),
    );
  }

  /** Sets (or clears) the release's target date; due-date warnings follow through the listeners. */
  setTargetDate(releaseId: number, targetDate: string | null, actor: string): Release {
    return this.store.transaction(() => {
      const before = this.store.getRelease(releaseId);
      if (!before) throw new DomainError('NO_OPEN_RELEASE', `Release ${releaseId} is gone`);
      this.store.updateRelease(releaseId, { targetDate });
      const release = { ...before, targetDate };
      this.store.appendEvent({
        releaseId,
        clientId: release.clientId,
        type: 'release',
        actor,
        before: { targetDate: before.targetDate },
        after: { targetDate },
        at: this.now(),
      });
      for (const l of this.listeners) l.releaseChanged?.(release, this.clock.now());
      return release;
    });
  }

  /**
   * Binds a conversation to a client and records the binding in the audit trail. `displayChannel`
   * is how the trail shows the channel when the channel id alone would mean nothing to a person.
   *
   *   service.bindThread({ clientId, platform, channel: fingerprintOf(key), displayChannel: 'robot:••••5aaa', kind: 'appchat', actor });
   */
  bindThread(input: {
    clientId: number;
    platform: Platform;
    channel: string;
    displayChannel?: string;
    threadTs?: string | null;
    kind: ThreadKind;
    shared?: boolean;
    actor: string;
  }): Thread {
    return this.store.transaction(() => {
      const at = this.now();
      const before = this.store.findThread(input.platform, input.channel);
      const { displayChannel, ...binding } = input;
      const thread = this.store.bindThread({ ...binding, at });
      if (!before || before.clientId !== input.clientId || before.threadTs !== thread.threadTs) {
        this.store.appendEvent({
          clientId: input.clientId,
          releaseId: this.store.openReleaseOf(input.clientId)?.id ?? null,
          type: 'binding',
          actor: input.actor,
          before: before ? { clientId: before.clientId, threadTs: before.threadTs } : null,
          after: { platform: input.platform, channel: displayChannel ?? input.channel, threadTs: thread.threadTs },
          at,
        });
      }
      return thread;
    });
  }

  // === Items

  ruleContext(releaseId: number): RuleContext {
    const enterprise = tagged('enterprise_account', this.store.item(releaseId, 'enterprise_account')?.value);
    const admin = tagged('admin_url_whitelist', this.store.item(releaseId, 'admin_url_whitelist')?.value);
    return {
      verified: enterprise.kind === 'enterprise' ? enterprise.account.verified : undefined,
      knownIcp: admin.kind === 'whitelist' ? admin.whitelist.icp : undefined,
    };
  }

  /**
   * What `recordAnswer` would say of this value, without storing it: the same combining and rules
   * (the client page shows a refusal beside its field before anything is recorded).
   */
  checkAnswer(releaseId: number, key: ItemKey, value: ItemValue, mode: 'add' | 'replace' = 'add'): Verdict {
    return validate(key, this.combine(this.requireItem(releaseId, key), value, mode), this.ruleContext(releaseId));
  }

  /** Validates and stores an answer; an invalid one changes nothing and says why. */
  recordAnswer(releaseId: number, key: ItemKey, value: ItemValue, opts: AnswerOptions): AnswerResult {
    return this.store.transaction(() => {
      const before = this.requireItem(releaseId, key);
      // "好了" to the whitelist check: the domains submitted stay on file and the item is done; before they are
      // submitted there is nothing to check.
      const checked = value === 'done' && itemDef(key).waitHours !== undefined;
      if (checked && (before.value === null || tagged(key, before.value).kind !== 'whitelist'))
        return { kind: 'invalid', key, reason: { key: 'reason.whitelist_not_submitted' } };
      // Domains a client names after we submitted the MP whitelist do not replace the submission (and its 24 h check);
      // the PM's own changes do.
      const client = roleOf(opts.actor, opts.how ?? 'answer') === 'client';
      if (client && !checked && submitted(key, before.value) && !submitted(key, value))
        return { kind: 'invalid', key, reason: { key: 'reason.whitelist_submitted' } };
      // A guess waiting for the client's yes is no answer: a value given now replaces it, is no correction of it.
      const guess = pendingKind(before) === 'guess';
      const verdict = this.checkAnswer(
        releaseId,
        key,
        checked && before.value ? before.value : value,
        guess ? 'replace' : (opts.mode ?? 'add'),
      );
      if (!verdict.ok) return { kind: 'invalid', key, reason: verdict.reason };
      const status = opts.status ?? (checked ? 'done' : statusForValue(key, verdict.value));
      if (JSON.stringify(before.value) === JSON.stringify(verdict.value) && before.status === status) {
        return { kind: 'unchanged', key, value: verdict.value };
      }
      const corrected =
        !checked &&
        !guess &&
        before.value !== null &&
        before.value !== 'n/a' &&
        (opts.mode === 'replace' || !Array.isArray(before.value));
      const how = opts.how ?? 'answer';
      const patch: ItemPatch = {
        value: verdict.value,
        status,
        setBy: opts.actor,
        setRole: roleOf(opts.actor, how),
        setHow: how,
        ...clearedNote(before, status),
      };
      const { eventId } = this.applyChange(before, patch, opts.actor, corrected ? 'corrected' : 'answered');
      return {
        kind: 'saved',
        key,
        before: before.value,
        after: verdict.value,
        status,
        corrected,
        eventId: eventId ?? 0,
      };
    });
  }

  /** Seals a secret (App secret, Open Platform secret); the item keeps only "on file" and the last 4. */
  recordSecret(
    releaseId: number,
    key: 'app_secret' | 'open_platform',
    plain: string,
    actor: string,
    how: SetHow = 'answer',
  ): AnswerResult {
    const secret = plain.trim().toLowerCase();
    if (!APP_SECRET.test(secret)) return { kind: 'invalid', key, reason: { key: 'reason.app_secret' } };
    return this.store.transaction(() => {
      const at = this.now();
      // The secret it replaces stays sealed in the change's event, so an undo can put it back.
      const replacedSecret = this.store.getSecret(releaseId, key) ?? null;
      this.store.putSecret(releaseId, key, this.secrets.seal(secret), at);
      const before = this.requireItem(releaseId, key);
      const held = tagged(key, before.value);
      const onFile = { on_file: true as const, last4: secret.slice(-4) };
      const value: ItemValue =
        key === 'app_secret'
          ? onFile
          : {
              app_id: held.kind === 'open_platform' ? held.platform.app_id : '',
              secret: onFile,
            };
      const status: ItemStatus = key === 'app_secret' ? 'answered' : before.status;
      const patch: ItemPatch = {
        value,
        status,
        setBy: actor,
        setRole: roleOf(actor, how),
        setHow: how,
        ...clearedNote(before, status),
      };
      const { eventId } = this.applyChange(
        before,
        patch,
        actor,
        before.value ? 'corrected' : 'answered',
        { replacedSecret },
        true,
      );
      return {
        kind: 'saved',
        key,
        before: before.value,
        after: value,
        status,
        corrected: before.value !== null,
        eventId: eventId ?? 0,
      };
    });
  }

  /** Decrypts a stored secret for a server-side check; never for display. */
  revealSecret(releaseId: number, key: 'app_secret' | 'open_platform'): string | undefined {
    const sealed = this.store.getSecret(releaseId, key);
    return sealed && this.secrets.open(sealed);
  }

  /** Sets an item's status; `how` records the provenance when the change comes from a PM (`pm`) or WeChat (`wechat`). */
  setStatus(
    releaseId: number,
    key: ItemKey,
    status: ItemStatus,
    actor: string,
    note?: string | null,
    how?: SetHow,
  ): Item {
    return this.store.transaction(() => {
      const before = this.requireItem(releaseId, key);
      const patch: ItemPatch = { status, setBy: actor };
      if (how) Object.assign(patch, { setRole: roleOf(actor, how), setHow: how });
      if (note !== undefined) patch.note = note;
      if (status === 'n/a') patch.value = 'n/a';
      if (status === 'done' && before.value === null) patch.value = 'done';
      if (status === 'todo' || status === 'asked') patch.nudges = 0;
      return this.applyChange(before, patch, actor, 'status').item;
    });
  }

  /** `/release unset`: the item goes back to asked with no value (a secret is kept sealed in the event, for an undo). */
  clearItem(releaseId: number, key: ItemKey, actor: string): Item {
    return this.store.transaction(() => {
      const before = this.requireItem(releaseId, key);
      const replacedSecret = SECRET_ITEMS.has(key) ? (this.store.getSecret(releaseId, key) ?? null) : null;
      if (replacedSecret) this.store.deleteSecret(releaseId, key);
      const patch: ItemPatch = {
        status: 'asked',
        value: null,
        note: null,
        nudges: 0,
        askedAt: this.now(),
        setBy: actor,
        setRole: roleOf(actor, 'pm'),
        setHow: 'pm',
      };
      return this.applyChange(before, patch, actor, 'unset', replacedSecret ? { replacedSecret } : {}).item;
    });
  }

  /** `/release note`: a PM's note on an item (null clears it); status and exports show it, the client never sees it. */
  setPmNote(releaseId: number, key: ItemKey, note: string | null, actor: string): Item {
    return this.store.transaction(() => {
      const before = this.requireItem(releaseId, key);
      if (before.pmNote === note) return before;
      const at = this.now();
      this.store.updateItem(releaseId, key, { pmNote: note }, at);
      const release = this.store.getRelease(releaseId);
      this.store.appendEvent({
        releaseId,
        clientId: release?.clientId ?? null,
        type: 'item_note',
        actor,
        itemKey: key,
        before: { note: before.pmNote },
        after: { note },
        at,
      });
      return this.requireItem(releaseId, key);
    });
  }

  /** Marks items as asked now (the flow just sent their questions): the bot's doing, whoever's message it answers. */
  markAsked(releaseId: number, keys: readonly ItemKey[], actor = 'bot'): void {
    this.store.transaction(() => {
      for (const key of keys) {
        const before = this.requireItem(releaseId, key);
        const status = before.status === 'todo' ? 'asked' : before.status;
        this.applyChange(before, { status, askedAt: this.now() }, actor, 'asked');
      }
    });
  }

  // === Undo

  /**
   * Takes back `actor`'s last change in the release (or the one `eventId` names, a Slack Undo
   * button): the value, status and note before it come back exactly (a replaced secret too), within
   * `UNDO_WINDOW_MS`, and only while the item still holds what that change left.
   *
   *   service.undo(release.id, 'wecom:wang')   // { kind: 'undone', key: 'app_id', restored: { value: 'wx…' } }
   */
  undo(releaseId: number, actor: string, eventId?: number): UndoResult {
    return this.store.transaction(() => {
      const target =
        eventId === undefined ? this.lastUndoable(releaseId, actor) : this.undoableEvent(releaseId, actor, eventId);
      const key = target && ITEM_KEYS.find((k) => k === target.itemKey);
      if (!target || !key) return { kind: 'nothing' };
      if (this.clock.now().getTime() - Date.parse(target.createdAt) > UNDO_WINDOW_MS) return { kind: 'too_late', key };
      const current = this.requireItem(releaseId, key);
      const left = target.after as ItemSnapshot;
      if (current.status !== left.status || JSON.stringify(current.value) !== JSON.stringify(left.value ?? null))
        return { kind: 'changed_since', key };
      const back = target.before as ItemSnapshot;
      const payload = (target.payload ?? {}) as ChangePayload;
      let replacedSecret: EncryptedSecret | null = null;
      if (SECRET_ITEMS.has(key)) {
        replacedSecret = this.store.getSecret(releaseId, key) ?? null;
        if (payload.replacedSecret) this.store.putSecret(releaseId, key, payload.replacedSecret, this.now());
        else if (replacedSecret) this.store.deleteSecret(releaseId, key);
      }
      const patch: ItemPatch = {
        status: back.status,
        value: back.value ?? null,
        note: back.note ?? null,
        setBy: actor,
        setRole: roleOf(actor, 'undo'),
        setHow: 'undo',
        // "yes" to a guess undone: the guess waits for a yes again (and "no" undone brings it back waiting).
        confirmPending: back.confirmPending === true,
      };
      // Asked again from now (like clearItem): the old askedAt would make its first nudge overdue at once.
      if (back.status === 'asked') Object.assign(patch, { askedAt: this.now(), nudges: 0 });
      this.applyChange(current, patch, actor, 'undone', { undoes: target.id, replacedSecret });
      return {
        kind: 'undone',
        key,
        undone: { status: current.status, value: current.value },
        restored: { status: back.status, value: back.value ?? null },
      };
    });
  }

  /** The item change `actor` made last and has not undone (an undo itself is not undone again). */
  lastUndoable(releaseId: number, actor: string): AuditEvent | undefined {
    return this.store.itemChangesBy(releaseId, actor, 20).find((e) => {
      const payload = (e.payload ?? {}) as ChangePayload;
      const reason = (e.after as { reason?: string } | null)?.reason;
      return payload.undoes === undefined && reason !== 'asked' && !this.store.isUndone(releaseId, e.id);
    });
  }

  private undoableEvent(releaseId: number, actor: string, eventId: number): AuditEvent | undefined {
    const e = this.store.event(eventId);
    if (!e || e.type !== 'item' || e.releaseId !== releaseId || e.actor !== actor) return undefined;
    return ((e.payload ?? {}) as ChangePayload).undoes === undefined && !this.store.isUndone(releaseId, e.id)
      ? e
      : undefined;
  }

  progress(releaseId: number): Progress {
    return computeProgress(this.store.items(releaseId));
  }

  private requireItem(releaseId: number, key: ItemKey): Item {
    const item = this.store.item(releaseId, key);
    if (!item) throw new DomainError('ITEM_NOT_FOUND', `Release ${releaseId} has no item "${key}"`);
    return item;
  }

  private combine(before: Item, value: ItemValue, mode: 'add' | 'replace'): ItemValue {
    if (mode === 'add' && shapeOf(before.key).list && Array.isArray(value)) return mergeList(before.value, value);
    const held = before.value === null ? undefined : tagged(before.key, before.value);
    const next = tagged(before.key, value);
    if (held?.kind === 'whitelist' && next.kind === 'whitelist') {
      // Half a whitelist completes the half on file: the ICP filing after its domains, more domains after the first.
      const { domains: was, icp: wasIcp } = held.whitelist;
      const { domains, icp } = next.whitelist;
      const kept = domains.length === 0 ? was : mode === 'add' ? [...new Set([...was, ...domains])] : domains;
      const filing = icp ?? wasIcp;
      return filing ? { ...next.whitelist, domains: kept, icp: filing } : { ...next.whitelist, domains: kept };
    }
    return value;
  }

  /**
   * Writes a change and, when it changes what the item holds (status, value, note), its audit event
   * with everything needed to put it back; a change that changes nothing writes no event (`Roles:
   * asked → asked` says nothing). `force` records it anyway (a new secret with the same last 4).
   */
  private applyChange(
    before: Item,
    patch: ItemPatch,
    actor: string,
    reason: string,
    payload: ChangePayload = {},
    force = false,
  ): { item: Item; eventId?: number } {
    const at = this.now();
    const release = this.store.getRelease(before.releaseId);
    if (!release) throw new DomainError('NO_OPEN_RELEASE', `Release ${before.releaseId} is gone`);
    const fullPatch: ItemPatch = {
      ...patch,
      setAt: patch.value !== undefined || patch.status !== undefined ? at : undefined,
    };
    if (fullPatch.setAt === undefined) delete fullPatch.setAt;
    // A carried value answered, corrected, done, skipped or unset is no longer waiting for confirmation.
    const settles =
      patch.value !== undefined || (patch.status !== undefined && patch.status !== 'asked' && patch.status !== 'todo');
    if (before.confirmPending && settles && patch.confirmPending === undefined) fullPatch.confirmPending = false;
    // A guess never confirmed is no value: waiting, done or skipped by status alone, the item keeps none of it.
    if (pendingKind(before) === 'guess' && settles && patch.value === undefined && patch.confirmPending === undefined)
      fullPatch.value = patch.status === 'done' ? 'done' : null;
    this.store.updateItem(before.releaseId, before.key, fullPatch, at);
    const after = this.requireItem(before.releaseId, before.key);
    const changed =
      force ||
      before.status !== after.status ||
      JSON.stringify(before.value) !== JSON.stringify(after.value) ||
      before.note !== after.note;
    const eventId = changed
      ? this.store.appendEvent({
          releaseId: before.releaseId,
          clientId: release.clientId,
          type: 'item',
          actor,
          itemKey: before.key,
          before: snapshot(before),
          after: { ...snapshot(after), reason },
          payload: payload.replacedSecret || payload.undoes !== undefined ? payload : null,
          at,
        })
      : undefined;
    const change = { release, before, after, at: this.clock.now() };
    for (const l of this.listeners) l.itemChanged(change);
    this.events?.emit('fact.recorded', change);
    return { item: after, eventId };
  }
}

/** A whitelist we submitted (it has its submission time). */
function submitted(key: ItemKey, value: ItemValue | null): boolean {
  if (value === null || value === 'done') return false;
  const held = tagged(key, value);
  return held.kind === 'whitelist' && held.whitelist.submitted_at !== undefined;
}
