// Import-graph checks that ESLint's per-file rules cannot make: import cycles
// (they need the whole graph) and relative imports that leave their top-level
// folder (the per-folder layer rules in eslint.config.mjs match `@/folder/...`
// specifiers, so a `../../db/x` would slip past them).
//
// Used two ways:
//  - as the ESLint plugin `imports` (rules `imports/no-cycle` and
//    `imports/no-relative-escape`, wired in eslint.config.mjs), so `npm run lint`
//    and the lint step of `npm test` fail on a cycle;
//  - as a command, `node scripts/check-imports.mjs [root]`, which prints every
//    cycle and escape of the project at once and exits 1 when there is one.
//
// Paths are resolved by the TypeScript compiler with the project's tsconfig
// (so `@/` works). Only runtime edges count for cycles: `import type`, all-type
// named imports and `import('x').T` are erased by the compiler and cannot make
// one module wait for another. A dynamic `import()` does count: it is a
// dependency all the same, and hiding a cycle behind one is not a fix.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts)$/;

/**
 * The imports written in one file: `{ specifier, start, end, typeOnly }`, where
 * start/end are offsets of the specifier string in `text`.
 */
export function collectImports(fileName, text) {
  const kind = fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const add = (literal, typeOnly) => {
    if (literal && ts.isStringLiteralLike(literal)) {
      found.push({ specifier: literal.text, start: literal.getStart(source), end: literal.getEnd(), typeOnly });
    }
  };
  const allTypes = (elements) => elements.length > 0 && elements.every((e) => e.isTypeOnly);
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!clause.namedBindings && ts.isNamedImports(clause.namedBindings) && allTypes(clause.namedBindings.elements)));
      add(node.moduleSpecifier, typeOnly);
      return;
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const typeOnly = node.isTypeOnly || (!!node.exportClause && ts.isNamedExports(node.exportClause) && allTypes(node.exportClause.elements));
      add(node.moduleSpecifier, typeOnly);
      return;
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
      return;
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        add(node.arguments[0], false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Resolves specifiers the way `tsc` does for the project at `root`; null for packages and unknown paths. */
export function createResolver(root) {
  const configPath = path.join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  const options = read.config
    ? ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath).options
    : { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext };
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  return (specifier, fromFile) => {
    const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys, cache).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport) return null;
    const target = path.resolve(resolved.resolvedFileName);
    if (target.includes(`${path.sep}node_modules${path.sep}`) || target.endsWith('.d.ts')) return null;
    return target;
  };
}

