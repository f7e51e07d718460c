/**
 * Template IDs checked with WeChat where WeChat can tell: once the App ID and App secret work, the
 * MP's subscription-message templates (`gettemplate`) are fetched and each template ID the client
 * gave is looked up. Known ones are echoed with their title (`订单发货提醒 ✓`); unknown ones block
 * the item with the reason and the titles that do exist, and the client is asked again; a 40164
 * (our IP not in the MP's API whitelist) tells the PM which IP to add. WeChat unreachable: nothing
 * changes, the next check (an answer, the daily run, a start) tries again. What WeChat said is a
 * `template_check` event; only a change is told. Called by `AppSecretChecker` after a check that passed.
 *
 *   const templates = new TemplateCheck(deps);
 *   await templates.check(release, appId, secret);
 */
import { questionsMessage } from '../conversation/questions.js';
import { type Locale, type MessageKey, PM_LOCALE, pmLocaleOf, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Outbox } from '../outbox.js';
import type { Clock, MpTemplate, WeChatApi } from '../ports.js';
import { postToClient, postToPm } from './check-notices.js';
import type { Client, Release } from '../release/model.js';
import type { ReleaseService } from '../release/service.js';
import type { ClientStore, EventLog, PeopleStore, ReleaseRecords, ThreadStore } from '../release/store.js';

/** The store ports this part uses (src/release/store.ts). */
type Store = ClientStore &
  ReleaseRecords &
  EventLog &
  Pick<ThreadStore, 'threadsOfClient'> &
  Pick<PeopleStore, 'contactsOf'>;

export const TEMPLATE_CHECK_EVENT = 'template_check';

export interface TemplateCheckDeps {
  service: ReleaseService;
  store: Store;
  outbox: Outbox;
  wechat: WeChatApi;
  clock: Clock;
  logger: Logger;
}

/** What one check found, as stored in its event (`after`). */
interface TemplateRecord {
  app_id: string;
  ids: string[];
  ok: boolean;
  known?: MpTemplate[];
  unknown?: string[];
  problem?: string;
  errcode?: number;
}

const sameRecord = (a: TemplateRecord | undefined, b: TemplateRecord): boolean =>
  a !== undefined &&
  a.app_id === b.app_id &&
  a.ok === b.ok &&
  a.problem === b.problem &&
  JSON.stringify(a.ids) === JSON.stringify(b.ids) &&
  JSON.stringify(a.unknown ?? []) === JSON.stringify(b.unknown ?? []);

export class TemplateCheck {
  constructor(private readonly deps: TemplateCheckDeps) {}

  /** Checks the release's template IDs against the MP's templates; returns whether anyone was told. */
  async check(release: Release, appId: string, secret: string): Promise<boolean> {
    const { store, wechat, logger } = this.deps;
    const ids = this.templateIds(release.id);
    if (ids.length === 0) return false;
    const result = await wechat.templates(appId, secret);
    if (!result.ok && result.problem === 'unavailable') {
      logger.warn(
        { releaseId: release.id, errcode: result.errcode },
        'template check: WeChat could not be asked; the next check tries again',
      );
      return false;
    }
    return store.transaction(() => {
      // The answer changed while WeChat was asked: its own check speaks for it.
      if (JSON.stringify(this.templateIds(release.id)) !== JSON.stringify(ids)) return false;
      if (!result.ok)
        return this.record(
          release,
          {
            app_id: appId,
            ids,
            ok: false,
            problem: result.problem,
            ...(result.errcode !== undefined ? { errcode: result.errcode } : {}),
          },
          result.ip,
        );
      const byId = new Map(result.templates.map((x) => [x.id, x]));
      const known = ids.flatMap((id) => byId.get(id) ?? []);
      const unknown = ids.filter((id) => !byId.has(id));
      return this.record(
        release,
        { app_id: appId, ids, ok: unknown.length === 0, known, unknown },
        undefined,
        result.templates,
      );
    });
  }

  private templateIds(releaseId: number): string[] {
    const value = this.deps.store.item(releaseId, 'template_ids')?.value;
    return Array.isArray(value) ? value : [];
  }

  private record(release: Release, now: TemplateRecord, ip: string | undefined, all: MpTemplate[] = []): boolean {
    const { store, service } = this.deps;
    const client = store.getClient(release.clientId);
    if (!client) return false;
    const before = store.lastEvent(release.id, TEMPLATE_CHECK_EVENT)?.after as TemplateRecord | undefined;
    store.appendEvent({
      releaseId: release.id,
      clientId: client.id,
      type: TEMPLATE_CHECK_EVENT,
      actor: 'bot',
      after: now,
      at: this.deps.clock.now().toISOString(),
    });
    const item = store.item(release.id, 'template_ids');
    // Told already, and the client did not send the refused IDs again: nothing to say.
    if (sameRecord(before, now) && !(now.unknown?.length && item?.status === 'answered')) return false;
    if (now.problem === 'ip_not_allowed') {
      this.tellPm(
        release,
        t(pmLocaleOf(release.pmUser), 'template_check.pm.ip_not_allowed', {
          client: client.name,
          app_id: now.app_id,
          ip: ip ?? t(pmLocaleOf(release.pmUser), 'secret_check.unknown_ip'),
        }),
      );
      return true;
    }
    if (!now.known) return false;
    // IDs a PM set (`/release set`) are the PM's to fix or confirm: nothing about them goes to the client's thread.
    const setByPm = item?.setHow === 'pm';
    const titles = all.map((x) => x.title).join('、') || t(client.locale, 'template_check.none');
    if (now.unknown && now.unknown.length > 0) {
      const params = { ids: now.unknown.join(', '), app_id: now.app_id, titles, count: now.unknown.length };
      service.setStatus(
        release.id,
        'template_ids',
        'blocked',
        'bot',
        t(PM_LOCALE, 'template_check.note.unknown', params),
        'wechat',
      );
      if (!setByPm) this.tellClient(client, 'template_check.unknown', params, true);
      this.tellPm(
        release,
        t(pmLocaleOf(release.pmUser), 'template_check.pm.unknown', { ...params, client: client.name }),
      );
      return true;
    }
    if (item?.status === 'blocked' && item.setBy === 'bot')
      service.setStatus(release.id, 'template_ids', 'answered', 'bot', null, 'wechat');
    const locale = setByPm ? pmLocaleOf(release.pmUser) : client.locale;
    const list = now.known.map((x) => `${x.title || x.id} ✓`).join(t(locale, 'template_check.sep'));
    if (setByPm)
      this.tellPm(release, `${client.name}: ${t(pmLocaleOf(release.pmUser), 'template_check.known', { list })}`);
    else this.tellClient(client, 'template_check.known', { list }, false);
    return true;
  }

  private tellClient(
    client: Client,
    lead: MessageKey,
    params: Record<string, string | number>,
    askAgain: boolean,
  ): void {
    const message = (locale: Locale) => {
      const text = t(locale, lead, params);
      return askAgain
        ? questionsMessage(locale, [text], ['template_ids'], { askedBefore: new Set(['template_ids']) })
        : { text };
    };
    postToClient(this.deps.store, this.deps.outbox, client, message);
  }

  private tellPm(release: Release, text: string): void {
    postToPm(this.deps.outbox, release, text);
  }
}
