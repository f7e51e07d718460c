/**
 * The conversation with a client: read what they wrote, record what it says, confirm it, ask
 * what is still missing. Platform-neutral and synchronous: it runs inside the transaction that
 * marks the inbound message processed, and returns the replies for the outbox.
 *
 *   const out = conversation.handle({ thread, client, release, sender: 'slack:U9', text: 'AppID wx…' });
 */
import { readValueFor } from '../checklist/read-value.js';
import { tagged } from '../checklist/values.js';
import { ITEM_KEYS, type ItemKey, type ItemValue, isItemKey } from '../checklist/types.js';
import { addDays, formatLocalDate } from '../calendar/working-calendar.js';
import { acceptsNa, itemDef, WAITING_RECHECK_DAYS } from '../checklist/items.js';
import { resolveWhen } from '../checklist/parse/waiting.js';
import {
  type Fact,
  type Guess,
  type ItemWaiting,
  type ListEdit,
  READ_LIMIT,
  type Understanding,
  readByRules,
  understand,
} from '../checklist/understand.js';
import { takesFiles } from '../files/items.js';
import { refusalText } from '../files/messages.js';
import type { FileRefusal, StoredFile } from '../files/store.js';
import { waitingNote } from '../release/waiting.js';
import { planningCalendar } from '../status/launch.js';
import { resolveItem, resolveItemLoosely } from '../commands/args.js';
import { LOCALES, type Locale, type MessageKey, pmLocaleOf, render, t } from '../i18n/index.js';
import type { Block, Button, OutboundMessage } from '../ports.js';
import { type Client, type Item, pendingKind, type Release, type Thread } from '../release/model.js';
import { maskSecret } from '../release/secrets.js';
import type { AnswerResult, ReleaseService, UndoResult } from '../release/service.js';
import { displayValue } from '../status/format.js';
import {
  carriedLines,
  clientItemsComplete,
  followUpsOf,
  guessLines,
  itemLabel,
  nextQuestions,
  openClientItems,
  QUESTIONS_PER_MESSAGE,
  type QuestionOptions,
  questionsMessage,
  SKIPPED,
} from './questions.js';
import { readConfirmAll, readYesNo } from './confirm.js';
import { readTakeBack } from './take-back.js';

/** A fact recorded by this message: its confirmation carries Undo and Edit for it. */
interface Recorded {
  key: ItemKey;
  eventId: number;
}

export interface ConversationInput {
  thread: Thread;
  client: Client;
  release: Release;
  sender: string;
  text: string | null;
  /** Secrets found in the message (or typed in a private form), already decrypted for this call only. */
  secrets?: { itemKey: 'app_secret' | 'open_platform'; value: string }[];
  choice?: { itemKey: ItemKey; value: string };
  /** Images and files sent with the message: stored (`file`), refused (`refused`), or neither (voice, video: only acknowledged). */
  attachments?: ReceivedAttachment[];
  edited?: boolean;
  /** A Slack Undo button: take back the change that event recorded. */
  undo?: { eventId: number };
  /** A Slack Edit form: a new value for the item, read and validated like an answer. */
  edit?: { itemKey: ItemKey; text: string };
  /** Sent from the client's private page: recorded with provenance "client page", echoed as such, no questions asked after it. */
  via?: 'page';
  /** From the client page: an item marked not applicable, or to be answered later. */
  mark?: { itemKey: ItemKey; as: 'n/a' | 'later' };
  /** From the client page: a file uploaded for an item (kept already, numbered in the release). */
  upload?: { itemKey: ItemKey; number: number; name: string };
}

/**
 * Offers the client's private page when the bot asks for what is awkward in chat: the App secret on
 * WeCom / 微信客服 (a secret-only link), a long list (a full link). `ClientLinkOffers` (src/links) implements it.
 */
export interface LinkOffers {
  /** The line to add to the questions (a link), or a notice for the PM instead (PUBLIC_URL unset), or nothing. */
  offer(input: {
    thread: Thread;
    client: Client;
    release: Release;
    /** Who the link is for; absent (a check asking again): the thread's last client sender. */
    contact?: string;
    asking: readonly ItemKey[];
    askedBefore: ReadonlySet<ItemKey>;
  }): { line?: string; pmNotice?: string };
}

/** The message with one more line at its end (a link offered with the questions), in its text and its blocks. */
export function withLine(message: OutboundMessage, line: string): OutboundMessage {
  return {
    ...message,
    text: `${message.text}\n${line}`,
    blocks: [...(message.blocks ?? []), { type: 'text' as const, text: line }],
  };
}

export interface ConversationOutput {
  /** To the client's thread. */
  replies: OutboundMessage[];
  /** To the release's PM. */
  pmNotices: OutboundMessage[];
  /** Stored files this message links to an item (the bot writes them in the same transaction). */
  fileLinks?: { fileId: number; itemKey: ItemKey }[];
}

