/**
 * The seed's rules, enforced: value shapes and limits. A value that breaks one is refused with a
 * reason (a message key + parameters) and never stored.
 *
 *   validate('nearby_locations', elevenAddresses, {}) // { ok: false, reason: { key: 'reason.nearby_locations_limit', … } }
 */
import { isMessageKey, type Message } from '../i18n/index.js';
import { acceptsNa, type ItemDef, itemDef } from './items.js';
import type { ItemKey, ItemValue } from './types.js';
import { tagged } from './values.js';

export const APP_ID = /^wx[0-9a-f]{16}$/;
/**
 * The App ID the bot shows as its example (src/i18n: the App ID hint and reasons). It has the shape of an App ID
 * but is nobody's: said alone it is the client copying the hint, so it is refused wherever a value comes in.
 */
export const EXAMPLE_APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = /^[0-9a-f]{32}$/i;
export const TEMPLATE_ID = /^[A-Za-z0-9_-]{43}$/;
export const MERCHANT_ID = /^\d{10}$/;
export const WECHAT_ID = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;
export const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;
/** 沪ICP备2021012345号-1, 京ICP证030173号 (粵ICP備…號 as written in Traditional characters). */
export const ICP = /^[\u4e00-\u9fa5]ICP[备证備證]\d{5,12}[号號](?:-\d{1,3})?$/;

export interface RuleContext {
  /** enterprise_account.verified, when known: sets the developer limit. */
  verified?: boolean;
  /** The ICP filing already on file for the client's domains (admin_url_whitelist). */
  knownIcp?: string;
}

export type Verdict = { ok: true; value: ItemValue } | { ok: false; reason: Message };

const refuse = (key: Message['key'], params?: Message['params']): Verdict => ({ ok: false, reason: { key, params } });
const accept = (value: ItemValue): Verdict => ({ ok: true, value });

function isStringList(v: ItemValue): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function firstInvalid(list: string[], re: RegExp): string | undefined {
  return list.find((x) => !re.test(x));
}

function checkLimit(def: ItemDef, list: string[], ctx: RuleContext): Verdict | undefined {
  if (!def.limit) return undefined;
  const max = def.limit.max({ verified: ctx.verified });
  if (list.length <= max) return undefined;
  const params = { count: list.length, max, over: list.length - max };
  // The developer limit depends on verification, and its reason says how to raise it.
  if (def.key === 'developers')
    return refuse(
      ctx.verified === false ? 'reason.developers_limit_unverified' : 'reason.developers_limit_verified',
      params,
    );
  // Any other limit's reason is its item's copy, `reason.<key>_limit` (test/checklist/one-record.test.ts).
  const reason = `reason.${def.key}_limit`;
  return refuse(isMessageKey(reason) ? reason : 'reason.limit', params);
}

/**
 * A list over the most its item can ever hold (Functions Pages 5, nearby locations 10, service messages 3,
 * developers 20 — the verified account's limit): known at read time, so the reader refuses it as the
 * conversation would when storing it. Between the two developer limits (11–20) the store decides, once it
 * knows whether the account is verified.
 */
export function fixedLimitVerdict(key: ItemKey, value: ItemValue, ctx: RuleContext = {}): Verdict | undefined {
  const def = itemDef(key);
  if (!def.limit || !isStringList(value)) return undefined;
  return checkLimit(def, value, ctx);
}

function validateWhitelist(key: ItemKey, value: ItemValue, ctx: RuleContext): Verdict {
  const tag = tagged(key, value);
  if (tag.kind !== 'whitelist') return refuse('reason.empty');
  const w = tag.whitelist;
  const domains = w.domains.map((d) => d.toLowerCase());
  const bad = domains.find((d) => !DOMAIN.test(d));
  if (bad) return refuse('reason.domain', { input: bad });
  const icp = w.icp ?? ctx.knownIcp;
  if (icp !== undefined && !ICP.test(icp)) return refuse('reason.icp_required');
  // The client's half answer is kept and the other half asked (items.ts `followUp`). The MP whitelist's domains
  // the client names are kept too, for the agency to submit; the submission itself (`submitted_at`) needs both.
  const half = itemDef(key).owner === 'client';
  if (domains.length === 0) return half && icp ? accept({ ...w, domains, icp }) : refuse('reason.empty');
  if (!icp) return half || w.submitted_at === undefined ? accept({ ...w, domains }) : refuse('reason.icp_required');
  return accept({ ...w, domains, icp });
}

