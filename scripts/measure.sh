#!/usr/bin/env bash
# Measures the figures the project reports: time from `up` (images already built) until all VMs
# are RUNNING, each VM's time from container start to health UP, and a VM's RSS when idle and
# after a minute at rate 6. Uses the default host ports; stops the stack when done.
#
#   scripts/measure.sh            (needs docker-compose or docker compose, curl, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
compose() { if command -v docker-compose >/dev/null 2>&1; then docker-compose -p clocklab-measure "$@"; else docker compose -p clocklab-measure "$@"; fi; }
now_ms() { date +%s%3N; }
rss_kib() { docker exec "$1" sh -c 'grep VmRSS /proc/1/status' | awk '{print $2}'; }
trap 'compose down -v >/dev/null 2>&1 || true' EXIT

compose build -q >/dev/null 2>&1 || compose build
export CLOCKLAB_LOG_DIR=${CLOCKLAB_LOG_DIR:-$(mktemp -d)}
t0=$(now_ms)
compose up -d coordinator vm1 vm2 vm3 prometheus >/dev/null 2>&1
declare -A healthy=()
up=0
until [ "$up" -eq 3 ]; do
  for port in 8081 8082 8083; do
    if [ -z "${healthy[$port]:-}" ] && [[ "$(curl -sf "localhost:$port/actuator/health" 2>/dev/null)" == *'"UP"'* ]]; then
      healthy[$port]=$(now_ms)
      up=$((up + 1))
    fi
  done
  sleep 0.05
done
all_running() { local n=0 p; for p in 8081 8082 8083; do [[ "$(curl -s localhost:$p/clock)" == *'"RUNNING"'* ]] && n=$((n + 1)); done; [ "$n" -eq 3 ]; }
until all_running; do sleep 0.05; done
t_running=$(now_ms)
echo "up -> all 3 VMs RUNNING: $(( t_running - t0 )) ms"
for vm in vm1 vm2 vm3; do
  id=$(compose ps -q "$vm")
  started=$(docker inspect -f '{{.State.StartedAt}}' "$id")
  port=$(( 8080 + ${vm#vm} ))
  python3 -c "import sys,datetime as d; s=d.datetime.fromisoformat(sys.argv[1][:26]+'+00:00'); print('$vm container start -> health UP: %d ms' % (int(sys.argv[2]) - s.timestamp()*1000))" "$started" "${healthy[$port]}"
done
vm1=$(compose ps -q vm1)
curl -sf -X POST localhost:8080/api/runs -H 'Content-Type: application/json' -d '{"clockRates":{"vm1":1,"vm2":1,"vm3":1},"durationSeconds":5}' >/dev/null
sleep 10
echo "vm1 RSS idle (run finished): $(( $(rss_kib "$vm1") / 1024 )) MiB"
curl -sf -X POST localhost:8080/api/runs -H 'Content-Type: application/json' -d '{"clockRates":{"vm1":6,"vm2":6,"vm3":6}}' >/dev/null
sleep 60
echo "vm1 RSS after 60 s at rate 6: $(( $(rss_kib "$vm1") / 1024 )) MiB ($(curl -s localhost:8081/clock))"
docker stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.CPUPerc}}' | grep clocklab-measure