/** An attachment after the bot tried to fetch and store it (src/files). */
export interface ReceivedAttachment {
  kind: string;
  name?: string;
  /** Stored: the release's file (`duplicate`: it had this content already). */
  file?: StoredFile;
  duplicate?: boolean;
  /** Not stored, and why: the sender is told. */
  refused?: FileRefusal | { problem: 'unavailable' };
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

/** The list entry an edit names: the same words, else the one entry that holds them (a partial address). */
function entryOnFile(list: readonly string[], named: string): string | undefined {
  const lower = named.toLowerCase();
  const same = list.find((x) => x.toLowerCase() === lower);
  if (same !== undefined) return same;
  const holding = list.filter((x) => x.toLowerCase().includes(lower));
  return lower.length >= 4 && holding.length === 1 ? holding[0] : undefined;
}

export class Conversation {
  constructor(
    private readonly service: ReleaseService,
    private readonly options: QuestionOptions = {},
    private links?: LinkOffers,
  ) {}

  /** Set once at start (the links need PUBLIC_URL and the store, made after the conversation). */
  offerLinks(links: LinkOffers): void {
    this.links = links;
  }

  /**
   * The first message of a release thread: greeting and the first questions. A repeat release
   * first lists the values carried forward ("from release 1 — still right?") to confirm in one reply.
   */
  opening(client: Client, release: Release): OutboundMessage {
    return this.openingBy(release)(client.locale);
  }

  /** Marks the first questions asked once, and renders the opening in any language (each contact reads their own). */
  openingBy(release: Release): (locale: Locale) => OutboundMessage {
    const items = this.service.store.items(release.id);
    const keys = nextQuestions(items);
    const carried = items.filter((i) => pendingKind(i) === 'carried');
    this.service.markAsked(release.id, [...carried.map((i) => i.key), ...keys]);
    return (locale) => {
      const lines = carriedLines(locale, carried, (key, v) => displayValue(key, v, locale));
      const lead =
        lines.length > 0
          ? [
              t(locale, 'people.intro_repeat', { release: release.seq ?? 1 }),
              ...lines,
              t(locale, 'people.confirm_how'),
              ...(keys.length > 0 ? [t(locale, 'people.then')] : []),
            ]
          : [t(locale, 'conv.intro')];
      return questionsMessage(locale, lead, keys, this.options);
    };
  }

  handle(input: ConversationInput): ConversationOutput {
    const { client, release } = input;
    const locale = client.locale;
    // Notices to the PM read in the PM's own language, replies to the client in the client's.
    const pmLocale = pmLocaleOf(release.pmUser);
    const wasComplete = clientItemsComplete(this.service.store.items(release.id));
    const lines: string[] = [];
    const pmNotices: OutboundMessage[] = [];
    const recorded: Recorded[] = [];
    // Guesses read back by this message (not said "still to confirm" again below), and items a "no" asks again.
    const guessed: ItemKey[] = [];
    const reask: ItemKey[] = [];

    for (const secret of input.secrets ?? [])
      lines.push(...this.recordSecret(input, secret.itemKey, secret.value, recorded));

    const takeBack = input.undo ? { kind: 'undo' as const } : readTakeBack(input.text);
    const confirming = this.service.pendingConfirmation(release.id).length > 0 ? readConfirmAll(input.text) : undefined;
    // "对" / "no" while a guess waits for the client's yes: it settles the guess (with none pending, "ok" reads as ever).
    const yesNo = this.service.pendingGuesses(release.id).length > 0 ? readYesNo(input.text) : undefined;
    if (input.upload) {
      lines.push(...this.uploaded(input, input.upload, recorded, pmNotices));
    } else if (input.mark) {
      lines.push(this.mark(input, input.mark.itemKey, input.mark.as, recorded));
    } else if (confirming === 'whole' && !input.edit && !input.undo) {
      lines.push(...this.confirmCarried(input));
    } else if (yesNo && !input.edit && !input.undo && !input.choice) {
      lines.push(...this.settleGuesses(input, yesNo, reask, recorded));
    } else if (input.edit) {
      lines.push(this.change(input, input.edit.itemKey, input.edit.text, recorded));
    } else if (takeBack?.kind === 'undo') {
      lines.push(this.undo(input, input.undo?.eventId));
    } else if (takeBack?.kind === 'change' && this.isChangeRequest(input, takeBack)) {
      const key = this.changeTarget(input, takeBack);
      if (key) lines.push(this.change(input, key, takeBack.text, recorded));
      else
        lines.push(
          t(locale, takeBack.item ? 'conv.change_unknown_item' : 'conv.change_which', { item: takeBack.item }),
        );
    } else if (input.choice) {
      const value = choiceValue(input.choice.itemKey, input.choice.value);
      if (value !== undefined)
        lines.push(
          this.describe(
            input,
            this.service.recordAnswer(release.id, input.choice.itemKey, value, {
              actor: input.sender,
              mode: 'replace',
              how: howOf(input),
            }),
            recorded,
          ),
        );
    } else if (input.text) {
      lines.push(...this.readText(input, locale, recorded, guessed, { pmLocale, pmNotices }));
    }

    // "都对，除了 AppID 改成 wx…": the correction above, then the rest confirmed.
    if (confirming === 'partial') lines.push(...this.confirmCarried(input));

    const fileLinks: { fileId: number; itemKey: ItemKey }[] = [];
    if (input.attachments?.length)
      this.receiveFiles(input, input.attachments, { lines, pmNotices, fileLinks, recorded });
    if (input.edited && lines.length > 0) lines.unshift(t(locale, 'conv.edited'));

    const items = this.service.store.items(release.id);
    if (input.via === 'page') return this.pageEcho(input, lines, recorded, pmNotices, wasComplete, items);
    // A guess the client said no to is asked again first. While a guess waits for a yes, no other yes/no question is
    // asked: a "是" / "no" then answers the guess, not a question beside it.
    const guessing = items.some((i) => pendingKind(i) === 'guess');
    const next = [...reask, ...nextQuestions(items).filter((k) => !reask.includes(k))]
      .filter((k) => !guessing || !itemDef(k).choices?.length)
      .slice(0, QUESTIONS_PER_MESSAGE);
    if (next.length === 0 && clientItemsComplete(items)) {
      if (!wasComplete) {
        const open = items.filter((i) => i.status === 'todo').map((i) => itemLabel(pmLocale, i.key));
        pmNotices.push(
          notice(t(pmLocale, 'pm.client_complete', { client: client.name, open: open.join(', ') || '—' })),
        );
      }
      const done = [...lines, t(locale, 'conv.all_done')];
      return {
        replies: [
          withTakeBack(
            locale,
            { text: done.join('\n'), blocks: done.map((text): Block => ({ type: 'text', text })) },
            lines.length,
            recorded,
          ),
        ],
        pmNotices,
        fileLinks,
      };
    }
    const stillCarried = items.filter((i) => pendingKind(i) === 'carried');
    const toConfirm = [
      ...(stillCarried.length > 0
        ? [
            t(locale, 'people.still_to_confirm', {
              labels: stillCarried.map((i) => itemLabel(locale, i.key)).join(', '),
            }),
          ]
        : []),
      ...guessLines(
        locale,
        items.filter((i) => !guessed.includes(i.key)),
        'conv.guess_pending',
        (key, v) => displayValue(key, v, locale),
      ),
    ];
    // "Next:" / "still waiting for:" only above questions: a guess alone still open has its own line.
    const above = next.length > 0 ? [t(locale, lines.length > 0 ? 'conv.next' : 'conv.waiting_for')] : [];
    const lead =
      lines.length > 0
        ? [...lines, ...toConfirm, ...above]
        : [t(locale, 'conv.not_understood'), ...toConfirm, ...above];
    const askedBefore = new Set(items.filter((i) => i.status === 'asked').map((i) => i.key));
    this.service.markAsked(release.id, next);
    const message = questionsMessage(locale, lead, next, {
      ...this.options,
      askedBefore,
      followUps: followUpsOf(items),
    });
    const offer =
      this.links?.offer({ thread: input.thread, client, release, contact: input.sender, asking: next, askedBefore }) ??
      {};
    if (offer.pmNotice) pmNotices.push(notice(offer.pmNotice));
    const withLink = offer.line ? withLine(message, offer.line) : message;
    return { replies: [withTakeBack(locale, withLink, lines.length, recorded)], pmNotices, fileLinks };
  }

