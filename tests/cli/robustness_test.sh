#!/usr/bin/env bash
# Bad input never crashes (DEVELOPERS.md): seeded mutations of the oracle households through `screen`, and through
# `registry import` + `batch` + `export`. Every line gets exactly one answer; exit codes stay 0/1.
# Usage: robustness_test.sh path/to/jiuzhu  (run from the checkout root)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }

python3 tests/cli/mutate_households.py 20251123 3000 >"$tmp/in.jsonl"
lines=$(grep -c . "$tmp/in.jsonl")
"$bin" screen "$tmp/in.jsonl" --as-of 2025-07-01 --reasons none >"$tmp/out" 2>"$tmp/err"; rc=$?
[ "$rc" -le 1 ]; check "screen exits 0 or 1 (exit $rc)" $?
[ "$(wc -l <"$tmp/out")" -eq "$lines" ]; check "screen answers every line ($lines)" $?
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out"; check "every answer is JSON" $?
"$bin" registry import --db "$tmp/r.sqlite" "$tmp/in.jsonl" >/dev/null 2>&1; rc=$?
[ "$rc" -le 1 ]; check "import exits 0 or 1 (exit $rc)" $?
"$bin" batch --db "$tmp/r.sqlite" --as-of 2025-07-01 >"$tmp/summary" 2>/dev/null; rc=$?
check "batch completes" $rc
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if s["decided"] + s["quarantined"] == s["households"] else 1)' "$tmp/summary"
check "batch decides or quarantines every stored household" $?
"$bin" export --db "$tmp/r.sqlite" >/dev/null 2>&1; check "export completes" $?
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
