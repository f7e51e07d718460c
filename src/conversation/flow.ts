/**
 * The conversation with a client: read what they wrote, record what it says, confirm it, ask
 * what is still missing. Platform-neutral and synchronous: it runs inside the transaction that
 * marks the inbound message processed, and returns the replies for the outbox.
 *
 *   const out = conversation.handle({ thread, client, release, sender: 'slack:U9', text: 'AppID wx…' });
 */
import type { ItemKey, ItemValue } from '../checklist/types.js';
import { type Fact, type ListEdit, READ_LIMIT, type Understanding, understand } from '../checklist/understand.js';
import { type Locale, type MessageKey, render, t } from '../i18n/index.js';
import type { OutboundMessage } from '../ports.js';
import type { Client, Release, Thread } from '../release/model.js';
import { maskSecret } from '../release/secrets.js';
import { type AnswerResult, displayValue, type ReleaseService } from '../release/service.js';
import { clientItemsComplete, itemLabel, nextQuestions, openClientItems, type QuestionOptions, questionsMessage, SKIPPED } from './questions.js';

export interface ConversationInput {
  thread: Thread;
  client: Client;
  release: Release;
  sender: string;
  text: string | null;
  /** Secrets found in the message (or typed in a private form), already decrypted for this call only. */
  secrets?: { itemKey: 'app_secret' | 'open_platform'; value: string }[];
  choice?: { itemKey: ItemKey; value: string };
  attachments?: { kind: string; name?: string }[];
  edited?: boolean;
}

export interface ConversationOutput {
  /** To the client's thread. */
  replies: OutboundMessage[];
  /** To the release's PM. */
  pmNotices: OutboundMessage[];
}

/** What a button press means, as a value for its item (undefined: the button only opens a question). */
export function choiceValue(key: ItemKey, choice: string): ItemValue | undefined {
  switch (key) {
    case 'merchant_account':
      return choice === 'active' || choice === 'applying' || choice === 'none' ? { status: choice } : undefined;
    case 'enterprise_account':
      return { registered: true, verified: choice === 'verified' };
    case 'ugc_license':
      return { has_ugc: choice === 'yes' };
    case 'open_platform':
      return choice === 'no' ? 'n/a' : undefined;
    default:
      return choice === 'done' || choice === 'n/a' ? choice : undefined;
  }
}

export class Conversation {
  constructor(
    private readonly service: ReleaseService,
    private readonly options: QuestionOptions = {},
  ) {}

  /** The first message of a release thread: greeting and the first questions. */
  opening(client: Client, release: Release, actor: string): OutboundMessage {
    const items = this.service.store.items(release.id);
    const keys = nextQuestions(items);
    this.service.markAsked(release.id, keys, actor);
    return questionsMessage(client.locale, [t(client.locale, 'conv.intro')], keys, this.options);
  }

  handle(input: ConversationInput): ConversationOutput {
    const { client, release } = input;
    const locale = client.locale;
    const wasComplete = clientItemsComplete(this.service.store.items(release.id));
    const lines: string[] = [];
    const pmNotices: OutboundMessage[] = [];

    for (const secret of input.secrets ?? []) lines.push(...this.recordSecret(input, secret.itemKey, secret.value));

    if (input.choice) {
      const value = choiceValue(input.choice.itemKey, input.choice.value);
      if (value !== undefined) lines.push(this.describe(locale, this.service.recordAnswer(release.id, input.choice.itemKey, value, { actor: input.sender, mode: 'replace' })));
    } else if (input.text) {
      lines.push(...this.readText(input, locale));
    }

    if (input.attachments?.length) {
      lines.push(t(locale, 'conv.attachment'));
      pmNotices.push(notice(t(locale, 'pm.attachment', { client: client.name, kind: input.attachments.map((a) => a.kind).join(', ') })));
    }
    if (input.edited && lines.length > 0) lines.unshift(t(locale, 'conv.edited'));

    const items = this.service.store.items(release.id);
    const next = nextQuestions(items);
    if (next.length === 0 && clientItemsComplete(items)) {
      if (!wasComplete) {
        const open = items.filter((i) => i.status === 'todo').map((i) => itemLabel(locale, i.key));
        pmNotices.push(notice(t(locale, 'pm.client_complete', { client: client.name, open: open.join(', ') || '—' })));
      }
      return { replies: [notice([...lines, t(locale, 'conv.all_done')].join('\n'))], pmNotices };
    }
    const lead = lines.length > 0 ? [...lines, t(locale, 'conv.next')] : [t(locale, 'conv.not_understood'), t(locale, 'conv.waiting_for')];
    const askedBefore = new Set(items.filter((i) => i.status === 'asked').map((i) => i.key));
    this.service.markAsked(release.id, next, input.sender);
    return { replies: [questionsMessage(locale, lead, next, { ...this.options, askedBefore })], pmNotices };
  }

  private readText(input: ConversationInput, locale: Locale): string[] {
    const releaseId = input.release.id;
    const expected = openClientItems(this.service.store.items(releaseId))
      .filter((i) => i.status === 'asked')
      .map((i) => i.key);
    const lists = Object.fromEntries(
      this.service.store
        .items(releaseId)
        .filter((i) => Array.isArray(i.value))
        .map((i) => [i.key, i.value as string[]]),
    );
    const understood = understand(input.text ?? '', { expected, lists });
    const lines = understood.truncated ? [t(locale, 'conv.too_long', { limit: READ_LIMIT })] : [];
    lines.push(...understood.facts.flatMap((fact) => this.applyFact(input, fact, locale)));
    lines.push(...understood.edits.flatMap((edit) => this.applyEdit(input, edit, locale)));
    lines.push(...this.answerOutcome(input, understood, expected, locale));
    return lines;
  }