/** Checks a candidate value against the item's shape and the seed's limits. */
export function validate(key: ItemKey, value: ItemValue, ctx: RuleContext = {}): Verdict {
  const def = itemDef(key);
  if (value === 'n/a') return acceptsNa(def) ? accept('n/a') : refuse('reason.not_applicable');
  switch (def.shape) {
    case 'app_id':
      if (value === EXAMPLE_APP_ID) return refuse('reason.app_id_example', { input: value });
      return typeof value === 'string' && APP_ID.test(value)
        ? accept(value)
        : refuse('reason.app_id', { input: String(value) });
    case 'secret':
      return accept(value); // secrets go through recordSecret, which checks and seals them
    case 'confirmation':
      return value === 'done' ? accept(value) : refuse('reason.empty');
    case 'confirmation_or_text':
    case 'text':
    case 'name':
      return typeof value === 'string' && value.trim() !== '' ? accept(value.trim()) : refuse('reason.empty');
    case 'wechat_ids':
    case 'template_ids':
    case 'pages':
    case 'locations':
    case 'service_messages': {
      if (value === 'done' && def.shape === 'wechat_ids') return accept(value);
      if (!isStringList(value) || value.length === 0) return refuse('reason.empty');
      if (def.shape === 'wechat_ids') {
        const bad = firstInvalid(value, WECHAT_ID);
        if (bad) return refuse('reason.wechat_id', { input: bad });
      }
      if (def.shape === 'template_ids') {
        const bad = firstInvalid(value, TEMPLATE_ID);
        if (bad) return refuse('reason.template_id', { input: bad });
      }
      return checkLimit(def, value, ctx) ?? accept(value);
    }
    case 'enterprise':
    case 'ugc':
      return tagged(key, value).kind === def.shape ? accept(value) : refuse('reason.empty');
    case 'merchant': {
      const tag = tagged(key, value);
      if (tag.kind !== 'merchant') return refuse('reason.empty');
      const id = tag.account.merchant_id;
      if (id !== undefined && !MERCHANT_ID.test(id)) return refuse('reason.merchant_id', { input: id });
      return accept(value);
    }
    case 'open_platform': {
      // "开放平台已经注册并绑定公众号了": bound, its App ID and secret still to come (items.ts `followUp`).
      if (value === 'done') return accept(value);
      const tag = tagged(key, value);
      if (tag.kind !== 'open_platform') return refuse('reason.empty');
      if (tag.platform.app_id === EXAMPLE_APP_ID) return refuse('reason.app_id_example', { input: EXAMPLE_APP_ID });
      return APP_ID.test(tag.platform.app_id) ? accept(value) : refuse('reason.app_id', { input: tag.platform.app_id });
    }
    case 'url_whitelist':
      // "好了" to the check after the wait (reminders/firing.ts): the timed whitelist works; the store keeps its domains.
      if (value === 'done') return def.waitHours !== undefined ? accept(value) : refuse('reason.empty');
      return validateWhitelist(key, value, ctx);
  }
}

/** Appends new list entries to what is on file (case-insensitively unique), for additive answers. */
export function mergeList(existing: ItemValue | null, incoming: string[]): string[] {
  const base = isStringListValue(existing) ? existing : [];
  const seen = new Set(base.map((x) => x.toLowerCase()));
  return [...base, ...incoming.filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()))];
}

function isStringListValue(v: ItemValue | null): v is string[] {
  return v !== null && Array.isArray(v) && v.every((x) => typeof x === 'string');
}
