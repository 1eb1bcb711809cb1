#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine too — setup (apt packages, code-server), build, type
# check, unit + integration tests (mocha), then the E2E suite in real VS Code. The last line printed
# is the E2E runner's `E2E: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step 'setup';                          bash scripts/setup.sh
step 'build (node esbuild.mjs)';       node esbuild.mjs
step 'type check (tsc --noEmit)';      npx tsc -p tsconfig.json --noEmit
step 'lint';                           node scripts/lint.mjs
step 'unit, browser, integration (mocha)';     npx mocha
step 'E2E (code-server + Chromium)';   BMAD_E2E_SKIP_BUILD=1 node test/e2e/run.mjs