  /** What the client is told when the reply is not (only) a value: a question back, later, not yet, skip, n/a. */
  private answerOutcome(input: ConversationInput, understood: Understanding, expected: ItemKey[], locale: Locale): string[] {
    const releaseId = input.release.id;
    const first = expected[0];
    const label = first ? itemLabel(locale, first) : '';
    switch (understood.outcome) {
      case 'question': {
        // About an item: its how-to hint. Anything else ("who is this?"): what the bot is waiting for.
        const about = understood.about;
        return about ? [t(locale, 'conv.question', { label: itemLabel(locale, about), hint: t(locale, `item.${about}.hint` as MessageKey) })] : [];
      }
      case 'skip': {
        const key = understood.skipped ?? first;
        if (!key) return [];
        this.service.setStatus(releaseId, key, 'asked', input.sender, SKIPPED);
        return [t(locale, 'conv.skipped', { label: itemLabel(locale, key) })];
      }
      case 'later':
        if (!first) return [];
        this.service.setStatus(releaseId, first, 'asked', input.sender, SKIPPED);
        return [t(locale, 'conv.later', { label })];
      case 'not_yet':
        return first ? [t(locale, 'conv.not_yet', { label })] : [];
      case 'n/a':
        // "N/A" with no fact: the item asked cannot be n/a (optional ones got their 'n/a' as a fact).
        return first && understood.facts.length === 0 ? [t(locale, 'conv.not_applicable_required', { label })] : [];
      default:
        return understood.intent === 'help' && understood.facts.length > 0 ? [t(locale, 'conv.help')] : [];
    }
  }

  /** "再加一个 …", "把 … 删掉", "把 A 换成 B": the list on file, edited, stored again (limits apply). */
  private applyEdit(input: ConversationInput, edit: ListEdit, locale: Locale): string[] {
    const releaseId = input.release.id;
    const label = itemLabel(locale, edit.key);
    const current = this.service.store.item(releaseId, edit.key)?.value;
    const list = Array.isArray(current) ? current : [];
    const removing = new Set(edit.remove.map((e) => e.toLowerCase()));
    const missing = edit.remove.filter((e) => !list.some((x) => x.toLowerCase() === e.toLowerCase()));
    if (missing.length > 0) {
      return [t(locale, 'conv.edit_nothing', { label, entries: missing.join(', '), value: list.length > 0 ? list.join(', ') : '—' })];
    }
    const kept = list.filter((x) => !removing.has(x.toLowerCase()));
    const next = [...kept, ...edit.add.filter((a) => !kept.some((x) => x.toLowerCase() === a.toLowerCase()))];
    const result = this.service.recordAnswer(releaseId, edit.key, next, { actor: input.sender, mode: 'replace' });
    if (result.kind === 'invalid') return [t(locale, 'conv.invalid', { reason: render(locale, result.reason) })];
    return [t(locale, 'conv.edit_applied', { label, value: next.join(', ') })];
  }

  private applyFact(input: ConversationInput, fact: Fact, locale: Locale): string[] {
    switch (fact.kind) {
      case 'secret':
        return this.recordSecret(input, fact.key, fact.secret);
      case 'invalid':
        return [t(locale, 'conv.invalid', { reason: render(locale, fact.reason) })];
      case 'which':
        return [t(locale, 'conv.which', { reason: render(locale, fact.reason) })];
      case 'value': {
        const result = this.service.recordAnswer(input.release.id, fact.key, fact.value, { actor: input.sender, mode: fact.correction ? 'replace' : 'add' });
        return [this.describe(locale, result)];
      }
    }
  }

  private recordSecret(input: ConversationInput, key: 'app_secret' | 'open_platform', secret: string): string[] {
    const locale = input.client.locale;
    const result = this.service.recordSecret(input.release.id, key, secret, input.sender);
    if (result.kind === 'invalid') return [t(locale, 'conv.invalid', { reason: render(locale, result.reason) })];
    const saved = key === 'app_secret' ? 'conv.secret_saved' : 'conv.open_platform_secret_saved';
    const lines = [t(locale, saved, { masked: maskSecret(secret.trim().slice(-4)) })];
    // A secret typed into the private form never touched the channel; one pasted in a shared channel did.
    if (input.text !== null && input.thread.shared) lines.push(t(locale, 'conv.secret_shared'));
    return lines;
  }

  private describe(locale: Locale, result: AnswerResult): string {
    const label = itemLabel(locale, result.key);
    switch (result.kind) {
      case 'invalid':
        return t(locale, 'conv.invalid', { reason: render(locale, result.reason) });
      case 'unchanged':
        return t(locale, 'conv.saved', { label, value: displayValue(result.value, locale) });
      case 'saved': {
        const value = displayValue(result.after, locale);
        if (result.after === 'n/a') return t(locale, 'conv.na', { label });
        if (result.corrected) return t(locale, 'conv.corrected', { label, before: displayValue(result.before, locale), after: value });
        return t(locale, result.status === 'waiting' ? 'conv.saved_waiting' : 'conv.saved', { label, value });
      }
    }
  }
}

function notice(text: string): OutboundMessage {
  return { text };
}