  /**
   * A save from the client page, echoed in the chat thread ("收到（通过网页）：AppID wx…") with a way
   * to take it back; no questions follow (the client is on the page). The PM hears when it completes
   * the client's part, as after a chat answer.
   */
  private pageEcho(
    input: ConversationInput,
    lines: string[],
    recorded: Recorded[],
    pmNotices: OutboundMessage[],
    wasComplete: boolean,
    items: Item[],
  ): ConversationOutput {
    const locale = input.client.locale;
    const pmLocale = pmLocaleOf(input.release.pmUser);
    const done = clientItemsComplete(items);
    if (done && !wasComplete) {
      const open = items.filter((i) => i.status === 'todo').map((i) => itemLabel(pmLocale, i.key));
      pmNotices.push(
        notice(t(pmLocale, 'pm.client_complete', { client: input.client.name, open: open.join(', ') || '—' })),
      );
    }
    const all = done ? [...lines, t(locale, 'conv.all_done')] : lines;
    if (all.length === 0) return { replies: [], pmNotices };
    return {
      replies: [
        withTakeBack(
          locale,
          { text: all.join('\n'), blocks: all.map((text): Block => ({ type: 'text', text })) },
          lines.length,
          recorded,
        ),
      ],
      pmNotices,
    };
  }

  /**
   * A file uploaded on the client page for an item: said in the chat and to the PM; an item a file
   * answers by itself (the icon, the share images, the page design: "done or the text") with nothing
   * on file yet is recorded as done, as "好了" would.
   */
  private uploaded(
    input: ConversationInput,
    upload: NonNullable<ConversationInput['upload']>,
    recorded: Recorded[],
    pmNotices: OutboundMessage[],
  ): string[] {
    const locale = input.client.locale;
    const label = itemLabel(locale, upload.itemKey);
    const lines = [t(locale, 'conv.page_file', { label, name: upload.name, number: upload.number })];
    const pmLocale = pmLocaleOf(input.release.pmUser);
    pmNotices.push(
      notice(
        t(pmLocale, 'pm.page_file', {
          client: input.client.name,
          label: itemLabel(pmLocale, upload.itemKey),
          name: upload.name,
          number: upload.number,
        }),
      ),
    );
    const item = this.service.store.item(input.release.id, upload.itemKey);
    if (item && item.value === null && itemDef(upload.itemKey).shape === 'confirmation_or_text') {
      const result = this.service.recordAnswer(input.release.id, upload.itemKey, 'done', {
        actor: input.sender,
        mode: 'replace',
        how: howOf(input),
      });
      if (result.kind === 'saved' && result.eventId > 0)
        recorded.push({ key: upload.itemKey, eventId: result.eventId });
    }
    return lines;
  }

