// `npm run lint` run for real (node scripts/lint.mjs <root>) on a crafted repository: each rule must
// fire at the right file:line:col, and nothing else may; a clean tree passes; an empty one fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LINT = path.resolve(__dirname, '../../scripts/lint.mjs');

/** A line of a crafted file and the problem the lint must report on it (none: it must stay quiet). */
type Line = readonly [text: string, problem?: RegExp, at?: string];

const FILES: Record<string, readonly Line[]> = {
  'core/pure.ts': [
    ['/// <reference types="node" />', /core\/ is pure: no Node built-in \("node"\)/, 'node"'],
    ["import { z } from 'zod';"],
    ["import type { FC } from 'react';", /core\/ imports only zod, yjs, jsonc-parser, not "react"/],
    ["import fs from 'fs';", /core\/ is pure: no Node built-in \("fs"\)/],
    ["export { plan } from '../runner/plan';", /core\/ must not import runner\/ \(it imports no other folder\)/],
    ["export const load = () => import('node:path');", /core\/ is pure: no Node built-in \("node:path"\)/, "import('node:path')"],
    ['export let loose: any = z;', /no `any` in core/, 'any'],
    ["// import vscode from 'vscode' in a comment is not an import"],
    ["export const text = \"import x from 'vscode'\";"],
    ["import '../../outside';", /imports a file outside the repository/],
    ['import {'],
    ['  useState,'],
    ["} from 'react';", /core\/ imports only zod, yjs, jsonc-parser, not "react"/, '@11'],
  ],
  'core/ok.ts': [["import * as Y from 'yjs';"], ["import { z } from './pure';"], ['export const ok = [Y, z];']],
  'webview/view.tsx': [
    ["import React from 'react';"],
    ["import { plan } from '../runner/plan';", /webview\/ must not import runner\/ \(it may import core\/\)/],
    ["import type { Job } from '../pipelines/job';", /webview\/ must not import pipelines\//],
    ["import path from 'path';", /webview\/ runs in a browser: no Node built-in \("path"\)/],
    ["const git = require('simple-git');", /webview\/ imports only the browser packages .*"simple-git"/, "require('simple-git')"],
    ["import { api } from '../extension/ext';", /nothing outside extension\/ imports it \(from webview\/\)/],
    ["import { z } from '../core/ok';"],
    ['export const View = () => <div>{String([React, plan, path, git, api, z])}</div>;'],
  ],
  'runner/run.ts': [
    ["import * as vscode from 'vscode';", /only extension\/ imports vscode/],
    ["import { useState } from 'react';", /runner\/ never imports UI packages \("react"\)/],
    ["export * from '../webview/view';", /nothing outside webview\/ imports it \(from runner\/\)/],
    ["import type { Job } from '../pipelines/job';", /runner\/ must not import pipelines\//],
    ["import fs from 'node:fs';"],
    ["import { fixture } from '../test/fixture';", /test\/ does not ship with the extension/],
    ["export const plan = [vscode, useState, fs, fixture];"],
  ],
  'pipelines/job.ts': [
    ["import { plan } from '../runner/run';", /pipelines\/ must not import runner\//],
    ["export type Vs = typeof import('vscode');", /only extension\/ imports vscode/, "typeof import('vscode')"],
    ["import api = require('../extension/ext');", /nothing outside extension\/ imports it \(from pipelines\/\)/],
    ["const name = 'zod'; export const zod = require(name);", /a computed module name/, 'require(name)'],
    ["import { ReactFlow } from '@xyflow/react';", /pipelines\/ never imports UI packages \("@xyflow\/react"\)/],
    ["import pad from 'left-pad/index.js';", /"left-pad" is not a dependency in package.json/],
    ["export const font = require.resolve(`@fontsource/dejavu-sans/files/${name}`);"],
    ['export const all = [plan, api, ReactFlow, pad];'],
  ],
  'extension/ext.ts': [
    ["import * as vscode from 'vscode';"],
    ["import { plan } from '../runner/run';"],
    ["import { View } from '../webview/view';", /nothing outside webview\/ imports it \(from extension\/\)/],
    ["import { spawn } from 'child_process';"],
    ["import { zod } from '../pipelines/job';", /extension\/ must not import pipelines\/ \(it may import core\/, runner\/\)/],
    ["import elk from 'elkjs/lib/elk.bundled.js';"],
    ['export const api = [vscode, plan, View, spawn, zod, elk];'],
  ],
};

const PACKAGE = {
  name: 'crafted',
  dependencies: { '@fontsource/dejavu-sans': '1' },
  devDependencies: { zod: '1', yjs: '1', react: '1', '@xyflow/react': '1', 'simple-git': '1', elkjs: '1' },
};

function writeTree(root: string, files: Record<string, readonly Line[]>): void {
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(PACKAGE));
  for (const [rel, lines] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), lines.map(([text]) => text).join('\n') + '\n');
  }
}

