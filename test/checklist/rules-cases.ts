/**
 * The rules' reading as a table of cases: each round's tests of the rules (reader-round12.test.ts onward) are rows of
 * [reply, item asked, facts] read by `readByRules` (the reader without the gate).
 */
import { expect, it } from 'vitest';
import type { ItemKey } from '../../src/checklist/types.js';
import { factsToJson, readByRules } from '../../src/checklist/understand.js';

/** The facts the rules read, without the intent and outcome. */
export const read = (text: string, item?: ItemKey) => {
  const { _intent, _outcome, ...rest } = factsToJson(readByRules(text, { expected: item ? [item] : [] }));
  return rest;
};

export type Case = [text: string, item: ItemKey | undefined, facts: Record<string, unknown>];

export const cases = (table: Case[]) =>
  it.each(table)('%s (asked: %s)', (text, item, facts) => {
    expect(read(text, item)).toEqual(facts);
  });
