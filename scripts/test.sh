#!/usr/bin/env bash
# The README's test command: installs what is missing, then typechecks and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run typecheck
npm run lint
npx vitest run