  /** The client page's "not applicable" (the same rule as in chat: not for `naRefused` items) and "later". */
  private mark(input: ConversationInput, key: ItemKey, as: 'n/a' | 'later', recorded: Recorded[]): string {
    const locale = input.client.locale;
    if (as === 'n/a')
      return this.describe(
        input,
        this.service.recordAnswer(input.release.id, key, 'n/a', {
          actor: input.sender,
          mode: 'replace',
          how: howOf(input),
        }),
        recorded,
      );
    this.service.setStatus(input.release.id, key, 'asked', input.sender, SKIPPED);
    return t(locale, 'conv.page_later', { label: itemLabel(locale, key) });
  }

  // === Files

  /**
   * Files sent: each stored one is linked to the item the message names, else to the one file item
   * asked; with none or several, the PM is asked which (`/release file`). A stored file for an item
   * answered by a confirmation (the icon, a design) records it as done. Refused ones are explained.
   */
  private receiveFiles(
    input: ConversationInput,
    attachments: readonly ReceivedAttachment[],
    out: {
      lines: string[];
      pmNotices: OutboundMessage[];
      fileLinks: { fileId: number; itemKey: ItemKey }[];
      recorded: Recorded[];
    },
  ): void {
    const { client, release } = input;
    const locale = client.locale;
    const pmLocale = pmLocaleOf(release.pmUser);
    const plain = attachments.filter((a) => !a.file && !a.refused);
    if (plain.length > 0) {
      out.lines.push(t(locale, 'conv.attachment'));
      out.pmNotices.push(
        notice(t(pmLocale, 'pm.attachment', { client: client.name, kind: plain.map((a) => a.kind).join(', ') })),
      );
    }
    const target = attachments.some((a) => a.file && a.file.itemKey === null) ? this.fileTarget(input) : undefined;
    for (const a of attachments) {
      if (a.refused) {
        const said = refusalText(locale, a.name, a.refused);
        out.lines.push(said);
        out.pmNotices.push(
          notice(t(pmLocale, 'files.pm_refused', { client: client.name, name: a.name ?? '—', reply: said })),
        );
        continue;
      }
      const file = a.file;
      if (!file) continue;
      const key = file.itemKey ?? target;
      if (!key) {
        out.lines.push(t(locale, 'files.saved_unfiled', { name: file.name }));
        out.pmNotices.push(
          notice(
            t(pmLocale, 'files.pm_which', {
              client: client.name,
              name: file.name,
              number: file.number,
              command: `/release file ${client.name} ${file.number} <item>`,
            }),
          ),
        );
        continue;
      }
      if (file.itemKey === null) out.fileLinks.push({ fileId: file.id, itemKey: key });
      out.lines.push(
        t(locale, a.duplicate ? 'files.saved_again' : 'files.saved', {
          name: file.name,
          label: itemLabel(locale, key),
        }),
      );
      if (!a.duplicate)
        out.pmNotices.push(
          notice(
            t(pmLocale, 'files.pm_saved', {
              client: client.name,
              name: file.name,
              number: file.number,
              label: itemLabel(pmLocale, key),
            }),
          ),
        );
      const item = this.service.store.item(release.id, key);
      if (
        item &&
        (item.status === 'todo' || item.status === 'asked') &&
        itemDef(key).shape === 'confirmation_or_text'
      ) {
        const result = this.service.recordAnswer(release.id, key, 'done', { actor: input.sender, mode: 'replace' });
        if (result.kind === 'saved' && result.eventId > 0) out.recorded.push({ key, eventId: result.eventId });
      }
    }
  }

  /** The item a file belongs to: the one the message names, else the one file item asked (undefined: ask the PM). */
  private fileTarget(input: ConversationInput): ItemKey | undefined {
    const named = namedItems(input.text ?? '');
    const namedFileItems = named.filter(takesFiles);
    if (named.length === 1) return named[0];
    if (namedFileItems.length === 1) return namedFileItems[0];
    if (named.length > 1) return undefined;
    const asked = this.service.store.items(input.release.id).filter((i) => i.status === 'asked' && takesFiles(i.key));
    return asked.length === 1 ? asked[0]?.key : undefined;
  }

  // === Guesses: a reading the client confirms before it is recorded

  /**
   * "let me ask 技术小吴 first" read as the analytics platform: kept on the item waiting for the client's yes (not an
   * answer, not asked again meanwhile), and read back to them. An item with a settled value is left as it is.
   */
  private applyGuess(input: ConversationInput, guess: Guess, locale: Locale, guessed: ItemKey[]): string[] {
    const result = this.service.recordGuess(input.release.id, guess.key, guess.value, { actor: input.sender });
    const label = itemLabel(locale, guess.key);
    switch (result.kind) {
      case 'invalid':
        return [t(locale, 'conv.invalid', { reason: render(locale, result.reason) })];
      case 'unchanged':
        return [t(locale, 'conv.guess_on_file', { label, value: displayValue(guess.key, result.value, locale) })];
      case 'saved':
        guessed.push(guess.key);
        // "Sentry 加好了，你们能确认一下吗": a status is asked about as one, not read back as words to note.
        return result.after === 'done'
          ? [t(locale, 'conv.guess_done', { label })]
          : [t(locale, 'conv.guess', { label, value: displayValue(guess.key, result.after, locale) })];
    }
  }

