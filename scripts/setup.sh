#!/usr/bin/env bash
# Installs what gateproof's demo and tests need on a fresh machine: npm packages, Debian chromium (HTML
# report tests) and nginx with its njs module (the generality test's second gateway), and k6 (pinned in package.json) through
# `gateproof setup`: built once from the Go module proxy into the user-level cache a team's `npx gateproof
# setup` fills too (~/.cache/gateproof, or GATEPROOF_CACHE_DIR), which survives `npm ci`.
# Usage: scripts/setup.sh [--no-browser] [--no-k6]   (--no-browser: the demo needs neither chromium nor nginx)
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

missing=()
if [ "$want_browser" = 1 ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_js_module.so ] || missing+=(libnginx-mod-http-js)
  [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "$want_k6" = 1 ]; then
  node bin/gateproof.js setup >/dev/null
fi
