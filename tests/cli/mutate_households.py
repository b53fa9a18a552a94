#!/usr/bin/env python3
"""Seeded mutations of the oracle households, one JSON object per line: fields deleted, renamed, retyped, nested
values replaced with odd ones, members duplicated, a few truncated lines. For the robustness test."""
import glob, json, random, sys

random.seed(int(sys.argv[1]))
count = int(sys.argv[2])
files = sorted(f for f in glob.glob("fixtures/oracle/*.json") if not f.endswith(".expected.json"))
base = [json.load(open(f)) for f in files]
odd = [None, True, False, 0, -1, 1e300, -0.001, 0.125, 10**13, "", "x" * 300, "2025-02-30", "11010519491231002X",
       [], {}, [1, 2], {"a": 1}, "黑", 12345678901234567890123, "510502", "wage", "multiple", 3.5]

def mutate(v, depth=0):
    if isinstance(v, dict) and v:
        k = random.choice(list(v))
        r = random.random()
        if r < 0.15: del v[k]
        elif r < 0.25: v[k + random.choice(["", "x", "_"])] = random.choice(odd)
        elif r < 0.6 and depth < 6: mutate(v[k], depth + 1)
        else: v[k] = random.choice(odd)
    elif isinstance(v, list) and v:
        r = random.random()
        if r < 0.2: v.append(json.loads(json.dumps(random.choice(v))))
        elif r < 0.3: v.pop()
        elif depth < 6: mutate(random.choice(v), depth + 1)

for i in range(count):
    h = json.loads(json.dumps(random.choice(base)))
    for _ in range(random.randint(1, 4)): mutate(h)
    print(json.dumps(h, ensure_ascii=False))
    if i % 500 == 0: print('{"truncated": ')
