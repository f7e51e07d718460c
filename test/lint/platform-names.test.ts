/**
 * The core knows no platform by name (docs/architecture.md, "Adapters own their platform"): no
 * identifier, string, template or regular expression in src/ names Slack, WeCom, 微信客服 (`kf`) or
 * Feishu — outside src/i18n (user-facing copy) and src/main.ts (the composition root, which lists
 * the adapters). Comments may name them (a doc example, the platform quirk a port exists for).
 * The scan reads the TypeScript syntax tree, so a comment never counts and a string always does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

const SRC = join(PROJECT_ROOT, 'src');
const ALLOWED = [join(SRC, 'i18n'), join(SRC, 'main.ts')];

/** Platform names, matched case-insensitively anywhere in a name or a string. */
const NAMES = ['slack', 'wecom', 'feishu', '微信客服'];
/** `kf` as a word of its own (`kfScene`, `wecom_kf`, `'kf'`), not inside another (`checkFile`). */
const WORDS = ['kf'];

/** The words of a name or a string: camelCase and snake_case split, lower-cased. */
function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase());
}

/** Where `text` names a platform, if it does. */
export function platformNamed(text: string): string | undefined {
  const lower = text.toLowerCase();
  return NAMES.find((n) => lower.includes(n)) ?? WORDS.find((w) => wordsOf(text).includes(w));
}

const CHECKED = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.PrivateIdentifier,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

/** Every platform name in a source file's code (never its comments), as `file:line name "text"`. */
export function platformNamesIn(file: string, source: string): string[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (CHECKED.has(node.kind)) {
      const text = node.getText(tree);
      const name = platformNamed(text);
      if (name) {
        const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
        found.push(`${relative(PROJECT_ROOT, file)}:${line} ${name} ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // test/lint/core-imports.test.ts writes short-lived `lint-probe-*.ts` files naming SDKs into src/.
    if (ALLOWED.includes(path) || entry.name.startsWith('lint-probe-')) return [];
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('platform names in the core', () => {
  it('src/ names no platform outside src/i18n and src/main.ts (comments aside)', () => {
    const found = sourceFiles(SRC).flatMap((file) => platformNamesIn(file, readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check fails on a name, a string, a template or a pattern, and reads no comment', () => {
    const probe = join(SRC, 'probe.ts');
    expect(platformNamesIn(probe, 'const wecomKf = 1;')).toHaveLength(1);
    expect(platformNamesIn(probe, "const x = 'Slack';")).toHaveLength(1);
    expect(platformNamesIn(probe, 'const x = `${a}:feishu`;')).toHaveLength(1);
    expect(platformNamesIn(probe, "const p = 'kf';")).toHaveLength(1);
    expect(platformNamesIn(probe, 'const kfScene = 1;')).toHaveLength(1);
    expect(platformNamesIn(probe, "const t = '微信客服';")).toHaveLength(1);
    expect(platformNamesIn(probe, 'const r = /^(slack|local):/;')).toHaveLength(1);
    expect(platformNamesIn(probe, '// slack:U1, wecom:zhang, kf\n/** 微信客服 */ const x = 1;')).toEqual([]);
    expect(platformNamesIn(probe, 'const checkFile = askFor;')).toEqual([]);
  });
});