  /** A plain yes records every guess waiting for one (as the sender's answer); a plain no clears them, to ask again. */
  private settleGuesses(
    input: ConversationInput,
    answer: 'yes' | 'no',
    reask: ItemKey[],
    recorded: Recorded[],
  ): string[] {
    const locale = input.client.locale;
    const releaseId = input.release.id;
    if (answer === 'no') {
      const cleared = this.service.rejectGuesses(releaseId, input.sender);
      reask.push(...cleared);
      return cleared.map((key) => t(locale, 'conv.guess_rejected', { label: itemLabel(locale, key) }));
    }
    return this.service.confirmGuesses(releaseId, input.sender).map(({ key, eventId }) => {
      // The confirmation can be taken back like any answer (its Undo button).
      if (eventId !== undefined) recorded.push({ key, eventId });
      return this.savedLine(releaseId, key, locale);
    });
  }

  /** Settles every carried value still unconfirmed, and says which. */
  private confirmCarried(input: ConversationInput): string[] {
    const locale = input.client.locale;
    const releaseId = input.release.id;
    // A guess confirmed with them was never "still right": it is saved, said as an answer is.
    const guessed = new Set(this.service.pendingGuesses(releaseId).map((i) => i.key));
    const keys = this.service.confirmCarried(releaseId, input.sender);
    const carried = keys.filter((k) => !guessed.has(k));
    return [
      ...(carried.length > 0
        ? [t(locale, 'people.confirmed', { labels: carried.map((k) => itemLabel(locale, k)).join(', ') })]
        : []),
      ...keys.filter((k) => guessed.has(k)).map((key) => this.savedLine(releaseId, key, locale)),
    ];
  }

  /** "Saved ✅ <item>: <value>", as the value now on file reads. */
  private savedLine(releaseId: number, key: ItemKey, locale: Locale): string {
    const value = this.service.store.item(releaseId, key)?.value ?? null;
    return t(locale, 'conv.saved', {
      label: itemLabel(locale, key),
      value: value === null ? '' : displayValue(key, value, locale),
    });
  }

  // === Taking back and changing what was recorded

  /** `撤销` / `undo` (or a Slack Undo button): the sender's last change, restored and said. */
  private undo(input: ConversationInput, eventId?: number): string {
    const locale = input.client.locale;
    const line = describeUndo(locale, this.service.undo(input.release.id, input.sender, eventId));
    return input.via === 'page' ? t(locale, 'conv.via_page', { line }) : line;
  }

  /** The item a `改成 …` names (loosely after 把/将/change, exactly otherwise), or the one changed last when it names none. */
  private changeTarget(input: ConversationInput, takeBack: { item: string; marked: boolean }): ItemKey | undefined {
    if (!takeBack.item) return this.lastChangedItem(input);
    return takeBack.marked
      ? resolveItemLoosely(takeBack.item)
      : resolveItem(takeBack.item.replace(/^(?:the|my|our|我们的|我的|我们|那个|这个)\s*/i, ''));
  }

  /**
   * Whether a `改成 …` is a change request. "<words>改成<value>" not starting as one (改成, 把/将 …,
   * change … to) is a change only when <words> name an item exactly ("AppID wx…，图标下周改成新版"
   * is an answer); and a message whose words carry facts about other items than the one it changes
   * ("商户号改成已开通，AppID wx…", a bare "改成 1900000109" after an App ID) is read as a whole, so no
   * fact is lost.
   */
  private isChangeRequest(
    input: ConversationInput,
    takeBack: { item: string; text: string; marked: boolean },
  ): boolean {
    const key = this.changeTarget(input, takeBack);
    if (!takeBack.marked && !key) return false;
    // What the words say, as the rules read them: a value the learned checks would read back is still a fact of its item.
    const facts = [...readByRules(input.text ?? '').facts, ...readByRules(takeBack.text).facts];
    return !facts.some((f) => f.key !== key);
  }

  /** The item the sender changed last (what a bare `改成 …` is about). */
  private lastChangedItem(input: ConversationInput): ItemKey | undefined {
    const key = this.service.lastUndoable(input.release.id, input.sender)?.itemKey ?? undefined;
    return key && isItemKey(key) ? key : undefined;
  }

  /** `改成 …` / `change … to …` / a Slack Edit form: a new value replacing what is on file, validated like an answer. */
  private change(input: ConversationInput, key: ItemKey, text: string, recorded: Recorded[]): string {
    const locale = input.client.locale;
    const current = this.service.store.item(input.release.id, key)?.value ?? null;
    const reading = readValueFor(key, text, current, { wholeText: input.via === 'page' });
    if (reading.kind === 'invalid') return t(locale, 'conv.invalid', { reason: render(locale, reading.reason) });
    if (reading.kind === 'secret') {
      if (key !== 'app_secret' && key !== 'open_platform')
        return t(locale, 'conv.invalid', {
          reason: t(locale, 'reason.unreadable', { input: maskSecret(reading.secret.slice(-4)) }),
        });
      return this.recordSecret(input, key, reading.secret, recorded).join('\n');
    }
    return this.describe(
      input,
      this.service.recordAnswer(input.release.id, key, reading.value, {
        actor: input.sender,
        mode: 'replace',
        how: howOf(input),
      }),
      recorded,
    );
  }

