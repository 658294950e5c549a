#!/usr/bin/env bash
# Figures for crashes and high rates, on a stack that is already up (docker compose up), at the
# default host ports:
#  1. ticks at 100, 500 and 1,000 per second on 3 VMs for 20 s: the checker's RATE_LIMIT
#     violations and the shortest gap between two events of one VM;
#  2. GET /api/runs latency while the logs of a 60 s run at 1,000 ticks/s (about 180,000 events)
#     are being collected: polled every 20 ms from the run's end until it is FINISHED.
#
#   scripts/measure-faults.sh            (needs curl and python3; takes about 3 minutes)
set -euo pipefail
API=${CLOCKLAB_API:-http://localhost:8080}

start_run() { curl -sf -X POST "$API/api/runs" -H 'Content-Type: application/json' -d "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
state() { curl -sf "$API/api/runs/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["state"])'; }
wait_finished() { until [ "$(state "$1")" = FINISHED ]; do sleep 0.5; done; }

for rate in 100 500 1000; do
  id=$(start_run "{\"clockRates\":{\"vm1\":$rate,\"vm2\":$rate,\"vm3\":$rate},\"durationSeconds\":20,\"seed\":7}")
  wait_finished "$id"
  curl -sf "$API/api/runs/$id/analysis" | python3 -c '
import json, sys
from datetime import datetime
rate, run = sys.argv[1], json.load(sys.stdin)
violations = run["verdict"]["violations"]
by_rule = {}
for v in violations:
    by_rule[v["rule"]] = by_rule.get(v["rule"], 0) + 1
checked = run["verdict"]["eventsChecked"]
print(f"rate {rate}/s x 3 VMs, 20 s: {checked} events, violations {by_rule or 0}")
' "$rate"
  curl -sf "$API/runs/$id/logs.zip" -o /tmp/clocklab-measure.zip
  python3 - "$rate" <<'PY'
import json, sys, zipfile
from datetime import datetime
rate = int(sys.argv[1])
with zipfile.ZipFile("/tmp/clocklab-measure.zip") as z:
    for name in sorted(n for n in z.namelist() if n.endswith(".jsonl")):
        times = [datetime.fromisoformat(json.loads(l)["systemTime"].replace("Z", "+00:00")) for l in z.read(name).decode().splitlines() if l]
        gaps = [(b - a).total_seconds() * 1000 for a, b in zip(times, times[1:])]
        half = 500.0 / rate
        print(f"  {name.split('/')[-1]}: {len(times)} events, shortest gap {min(gaps):.3f} ms, gaps under half a period ({half:.2f} ms): {sum(g < half for g in gaps)}")
PY
done

id=$(start_run '{"clockRates":{"vm1":1000,"vm2":1000,"vm3":1000},"durationSeconds":60,"seed":7}')
ends=$(curl -sf "$API/api/runs/$id" | python3 -c 'import json,sys,datetime as d; r=json.load(sys.stdin); print(d.datetime.fromisoformat(r["startAt"].replace("Z","+00:00")).timestamp() + r["durationSeconds"])')
python3 - "$API" "$id" "$ends" <<'PY'
import json, sys, time, urllib.request
api, run, ends = sys.argv[1], sys.argv[2], float(sys.argv[3])
while time.time() < ends - 1:
    time.sleep(0.2)
latencies, state, collected_at = [], "RUNNING", None
while state == "RUNNING" and time.time() < ends + 120:
    t = time.perf_counter()
    runs = json.load(urllib.request.urlopen(api + "/api/runs"))
    latencies.append((time.perf_counter() - t) * 1000)
    state = next(r["state"] for r in runs if r["id"] == run)
    time.sleep(0.02)
finished = json.load(urllib.request.urlopen(api + "/api/runs/" + run))
latencies.sort()
print(f"GET /api/runs during the collection of a 60 s run at 3 x 1000/s: {len(latencies)} requests, "
      f"median {latencies[len(latencies)//2]:.1f} ms, max {latencies[-1]:.1f} ms; run {finished['state']}, "
      f"logsCollected {finished['logsCollected']}, FINISHED {time.time() - ends:.1f} s after its end, delivery {finished.get('delivery', {}).get('lost')} lost")
PY
