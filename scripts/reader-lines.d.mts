/** Types for reader-lines.mjs (plain JavaScript, so that score-reader and agreement run with node alone). */
export interface CorpusLine {
  text: string;
  item?: string;
  expect: Record<string, unknown>;
  invalid?: string[];
}
export interface Reading {
  values: Record<string, unknown>;
  invalid: string[];
  error?: boolean;
}
export function readCorpus(file: string): CorpusLine[];
export function understandAll(lines: readonly CorpusLine[], cli?: string): Record<string, unknown>[];
export const SECRET: RegExp;
export function facts(x: CorpusLine | Record<string, unknown>): Reading;
export function same(a: Reading, b: Reading): boolean;
export function wrongFacts(got: Reading, want: Reading): [string, unknown][];
