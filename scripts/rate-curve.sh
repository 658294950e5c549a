#!/usr/bin/env bash
# The achieved rate curve: on the compose stack (3 VMs, images already built), one run of RUN_SECONDS
# per asked rate, every VM at that rate; per VM the ticks logged per second and the share of the
# asked ones, and the checker's verdict. A benchmark, not a test: the figures depend on the host.
#
#   scripts/rate-curve.sh                      (rates 100 1000 2000 5000 10000; needs docker-compose or docker compose, curl, python3)
#   RUN_SECONDS=20 scripts/rate-curve.sh 500 3000
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_=${RUN_SECONDS:-10}
PORT=${CLOCKLAB_COORDINATOR_PORT:-8080}
export CLOCKLAB_COORDINATOR_PORT=$PORT
rates=("$@")
[ ${#rates[@]} -gt 0 ] || rates=(100 1000 2000 5000 10000)
compose() { if command -v docker-compose >/dev/null 2>&1; then docker-compose -p clocklab-rate "$@"; else docker compose -p clocklab-rate "$@"; fi; }
api() { curl -sf "localhost:$PORT$1"; }
trap 'compose down -v >/dev/null 2>&1 || true' EXIT

export CLOCKLAB_LOG_DIR=$(mktemp -d)
chmod 777 "$CLOCKLAB_LOG_DIR"
compose up -d coordinator vm1 vm2 vm3 >/dev/null 2>&1
until [ "$(api /api/cluster 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['state'])" 2>/dev/null)" = RUNNING ]; do sleep 0.5; done
sleep 20
echo "host: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); ${SECONDS_} s per rate; $(date -u +%F)"
printf '%8s  %-34s  %-34s  %-34s  %s\n' asked vm1 vm2 vm3 verdict
for rate in "${rates[@]}"; do
  id=$(curl -sf -X POST "localhost:$PORT/api/runs" -H 'Content-Type: application/json' \
        -d "{\"clockRates\":{\"vm1\":$rate,\"vm2\":$rate,\"vm3\":$rate},\"durationSeconds\":$SECONDS_}" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
  sleep "$SECONDS_"
  until [ "$(api /api/runs/$id | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['state'] != 'RUNNING' and r.get('logsCollected', False))")" = "True" ]; do sleep 1; done
  api /api/runs/$id/analysis | python3 -c "
import json, sys
a = json.load(sys.stdin)
rate, secs = $rate, $SECONDS_
cells = ['%7.0f /s %6.2f %% (%d events)' % (v['events'] / secs, 100 * v['events'] / (rate * secs), v['events']) for v in a['vms']]
v = a['verdict']
print('%8d  %s  %d violations, load %s' % (rate, '  '.join('%-34s' % c for c in cells), v['violationCount'], open('/proc/loadavg').read().split()[0]))
"
done
