#!/usr/bin/env bash
# `npm start`: build, then render the example film on the embedded CPU backend at low tier.
# The example is rendered in a working copy under .tools/ (git-ignored) so the repository stays clean;
# `npm run studio` opens the same copy. A second run finds everything cached and runs no job.
set -euo pipefail
cd "$(dirname "$0")/.."

EXAMPLE=examples/last-light-at-gull-point
PROJECT=.tools/example-film

node esbuild.mjs
if [ ! -f "$PROJECT/project.json" ]; then
  mkdir -p "$(dirname "$PROJECT")"
  cp -R "$EXAMPLE" "$PROJECT"
  echo "example project copied to $PROJECT"
fi
(cd "$PROJECT" && node ../../dist/cli.js render 02_Source_Creative/main.bmad --tier low --fallback preview)
echo
echo "The film: $(pwd)/$PROJECT/03_Renders/main/"
ls -1 "$PROJECT/03_Renders/main/" 2>/dev/null | grep -E '\.(mp4|png|srt)$' | sed 's/^/  /' || true
