// Checks the dependency direction the architecture promises (ARCHITECTURE.md, "Layout"):
//   core imports only zod, yjs and jsonc-parser and nothing from the other folders; only extension/ imports vscode;
//   nothing imports extension/ or webview/ from outside them; runner/ and pipelines/ stay Node-only.
// Also flags `any` in core code (comments aside). Exit 1 with file:line per problem.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FOLDERS = ['core', 'extension', 'webview', 'runner', 'pipelines'];
// Pure, browser-safe packages: core runs in the webview, the extension host and the runner alike.
const CORE_PACKAGES = ['zod', 'yjs', 'jsonc-parser'];
const problems = [];

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mts|mjs)$/.test(e.name)) yield p;
  }
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:^|[^.\w])(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g;

for (const folder of FOLDERS) {
  for (const file of files(path.join(ROOT, folder))) {
    const rel = path.relative(ROOT, file);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const m of line.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        const where = `${rel}:${i + 1}`;
        const target = spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep)[0] : null;
        if (spec === 'vscode' && folder !== 'extension') problems.push(`${where}: only extension/ may import vscode`);
        if (target && target !== folder && (target === 'extension' || target === 'webview')) problems.push(`${where}: nothing outside ${target}/ may import it`);
        if (folder === 'core') {
          if (target && target !== 'core') problems.push(`${where}: core/ must not import ${target}/`);
          if (!target && !CORE_PACKAGES.some((p) => spec === p || spec.startsWith(p + '/'))) problems.push(`${where}: core/ imports only ${CORE_PACKAGES.join(', ')}, not "${spec}"`);
        }
        if ((folder === 'runner' || folder === 'pipelines') && /^(react|react-dom|@xyflow\/)/.test(spec)) problems.push(`${where}: ${folder}/ must not import UI packages`);
      }
      if (folder === 'core' && !/^\s*(\*|\/\/)/.test(line) && /:\s*any\b|<any>|as any\b/.test(line)) problems.push(`${rel}:${i + 1}: no \`any\` in core`);
    });
  }
}

if (problems.length) {
  for (const p of problems) console.error(p);
  console.error(`lint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint: dependency direction ok');
