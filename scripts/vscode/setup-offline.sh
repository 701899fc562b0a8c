#!/usr/bin/env bash
# Installs what test/vscode/run-offline.mjs needs to run the extension's test suite in a
# real VS Code on a machine that reaches only the npm registry and Debian's mirror
# (see shared spec "offline-vscode"):
#   - Debian packages: native-module build deps, ripgrep, chromium
#   - code-server@4.100.3 (its lib/vscode is VS Code 1.100.3) and playwright-core,
#     in a cache folder OUTSIDE the extension's node_modules.
# Idempotent: a marker file in the cache folder records a finished install.
#
# Env:
#   XXGK_VSCODE_CACHE   cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/xxgk-report-vscode)
#   XXGK_SKIP_APT=1     do not touch apt (the packages must already be there)
#   XXGK_SETUP_SCREENSHOT=1  also install a CJK font and pngquant (for screenshots)
# Prints the cache folder as its last line on stdout.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
RG_PKG_VERSION=1.15.11              # @vscode/ripgrep inside code-server
RG_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
APT_PACKAGES=(libkrb5-dev pkg-config libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium)
# A CJK font and pngquant, only needed for screenshots (scripts/vscode/screenshot.mjs sets XXGK_SETUP_SCREENSHOT=1).
if [ "${XXGK_SETUP_SCREENSHOT:-}" = 1 ]; then APT_PACKAGES+=(fonts-wqy-microhei pngquant); fi

CACHE="${XXGK_VSCODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/xxgk-report-vscode}"
MARKER="$CACHE/.setup-done"
WANT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION v1"

log() { echo "[setup-offline] $*" >&2; }

mkdir -p "$CACHE"
# One installer at a time (two test runs started together must not both npm install).
exec 9>"$CACHE/.lock"
if command -v flock >/dev/null; then flock -w 1800 9; fi

apt_missing() {
  local p missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

installed_ok() {
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] \
    && [ -f "$CACHE/node_modules/code-server/lib/vscode/out/server-main.js" ] \
    && [ -f "$CACHE/node_modules/playwright-core/package.json" ] \
    && [ -x /usr/bin/chromium ]
}

# 1. Debian packages
missing="$(apt_missing)"
if [ -n "$missing" ]; then
  if [ "${XXGK_SKIP_APT:-}" = 1 ]; then
    log "missing Debian packages: $missing (XXGK_SKIP_APT=1 set)"; exit 1
  fi
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi
  log "apt-get install $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt_log="$CACHE/apt.log"
  # shellcheck disable=SC2086
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $missing; } </dev/null >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    log "apt-get failed (full log: $apt_log)"
    exit 1
  fi
fi

if installed_ok; then
  log "already set up in $CACHE"
  echo "$CACHE"
  exit 0
fi

# 2. The ripgrep trick: @vscode/ripgrep's postinstall looks for a cached tarball in
#    os.tmpdir() before it tries to download rg from GitHub. Give it Debian's rg.
T="$(node -p 'require("os").tmpdir()')"
RG_CACHE="$T/vscode-ripgrep-cache-$RG_PKG_VERSION"
if [ ! -s "$RG_CACHE/$RG_TARBALL" ]; then
  log "caching Debian's rg as $RG_CACHE/$RG_TARBALL"
  tmp_rg="$(mktemp -d)"
  cp "$(command -v rg)" "$tmp_rg/rg"
  mkdir -p "$RG_CACHE"
  tar czf "$RG_CACHE/$RG_TARBALL" -C "$tmp_rg" rg
  rm -rf "$tmp_rg"
fi

# 3. code-server + playwright-core in the cache folder
log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION in $CACHE (a few minutes)"
rm -f "$MARKER"
cat > "$CACHE/package.json" <<JSON
{
  "name": "xxgk-report-vscode-cache",
  "private": true,
  "description": "VS Code (inside code-server) and playwright-core for xxgk-report's offline editor tests",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION"
  }
}
JSON
(
  cd "$CACHE"
  export npm_config_yes=true npm_config_unsafe_perm=true CI=true
  npm install --no-audit --no-fund --loglevel=error </dev/null >&2
)
[ -f "$CACHE/node_modules/code-server/lib/vscode/out/server-main.js" ] \
  || { log "code-server install did not produce lib/vscode/out/server-main.js"; exit 1; }
echo "$WANT" > "$MARKER"
log "done: $CACHE"
echo "$CACHE"
