#!/usr/bin/env bash
# Offline validation of what cannot run here (README, "What is tested for real"): docker-compose.yml
# against the Compose Specification schema, and, to show the check can fail, each fixture under
# fixtures/ must be refused with the message its first line expects.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node compose.mjs ../../docker-compose.yml
for fixture in fixtures/invalid-*.yml; do
  expected=$(head -1 "$fixture" | sed 's/^# expect: //')
  if output=$(node compose.mjs "$fixture" 2>&1); then
    echo "$fixture was accepted, but it must be refused: $expected" >&2
    exit 1
  fi
  if ! grep -qF -- "$expected" <<< "$output"; then
    echo "$fixture was refused, but not with: $expected" >&2
    echo "$output" >&2
    exit 1
  fi
done
echo "compose check: $(ls fixtures/invalid-*.yml | wc -l) invalid fixtures refused as expected"
