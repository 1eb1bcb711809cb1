// The architecture's rules as data (ARCHITECTURE.md, "Dependency direction" and "Conventions"), and
// the check of one reference against them. Each list below is the one place its fact is written.
import { builtinModules } from 'node:module';

/** The folders of product code, each with its own rules; test/, bench/, examples/ are not linted. */
export const FOLDERS = ['core', 'extension', 'webview', 'runner', 'pipelines'];

/**
 * Which other folders each folder may import. extension → runner uses the engine as a library;
 * runner and pipelines share only core's contract (core/contract.ts, core/previewParams.ts): the
 * runner starts pipelines as programs and never imports them, and pipelines never import the runner.
 */
export const MAY_IMPORT = {
  core: [],
  extension: ['core', 'runner'],
  webview: ['core'],
  runner: ['core'],
  pipelines: ['core'],
};

/** Packages core may import: it runs unchanged in the webview, the extension host and the runner. */
export const CORE_PACKAGES = ['zod', 'yjs', 'jsonc-parser'];

/** Packages the webview may import: it runs in a browser, and whatever core uses comes along. */
export const WEBVIEW_PACKAGES = [
  ...CORE_PACKAGES, 'react', 'react-dom', '@xyflow/react', '@vscode-elements/elements',
  '@vscode-elements/react-elements', 'flatbush', 'y-protocols', 'lib0',
];

/** UI packages: only the webview draws, so the runner and the pipelines never import them. */
export const UI_PACKAGES = [
  'react', 'react-dom', '@xyflow/react', '@xyflow/system', '@vscode-elements/elements', '@vscode-elements/react-elements',
];

/** Folders that do not ship in the extension, so product code must not import them. */
export const NOT_SHIPPED = ['test', 'bench', 'examples', 'scripts'];

/** A source file longer than this is several modules: split it (STYLE.md, most stay under ~200). */
export const MAX_LINES = 300;

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** `node:fs`, `fs`, `fs/promises` (and `node`, as in `/// <reference types="node" />`). @param {string} spec */
export const isBuiltin = (spec) => spec === 'node' || spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`. @param {string} spec */
export const packageOf = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/**
 * The one file that imports every pipelines/**\/manifest.json (data, not code): the runner's registry
 * bundles them so dist/ needs no file beside it. The lint checks it lists every one on disk.
 */
export const MANIFEST_INDEX = 'runner/pipelines/manifests.ts';

/** A pipeline's manifest: the runner may import it (it is data), and nothing else of pipelines/. @param {string} spec */
const isManifest = (spec) => /(^|\/)manifest\.json$/.test(spec);

/**
 * What is wrong with one reference, if anything.
 * @param {{ folder: string, spec: string, target: string | null, declared: Set<string> }} r
 *   target: the top-level folder a relative specifier resolves to ('..' when it leaves the
 *   repository, '' for a file at the root), null for a bare specifier
 * @returns {string[]}
 */
export function check({ folder, spec, target, declared }) {
  if (target === 'pipelines' && folder === 'runner' && isManifest(spec)) return [];
  if (target !== null) return checkFolder(folder, target);
  if (spec === 'vscode') return folder === 'extension' ? [] : ['only extension/ imports vscode'];
  if (isBuiltin(spec)) {
    if (folder === 'core') return [`core/ is pure: no Node built-in ("${spec}")`];
    if (folder === 'webview') return [`webview/ runs in a browser: no Node built-in ("${spec}")`];
    return [];
  }
  const pkg = packageOf(spec);
  const problems = [];
  if (!declared.has(pkg)) problems.push(`"${pkg}" is not a dependency in package.json`);
  if (folder === 'core' && !CORE_PACKAGES.includes(pkg)) {
    problems.push(`core/ imports only ${CORE_PACKAGES.join(', ')}, not "${pkg}"`);
  }
  if (folder === 'webview' && !WEBVIEW_PACKAGES.includes(pkg)) {
    problems.push(`webview/ imports only the browser packages in scripts/lint/rules.mjs, not "${pkg}"`);
  }
  if ((folder === 'runner' || folder === 'pipelines') && UI_PACKAGES.includes(pkg)) {
    problems.push(`${folder}/ never imports UI packages ("${pkg}")`);
  }
  return problems;
}

/** @param {string} folder @param {string} target */
function checkFolder(folder, target) {
  if (target === folder || target === '') return [];
  if (target === '..') return ['imports a file outside the repository'];
  if (NOT_SHIPPED.includes(target)) {
    return [`${target}/ does not ship with the extension: product code must not import it`];
  }
  if (!FOLDERS.includes(target)) return [];
  if (MAY_IMPORT[folder].includes(target)) return [];
  if (target === 'extension' || target === 'webview') return [`nothing outside ${target}/ imports it (from ${folder}/)`];
  return [`${folder}/ must not import ${target}/ (${allowed(folder)})`];
}

/** @param {string} folder */
function allowed(folder) {
  const may = MAY_IMPORT[folder];
  return may.length ? `it may import ${may.map((f) => `${f}/`).join(', ')}` : 'it imports no other folder';
}
