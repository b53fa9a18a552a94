#!/usr/bin/env bash
# Command-line contract tests (shared/spec/cli.md): exit codes, stdout carrying JSON only, streaming input,
# rule-pack selection. Usage: cli_test.sh path/to/jiuzhu  (run from the checkout root)
set -u
bin=$1
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT [condition-result]
  local name=$1 want=$2 got=$3 ok=${4:-0}
  if [ "$want" = "$got" ] && [ "$ok" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $name (exit $got, wanted $want)"; fi
}
json_lines() { python3 -c 'import json,sys
n=0
for line in sys.stdin:
    json.loads(line); n+=1
sys.exit(0 if n==int(sys.argv[1]) else 1)' "$1"; }

h=fixtures/oracle/29-tekun-elder-alone.json
"$bin" screen "$h" --as-of 2025-06-01 >"$tmp/out" 2>"$tmp/err"; rc=$?
json_lines 1 <"$tmp/out"; check "one household: one JSON line, exit 0" 0 $rc $?

python3 - "$h" >"$tmp/h.yaml" <<'PY'
import json,sys
h=json.load(open(sys.argv[1]))
def y(v,ind=0):
    p=' '*ind
    if isinstance(v,dict): return '\n'.join(f'{p}{k}:' + ('\n'+y(x,ind+2) if isinstance(x,(dict,list)) and x else ' '+json.dumps(x,ensure_ascii=False)) for k,x in v.items())
    if isinstance(v,list): return '\n'.join(f'{p}-\n'+y(x,ind+2) if isinstance(x,(dict,list)) else f'{p}- '+json.dumps(x,ensure_ascii=False) for x in v)
print(y(h))
PY
"$bin" screen "$tmp/h.yaml" --as-of 2025-06-01 >"$tmp/out_yaml"; rc=$?
cmp -s "$tmp/out" "$tmp/out_yaml"; check "the same household as YAML decides the same" 0 $rc $?

{ tr -d "\n" <fixtures/oracle/01-prisoner-not-counted.json; echo; echo; echo '{"id": "BAD", "region": "12"}'; tr -d "\n" <fixtures/oracle/02-compulsory-rehab-review-12m.json; echo; } >"$tmp/in.jsonl"
"$bin" screen "$tmp/in.jsonl" --as-of 2025-06-01 --reasons none >"$tmp/out" 2>/dev/null; rc=$?
json_lines 3 <"$tmp/out"; check "JSONL with a bad line: 3 objects, exit 1" 1 $rc $?
python3 -c 'import json,sys; l=open(sys.argv[1]).read().splitlines(); e=json.loads(l[1]); sys.exit(0 if e["line"]==3 and e["household"]=="BAD" and e["errors"] and "path" in e and json.loads(l[2])["programs"] else 1)' "$tmp/out"
check "error object in place, line counts every line" 0 0 $?

"$bin" screen - --as-of 2025-06-01 --reasons none <"$tmp/in.jsonl" >"$tmp/out2" 2>/dev/null; rc=$?
cmp -s "$tmp/out" "$tmp/out2"; check "standard input gives the same stream" 1 $rc $?

"$bin" screen "$h" --as-of 2025-06-01 --format text --lang en >"$tmp/out"; rc=$?
grep -q "yuan" "$tmp/out" && grep -q "✓" "$tmp/out"; check "text in English with marks" 0 $rc $?
"$bin" screen "$h" --as-of 2025-06-01 --format text >"$tmp/out"; rc=$?
grep -q "元" "$tmp/out"; check "text in Chinese by default" 0 $rc $?

"$bin" screen "$h" --as-of 2025-06-01 --reasons deciding | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if all(r["outcome"]=="pass" for p in d["programs"] if p["status"]=="eligible" for r in p["reasons"]) else 1)'
check "--reasons deciding keeps the deciding rules" 0 0 $?
"$bin" screen "$h" --as-of 2025-06-01 --reasons none | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if all(not p["reasons"] for p in d["programs"]) else 1)'
check "--reasons none leaves reasons empty" 0 0 $?

"$bin" screen missing.json --as-of 2025-06-01 >"$tmp/out" 2>/dev/null; check "missing file: exit 2" 2 $?
[ ! -s "$tmp/out" ]; check "nothing on stdout for a usage error" 0 0 $?
echo 'not json' >"$tmp/bad.json"
"$bin" screen "$tmp/bad.json" --as-of 2025-06-01 >/dev/null 2>&1; check "a file that is not JSON: exit 2" 2 $?
"$bin" screen "$h" --as-of 2025-06-01 --colour >/dev/null 2>&1; check "unknown option: exit 2" 2 $?
"$bin" screen "$h" --as-of 2025-02-30 >/dev/null 2>&1; check "impossible --as-of: exit 2" 2 $?
"$bin" screen "$h" --as-of 2025-06-01 --rules "$tmp/nowhere" >/dev/null 2>"$tmp/err"; rc=$?
check "a pack that does not load: exit 2" 2 $rc
mkdir -p "$tmp/badpack" && cp fixtures/bad_packs/unknown_name.yaml "$tmp/badpack/"
JIUZHU_RULES="$tmp/badpack" "$bin" screen "$h" --as-of 2025-06-01 >/dev/null 2>"$tmp/err"; rc=$?
grep -q "UNKNOWN_NAME" "$tmp/err"; check "\$JIUZHU_RULES is used and its errors listed" 2 $rc $?

