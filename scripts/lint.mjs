// `npm run lint`: checks that the code keeps the architecture's promises (ARCHITECTURE.md): the
// dependency direction between core/, extension/, webview/, runner/ and pipelines/ (rules in
// scripts/lint/rules.mjs), no `any` in core, no product code importing what does not ship, and
// small files. Prints `file:line:col: message` per problem and exits 1.
//
//   node scripts/lint.mjs [root]     root: the repository to check (default: this one)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse, references } from './lint/references.mjs';
import { check, FOLDERS, MANIFEST_INDEX, MAX_LINES } from './lint/rules.mjs';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

/** @param {string} dir @returns {Generator<string>} */
function* sources(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

function declaredPackages() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
}

/** The top-level folder a relative specifier lands in: '' for a root file, '..' outside the root. */
function targetFolder(/** @type {string} */ file, /** @type {string} */ spec) {
  const rel = path.relative(root, path.resolve(path.dirname(file), spec));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return '..';
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

/** `any` written in core's code (comments aside): core is the typed contract everything shares. */
function anyIn(/** @type {ts.SourceFile} */ sf) {
  /** @type {number[]} */
  const at = [];
  const visit = (/** @type {ts.Node} */ n) => {
    if (n.kind === ts.SyntaxKind.AnyKeyword) at.push(n.getStart(sf));
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return at.map((pos) => sf.getLineAndCharacterOfPosition(pos));
}

const declared = declaredPackages();
const problems = [];
let count = 0;
for (const folder of FOLDERS) {
  for (const file of sources(path.join(root, folder))) {
    count++;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const text = fs.readFileSync(file, 'utf8');
    const sf = parse(file, text);
    for (const ref of references(sf)) {
      const where = `${rel}:${ref.line}:${ref.col}`;
      if (ref.spec === undefined) {
        problems.push(`${where}: a computed module name hides the dependency from this check; name it literally`);
        continue;
      }
      const target = ref.spec.startsWith('.') ? targetFolder(file, ref.spec) : null;
      for (const m of check({ folder, spec: ref.spec, target, declared })) problems.push(`${where}: ${m}`);
    }
    if (folder === 'core') {
      for (const p of anyIn(sf)) problems.push(`${rel}:${p.line + 1}:${p.character + 1}: no \`any\` in core`);
    }
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_LINES) problems.push(`${rel}:${MAX_LINES + 1}:1: ${lines} lines; split it (at most ${MAX_LINES})`);
  }
}

/** @param {string} dir @returns {Generator<string>} */
function* manifests(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') yield* manifests(p);
    else if (e.name === 'manifest.json') yield path.relative(root, p).split(path.sep).join('/');
  }
}

// The pipeline registry knows only the manifests its index imports: one left out would never run.
const indexFile = path.join(root, MANIFEST_INDEX);
const indexed = new Set();
if (fs.existsSync(indexFile)) {
  const sf = parse(indexFile, fs.readFileSync(indexFile, 'utf8'));
  for (const ref of references(sf)) if (ref.spec) indexed.add(path.relative(root, path.resolve(path.dirname(indexFile), ref.spec)).split(path.sep).join('/'));
}
for (const m of manifests(path.join(root, 'pipelines'))) {
  if (!indexed.has(m)) problems.push(`${m}:1:1: not in ${MANIFEST_INDEX}: import it there so the registry loads it`);
}

if (count === 0) {
  console.error(`lint: no source files in ${FOLDERS.join(', ')} under ${root}`);
  process.exit(1);
}
if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`lint: ${problems.length} problem(s) in ${count} files`);
  process.exit(1);
}
console.log(`lint: ${count} files follow the architecture`);
