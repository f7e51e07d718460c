/**
 * Checks a client's App ID + App secret with WeChat (through the `WeChatApi` port) when either is
 * answered, and again every morning for every open release: a wrong or reset secret is found the
 * day it happens, not on release day. What WeChat says is recorded as an `app_secret_check` event;
 * only a change is told — to the client (asked for it again, with the secret button) when the fix
 * is theirs, while the item shows as blocked with WeChat's reason in every status view ("blocked:
 * App secret (rejected by WeChat, errcode 40125)"); to the PM always (our server's IP missing from the MP's IP whitelist is the
 * agency's to fix, so only the PM hears of it). WeChat unreachable: nothing is recorded or said;
 * the next run tries again. The secret is decrypted only to be sent to WeChat, never logged.
 * Checks after an answer run in the background (`flush` does not wait for WeChat: a reply or a
 * slash command's ack must not); a result is dropped when the pair changed while WeChat was asked.
 *
 *   const checker = new AppSecretChecker({ service, store, outbox, wechat, clock, logger, events });
 *   events.on('fact.recorded', (e) => checker.itemChanged(e));  events.on('changes.committed', () => checker.flush());
 *   await checker.checkAll();       // the daily job
 *   await checker.idle();           // tests;  await checker.stop() at shutdown
 */
import type { ItemKey } from '../checklist/types.js';
import { type LinkOffers, withLine } from '../conversation/flow.js';
import { questionsMessage } from '../conversation/questions.js';
import { type Locale, type MessageKey, PM_LOCALE, pmLocaleOf, t } from '../i18n/index.js';
import type { AppSecretCheck, AppSecretProblem } from '../ports.js';
import { postToClient, postToPm } from './check-notices.js';
import type { Client, Item, Release, Thread } from '../release/model.js';
import { maskSecret } from '../release/secrets.js';
import type { ItemChangeListener } from '../release/service.js';
import { TemplateCheck, type TemplateCheckDeps } from './template-check.js';
import type { EventSinkAwaited } from '../events.js';

export const CHECK_EVENT = 'app_secret_check';

export interface AppSecretCheckerDeps extends TemplateCheckDeps {
  /**
   * A check that changed something (an item asked again, a notice queued) commits with
   * `changes.committed` (by: 'check'): the reminder jobs mirror what it planned, the outbox sends.
   */
  events?: EventSinkAwaited;
  /** The client's private page offered with the question when it is the secret asked again (src/links). */
  linkOffers?: LinkOffers;
}

/** What one check found, as stored in its event (`after`). */
interface CheckRecord {
  ok: boolean;
  problem?: AppSecretProblem;
  errcode?: number;
  app_id: string;
  last4: string;
}

/** A problem the client fixes: the item they answer again, and what they read first. */
const CLIENT_FIX: Partial<
  Record<AppSecretProblem, { key: ItemKey; client: MessageKey; pm: MessageKey; note: MessageKey }>
> = {
  wrong_secret: {
    key: 'app_secret',
    client: 'secret_check.wrong_secret',
    pm: 'secret_check.pm.wrong_secret',
    note: 'secret_check.note.wrong_secret',
  },
  frozen: {
    key: 'app_secret',
    client: 'secret_check.frozen',
    pm: 'secret_check.pm.frozen',
    note: 'secret_check.note.frozen',
  },
  wrong_app_id: {
    key: 'app_id',
    client: 'secret_check.wrong_app_id',
    pm: 'secret_check.pm.wrong_app_id',
    note: 'secret_check.note.wrong_app_id',
  },
};

/** Answered, or carried from the last release and awaiting the client's confirmation (a secret reset since is found before they confirm it). */
const isAnswered = (item: Item | undefined): boolean =>
  item?.status === 'answered' || item?.status === 'done' || (item?.confirmPending === true && item.value !== null);

export class AppSecretChecker implements ItemChangeListener {
  private readonly pending = new Set<number>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;
  private readonly templates: TemplateCheck;

  constructor(private readonly deps: AppSecretCheckerDeps) {
    this.templates = new TemplateCheck(deps);
  }

  /** On `fact.recorded` (after the commit): an App ID or App secret just answered is checked at the next `flush`. */
  itemChanged({ release, after }: { release: Release; after: Item }): void {
    const checked = after.key === 'app_id' || after.key === 'app_secret' || after.key === 'template_ids';
    if (checked && after.value !== null && isAnswered(after)) this.pending.add(release.id);
  }

