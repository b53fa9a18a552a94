#!/usr/bin/env bash
# The server's benchmark of issue 6 (not a test: CTest does not run it). On loopback, with wrk:
#   1. POST /api/screen with a demo household (fixtures/demo/households.jsonl, line 1): requests/s, p50, p99;
#   2. GET /api/worklists?grid=… for a 1,000-household grid (its first page, up to 500 items);
#   3. POST /api/screen again while `jiuzhu batch --new-run` runs beside it on the same registry, and whether the
#      batch finished (and in how long, against the same batch alone).
# The registry is the demo county (jiuzhu_county --households 5000 --seed 1, as .ci/demo) with 1,000 of its 江阳
# households moved into grid 江阳-01 before import, so that one grid has 1,000 households.
# Floor (issue 6): ≥ 5,000 screens/s with p99 < 20 ms on a 2-core machine, the batch beside not blocked.
#
# Usage: tests/server/bench/run.sh [BUILD_DIR] [OUT_DIR]      (defaults: build, BUILD_DIR/bench)
# Env:   DURATION (seconds per wrk run, 15), CONNECTIONS (32), THREADS (wrk threads, 2), SERVE_THREADS (0: a
#        thread per core). Needs wrk, curl and python3 (.ci/setup installs them); installs nothing itself.
# Exit 0 when every answer was 200 and the batch beside finished (the floor is reported, not enforced), else 1.
set -euo pipefail
cd "$(dirname "$0")/../../.."
build=${1:-build}
out=${2:-$build/bench}
duration=${DURATION:-15}
connections=${CONNECTIONS:-32}
wrk_threads=${THREADS:-2}
here=tests/server/bench
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (bash .ci/setup)" >&2; exit 1; }
done
for program in jiuzhu jiuzhu_county; do
  [ -x "$build/$program" ] || { echo "$build/$program is missing: build it first (bash .ci/build)" >&2; exit 1; }
done
jiuzhu=$build/jiuzhu
db=$out/county.sqlite
rm -rf "$out" && mkdir -p "$out"
load_before=$(cut -d" " -f1-3 /proc/loadavg)

echo "== registry: demo county (5,000 households, seed 1), grid 江阳-01 made 1,000 households; run as of 2025-07-01"
"$build/jiuzhu_county" --households 5000 --seed 1 --out "$out" >/dev/null
python3 - "$out/households.jsonl" <<'PY'
import json, sys
path = sys.argv[1]
lines, moved = [], 0
for line in open(path, encoding="utf-8"):
    h = json.loads(line)
    if moved < 1000 and h.get("region", "").startswith("510502"):  # 江阳区: the grid stays inside its region
        h["grid"] = "江阳-01"
        moved += 1
    lines.append(json.dumps(h, ensure_ascii=False, separators=(",", ":")))