"$bin" rules check rules >/dev/null; check "rules check on the shipped pack: exit 0" 0 $?
"$bin" rules check rules --strict >/dev/null; check "rules check --strict with warnings: exit 1" 1 $?
"$bin" rules check "$tmp/badpack" >"$tmp/out"; rc=$?
grep -q "unknown_name.yaml:[0-9]*:[0-9]*: UNKNOWN_NAME" "$tmp/out"; check "rules check on a broken pack: exit 1 with positions" 1 $rc $?

"$bin" rules check "$tmp/nowhere" >/dev/null 2>&1; check "rules check on a missing folder: exit 2" 2 $?
"$bin" rules test rules --min-coverage 100 >/dev/null; check "rules test on the shipped pack at 100% coverage: exit 0" 0 $?
"$bin" frobnicate >/dev/null 2>&1; check "unknown command: exit 2" 2 $?
mkdir -p "$tmp/uncovered/tests" && cp rules/*.yaml "$tmp/uncovered/" && cp rules/tests/dibao.yaml "$tmp/uncovered/tests/"
"$bin" rules test "$tmp/uncovered" --coverage 100 >"$tmp/out"; rc=$?
grep -q "tekun.yaml:[0-9]*:[0-9]*: RULE_NOT_COVERED: tekun.not_orphan_support is never made to" "$tmp/out"
check "rules test under the coverage threshold: exit 1, each uncovered rule at file:line:column" 1 $rc $?

# Local packs: the shipped example checks, tests at 100 % of its own rules, and decides with provenance.
"$bin" rules check rules/local/anhui-huaiyuan >/dev/null; check "rules check on the example local pack: exit 0" 0 $?
"$bin" rules test rules/local/anhui-huaiyuan --min-coverage 100 >/dev/null; check "rules test on the local pack at 100%: exit 0" 0 $?
printf '{"id":"HY","region":"340321","hukou":"urban","members":[{"id":"510502198003020119","name":"a","relation":"head"}],"assets":{"vehicles":[{"kind":"motorcycle","value":3000,"for_disability":false}]}}\n' >"$tmp/hy.json"
"$bin" screen "$tmp/hy.json" --as-of 2025-07-01 --rules rules/local/anhui-huaiyuan >"$tmp/out"; rc=$?
grep -q '"rule":"dibao.no_car","outcome":"fail".*"pack":"anhui-huaiyuan"' "$tmp/out"
check "screen --rules on a local pack: the replaced rule names its pack" 0 $rc $?
mkdir -p "$tmp/badlocal" && printf 'pack: x\nextends: %s\nrules:\n  - replaces: dibao.no_cars\n    test: true\n    pass: {zh: a, en: a}\n    fail: {zh: b, en: b}\n    basis: t\n' "$PWD/rules" >"$tmp/badlocal/pack.yaml"
"$bin" rules check "$tmp/badlocal" >"$tmp/out"; rc=$?
grep -q "badlocal/pack.yaml:4:15: UNKNOWN_RULE: .*did you mean 'dibao.no_car'" "$tmp/out"
check "a local pack replacing an unknown rule: exit 1, local file:line:column and did-you-mean" 1 $rc $?

# Registry commands (registry.md): bad lines reported and skipped, the good ones stored, exit 1.
db="$tmp/reg.sqlite"
"$bin" registry import --db "$db" "$tmp/in.jsonl" >"$tmp/out" 2>/dev/null; rc=$?
python3 -c 'import json,sys; l=open(sys.argv[1]).read().splitlines(); e=json.loads(l[0]); sys.exit(0 if len(l)==1 and e["line"]==3 and e["code"]=="bad_region" else 1)' "$tmp/out"
check "registry import: a bad line reported with its line, exit 1" 1 $rc $?
printf 'source,person_id,kind,date,value\npublic_security,11010519491231002X,death,2025-01-01,\npayroll,11010519491231002X,public_payroll,2025-13-01,3000\n' >"$tmp/rec.csv"
"$bin" registry records --db "$db" "$tmp/rec.csv" >"$tmp/out" 2>/dev/null; rc=$?
grep -q "rec.csv:3:" "$tmp/out"; check "registry records: a bad row reported with its line, exit 1" 1 $rc $?
"$bin" export --db "$db" >/dev/null 2>&1; check "export before any run: exit 2" 2 $?
"$bin" batch --db "$db" >/dev/null 2>&1; check "batch without --as-of: exit 2" 2 $?
"$bin" batch --db "$tmp/none.sqlite" --as-of 2025-06-01 >/dev/null 2>&1; check "batch on a missing registry: exit 2" 2 $?
"$bin" batch --db "$db" --as-of 2025-06-01 --worklists "$tmp/wl" >"$tmp/summary" 2>/dev/null; rc=$?
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); sys.exit(0 if s["decided"]==2 and s["unmatched_records"]["count"]==1 else 1)' "$tmp/summary"
check "batch: 2 households decided, the record matching nobody counted" 0 $rc $?
[ -f "$tmp/wl/漏保.csv" ] && [ -f "$tmp/wl/worklists.xlsx" ] && [ -f "$tmp/wl/summary.json" ]; check "batch --worklists writes the lists" 0 0 $?
"$bin" export --db "$db" | json_lines 2; check "export: one JSON line per household" 0 $?
"$bin" export --db "$db" --format csv | head -1 | grep -qx "household,as_of,program,member,status,monthly_amount,enrolled,flags"
check "export --format csv: the header of registry.md" 0 $?
"$bin" export --db "$db" --run 99 >/dev/null 2>&1; check "export of a run that does not exist: exit 2" 2 $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
