#!/usr/bin/env bash
# Sets up a fresh machine: the system packages the project needs (redis-server; with --test also
# Chromium for the browser tests), then the npm dependencies from the lock file, then the compiled
# JavaScript that `npm start` and the `release-bot` command run (`npm run build` → dist/).
# Usage: npm run setup            (to run the bot)
#        npm run setup:test       (to run the tests)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
if [ "${1:-}" = "--test" ] && [ ! -x /usr/bin/chromium ]; then packages+=(chromium); fi

if [ ${#packages[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing from Debian's packages: ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${packages[@]}" >/dev/null
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "Please install: ${packages[*]} (macOS: brew install redis; Chromium only for the browser tests)." >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
npm run build
