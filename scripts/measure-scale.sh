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
# two cores with N JVMs still starting up. UP_LIMIT (default 900 s) is how long `up` may take.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-6}
SECONDS_=${RUN_SECONDS:-30}
RANGE=${RANGE:-10}
SETTLE=${SETTLE:-60}
UP_LIMIT=${UP_LIMIT:-900}
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
    sleep 1 # not faster: each poll starts python, which a host starting N JVMs can ill afford
    if [ $(( $(now_ms) - t0 )) -gt $(( UP_LIMIT * 1000 )) ]; then echo "N=$n: not RUNNING after $UP_LIMIT s" >&2; exit 1; fi
  done
  t_running=$(now_ms)
  sleep "$SETTLE"
  rates=$(api /api/cluster | python3 -c "import json,sys; print(','.join('\"%s\":$RATE' % v['name'] for v in json.load(sys.stdin)['vms']))")
  # A busy host may have a VM's heartbeat late: the coordinator then answers 409 (waiting for VMs)
  # or 503 (a VM did not answer in time). Said, and tried again a few times.
  id=
  for attempt in 1 2 3 4 5; do
    answer=$(curl -s -w '\n%{http_code}' -X POST "localhost:$PORT/api/runs" -H 'Content-Type: application/json' \
          -d "{\"clockRates\":{$rates},\"durationSeconds\":$SECONDS_,\"randomRange\":$RANGE}")
    if [ "$(tail -1 <<< "$answer")" = 201 ]; then
      id=$(head -n -1 <<< "$answer" | python3 -c "import json,sys; print(json.load(sys.stdin)['id'])"); break
    fi
    echo "N=$n: POST /api/runs answered $(tail -1 <<< "$answer"): $(head -n -1 <<< "$answer" | head -c 400)" >&2
    sleep 5
  done
  [ -n "$id" ] || { echo "N=$n: no run started" >&2; exit 1; }
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
  # How late each VM's first tick came after the run's start instant (a VM told to start after it
  # drops the slots already gone), from the VMs' own log files.
  api /api/runs/$id | python3 -c "
import json, sys, glob, os, datetime
run = json.load(sys.stdin)
start = datetime.datetime.fromisoformat(run['startAt'].replace('Z', '+00:00'))
late = []
for f in glob.glob(os.path.join('$CLOCKLAB_LOG_DIR', run['id'], '*.jsonl')):
    with open(f) as lines:
        first = json.loads(lines.readline())
    late.append(((datetime.datetime.fromisoformat(first['systemTime'].replace('Z', '+00:00')) - start).total_seconds() * 1000, first['vm']))
late.sort()
print('    first tick after the start instant: median %.0f ms, latest %.0f ms (%s)' % (late[len(late) // 2][0], late[-1][0], late[-1][1]))
"
  compose down -v >/dev/null 2>&1
  rm -rf "$CLOCKLAB_LOG_DIR" 2>/dev/null || true
done
