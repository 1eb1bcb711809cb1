#!/usr/bin/env bash
# `npm run studio`: the studio as a person uses it — a VS Code window (code-server on 127.0.0.1) with
# this extension installed, on a film project in .tools/example-film (made from examples/ the first
# time, then kept, so work done in it survives). Runs in the foreground until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node esbuild.mjs
exec node scripts/studio.mjs "$@"