  private readText(
    input: ConversationInput,
    locale: Locale,
    recorded: Recorded[],
    guessed: ItemKey[],
    pm: { pmLocale: Locale; pmNotices: OutboundMessage[] },
  ): string[] {
    const releaseId = input.release.id;
    const items = this.service.store.items(releaseId);
    const questions = openClientItems(items).filter((i) => i.status === 'asked');
    // The whitelist check, once asked (reminders/firing.ts), is the client's to answer too: first when it is the
    // latest question (a bare "好了" answers it), after the client's own questions when one was asked since.
    const checks = items.filter((i) => i.status === 'asked' && itemDef(i.key).waitHours !== undefined);
    const latest = (c: (typeof checks)[number]) => questions.every((q) => (q.askedAt ?? '') <= (c.askedAt ?? ''));
    const expected = [
      ...checks.filter(latest).map((i) => i.key),
      ...questions.map((i) => i.key),
      ...checks.filter((c) => !latest(c)).map((i) => i.key),
    ];
    const lists = Object.fromEntries(
      items.filter((i) => Array.isArray(i.value)).map((i) => [i.key, i.value as string[]]),
    );
    const onFile = items.filter((i) => i.value !== null && !i.confirmPending).map((i) => i.key);
    const understood = understand(input.text ?? '', { expected, lists, onFile });
    const lines = understood.truncated ? [t(locale, 'conv.too_long', { limit: READ_LIMIT })] : [];
    lines.push(...understood.facts.flatMap((fact) => this.applyFact(input, fact, locale, recorded, pm)));
    lines.push(...understood.edits.flatMap((edit) => this.applyEdit(input, edit, locale, recorded)));
    if (understood.waiting) lines.push(...this.applyWaiting(input, understood.waiting, locale));
    lines.push(...understood.guesses.flatMap((guess) => this.applyGuess(input, guess, locale, guessed)));
    lines.push(...this.answerOutcome(input, understood, expected, locale));
    return lines;
  }

  /**
   * "在等腾讯审核，下周三应该好": the item waits on someone else until the date the client expects (or the
   * item's recheck delay): it is not nudged meanwhile, the bot asks again on that date, and says so.
   */
  private applyWaiting(input: ConversationInput, waiting: ItemWaiting, locale: Locale): string[] {
    const releaseId = input.release.id;
    const item = this.service.store.item(releaseId, waiting.key);
    if (!item || (item.status !== 'todo' && item.status !== 'asked' && item.status !== 'waiting')) return [];
    // Already waiting (merchant 申请中 just recorded, or waiting before) and no new date: nothing changes.
    if (item.status === 'waiting' && !waiting.when) return [];
    const today = this.service.today(input.client.timezone);
    const said = waiting.when ? resolveWhen(waiting.when, today, planningCalendar()) : undefined;
    const fallback = addDays(today, itemDef(waiting.key).recheckAfterDays ?? WAITING_RECHECK_DAYS);
    const until = formatLocalDate(said && formatLocalDate(said) > formatLocalDate(today) ? said : fallback);
    const party = t(locale, `conv.waiting_party.${waiting.party}`);
    this.service.setStatus(releaseId, waiting.key, 'waiting', input.sender, waitingNote({ until, reason: party }));
    return [t(locale, 'conv.waiting', { label: itemLabel(locale, waiting.key), party, date: until })];
  }

  /** What the client is told when the reply is not (only) a value: a question back, later, not yet, skip, n/a. */
  private answerOutcome(
    input: ConversationInput,
    understood: Understanding,
    expected: ItemKey[],
    locale: Locale,
  ): string[] {
    const releaseId = input.release.id;
    const first = expected[0];
    const label = first ? itemLabel(locale, first) : '';
    switch (understood.outcome) {
      case 'question': {
        // About an item: its how-to hint. Anything else ("who is this?"): what the bot is waiting for.
        const about = understood.about;
        return about
          ? [
              t(locale, 'conv.question', {
                label: itemLabel(locale, about),
                hint: t(locale, `item.${about}.hint` as MessageKey),
              }),
            ]
          : [];
      }
      case 'skip': {
        const key = understood.skipped ?? first;
        if (!key) return [];
        // Skipped for later: a guess on it is dropped, not left waiting for a yes.
        this.service.rejectGuesses(releaseId, input.sender, key);
        this.service.setStatus(releaseId, key, 'asked', input.sender, SKIPPED);
        return [t(locale, 'conv.skipped', { label: itemLabel(locale, key) })];
      }
      case 'later':
        if (!first) return [];
        this.service.rejectGuesses(releaseId, input.sender, first);
        this.service.setStatus(releaseId, first, 'asked', input.sender, SKIPPED);
        return [t(locale, 'conv.later', { label })];
      case 'not_yet': {
        // "还没" after "is Sentry done? reply yes": the done waiting for a yes is cleared, and it is the item meant.
        const guess = this.service.pendingGuesses(releaseId).find((i) => i.value === 'done');
        if (guess) this.service.rejectGuesses(releaseId, input.sender, guess.key);
        const key = guess?.key ?? first;
        return key ? [t(locale, 'conv.not_yet', { label: itemLabel(locale, key) })] : [];
      }
      case 'elsewhere': {
        // "商户号信息我发你邮箱了": the item the words name, or the one asked. A secret is still sent privately.
        const key = understood.about;
        // An item already on file ("商户号之前发过邮件了" after it was recorded) is not asked for again.
        if (!key || (this.service.store.item(releaseId, key)?.value ?? null) !== null) return [];
        const copy = itemDef(key).secret ? 'conv.elsewhere_secret' : 'conv.elsewhere';
        return [t(locale, copy, { label: itemLabel(locale, key) })];
      }
      case 'waiting':
        return []; // said by applyWaiting
      case 'n/a':
        // "N/A" with no fact: the item asked cannot be n/a (`naRefused`). For one that can, the words said "does not
        // apply" of something the readers did not take as the item: not understood, and asked again.
        return first && understood.facts.length === 0 && !acceptsNa(itemDef(first))
          ? [t(locale, 'conv.not_applicable_required', { label })]
          : [];
      default:
        return understood.intent === 'help' && understood.facts.length > 0 ? [t(locale, 'conv.help')] : [];
    }
  }