  /** After the commit: starts checking the releases whose App ID or App secret changed, without waiting for WeChat. */
  flush(): Promise<void> {
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length > 0 && !this.stopped) this.track(this.checkEach(ids));
    return Promise.resolve();
  }

  /** Shutdown: starts no new check and waits for the running ones (before the database closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /**
   * At start-up: the releases whose App ID or App secret changed after their last check (the
   * process stopped before the check of an answer ran) are checked now, in the background.
   */
  recover(): void {
    const { store } = this.deps;
    const stale = store.listOpenReleases().filter((release) => {
      // Answers only: the bot's own blocks and unblocks follow a check, they don't call for one.
      const changedAt = (['app_id', 'app_secret', 'template_ids'] as const)
        .map((key) => store.item(release.id, key))
        .map((item) => (item && item.setBy !== 'bot' ? (item.setAt ?? '') : ''))
        .reduce((a, b) => (a > b ? a : b), '');
      const checkedAt = store.lastEvent(release.id, CHECK_EVENT)?.createdAt ?? '';
      return changedAt !== '' && changedAt > checkedAt;
    });
    for (const release of stale) this.pending.add(release.id);
    void this.flush();
  }

  /** Every open release with both on file (the daily job); returns how many were checked. */
  checkAll(): Promise<number> {
    return this.track(this.checkEach(this.deps.store.listOpenReleases().map((r) => r.id)));
  }

  /** Resolves when no check is running (tests; shutdown, before the database closes). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = (): void => void this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** One release at a time; one that fails (a secret that no longer decrypts) does not stop the others. */
  private async checkEach(releaseIds: readonly number[]): Promise<number> {
    let checked = 0;
    let changed = false;
    for (const id of releaseIds) {
      try {
        const outcome = await this.check(id);
        if (outcome) checked += 1;
        if (outcome?.told) changed = true;
      } catch (err) {
        this.deps.logger.error(
          { releaseId: id, err: err instanceof Error ? err.message : String(err) },
          'App-secret check failed for this release; the others go on',
        );
      }
    }
    if (changed) await this.deps.events?.idle();
    return checked;
  }

  /** Asks WeChat about one release's pair; undefined when the release lacks one of the two. */
  async check(releaseId: number): Promise<(AppSecretCheck & { told: boolean }) | undefined> {
    const { store, service, wechat, logger } = this.deps;
    const release = store.getRelease(releaseId);
    const appId = store.item(releaseId, 'app_id')?.value;
    const secret = service.revealSecret(releaseId, 'app_secret');
    if (!release || release.state !== 'open' || typeof appId !== 'string' || !appId.startsWith('wx') || !secret)
      return undefined;
    const result = await wechat.checkAppSecret(appId, secret);
    if (!result.ok && result.problem === 'unavailable') {
      logger.warn(
        { releaseId, errcode: result.errcode },
        'App-secret check: WeChat could not be asked; the next run tries again',
      );
      return { ...result, told: false };
    }
    const record: CheckRecord = {
      ok: result.ok,
      app_id: appId,
      last4: secret.slice(-4),
      ...(result.ok
        ? {}
        : { problem: result.problem, ...(result.errcode !== undefined ? { errcode: result.errcode } : {}) }),
    };
    const told = store.transaction(() => this.record(release, record, result.ok ? undefined : result.ip));
    // With a pair that works, WeChat can also tell whether the template IDs exist.
    const toldTemplates = result.ok ? await this.templates.check(release, appId, secret) : false;
    // Both wrote in transactions of their own, committed by now: published at once.
    if (told || toldTemplates) this.deps.events?.emit('changes.committed', { by: 'check' });
    return { ...result, told: told || toldTemplates };
  }

  /**
   * Stores what WeChat said and, when it differs from the last check, tells whoever can act on it;
   * returns whether anyone was told. Nothing happens when the pair changed while WeChat was asked
   * (a new answer's own check speaks for it).
   */
  private record(release: Release, now: CheckRecord, ip: string | undefined): boolean {
    const { store } = this.deps;
    const client = store.getClient(release.clientId);
    const secretNow = store.item(release.id, 'app_secret')?.value;
    const current =
      store.item(release.id, 'app_id')?.value === now.app_id &&
      typeof secretNow === 'object' &&
      secretNow !== null &&
      'last4' in secretNow &&
      secretNow.last4 === now.last4;
    if (!client || !current) return false;
    const before = store.lastEvent(release.id, CHECK_EVENT)?.after as CheckRecord | undefined;
    store.appendEvent({
      releaseId: release.id,
      clientId: client.id,
      type: CHECK_EVENT,
      actor: 'bot',
      after: now,
      at: this.deps.clock.now().toISOString(),
    });
    const params = {
      client: client.name,
      app_id: now.app_id,
      secret: maskSecret(now.last4),
      errcode: now.errcode ?? '',
    };
    const fix = now.problem && CLIENT_FIX[now.problem];
    const samePair = before !== undefined && before.app_id === now.app_id && before.last4 === now.last4;
    if (samePair && before.ok === now.ok && before.problem === now.problem) {
      // Told already — unless the client sent the refused value again (answered again): block it and tell them again.
      // Blocked still, or marked done by a PM who knows better: nothing to say.
      if (!fix || store.item(release.id, fix.key)?.status !== 'answered') return false;
      this.block(release, fix.key, fix.note, params);
      this.tellClient(release, client, fix.key, fix.client, params);
      return true;
    }
    if (now.ok) {
      // Whatever the bot blocked on WeChat's word is fine now (a corrected App ID, an unfrozen secret).
      let unblocked = false;
      for (const key of ['app_id', 'app_secret'] as const) {
        const item = store.item(release.id, key);
        if (item?.status === 'blocked' && item.setBy === 'bot') {
          this.deps.service.setStatus(release.id, key, 'answered', 'bot', null, 'wechat');
          unblocked = true;
        }
      }
      // The very pair WeChat refused works now (an IP whitelisted, a secret unfrozen): news for the PM. A new pair that works needs no word.
      if (!samePair || before.ok) return unblocked;
      this.tellPm(release, t(pmLocaleOf(release.pmUser), 'secret_check.pm.working_again', params));
      return true;
    }
    if (now.problem === 'ip_not_allowed') {
      this.tellPm(
        release,
        t(pmLocaleOf(release.pmUser), 'secret_check.pm.ip_not_allowed', {
          ...params,
          ip: ip ?? t(pmLocaleOf(release.pmUser), 'secret_check.unknown_ip'),
        }),
      );
      return true;
    }
    if (!fix) return false;
    // The same secret worked before: it was reset or revoked since, not mistyped.
    const stopped = now.problem === 'wrong_secret' && before?.ok === true && before.last4 === now.last4;
    this.block(release, fix.key, stopped ? 'secret_check.note.stopped' : fix.note, params);
    this.tellClient(release, client, fix.key, stopped ? 'secret_check.stopped' : fix.client, params);
    this.tellPm(release, t(pmLocaleOf(release.pmUser), stopped ? 'secret_check.pm.stopped' : fix.pm, params));
    return true;
  }

  /** Blocked on the client, with WeChat's reason for the status views; their next answer is checked again. */
  private block(release: Release, key: ItemKey, note: MessageKey, params: Record<string, string | number>): void {
    this.deps.service.setStatus(release.id, key, 'blocked', 'bot', t(PM_LOCALE, note, params), 'wechat');
  }

  private tellClient(
    release: Release,
    client: Client,
    key: ItemKey,
    lead: MessageKey,
    params: Record<string, string | number>,
  ): void {
    const message = (locale: Locale, thread: Thread) => {
      const asked = questionsMessage(locale, [t(locale, lead, params)], [key], { askedBefore: new Set([key]) });
      // Where the chat has no private form, the secret asked again comes with a new private link (not the used one).
      const offer =
        this.deps.linkOffers?.offer({ thread, client, release, asking: [key], askedBefore: new Set([key]) }) ?? {};
      if (offer.pmNotice) this.tellPm(release, offer.pmNotice);
      return offer.line ? withLine(asked, offer.line) : asked;
    };
    postToClient(this.deps.store, this.deps.outbox, client, message);
  }

  private tellPm(release: Release, text: string): void {
    postToPm(this.deps.outbox, release, text);
  }
}