function listSources(dir) {
  const out = [];
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Resolved imports of one file's text: `[{ ...import, target }]`, only those into the project. */
export function resolvedImports(file, text, resolve) {
  const edges = [];
  for (const imp of collectImports(file, text)) {
    const target = resolve(imp.specifier, file);
    if (target) edges.push({ ...imp, target });
  }
  return edges;
}

/** Map of every source file under `root/src` to its resolved imports. */
export function buildGraph(root, resolve = createResolver(root)) {
  const graph = new Map();
  for (const file of listSources(path.join(root, 'src'))) {
    graph.set(file, resolvedImports(file, fs.readFileSync(file, 'utf8'), resolve));
  }
  return graph;
}

/**
 * A shortest chain of runtime imports from `from` to `to` (both included), or
 * null. `override` replaces one file's edges (the text ESLint is linting).
 */
export function findPath(graph, from, to, override) {
  const edgesOf = (file) => (override && file === override.file ? override.edges : graph.get(file) ?? []);
  return breadthFirst(from, to, (file) => edgesOf(file).filter((edge) => !edge.typeOnly).map((edge) => edge.target));
}

/** The shortest chain of nodes from `from` to `to` (both included) following `next`, or null. */
function breadthFirst(from, to, next) {
  const previous = new Map([[from, null]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) {
      const chain = [];
      for (let at = to; at !== null; at = previous.get(at)) chain.unshift(at);
      return chain;
    }
    for (const target of next(node)) {
      if (previous.has(target)) continue;
      previous.set(target, node);
      queue.push(target);
    }
  }
  return null;
}

/** Every import cycle, one per strongly connected component (Tarjan), each as a closed chain of files. */
export function findCycles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  const strongConnect = (file) => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const edge of graph.get(file) ?? []) {
      if (edge.typeOnly) continue;
      if (!index.has(edge.target)) {
        strongConnect(edge.target);
        low.set(file, Math.min(low.get(file), low.get(edge.target)));
      } else if (onStack.has(edge.target)) {
        low.set(file, Math.min(low.get(file), index.get(edge.target)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfLoop = (graph.get(file) ?? []).some((e) => !e.typeOnly && e.target === file);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) strongConnect(file);
  // Print each component as one concrete loop through its first file.
  return components.map((component) => {
    const start = component[0];
    const inside = new Map([...graph].filter(([f]) => component.includes(f)));
    for (const edge of inside.get(start) ?? []) {
      if (edge.typeOnly || !component.includes(edge.target)) continue;
      const back = findPath(inside, edge.target, start);
      if (back) return [start, ...back];
    }
    return [start, start];
  });
}

/** The top-level folder of a file under src (`src/db/x.ts` → `db`), or the file name for files directly in src. */
export function topFolder(root, file) {
  return path.relative(path.join(root, 'src'), file).split(path.sep)[0];
}

/** Relative imports that leave their top-level folder under src: they must say `@/folder/...`. Files directly in src (entries such as instrumentation.ts) may use `./folder`. */
export function relativeEscapes(root, file, edges) {
  const from = topFolder(root, file);
  if (path.dirname(file) === path.join(root, 'src')) return [];
  return edges.filter((e) => e.specifier.startsWith('.') && topFolder(root, e.target) !== from);
}

/** Tests and their fixtures drive the whole stack: they are not part of the folders' dependency structure. */
export function isTestFile(root, file) {
  const r = rel(root, file);
  return /\.test\.tsx?$/.test(r) || r.startsWith('src/test/');
}

/**
 * Folder-level graph of runtime imports between top-level folders of src,
 * tests left out: `Map<from, Map<to, 'a.ts → b.ts'>>` (one example import per pair).
 */
export function folderGraph(root, graph) {
  const folders = new Map();
  for (const [file, edges] of graph) {
    if (isTestFile(root, file)) continue;
    const from = topFolder(root, file);
    for (const edge of edges) {
      const to = topFolder(root, edge.target);
      if (edge.typeOnly || to === from || isTestFile(root, edge.target)) continue;
      if (!folders.has(from)) folders.set(from, new Map());
      if (!folders.get(from).has(to)) folders.get(from).set(to, `${rel(root, file)} → ${rel(root, edge.target)}`);
    }
  }
  return folders;
}

/** A chain of folders from `from` to `to` with the import that makes each step, or null. */
export function folderPath(folders, from, to) {
  const chain = breadthFirst(from, to, (folder) => [...(folders.get(folder)?.keys() ?? [])]);
  // Each step is the import that leads from one folder to the next.
  return chain && chain.slice(1).map((folder, i) => folders.get(chain[i]).get(folder));
}

// ---------------------------------------------------------------------------
// ESLint plugin

const graphs = new Map();
/** One graph per lint process and root: linting a file replaces only that file's own edges. */
function graphFor(root) {
  let entry = graphs.get(root);
  if (!entry) {
    const resolve = createResolver(root);
    const graph = buildGraph(root, resolve);
    entry = { resolve, graph, folders: folderGraph(root, graph) };
    graphs.set(root, entry);
  }
  return entry;
}

const rel = (root, file) => path.relative(root, file).split(path.sep).join('/');

const noCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between the project\'s modules (runtime imports only).' },
    schema: [],
    messages: {
      cycle: 'Import cycle: {{chain}}. Move the shared code down a layer or pass it in as a parameter.',
      folderCycle: 'Folder cycle: src/{{from}} imports src/{{to}}, which imports src/{{from}} back ({{via}}). Move the shared code down a layer or pass it in as a parameter.',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.resolve(context.filename);
    if (!file.startsWith(path.join(root, 'src') + path.sep)) return {};
    return {
      Program() {
        const { resolve, graph, folders } = graphFor(root);
        const edges = resolvedImports(file, context.sourceCode.text, resolve);
        const override = { file, edges };
        const from = topFolder(root, file);
        for (const edge of edges) {
          if (edge.typeOnly) continue;
          const to = topFolder(root, edge.target);
          const back = to !== from && !isTestFile(root, file) && !isTestFile(root, edge.target) ? folderPath(folders, to, from) : null;
          if (back) {
            context.report({
              loc: { start: context.sourceCode.getLocFromIndex(edge.start), end: context.sourceCode.getLocFromIndex(edge.end) },
              messageId: 'folderCycle',
              data: { from, to, via: back.join(', ') },
            });
          }
          const loop = edge.target === file ? [file] : findPath(graph, edge.target, file, override);
          if (!loop) continue;
          context.report({
            loc: { start: context.sourceCode.getLocFromIndex(edge.start), end: context.sourceCode.getLocFromIndex(edge.end) },
            messageId: 'cycle',
            data: { chain: [file, ...loop].map((f) => rel(root, f)).join(' → ') },
          });
        }
      },
    };
  },
};

