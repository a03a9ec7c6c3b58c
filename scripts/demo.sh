#!/usr/bin/env bash
# The README's demo command: installs what is missing, then runs the whole gate against the bundled local
# gateway (examples/). Extra arguments go to `gateproof demo`, e.g. --fault no-throttle or --skip-load.
set -euo pipefail
cd "$(dirname "$0")/.."
skip_k6=""
for arg in "$@"; do [ "$arg" = "--skip-load" ] && skip_k6="--no-k6"; done
bash scripts/setup.sh --no-browser $skip_k6
exec node bin/gateproof.js demo --config examples/gateproof.config.ts "$@"
