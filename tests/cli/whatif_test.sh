#!/usr/bin/env bash
# `whatif` against two real batches (issue 4, "Done when"): on a generated registry, raise one county's 低保标准
# with --set; run a batch with the shipped pack and one with a copy of it carrying the same value, each on its
# own copy of the registry, and export both. The what-if must list exactly the households whose exported
# results differ, with the same statuses and amounts, reasons naming the standard on both sides, and totals
# equal to the sums computed from the two exports. It must write nothing into the registry. Bad --set options
# exit 2 with a message naming them.
# Usage: whatif_test.sh path/to/jiuzhu path/to/jiuzhu_county   (run from the checkout root)
set -u
bin=$1 county=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { if [ "$2" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
as_of=2025-07-01

"$county" --households 4000 --seed 11 --out "$tmp/county" >/dev/null
"$bin" registry import --db "$tmp/a.sqlite" "$tmp/county/households.jsonl" >/dev/null 2>&1
"$bin" registry records --db "$tmp/a.sqlite" "$tmp/county/records.csv" >/dev/null 2>&1
# A first batch stores 渐退期 proposals, which both packs of the what-if (and both batches below) then read.
"$bin" batch --db "$tmp/a.sqlite" --as-of 2025-06-01 --threads 2 >/dev/null 2>&1
cp "$tmp/a.sqlite" "$tmp/base.sqlite"
cp "$tmp/a.sqlite" "$tmp/new.sqlite"

# The new pack: the shipped one with 江阳区 (510502) at 900 元 from the as-of date, both hukou.
mkdir "$tmp/rules_new"
cp rules/*.yaml "$tmp/rules_new/"
python3 - "$tmp/rules_new/parameters.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
anchor = '      - {region: "540000", from: 2018-01-01'
assert text.count(anchor) == 1
line = '      - {region: "510502", from: 2025-07-01, urban: 900, rural: 900, source: "whatif test"}\n'
open(path, "w", encoding="utf-8").write(text.replace(anchor, line + anchor))
PY

dump() { python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
h = hashlib.sha256()
for (name,) in db.execute("select name from sqlite_master where type='table' order by name"):
    for row in db.execute(f'select * from "{name}" order by 1, 2'):
        h.update(repr(row).encode())
print(h.hexdigest())
PY
}
before=$(dump "$tmp/a.sqlite")
"$bin" whatif --db "$tmp/a.sqlite" --as-of $as_of --base rules --set dibao.standard@510502=900 --out "$tmp/set" \
  --threads 2 >"$tmp/set.txt" 2>"$tmp/set.err"
check "whatif --set exits 0" $?
[ "$(dump "$tmp/a.sqlite")" = "$before" ]
check "whatif writes nothing into the registry" $?
"$bin" whatif --db "$tmp/a.sqlite" --as-of $as_of --base rules --new "$tmp/rules_new" --out "$tmp/new" >"$tmp/new.txt" 2>&1
check "whatif --new exits 0" $?

"$bin" batch --db "$tmp/base.sqlite" --as-of $as_of --rules rules --new-run --threads 2 >/dev/null 2>&1
"$bin" export --db "$tmp/base.sqlite" >"$tmp/base.jsonl"
"$bin" batch --db "$tmp/new.sqlite" --as-of $as_of --rules "$tmp/rules_new" --new-run --threads 2 >/dev/null 2>&1
"$bin" export --db "$tmp/new.sqlite" >"$tmp/new.jsonl"

python3 - "$tmp" rules/regions.yaml <<'PY'
import csv, json, re, sqlite3, sys
from decimal import Decimal
tmp, regions_yaml = sys.argv[1], sys.argv[2]

def results(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        out[d["household"]] = {(p["program"], p.get("member") or ""): (p["status"], p.get("monthly_amount")) for p in d["programs"]}
    return out
base, new = results(f"{tmp}/base.jsonl"), results(f"{tmp}/new.jsonl")
assert base.keys() == new.keys() and len(base) > 3000, len(base)

def mask(i):
    return i[:6] + "********" + i[14:18] if i else ""
ZH = {"eligible": "符合", "ineligible": "不符合", "undetermined": "待定", None: "无此结果"}
def money(v):
    return "" if v is None else f"{Decimal(str(v)):.2f}"

# What changed, from the two exports: (household, program, masked member) -> (before, after, amounts).
expected = {}
for hid in base:
    for key in base[hid].keys() | new[hid].keys():
        b, n = base[hid].get(key, (None, None)), new[hid].get(key, (None, None))
        if b != n:
            expected[(hid, key[0], mask(key[1]))] = (ZH[b[0]], ZH[n[0]], money(b[1]), money(n[1]))
assert expected, "raising the standard changed nothing: the test proves nothing"

for out in ("set", "new"):
    raw = open(f"{tmp}/{out}/变化名单.csv", "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    got = {(r["户编号"], r["项目"], r["成员身份证号"]): (r["原结果"], r["新结果"], r["原金额"], r["新金额"]) for r in rows}
    assert len(got) == len(rows), "a result listed twice"
    missing = expected.keys() - got.keys()
    extra = got.keys() - expected.keys()
    assert not missing and not extra, (out, sorted(missing)[:5], sorted(extra)[:5])
    for k, v in expected.items():
        assert got[k] == v, (out, k, got[k], v)
    assert {k[0] for k in got} == {k[0] for k in expected}
    newly_by_income = 0
    for r in rows:
        assert r["行政区划"].startswith("510502"), r["行政区划"]
        assert r["Reason (English)"] and r["原因"], r
        assert "*" in r["户主身份证号"], r["户主身份证号"]
        if r["原结果"] != r["新结果"] and "无此结果" not in (r["原结果"], r["新结果"]):
            assert r["变化规则"], r  # a status change names the rule(s) that flipped
        elif r["原结果"] != r["新结果"] and r["成员身份证号"]:
            assert "全户结果" in r["原因"], r  # a member's result that comes or goes: the household's result says why
        if "dibao.income_below_standard" in r["变化规则"].split(";") and r["新结果"] == "符合" and r["原结果"] == "不符合":
            newly_by_income += 1
            assert re.search(r"人均收入 [0-9.]+ 元：原标准 [0-9.]+ 元下不符合，新标准 900\.00 元下符合", r["原因"]), r["原因"]
    assert newly_by_income > 0
    print(f"{out}: {len(rows)} changed results in {len({k[0] for k in got})} households, as the two batches")

# Totals from the exports, by the documented definitions.
codes = re.findall(r'code: "(\d+)"', open(regions_yaml, encoding="utf-8").read())
def significant(c):
    while len(c) > 2 and c.endswith("00"):
        c = c[:-2]
    return c
declared = sorted(codes, key=lambda c: -len(significant(c)))
def declared_of(code):
    return next((c for c in declared if code.startswith(significant(c))), code)

db = sqlite3.connect(f"{tmp}/a.sqlite")
info = {hid: (region, grid or "未分网格", [m["id"] for m in json.loads(doc)["members"]])
        for hid, region, grid, doc in db.execute("select id, region, grid, doc from households")}

def fen(v):
    return int((Decimal(str(v)) * 100).to_integral_value()) if v is not None else 0
def side(res, members):
    per = {}
    for (prog, member), (status, amount) in res.items():
        p = per.setdefault(prog, [False, set(), 0])
        if status == "eligible":
            p[0] = True
            p[1] |= set(range(len(members))) if not member else {members.index(member)}
        p[2] += fen(amount)
    return per

def blank():
    return {"households": 0, "changed_households": 0, "programs": {}}
want = {"totals": blank(), "regions": {}, "grids": {}}
for hid in base:
    region, grid, members = info[hid]
    b, n = side(base[hid], members), side(new[hid], members)
    changed = base[hid] != new[hid]
    for scope in (want["totals"], want["regions"].setdefault(declared_of(region), blank()), want["grids"].setdefault(grid, blank())):
        scope["households"] += 1
        scope["changed_households"] += changed
        for prog in b.keys() | n.keys():
            eb, cb, fb = b.get(prog, [False, set(), 0])
            ea, ca, fa = n.get(prog, [False, set(), 0])
            p = scope["programs"].setdefault(prog, dict.fromkeys(
                ["households_newly_eligible", "persons_newly_eligible", "households_no_longer_eligible",
                 "persons_no_longer_eligible", "households_amount_up", "households_amount_down",
                 "households_eligible_before", "households_eligible_after", "fen_before", "fen_after"], 0))
            p["households_newly_eligible"] += (not eb) and ea
            p["households_no_longer_eligible"] += eb and not ea
            p["persons_newly_eligible"] += len(ca - cb)
            p["persons_no_longer_eligible"] += len(cb - ca)
            p["households_amount_up"] += eb and ea and fa > fb
            p["households_amount_down"] += eb and ea and fa < fb
            p["households_eligible_before"] += eb
            p["households_eligible_after"] += ea
            p["fen_before"] += fb
            p["fen_after"] += fa

def normal(scope):
    out = {"households": scope["households"], "changed_households": scope["changed_households"], "programs": {}}
    for prog, p in scope["programs"].items():
        q = {k: v for k, v in p.items() if not k.startswith("fen_")}
        q["monthly_before"] = p["fen_before"]
        q["monthly_after"] = p["fen_after"]
        q["monthly_difference"] = p["fen_after"] - p["fen_before"]
        q["yearly_difference"] = 12 * (p["fen_after"] - p["fen_before"])
        out["programs"][prog] = q
    return out
def from_summary(scope):
    out = {"households": scope["households"], "changed_households": scope["changed_households"], "programs": {}}
    for prog, p in scope["programs"].items():
        out["programs"][prog] = {k: (fen(v) if k.startswith(("monthly", "yearly")) else v) for k, v in p.items()}
    return out

for out in ("set", "new"):
    s = json.load(open(f"{tmp}/{out}/summary.json", encoding="utf-8"))
    assert s["households"] == len(base) and s["quarantined"] == 0
    assert s["changed_households"] == len({k[0] for k in expected}) and s["changed_results"] == len(expected)
    assert from_summary(s["totals"]) == normal(want["totals"]), (from_summary(s["totals"]), normal(want["totals"]))
    for kind in ("regions", "grids"):
        assert s[kind].keys() == want[kind].keys(), (kind, s[kind].keys(), want[kind].keys())
        for name in want[kind]:
            assert from_summary(s[kind][name]) == normal(want[kind][name]), (kind, name)
    d = s["distribution"]["dibao.income_below_standard"]
    for when in ("before", "after"):
        b = d[when]
        assert b["within_5"] <= b["within_10"] <= b["within_20"] <= b["evaluated"] > 0, b
dibao = normal(want["totals"])["programs"]["dibao"]
print("dibao: +%d households, %d yuan a month more" % (dibao["households_newly_eligible"], dibao["monthly_difference"] // 100))
PY
check "the change list and the totals equal what the two batches' exports say" $?

python3 - "$tmp/set/变化名单.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert "xl/worksheets/sheet1.xml" in z.namelist()
assert "变化名单".encode() in z.read("xl/workbook.xml")
PY
check "the XLSX list is a workbook with the 变化名单 sheet" $?
grep -q "dibao" "$tmp/set.txt" && grep -q "510502" "$tmp/set.txt"
check "the table on stdout shows the program and the region" $?

usage() {  # the message must name the option and what was expected
  local want=$1; shift
  "$bin" whatif --db "$tmp/a.sqlite" --as-of $as_of --base rules "$@" >/dev/null 2>"$tmp/usage.err"
  local rc=$?
  [ $rc = 2 ] && grep -q -- "$want" "$tmp/usage.err" || { echo "  got exit $rc: $(cat "$tmp/usage.err")"; return 1; }
}
usage "did you mean 'dibao.standard'" --set dibao.standrd=900
check "an unknown parameter exits 2 with a did-you-mean" $?
usage "region (行政区划) '999999' is not declared" --set dibao.standard@999999=900
check "an undeclared region exits 2" $?
usage "urban or rural" --set dibao.standard@510502:city=900
check "a bad hukou exits 2" $?
usage "is not a money value" --set dibao.standard=nine
check "a value of the wrong type exits 2" $?
usage "does not vary by hukou" --set phase_out.months:rural=3
check "a hukou on a parameter that does not vary by it exits 2" $?
usage "needs --new DIR, or --set"
check "neither --new nor --set exits 2" $?
"$bin" whatif --db "$tmp/a.sqlite" --base rules --set dibao.standard=900 >/dev/null 2>"$tmp/usage.err"
[ $? = 2 ] && grep -q -- "--as-of" "$tmp/usage.err"
check "whatif without --as-of exits 2" $?

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
