#!/usr/bin/env bash
# Crash safety of `batch` (registry.md): kill it with SIGKILL at several moments, run the same command again,
# and check that the run completes with every household decided exactly once and that its export equals the
# export of a run that was never interrupted.
# Usage: batch_kill_test.sh path/to/jiuzhu path/to/jiuzhu_county   (run from the checkout root)
set -u
bin=$1 county=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

"$county" --households 20000 --seed 7 --out "$tmp/county" >/dev/null
"$bin" registry import --db "$tmp/a.sqlite" "$tmp/county/households.jsonl" >/dev/null 2>&1
"$bin" registry records --db "$tmp/a.sqlite" "$tmp/county/records.csv" >/dev/null 2>&1
cp "$tmp/a.sqlite" "$tmp/b.sqlite"

"$bin" batch --db "$tmp/b.sqlite" --as-of 2025-07-01 --threads 2 >/dev/null 2>&1
check "an uninterrupted run completes" $?
"$bin" export --db "$tmp/b.sqlite" >"$tmp/b.jsonl"

kills=0
for delay in 0.05 0.2 0.4 0.7 1.0; do
  "$bin" batch --db "$tmp/a.sqlite" --as-of 2025-07-01 --threads 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null
done
echo "killed the batch $kills times"
"$bin" batch --db "$tmp/a.sqlite" --as-of 2025-07-01 --threads 2 >"$tmp/summary.json" 2>"$tmp/err"
check "the same command completes the interrupted run" $?
python3 - "$tmp/a.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
runs = db.execute("select id, status, total, decided, quarantined from runs").fetchall()
assert len(runs) == 1, runs
run, status, total, decided, quarantined = runs[0]
households = db.execute("select count(*) from households").fetchone()[0]
distinct = db.execute("select count(distinct household_id) from decisions where run_id=?", (run,)).fetchone()[0]
rows = db.execute("select count(*) from decisions where run_id=?", (run,)).fetchone()[0]
assert status == "done", status
assert total == households and decided + quarantined == households, (total, decided, quarantined, households)
assert rows == distinct == decided, (rows, distinct, decided)
PY
check "one run, every household decided exactly once" $?
"$bin" export --db "$tmp/a.sqlite" >"$tmp/a.jsonl"
cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl"
check "the completed run exports exactly what an uninterrupted run does" $?
"$bin" batch --db "$tmp/a.sqlite" --as-of 2025-07-01 >/dev/null 2>"$tmp/err2"
grep -q "already complete" "$tmp/err2"
check "running it once more changes nothing" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
