#!/usr/bin/env bash
# Installs what the tests and the studio need on a fresh machine. Idempotent: every step first checks
# whether its result is already there, so a warm run takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3      # exact: later code-server releases need a newer Node than 20
CODE_SERVER_DIR=.tools/code-server
APT_PACKAGES=(git git-lfs chromium ripgrep libkrb5-dev ffmpeg python3 docker.io debootstrap openssh-server busybox-static)

say() { printf 'setup: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    say "missing Debian packages: ${missing[*]} (run as root, or install them yourself)"; exit 1
  fi
  say "installing ${missing[*]} (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
say "apt packages ok (${APT_PACKAGES[*]})"

# --- git defaults (tests make commits) ---------------------------------------------------------------
git lfs install --skip-repo >/dev/null
git config --global user.name  >/dev/null || git config --global user.name  'BMAD Developer'
git config --global user.email >/dev/null || git config --global user.email 'bmad@localhost'
say "git $(git --version | cut -d' ' -f3), $(git lfs version | cut -d' ' -f1)"

# --- code-server (real VS Code in a browser, for the E2E tests and `npm run studio`) ------------------
marker="$CODE_SERVER_DIR/.installed-$CODE_SERVER_VERSION"
if [[ ! -f $marker || ! -x $CODE_SERVER_DIR/node_modules/.bin/code-server ]]; then
  say "installing code-server@$CODE_SERVER_VERSION into $CODE_SERVER_DIR (a few minutes)…"
  # Its postinstall downloads ripgrep from the internet, which this machine cannot reach; the
  # downloader looks in this cache first, so hand it Debian's rg packed the way it expects.
  rg_cache=/tmp/vscode-ripgrep-cache-1.15.11
  rg_tar=$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
  if [[ ! -f $rg_tar ]]; then
    mkdir -p "$rg_cache"; d=$(mktemp -d); cp "$(command -v rg)" "$d/"
    tar czf "$rg_tar" -C "$d" rg; rm -rf "$d"
  fi
  rm -rf "$CODE_SERVER_DIR"; mkdir -p "$CODE_SERVER_DIR"
  log=$(mktemp)
  # JOBS=max: node-gyp compiles its native modules with one make job per core.
  if ! JOBS=max npm_config_yes=true npm install --prefix "$CODE_SERVER_DIR" --unsafe-perm --save-exact \
      --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >"$log" 2>&1; then
    tail -n 40 "$log"; say "code-server install failed (full log: $log)"; exit 1
  fi
  rm -f "$log"
  touch "$marker"
fi
say "code-server $CODE_SERVER_VERSION ok ($CODE_SERVER_DIR/node_modules/.bin/code-server)"

# --- ComfyUI (CPU, no weights) for the ComfyUI target's tests, from ../shared/vendor/comfyui -----------
# Its setup.sh installs its own Debian packages and is idempotent (a second run only checks).
comfy_vendor=../shared/vendor/comfyui
if [[ ! -f $comfy_vendor/setup.sh ]]; then
  say "missing $comfy_vendor/setup.sh (../shared next to the repository): the ComfyUI tests cannot run"; exit 1
fi
sh "$comfy_vendor/setup.sh" "$HOME/.cache/bmad-test/comfyui" >/dev/null
say "ComfyUI ok ($HOME/.cache/bmad-test/comfyui)"
