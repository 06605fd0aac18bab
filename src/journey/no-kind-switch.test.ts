import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeKinds } from './nodes';

/**
 * One node kind = one module: code outside the registry asks a kind's definition (getNodeKind(kind).x)
 * instead of naming kinds. This test reads every source file under src/ and fails on a node kind named
 * in code: a comparison (`kind === 'split.ab'`, `case 'action.tag':`, `kind.startsWith('trigger.')`),
 * a map keyed by kind (`'wait.event': …`) or a spec (`kind: 'branch.event'`).
 *
 * Allowed: the registry itself — src/journey/nodes (one module per kind) and
 * src/components/canvas/inspector/kinds (one form module per kind) — and journey documents, which
 * name kinds as data: tests, test fixtures (src/test) and the example journeys (src/journey/examples).
 */
const root = join(__dirname, '..');
const allowed = ['journey/nodes/', 'components/canvas/inspector/kinds/', 'test/', 'journey/examples/'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Comments may name kinds (they explain); only code may not. */
const withoutComments = (code: string) => code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const dotted = nodeKinds.map((k) => k.kind).filter((k) => k.includes('.'));
const bare = nodeKinds.map((k) => k.kind).filter((k) => !k.includes('.'));
const families = [...new Set(dotted.map((k) => `${k.split('.')[0]}.`))];
const q = `['"\`]`;
const rules: { name: string; re: RegExp }[] = [
  // Any literal naming a dotted kind ('action.tag') or a family of them ('trigger.'): such names are only ever used to single a kind out.
  { name: 'kind literal', re: new RegExp(`${q}(?:${[...dotted, ...families].map(escape).join('|')})${q}`) },
  // A bare kind name ('end') is a common word: flag it only next to `kind` or as a `case` (a switch on other
  // `kind` fields — a crowd query's, a step's — is fine; a switch on a node kind has dotted cases, caught above).
  { name: 'kind comparison', re: new RegExp(`(?:kind\\s*(?:[!=]==?|:)|case)\\s*${q}(?:${bare.map(escape).join('|')})${q}`) },
];

function offences(file: string, code: string): string[] {
  const lines = withoutComments(code).split('\n');
  return lines.flatMap((line, i) => rules.filter((r) => r.re.test(line)).map((r) => `${file}:${i + 1} ${r.name}: ${line.trim().slice(0, 120)}`));
}

describe('no switch on node kind outside the registry', () => {
  it('finds no node kind named in code outside src/journey/nodes and inspector/kinds', () => {
    const files = sourceFiles(root).map((path) => ({ rel: relative(root, path).split('\\').join('/'), path }));
    expect(files.length).toBeGreaterThan(100);
    const found = files.filter((f) => !allowed.some((a) => f.rel.startsWith(a))).flatMap((f) => offences(f.rel, readFileSync(f.path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches each form of a kind test (the rules are not blind)', () => {
    const samples = [
      `if (node.kind === 'action.tag') add(node);`,
      `const x = n.kind !== "split.ab";`,
      `  case 'end':`,
      `  case 'wait.event':`,
      `const forms = { 'trigger.event': EventForm };`,
      `const spec = { kind: 'branch.event', rules: [] };`,
      `nodes.find((n) => n.kind.startsWith('trigger.'));`,
      `return target?.kind === 'end' ? 'drop' : 'onward';`,
    ];
    for (const sample of samples) expect(offences('sample.ts', sample), sample).toHaveLength(1);
    // Not kinds: other `kind` fields, and kind names in comments.
    for (const fine of [`if (s.kind === 'enter') x();`, `published.kind === 'ok'`, `// like 'wait.event' does`, `/** "action.tag" */`, `const end = 'end';`, 'switch (q.kind) {']) {
      expect(offences('sample.ts', fine), fine).toEqual([]);
    }
  });
});