open(path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
if moved < 1000:
    sys.exit(f"only {moved} households in 510502")
PY
"$jiuzhu" registry import --db "$db" "$out/households.jsonl" >/dev/null 2>"$out/import.log"
"$jiuzhu" registry records --db "$db" "$out/records.csv" >/dev/null 2>&1 || true
start=$(date +%s.%N)
"$jiuzhu" batch --db "$db" --as-of 2025-07-01 >/dev/null 2>"$out/batch.log"
batch_alone=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
echo "   batch alone: ${batch_alone} s"
echo 'bench-admin-pass' | "$jiuzhu" users add --db "$db" bench --role admin >/dev/null

echo "== jiuzhu serve"
"$jiuzhu" serve --db "$db" --port 0 --threads "${SERVE_THREADS:-0}" 2>"$out/serve.log" &
server=$!
batch_pid=""
cleanup() {
  [ -n "$batch_pid" ] && kill "$batch_pid" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap cleanup EXIT
port=""
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on http:\/\/127\.0\.0\.1:\([0-9]*\)$/\1/p' "$out/serve.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start:" >&2; cat "$out/serve.log" >&2; exit 1; }
base=http://127.0.0.1:$port
login=$(curl -sS -D "$out/login.headers" -H 'Content-Type: application/json' \
  -d '{"user":"bench","password":"bench-admin-pass"}' "$base/api/login")
export JIUZHU_BENCH_COOKIE JIUZHU_BENCH_CSRF JIUZHU_BENCH_BODY JIUZHU_BENCH_GRID
JIUZHU_BENCH_COOKIE=$(sed -n 's/^[Ss]et-[Cc]ookie: \(jiuzhu_session=[^;]*\).*/\1/p' "$out/login.headers")
JIUZHU_BENCH_CSRF=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf_token"])' "$login")
JIUZHU_BENCH_BODY=$out/household.json
JIUZHU_BENCH_GRID=$(python3 -c 'from urllib.parse import quote; print(quote("江阳-01"))')
head -1 fixtures/demo/households.jsonl >"$JIUZHU_BENCH_BODY"
status=$(curl -sS -o "$out/decision.json" -w '%{http_code}' -H "Cookie: $JIUZHU_BENCH_COOKIE" \
  -H "X-CSRF-Token: $JIUZHU_BENCH_CSRF" --data-binary @"$JIUZHU_BENCH_BODY" "$base/api/screen?as_of=2025-07-01")
[ "$status" = 200 ] || { echo "POST /api/screen answered $status: $(cat "$out/decision.json")" >&2; exit 1; }
items=$(curl -sS -H "Cookie: $JIUZHU_BENCH_COOKIE" "$base/api/worklists?grid=$JIUZHU_BENCH_GRID" |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print("%d items of %d" % (len(d["items"]), d["total"]))')
echo "   listening on $base; a decision is $(wc -c <"$out/decision.json") bytes; the grid's worklist page: $items"

bench() {  # NAME SCRIPT: one wrk run, its output kept in OUT/NAME.txt
  wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --latency -s "$here/$2" "$base" >"$out/$1.txt"
}
summary() {  # NAME: requests/s, p50 and p99 from wrk's output; fails on any answer other than 2xx/3xx
  local f=$out/$1.txt
  if grep -q 'Non-2xx or 3xx responses' "$f" || grep -q 'Socket errors' "$f"; then
    echo "   $1: $(grep -E 'Non-2xx|Socket errors' "$f" | tr -s ' ')" >&2
    bad=1
  fi
  printf '   %-22s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$(awk '/Requests\/sec/ {print $2}' "$f")" \
    "$(awk '$1 == "50%" {print $2}' "$f")" "$(awk '$1 == "99%" {print $2}' "$f")"
}
bad=0
echo "== wrk -t$wrk_threads -c$connections -d${duration}s --latency (warm-up 3 s first)"
wrk -t"$wrk_threads" -c"$connections" -d3s -s "$here/screen.lua" "$base" >/dev/null
bench screen screen.lua
summary screen
bench worklist worklist.lua
summary worklist

echo "== the same screens while jiuzhu batch --new-run runs beside them"
# The batch's own time: its subshell writes its exit status and end time as it finishes, wrk still running.
(
  start=$(date +%s.%N)
  status=0
  "$jiuzhu" batch --db "$db" --as-of 2025-07-01 --new-run >"$out/batch-beside.json" 2>"$out/batch-beside.log" || status=$?
  python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')" >"$out/batch-beside.seconds"
  exit "$status"
) &
batch_pid=$!
bench screen_with_batch screen.lua
summary screen_with_batch
batch_status=0
wait "$batch_pid" || batch_status=$?
batch_pid=""
batch_beside=$(cat "$out/batch-beside.seconds")
if [ "$batch_status" = 0 ]; then
  run=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("run %s: %s of %s households decided" % (s["run"], s["decided"], s["households"]))' "$out/batch-beside.json")
  echo "   batch beside: finished, exit 0, in ${batch_beside} s ($run; alone, on an idle server: ${batch_alone} s)"
else
  echo "   batch beside: FAILED, exit $batch_status: $(tail -3 "$out/batch-beside.log")" >&2
  bad=1
fi

rps=$(awk '/Requests\/sec/ {print $2}' "$out/screen.txt")
p99=$(awk '$1 == "99%" {print $2}' "$out/screen.txt")
floor=$(python3 - "$rps" "$p99" <<'PY'
import sys
rps, p99 = float(sys.argv[1]), sys.argv[2]
unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
ms = next(float(p99[:-len(u)]) * f for u, f in sorted(unit.items(), key=lambda x: -len(x[0])) if p99.endswith(u))
print("met" if rps >= 5000 and ms < 20 else "NOT met")
PY
)
echo "== floor (≥ 5,000 screens/s, p99 < 20 ms): $floor   (load average before: $load_before; outputs in $out/)"
exit $bad