  /** "再加一个 …", "把 … 删掉", "把 A 换成 B": the list on file, edited, stored again (limits apply). */
  private applyEdit(input: ConversationInput, edit: ListEdit, locale: Locale, recorded: Recorded[]): string[] {
    const releaseId = input.release.id;
    const label = itemLabel(locale, edit.key);
    const current = this.service.store.item(releaseId, edit.key)?.value;
    // "域名再加一个 …": a URL whitelist's edit changes its domains, under the ICP filing on file.
    const held = tagged(edit.key, current);
    const whitelist = held.kind === 'whitelist' ? held.whitelist : undefined;
    const list = whitelist ? whitelist.domains : Array.isArray(current) ? current : [];
    // "南京西路1788号 关了，删掉吧": an entry is named whole, or by a part that only one entry holds.
    const onFile = edit.remove.map((e) => entryOnFile(list, e));
    const removing = new Set(onFile.filter((e) => e !== undefined).map((e) => e.toLowerCase()));
    const missing = edit.remove.filter((_e, k) => onFile[k] === undefined);
    if (missing.length > 0) {
      return [
        t(locale, 'conv.edit_nothing', {
          label,
          entries: missing.join(', '),
          value: list.length > 0 ? list.join(', ') : '—',
        }),
      ];
    }
    const kept = list.filter((x) => !removing.has(x.toLowerCase()));
    const next = [...kept, ...edit.add.filter((a) => !kept.some((x) => x.toLowerCase() === a.toLowerCase()))];
    const value: ItemValue =
      itemDef(edit.key).shape === 'url_whitelist'
        ? { domains: next, ...(whitelist?.icp !== undefined ? { icp: whitelist.icp } : {}) }
        : next;
    const result = this.service.recordAnswer(releaseId, edit.key, value, { actor: input.sender, mode: 'replace' });
    if (result.kind === 'invalid') return [t(locale, 'conv.invalid', { reason: render(locale, result.reason) })];
    if (result.kind === 'saved' && result.eventId > 0) recorded.push({ key: edit.key, eventId: result.eventId });
    return [t(locale, 'conv.edit_applied', { label, value: next.join(', ') })];
  }

  private applyFact(
    input: ConversationInput,
    fact: Fact,
    locale: Locale,
    recorded: Recorded[],
    pm: { pmLocale: Locale; pmNotices: OutboundMessage[] },
  ): string[] {
    switch (fact.kind) {
      case 'secret':
        return this.recordSecret(input, fact.key, fact.secret, recorded);
      case 'invalid':
        return [t(locale, 'conv.invalid', { reason: render(locale, fact.reason) })];
      case 'which':
        return [t(locale, 'conv.which', { reason: render(locale, fact.reason) })];
      case 'value': {
        const result = this.service.recordAnswer(input.release.id, fact.key, fact.value, {
          actor: input.sender,
          mode: fact.correction ? 'replace' : 'add',
        });
        // Domains named after our MP whitelist submission are not recorded over it: the PM gets them, for a new one.
        const refused = result.kind === 'invalid' && result.reason.key === 'reason.whitelist_submitted';
        const held = refused ? tagged(fact.key, fact.value) : undefined;
        if (held?.kind === 'whitelist')
          pm.pmNotices.push(
            notice(
              t(pm.pmLocale, 'pm.whitelist_more_domains', {
                client: input.client.name,
                domains: held.whitelist.domains.join(', '),
              }),
            ),
          );
        return [this.describe(input, result, recorded)];
      }
    }
  }

  private recordSecret(
    input: ConversationInput,
    key: 'app_secret' | 'open_platform',
    secret: string,
    recorded: Recorded[],
  ): string[] {
    const locale = input.client.locale;
    const result = this.service.recordSecret(input.release.id, key, secret, input.sender, howOf(input));
    if (result.kind === 'invalid') return [t(locale, 'conv.invalid', { reason: render(locale, result.reason) })];
    if (result.kind === 'saved') recorded.push({ key, eventId: result.eventId });
    if (input.via === 'page')
      return [
        t(locale, 'conv.page_secret_saved', {
          label: itemLabel(locale, key),
          masked: maskSecret(secret.trim().slice(-4)),
        }),
      ];
    const saved = key === 'app_secret' ? 'conv.secret_saved' : 'conv.open_platform_secret_saved';
    const lines = [t(locale, saved, { masked: maskSecret(secret.trim().slice(-4)) })];
    // A secret typed into the private form never touched the channel; one pasted in a shared channel did.
    if (input.text !== null && input.thread.shared) lines.push(t(locale, 'conv.secret_shared'));
    return lines;
  }

