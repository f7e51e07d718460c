/**
 * A limit computed from another item (the developer limit from verification: 20 verified, 10 not)
 * is re-checked when that item changes: a value now over the limit is told to the client (what to
 * remove) and to the PM. Which limits depend on what is checklist data (`limitDependsOn`).
 *
 *   service.onItemChange(new LimitRecheck(service, outbox));
 *   // enterprise_account verified → unverified with 15 developers: "remove 5" to the client and the PM
 */
import { ITEM_DEFS } from '../checklist/items.js';
import { itemLabel } from '../conversation/questions.js';
import { pmLocaleOf, t } from '../i18n/index.js';
import { type Outbox, userAddress } from '../outbox.js';
import type { Item, Release } from '../release/model.js';
import type { ItemChangeListener, ReleaseService } from '../release/service.js';

export class LimitRecheck implements ItemChangeListener {
  constructor(
    private readonly service: ReleaseService,
    private readonly outbox: Outbox,
  ) {}

  itemChanged({ release, before, after }: { release: Release; before: Item; after: Item; at: Date }): void {
    if (JSON.stringify(before.value) === JSON.stringify(after.value)) return;
    for (const def of ITEM_DEFS) {
      if (!def.limit || !def.limitDependsOn?.includes(after.key)) continue;
      const value = this.service.store.item(release.id, def.key)?.value;
      if (!Array.isArray(value)) continue;
      const ctx = this.service.ruleContext(release.id);
      const max = def.limit.max(ctx);
      if (value.length <= max) continue;
      this.tell(release, def.key, {
        max,
        count: value.length,
        excess: value.length - max,
        verified: ctx.verified !== false,
      });
    }
  }

  private tell(
    release: Release,
    key: Item['key'],
    facts: { max: number; count: number; excess: number; verified: boolean },
  ): void {
    const { store } = this.service;
    const client = store.getClient(release.clientId);
    if (!client) return;
    const params = (locale: 'en' | 'zh') => ({
      client: client.name,
      label: itemLabel(locale, key),
      state: t(locale, facts.verified ? 'limit.verified' : 'limit.unverified'),
      max: facts.max,
      count: facts.count,
      excess: facts.excess,
    });
    for (const thread of store.threadsOfClient(client.id))
      this.outbox.post(
        { kind: 'thread', thread },
        { text: t(client.locale, 'limit.over_client', params(client.locale)) },
      );
    const pm = release.pmUser ? userAddress(release.pmUser) : undefined;
    const pmLocale = pmLocaleOf(release.pmUser);
    if (pm) this.outbox.post(pm, { text: t(pmLocale, 'limit.over_pm', params(pmLocale)) });
  }
}
