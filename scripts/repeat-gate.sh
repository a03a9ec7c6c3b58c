#!/usr/bin/env bash
# Runs the smoke gate against the clean local gateway N times in a row (default 20) and counts the passes:
# a gate that blocks a good deploy even once in a while is not usable.
#   scripts/repeat-gate.sh [N] [extra demo args...]   e.g. scripts/repeat-gate.sh 20 --only auth,route,stage
# Default: every smoke family, throttle included (no load, no contracts).
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
shift || true
args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--only auth,route,stage,throttle)
work="$(mktemp -d "${TMPDIR:-/tmp}/gateproof-repeat-XXXXXX")"
trap 'rm -rf "$work"' EXIT
bin="$PWD/bin/gateproof.js"
passes=0
failures=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  (cd "$work" && node "$bin" demo --skip-load "${args[@]}" >"$work/run-$i.log" 2>&1)
  code=$?
  secs=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
  summary=$(grep -E '^(PASS|FAIL|ERROR) ' "$work/run-$i.log" | tail -1)
  printf 'run %2d: exit %d in %5s s  %s\n' "$i" "$code" "$secs" "$summary"
  if [ "$code" -eq 0 ]; then passes=$((passes + 1)); else failures+=("$i"); grep -E '^  ✗|expected:|actual:' "$work/run-$i.log" | head -12; fi
done
echo "$passes/$runs passes${failures:+ (failed runs: ${failures[*]})}"
[ "$passes" -eq "$runs" ]