  private describe(input: ConversationInput, result: AnswerResult, recorded: Recorded[]): string {
    const locale = input.client.locale;
    const line = this.describeIn(locale, result, recorded);
    if (input.via !== 'page') return line;
    // From the page: "收到（通过网页）：AppID wx…" for a new value, the usual words marked as such otherwise.
    if (result.kind === 'saved' && result.after !== 'n/a' && !result.corrected) {
      return t(locale, 'conv.page_saved', {
        label: itemLabel(locale, result.key),
        value: displayValue(result.key, result.after, locale),
      });
    }
    return t(locale, 'conv.via_page', { line });
  }

  private describeIn(locale: Locale, result: AnswerResult, recorded: Recorded[]): string {
    const label = itemLabel(locale, result.key);
    if (result.kind === 'saved' && result.eventId > 0) recorded.push({ key: result.key, eventId: result.eventId });
    switch (result.kind) {
      case 'invalid':
        return t(locale, 'conv.invalid', { reason: render(locale, result.reason) });
      case 'unchanged':
        return t(locale, 'conv.saved', { label, value: displayValue(result.key, result.value, locale) });
      case 'saved': {
        const value = displayValue(result.key, result.after, locale);
        if (result.after === 'n/a') return t(locale, 'conv.na', { label });
        if (result.corrected)
          return t(locale, 'conv.corrected', {
            label,
            before: displayValue(result.key, result.before, locale),
            after: value,
          });
        return t(locale, result.status === 'waiting' ? 'conv.saved_waiting' : 'conv.saved', { label, value });
      }
    }
  }
}

/** Items a message names by key or label (either language), in checklist order. */
export function namedItems(text: string): ItemKey[] {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-/]+/g, '');
  if (folded.length < 2) return [];
  const exact = resolveItemLoosely(text.trim());
  if (exact) return [exact];
  const names = (key: ItemKey): string[] =>
    [key, ...LOCALES.map((l) => t(l, `item.${key}.label`))].map((n) =>
      n
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\s_\-/]+/g, ''),
    );
  const found = ITEM_KEYS.filter((key) => names(key).some((n) => n.length >= 2 && folded.includes(n)));
  // A label inside a longer one ("AppID" in "Open Platform AppID") is not a second item.
  return found.filter(
    (key) =>
      !found.some(
        (other) =>
          other !== key &&
          names(other).some((o) => names(key).some((n) => o !== n && o.includes(n) && folded.includes(o))),
      ),
  );
}

/** How an answer came, for its provenance: typed on the client page, or an answer in chat. */
function howOf(input: ConversationInput): 'page' | 'answer' {
  return input.via === 'page' ? 'page' : 'answer';
}

function notice(text: string): OutboundMessage {
  return { text };
}

/** What an undo says: what it restored, or why it could not. */
function describeUndo(locale: Locale, result: UndoResult): string {
  switch (result.kind) {
    case 'nothing':
      return t(locale, 'conv.undo_nothing');
    case 'too_late':
      return t(locale, 'conv.undo_too_late', { label: itemLabel(locale, result.key), minutes: 30 });
    case 'changed_since':
      return t(locale, 'conv.undo_changed_since', { label: itemLabel(locale, result.key) });
    case 'undone': {
      const label = itemLabel(locale, result.key);
      const shown = (s: { status: string; value: ItemValue | null }): string =>
        s.value === null ? t(locale, 'conv.undo_no_value') : displayValue(result.key, s.value, locale);
      return t(locale, 'conv.undone', { label, undone: shown(result.undone), restored: shown(result.restored) });
    }
  }
}

/**
 * The confirmation of recorded facts, with a way to take each back: Undo and Edit buttons per fact
 * (after the `leadCount` confirmation lines; Slack shows them) and one hint line in the text
 * (platforms without buttons: reply `撤销` / `改成 …`).
 */
function withTakeBack(
  locale: Locale,
  message: OutboundMessage,
  leadCount: number,
  recorded: readonly Recorded[],
): OutboundMessage {
  if (recorded.length === 0) return message;
  const buttons: Button[] = recorded.flatMap(({ key, eventId }): Button[] => {
    const label = itemLabel(locale, key);
    return [
      { action: 'undo', itemKey: key, value: String(eventId), label: t(locale, 'button.undo', { label }) },
      { action: 'edit', itemKey: key, value: String(eventId), label: t(locale, 'button.edit', { label }) },
    ];
  });
  const hint = t(locale, 'conv.take_back_hint');
  const lines = message.text.split('\n');
  const blocks = [...(message.blocks ?? [])];
  blocks.splice(leadCount, 0, { type: 'buttons', buttons });
  return { ...message, text: [...lines.slice(0, leadCount), hint, ...lines.slice(leadCount)].join('\n'), blocks };
}
