/**
 * Several readings of one item in a message become one fact: list entries add up, account details
 * combine, and for a single value the last one said wins ("wx12345 写错了，是 wx9f8e…"). Two different IDs
 * for one item, where the client did not say which one is wrong, give a refusal naming both.
 */
import { itemDef } from '../items.js';
import { shapeOf } from '../shapes.js';
import type { EnterpriseAccount, ItemKey, ItemValue, MerchantAccount, UgcLicense, UrlWhitelist } from '../types.js';
import type { Fact } from '../facts.js';
import { tagged } from '../values.js';
import { LICENCE_NO } from './read-accounts.js';

export interface Candidate {
  fact: Fact;
  /** Where in the message it was read: facts keep the message's order. */
  at: number;
}

type ValueFact = Extract<Fact, { kind: 'value' }>;

function isList(v: ItemValue): v is string[] {
  return Array.isArray(v);
}

function mergeLists(values: ItemValue[]): ItemValue {
  const lists = values.filter(isList);
  if (lists.length === 0) return values.at(-1) as ItemValue;
  const seen = new Set<string>();
  return lists.flat().filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()));
}

function mergeObjects(key: ItemKey, values: ItemValue[]): ItemValue {
  const objects = values.filter(
    (v): v is Exclude<ItemValue, string | string[]> => typeof v === 'object' && !Array.isArray(v),
  );
  if (objects.length !== values.length) return values.at(-1) as ItemValue;
  const shape = itemDef(key).shape;
  if (shape === 'merchant') {
    const withId = [...(objects as MerchantAccount[])].reverse().find((m) => m.merchant_id !== undefined);
    return withId ?? (objects.at(-1) as ItemValue);
  }
  if (shape === 'url_whitelist') {
    const lists = objects as UrlWhitelist[];
    const domains = [...new Set(lists.flatMap((w) => w.domains))];
    const icp = lists.find((w) => w.icp)?.icp;
    return icp ? { domains, icp } : { domains };
  }
  if (shape === 'enterprise') return Object.assign({}, ...(objects as EnterpriseAccount[])) as EnterpriseAccount;
  if (shape === 'ugc') return ugcWithNumber(objects as UgcLicense[]);
  return objects.at(-1) as ItemValue;
}

const LICENCE_NUMBER = new RegExp(`^(?:${LICENCE_NO})$`);

/** "ICP经营许可证我们有，证号粤B2-…": a licence named, then its number in a clause of its own, is one licence. */
function ugcWithNumber(values: UgcLicense[]): UgcLicense {
  const last = values.at(-1) as UgcLicense;
  const before = values.at(-2);
  if (!before?.licence || !last.licence || !LICENCE_NUMBER.test(last.licence)) return last;
  if (LICENCE_NUMBER.test(before.licence) || before.licence.includes(last.licence)) return before;
  return { ...before, licence: `${before.licence} ${last.licence}` };
}

function mergeValues(key: ItemKey, facts: ValueFact[]): ValueFact {
  const values = facts.map((f) => f.value);
  const value = shapeOf(key).list ? mergeLists(values) : mergeObjects(key, values);
  return { kind: 'value', key, value, correction: facts.some((f) => f.correction) };
}

/** What makes two answers to an identifier item different: the App ID, the merchant ID. */
function identityOf(key: ItemKey, value: ItemValue): string | undefined {
  const v = tagged(key, value);
  if (v.kind === 'text') return v.text;
  if (v.kind === 'merchant') return v.account.merchant_id;
  if (v.kind === 'open_platform') return v.platform.app_id;
  return undefined;
}

/**
 * Two different IDs for one item, neither ruled out ("更正：wx0123… wx1111…"): which one is meant is a
 * guess, so the client is told what was seen and asked again — a refusal naming both.
 */
function ambiguity(key: ItemKey, group: Candidate[]): Candidate | undefined {
  if (!shapeOf(key).identifier) return undefined;
  const ids = [
    ...new Set(
      group
        .flatMap((c) => (c.fact.kind === 'value' ? [identityOf(key, c.fact.value)] : []))
        .filter((id) => id !== undefined),
    ),
  ];
  const [first, second] = ids;
  if (first === undefined || second === undefined) return undefined;
  const reason = itemDef(key).shape === 'merchant' ? 'reason.two_merchant_ids' : 'reason.two_app_ids';
  return {
    fact: { kind: 'which', key, values: ids, reason: { key: reason, params: { first, second } } },
    at: group[0]?.at ?? 0,
  };
}

/**
 * "商户号：13512345678，已经开通了": a merchant ID refused (mistyped) and a status said beside it in another clause — the ID
 * is asked again, and the status alone is not kept (it comes back with the ID), wherever the status stands.
 */
function refusedIdWithStatus(key: ItemKey, group: Candidate[]): boolean {
  if (itemDef(key).shape !== 'merchant' || !group.some((c) => c.fact.kind === 'invalid')) return false;
  return group.every((c) => {
    if (c.fact.kind !== 'value') return true;
    const v = tagged(key, c.fact.value);
    return v.kind === 'merchant' && v.account.merchant_id === undefined && v.account.status === 'active';
  });
}

/**
 * A single-valued item keeps what was said last, refusal or value; a list keeps both. Two different
 * IDs (a value said to be wrong was already dropped) give no value: the bot asks again rather than guess.
 */
function keepLast(key: ItemKey, group: Candidate[]): Candidate[] {
  if (shapeOf(key).list) return group;
  const ambiguous = ambiguity(key, group);
  if (ambiguous) return [ambiguous, ...group.filter((c) => c.fact.kind === 'secret')];
  if (refusedIdWithStatus(key, group)) return group.filter((c) => c.fact.kind === 'invalid');
  const last = group.filter((c) => c.fact.kind !== 'secret').at(-1);
  return group.filter((c) => c.fact.kind === 'secret' || c.fact.kind === last?.fact.kind);
}

function mergeGroup(key: ItemKey, group: Candidate[]): Candidate[] {
  const kept = keepLast(key, group);
  const values = kept.filter((c): c is Candidate & { fact: ValueFact } => c.fact.kind === 'value');
  const secrets = kept.filter((c) => c.fact.kind === 'secret');
  const seen = new Set<string>();
  const invalids = kept.filter(
    (c) => c.fact.kind === 'which' || (c.fact.kind === 'invalid' && !seen.has(c.fact.input) && seen.add(c.fact.input)),
  );
  const merged: Candidate[] = [...invalids];
  if (values[0])
    merged.push({
      fact: mergeValues(
        key,
        values.map((c) => c.fact),
      ),
      at: values[0].at,
    });
  // Open Platform's App ID and secret are one answer: with one part refused, the other is not kept alone.
  const secret = secrets.at(-1);
  const partRefused = itemDef(key).shape === 'open_platform' && invalids.length > 0;
  if (secret && !partRefused) merged.push(secret);
  return merged;
}

export function mergeCandidates(candidates: Candidate[]): Fact[] {
  const sorted = [...candidates].sort((a, b) => a.at - b.at);
  const byKey = new Map<ItemKey, Candidate[]>();
  for (const c of sorted) {
    const group = byKey.get(c.fact.key);
    if (group) group.push(c);
    else byKey.set(c.fact.key, [c]);
  }
  return [...byKey]
    .flatMap(([key, group]) => mergeGroup(key, group))
    .sort((a, b) => a.at - b.at)
    .map((c) => c.fact);
}