const noRelativeEscape = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports across top-level folders of src use `@/folder/...`, which the layer rules check.' },
    schema: [],
    messages: { escape: "Relative import '{{specifier}}' leaves src/{{from}}: write '@/{{target}}' so the layer rules apply." },
  },
  create(context) {
    const root = context.cwd;
    const file = path.resolve(context.filename);
    if (!file.startsWith(path.join(root, 'src') + path.sep)) return {};
    return {
      Program() {
        const { resolve } = graphFor(root);
        for (const edge of relativeEscapes(root, file, resolvedImports(file, context.sourceCode.text, resolve))) {
          context.report({
            loc: { start: context.sourceCode.getLocFromIndex(edge.start), end: context.sourceCode.getLocFromIndex(edge.end) },
            messageId: 'escape',
            data: {
              specifier: edge.specifier,
              from: topFolder(root, file),
              target: rel(path.join(root, 'src'), edge.target).replace(/(\/index)?\.(ts|tsx)$/, ''),
            },
          });
        }
      },
    };
  },
};

export const importsPlugin = { meta: { name: 'imports' }, rules: { 'no-cycle': noCycle, 'no-relative-escape': noRelativeEscape } };

/** Everything wrong with the project at `root`: `{ cycles: string[][], escapes: string[] }` (paths relative to root). */
export function checkProject(root) {
  const resolve = createResolver(root);
  const graph = buildGraph(root, resolve);
  const cycles = findCycles(graph).map((chain) => chain.map((f) => rel(root, f)));
  const folders = folderGraph(root, graph);
  const folderCycles = [];
  for (const [from, targets] of folders) {
    for (const to of targets.keys()) {
      const back = from < to ? folderPath(folders, to, from) : null;
      if (back) folderCycles.push(`src/${from} ⇄ src/${to}: ${targets.get(to)}; back: ${back.join(', ')}`);
    }
  }
  const escapes = [];
  for (const [file, edges] of graph) {
    for (const edge of relativeEscapes(root, file, edges)) escapes.push(`${rel(root, file)}: '${edge.specifier}'`);
  }
  return { cycles, folderCycles, escapes };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { cycles, folderCycles, escapes } = checkProject(root);
  for (const chain of cycles) console.log(`import cycle: ${chain.join(' → ')}`);
  for (const cycle of folderCycles) console.log(`folder cycle: ${cycle}`);
  for (const escape of escapes) console.log(`relative import leaves its folder: ${escape}`);
  console.log(`${cycles.length} import cycle(s), ${folderCycles.length} folder cycle(s), ${escapes.length} relative escape(s)`);
  process.exitCode = cycles.length + folderCycles.length + escapes.length > 0 ? 1 : 0;
}
