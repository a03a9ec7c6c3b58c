#!/usr/bin/env bash
# Installs what gateproof's demo and tests need on a fresh machine: npm packages, Debian chromium (HTML
# report tests), and k6 built from the Go module proxy into .cache/k6 (pinned in package.json).
# Usage: scripts/setup.sh [--no-browser] [--no-k6]
set -euo pipefail
cd "$(dirname "$0")/.."
export K6_NO_USAGE_REPORT=true PACT_DO_NOT_TRACK=true

want_browser=1 want_k6=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) want_browser=0 ;;
    --no-k6) want_k6=0 ;;
  esac
done

if [ ! -d node_modules/@pact-foundation/pact ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  echo "setup: installing Debian chromium (HTML report tests)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ "$want_k6" = 1 ]; then
  node bin/run-ts.js src/load/ensure-k6-cli.ts
fi
