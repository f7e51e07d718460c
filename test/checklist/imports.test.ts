/**
 * The reader is a pipeline, not a circle: no module under src/checklist imports one that imports it
 * back, type imports included (issue 16, Build 7).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/checklist');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)]
    .map((m) => resolve(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')))
    .filter((p) => p.startsWith(ROOT));
}

it('src/checklist has no import cycle', () => {
  const graph = new Map(sources(ROOT).map((f) => [f, importsOf(f)]));
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    const at = path.indexOf(node);
    if (at >= 0) {
      cycles.push([...path.slice(at), node].map((p) => p.slice(ROOT.length + 1)).join(' → '));
      return;
    }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const file of graph.keys()) visit(file, []);
  expect(graph.size).toBeGreaterThan(10);
  expect(cycles).toEqual([]);
});

/**
 * src/checklist/parse is a pipeline: normalize → segment → read by shape → resolve. Each stage's modules
 * import only their own stage or earlier ones (shared vocabulary first), never a later stage; every module
 * in parse/ has its stage here, so a new one must say where it belongs.
 */
const STAGES: readonly (readonly string[])[] = [
  // 0. vocabulary every stage uses: the work counter, normalisation, phrases, keywords, list splitting
  [
    'work',
    'hant',
    'normalize',
    'sentences',
    'phrases',
    'keywords',
    'own-clause',
    'lists',
    'no-answer',
    'examples',
    'doubt',
    'readable',
  ],
  // 1. segment: tokens with a shape of their own, then clauses cut at keywords
  ['tokens', 'segments'],
  // 2. read by shape: one reader per value shape
  ['read-input', 'read-text', 'read-lists', 'read-accounts', 'readers', 'whitelist'],
  // 3. resolve: one pass over the message, merging readings, and what the reply means besides values
  // (gate: a learned check over the whole reply, run after the rules)
  ['merge', 'pass', 'edits', 'outcome', 'waiting', 'gate'],
];

it('src/checklist/parse imports only earlier or same pipeline stages', () => {
  const PARSE = join(ROOT, 'parse');
  const stageOf = new Map(STAGES.flatMap((names, stage) => names.map((n) => [join(PARSE, `${n}.ts`), stage] as const)));
  const files = sources(PARSE);
  expect(files.filter((f) => !stageOf.has(f)).map((f) => f.slice(PARSE.length + 1))).toEqual([]);
  const backwards = files.flatMap((file) =>
    importsOf(file)
      .filter((dep) => dep.startsWith(PARSE) && (stageOf.get(dep) ?? -1) > (stageOf.get(file) ?? -1))
      .map((dep) => `${file.slice(PARSE.length + 1)} → ${dep.slice(PARSE.length + 1)}`),
  );
  expect(backwards).toEqual([]);
});
