/**
 * URL whitelists: the domains of a message and its ICP filing number (备案号), read together, since
 * clients send them in any order ("api.acme.cn 和 img.acme.cn，备案号 沪ICP备2021012345号-1").
 * Each whitelisted domain needs an ICP filing: the client's half answer is kept and the other half asked
 * (items.ts `requiresIcp`); the agency's submission without one is refused.
 */
import type { Fact } from '../facts.js';
import { itemDef } from '../items.js';
import type { ItemKey } from '../types.js';
import { validate } from '../rules.js';
import { saysDone, saysNotDone } from './phrases.js';
import type { Draft, ReadInput } from './read-input.js';
import type { Segment } from './segments.js';
import type { Token } from './tokens.js';

export type WhitelistKey = 'admin_url_whitelist' | 'mp_url_whitelist';

export function isWhitelist(key: ItemKey | undefined): key is WhitelistKey {
  return key === 'admin_url_whitelist' || key === 'mp_url_whitelist';
}

export interface WhitelistContext {
  segments: readonly Segment[];
  segmentAt: (pos: number) => Segment | undefined;
  expected: readonly ItemKey[];
  correction: boolean;
}

export interface WhitelistReading {
  facts: { fact: Fact; at: number }[];
  /** Tokens read here, to blank out. */
  used: Token[];
}

/** The whitelist a message means when no keyword says which: the one named, else the one asked. */
function defaultWhitelist(ctx: WhitelistContext): WhitelistKey {
  const named = ctx.segments.map((s) => s.item).find(isWhitelist);
  return named ?? ctx.expected.find(isWhitelist) ?? 'admin_url_whitelist';
}

/** "example.com 这个只是举例吧", our own hint's api.example.cn: a domain reserved for examples is nobody's. */
const EXAMPLE_DOMAIN = /(?:^|\.)example\.(?:com|net|org|cn|com\.cn)$/i;

function domainsByWhitelist(domains: Token[], ctx: WhitelistContext, fallback: WhitelistKey) {
  const byKey = new Map<WhitelistKey, { domains: string[]; seen: Set<string>; at: number }>();
  const used: Token[] = [];
  for (const token of domains) {
    if (EXAMPLE_DOMAIN.test(token.text)) {
      used.push(token);
      continue;
    }
    const item = ctx.segmentAt(token.start)?.item;
    const key = isWhitelist(item) ? item : item === undefined ? fallback : undefined;
    if (!key) continue; // a domain in another item's words ("prod server: api.acme.cn")
    const entry = byKey.get(key) ?? { domains: [], seen: new Set<string>(), at: token.start };
    if (!entry.seen.has(token.text)) {
      entry.seen.add(token.text);
      entry.domains.push(token.text);
    }
    byKey.set(key, entry);
    used.push(token);
  }
  return { byKey, used };
}

function whitelistFact(key: WhitelistKey, domains: string[], icp: string | undefined, correction: boolean): Fact {
  const verdict = validate(key, icp ? { domains, icp } : { domains });
  if (!verdict.ok) return { kind: 'invalid', key, input: domains.join(', '), reason: verdict.reason };
  return { kind: 'value', key, value: verdict.value, correction };
}

export function readWhitelists(tokens: readonly Token[], ctx: WhitelistContext): WhitelistReading {
  const icpToken = tokens.find((t) => t.kind === 'icp');
  const named = ctx.segments.some((s) => isWhitelist(s.item)) || ctx.expected.some(isWhitelist);
  if (!icpToken && !named) return { facts: [], used: [] };
  const fallback = defaultWhitelist(ctx);
  const { byKey, used } = domainsByWhitelist(
    tokens.filter((t) => t.kind === 'domain'),
    ctx,
    fallback,
  );
  const icp = icpToken?.text;
  const facts = [...byKey].map(([key, { domains, at }]) => ({
    fact: whitelistFact(key, domains, icp, ctx.correction),
    at,
  }));
  if (icpToken && facts.length === 0) {
    // An ICP number alone: the client's whitelist keeps it and asks for its domains (items.ts `followUp`); ours
    // cannot be submitted without them.
    const alone = validate(fallback, { domains: [], icp: icpToken.text });
    const reason = { key: 'reason.domains_required' as const, params: { input: icpToken.text } };
    const fact: Fact = alone.ok
      ? { kind: 'value', key: fallback, value: alone.value, correction: ctx.correction }
      : { kind: 'invalid', key: fallback, input: icpToken.text, reason };
    facts.push({ fact, at: icpToken.start });
  }
  return { facts, used: icpToken ? [...used, icpToken] : used };
}

/**
 * "体验版打开正常，接口都能请求", "checked the beta, all requests go through": once the whitelist has had its wait, the
 * bot asks the client to open the Beta once (reminders/firing.ts); a reply that it works confirms the item. Only a
 * timed item (`waitHours`) is confirmed so — the admin whitelist is the client's domains, never a "done".
 */
const WORKS =
  /(?:打开|访问|请求|加载|用起来|測試|测试)(?:都|也)?(?:正常|沒問題|没问题|OK)|都能(?:正常)?(?:请求|访问|打开|用)|能(?:正常)?(?:请求|访问|打开)了?|\b(?:everything|all|it|requests?) (?:loads?|works?|go(?:es)? through)\b|\bno (?:domain |request )?errors?\b|生效了|(?:接口|请求)都?(?:通了|能通)|\ball requests go (?:thru|through)\b|\bcheck(?:ed)?\s*(?:ok|okay|passed)\b|check\s*过了|加载出来/i;

/** "生效了吗？我这边 still 报错": asked back, or still failing — the check did not work (yet). */
const BROKEN =
  /[?？]|吗|报错|失败|不行|打不开|不正常|的话|还没|空白|白屏|加载不出|(?<!\bno (?:domain |request )?)\berrors?\b|\bfail/i;

/** "接口都能请求", "everything loads": the words of a check that worked, whatever else was asked. */
export function saysItWorks(text: string): boolean {
  return WORKS.test(text) && !saysNotDone(text) && !BROKEN.test(text);
}

export function readWhitelistCheck(input: ReadInput): Draft[] {
  if (itemDef(input.key).waitHours === undefined || saysNotDone(input.text) || BROKEN.test(input.text)) return [];
  return saysDone(input.text) || WORKS.test(input.text) ? [{ kind: 'value', value: 'done' }] : [];
}
