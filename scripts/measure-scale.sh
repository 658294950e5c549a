#!/usr/bin/env bash
# How many VMs this host holds: for each N given, brings the compose stack up with --scale vm=N-3
# (images already built), times `up` until all N VMs are RUNNING in the default run, then runs
# every VM at RATE ticks/s for RUN_SECONDS and reports, per N: the ticks on time (events logged / rate x
# seconds, worst VM and all), the checker's verdict, and the VMs' memory (RSS: min/median/max).
# Stops the stack after each N.
#
#   scripts/measure-scale.sh 12 24 32        (needs docker-compose or docker compose, curl, python3)
#   RATE=6 RUN_SECONDS=30 RANGE=40 scripts/measure-scale.sh 32
# RANGE is the run's randomRange; past 10 VMs the default 10 sends only to a VM's first 10 peers.
# SETTLE (default 60 s) is waited after all are RUNNING, so the measured run does not share the
# two cores with N JVMs still starting up.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-6}
SECONDS_=${RUN_SECONDS:-30}
RANGE=${RANGE:-10}
SETTLE=${SETTLE:-60}
PORT=${CLOCKLAB_COORDINATOR_PORT:-8080}
export CLOCKLAB_COORDINATOR_PORT=$PORT
compose() { if command -v docker-compose >/dev/null 2>&1; then docker-compose -p clocklab-scale "$@"; else docker compose -p clocklab-scale "$@"; fi; }
now_ms() { date +%s%3N; }
api() { curl -sf "localhost:$PORT$1"; }
trap 'compose down -v >/dev/null 2>&1 || true' EXIT

echo "host: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg); rate $RATE, ${SECONDS_} s, randomRange $RANGE"
for n in "$@"; do
  replicas=$(( n - 3 ))
  export CLOCKLAB_LOG_DIR=$(mktemp -d)
  chmod 777 "$CLOCKLAB_LOG_DIR"
  t0=$(now_ms)
  compose up -d --scale vm=$replicas coordinator vm1 vm2 vm3 vm >/dev/null 2>&1
  until [ "$(api /api/cluster 2>/dev/null | python3 -c "import json,sys; c=json.load(sys.stdin); print(c['state'] == 'RUNNING' and len(c['vms']))" 2>/dev/null)" = "$n" ]; do
    sleep 0.2
    if [ $(( $(now_ms) - t0 )) -gt 600000 ]; then echo "N=$n: not RUNNING after 10 min" >&2; exit 1; fi
  done
  t_running=$(now_ms)
  sleep "$SETTLE"
  rates=$(api /api/cluster | python3 -c "import json,sys; print(','.join('\"%s\":$RATE' % v['name'] for v in json.load(sys.stdin)['vms']))")
  id=$(curl -sf -X POST "localhost:$PORT/api/runs" -H 'Content-Type: application/json' \
        -d "{\"clockRates\":{$rates},\"durationSeconds\":$SECONDS_,\"randomRange\":$RANGE}" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])")
  sleep $(( SECONDS_ - 5 ))
  rss=$(for c in $(compose ps -q vm1 vm2 vm3 vm); do docker exec "$c" sh -c 'grep VmRSS /proc/1/status' | awk '{print $2}'; done | sort -n)
  until [ "$(api /api/runs/$id | python3 -c "import json,sys; r=json.load(sys.stdin); print(r['state'] != 'RUNNING' and r.get('logsCollected', False))")" = "True" ]; do sleep 1; done
  api /api/runs/$id/analysis | python3 -c "
import json, sys
a = json.load(sys.stdin)
n, rate, secs, up = $n, $RATE, $SECONDS_, ($t_running - $t0) / 1000
fid = sorted(v['events'] / (rate * secs) for v in a['vms'])
total = sum(v['events'] for v in a['vms']) / (rate * secs * len(a['vms']))
rss = sorted(int(x) / 1024 for x in '''$rss'''.split())
v = a['verdict']
print('N=%d: up -> all RUNNING %.1f s; ticks on time: all %.2f %%, worst VM %.2f %%; verdict %d events, %d violations; RSS MiB min %.0f, median %.0f, max %.0f, sum %.0f'
      % (n, up, 100 * total, 100 * fid[0], v['eventsChecked'], v['violationCount'], rss[0], rss[len(rss) // 2], rss[-1], sum(rss)))
"
  compose down -v >/dev/null 2>&1
  rm -rf "$CLOCKLAB_LOG_DIR" 2>/dev/null || true
done