/** `file:line:col` of each problem the table expects; `at` names the column by a marker or `@line`. */
function expected(files: Record<string, readonly Line[]>): Map<string, RegExp> {
  const out = new Map<string, RegExp>();
  for (const [rel, lines] of Object.entries(files)) {
    lines.forEach(([text, problem, at], i) => {
      if (!problem) return;
      const line = at?.startsWith('@') ? Number(at.slice(1)) : i + 1;
      const col = at && !at.startsWith('@') ? text.indexOf(at) + 1 : 1;
      out.set(`${rel}:${line}:${col}`, problem);
    });
  }
  return out;
}

function lint(root: string): { status: number | null; problems: string[]; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LINT, root], { encoding: 'utf8' });
  const problems = r.stderr.split('\n').filter((l) => /^[\w/.-]+:\d+:\d+: /.test(l));
  return { status: r.status, problems, stdout: r.stdout, stderr: r.stderr };
}

describe('lint (scripts/lint.mjs on a crafted repository)', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-lint-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reports every broken rule at its file:line:col, and nothing on the lines that keep them', () => {
    writeTree(root, FILES);
    const r = lint(root);
    assert.equal(r.status, 1, r.stderr);
    const want = expected(FILES);
    const got = new Map(r.problems.map((p) => [p.slice(0, p.indexOf(': ')), p.slice(p.indexOf(': ') + 2)]));
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort(), `problems reported:\n${r.problems.join('\n')}`);
    for (const [where, message] of want) assert.match(got.get(where)!, message, where);
    assert.match(r.stderr, new RegExp(`lint: ${want.size} problem\\(s\\) in 6 files`));
  });

  it('reports a file too long to be one module', () => {
    writeTree(root, { 'runner/long.ts': Array.from({ length: 301 }, (_, i): Line => [`export const v${i} = ${i};`]) });
    const r = lint(root);
    assert.equal(r.status, 1);
    assert.deepEqual(r.problems, ['runner/long.ts:301:1: 301 lines; split it (at most 300)']);
  });

  it('passes a tree that keeps every rule', () => {
    const keep = (lines: readonly Line[]) => lines.filter(([, problem]) => !problem);
    const clean = Object.fromEntries(Object.entries(FILES).map(([rel, lines]) => [rel, keep(lines)]));
    // The multi-line import loses its last line with the problem; drop its other lines too.
    clean['core/pure.ts'] = clean['core/pure.ts']!.filter(([t]) => t !== 'import {' && t !== '  useState,');
    clean['webview/view.tsx'] = [
      ["import React from 'react';"], ["import { z } from '../core/ok';"], ['export const v = [React, z];'],
    ];
    clean['runner/run.ts'] = [["import fs from 'node:fs';"], ['export const plan = fs;']];
    writeTree(root, clean);
    const r = lint(root);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /lint: 6 files follow the architecture/);
  });

  it("names a pipeline manifest the registry's index does not import; the runner may import manifests and nothing else of pipelines/", () => {
    writeTree(root, {
      'runner/pipelines/manifests.ts': [["import a from '../../pipelines/preview/a/manifest.json';"], ['export const all = [a];']],
      'runner/peek.ts': [["import { job } from '../pipelines/preview/job';", /runner\/ must not import pipelines\//], ['export const p = job;']],
      'pipelines/preview/job.ts': [['export const job = 1;']],
    });
    for (const m of ['pipelines/preview/a/manifest.json', 'pipelines/image/low/manifest.json']) {
      fs.mkdirSync(path.join(root, path.dirname(m)), { recursive: true });
      fs.writeFileSync(path.join(root, m), '{}\n');
    }
    const r = lint(root);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(r.problems.sort(), [
      'pipelines/image/low/manifest.json:1:1: not in runner/pipelines/manifests.ts: import it there so the registry loads it',
      "runner/peek.ts:1:1: runner/ must not import pipelines/ (it may import core/)",
    ]);
  });

  it('fails when it finds nothing to check, rather than passing', () => {
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(PACKAGE));
    const r = lint(root);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /lint: no source files in core, extension, webview, runner, pipelines/);
  });
});
