#!/usr/bin/env python3
"""API and security tests of `jiuzhu serve` (shared/spec/http.md, issue 6), with the standard library only.

Usage: api_test.py path/to/jiuzhu path/to/jiuzhu_county   (run from the checkout root)

Builds a small registry (generated county, one monthly run), adds users, starts the server on a free port and
checks every endpoint, every error status and the security list of issue 6. Prints one line per failed check
and exits 1 when any failed.
"""
import http.client
import json
import os
import re
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time

BIN, COUNTY = sys.argv[1], sys.argv[2]
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
failures = []
checks = 0
failed_logins = 0  # from this client address, which all the checks share


def check(name, condition, detail=""):
    global checks
    checks += 1
    if not condition:
        failures.append(name)
        print(f"FAIL: {name} {detail}".rstrip())


def run(*args, stdin=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, text=True)


class Client:
    """One user's browser: the session cookie and the CSRF token."""

    def __init__(self, port, tls=False):
        self.port, self.tls, self.cookie, self.csrf = port, tls, "", ""

    def conn(self):
        if self.tls:
            return http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=ssl._create_unverified_context())
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, headers=None, csrf=True, raw=False):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if csrf and self.csrf and method == "POST" and "X-CSRF-Token" not in h:
            h["X-CSRF-Token"] = self.csrf
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body, ensure_ascii=False)
        if isinstance(body, str):
            body = body.encode()
        c = self.conn()
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        if raw:
            return r, data
        try:
            parsed = json.loads(data) if data else None
        except ValueError:
            parsed = None
        return r, parsed

    def login(self, user, password):
        global failed_logins
        r, body = self.request("POST", "/api/login", {"user": user, "password": password})
        failed_logins += r.status == 401
        if r.status == 200:
            self.cookie = r.getheader("Set-Cookie").split(";")[0]
            self.csrf = body["csrf_token"]
        return r, body


SERVERS = []


def start_server(db, *extra):
    p = subprocess.Popen([BIN, "serve", "--db", db, "--port", "0", *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    SERVERS.append(p)
    first = p.stderr.readline().strip()
    m = re.match(r"listening on (https?)://127\.0\.0\.1:(\d+)$", first)
    return p, first, int(m.group(2)) if m else 0


def main():
    tmp = tempfile.mkdtemp(prefix="jiuzhu-api-")
    db = os.path.join(tmp, "reg.sqlite")
    subprocess.run([COUNTY, "--households", "400", "--seed", "11", "--out", tmp], check=True, capture_output=True)
    run("registry", "import", "--db", db, os.path.join(tmp, "households.jsonl"))
    run("registry", "records", "--db", db, os.path.join(tmp, "records.csv"))
    r = run("batch", "--db", db, "--as-of", "2025-07-01")
    check("batch completes", r.returncode == 0, r.stderr)
    reg = sqlite3.connect(db)
    grids = reg.execute("SELECT grid, count(*) FROM households WHERE grid IS NOT NULL GROUP BY grid ORDER BY 2 DESC").fetchall()
    mine, other = grids[0][0], grids[1][0]
    mine_ids = [row[0] for row in reg.execute("SELECT id FROM households WHERE grid = ? ORDER BY id", (mine,))]
    other_id = reg.execute("SELECT id FROM households WHERE grid = ? LIMIT 1", (other,)).fetchone()[0]
    reg.close()

    # users
    passwords = {"admin": "admin-pass-1", "cw": "caseworker 密码", "cw2": "second-pass", "sv": "supervisor-pass"}
    check("users add admin", run("users", "add", "--db", db, "admin", "--role", "admin", stdin=passwords["admin"] + "\n").returncode == 0)
    check("users add caseworker", run("users", "add", "--db", db, "cw", "--role", "caseworker", "--grids", mine, stdin=passwords["cw"] + "\r\n").returncode == 0)
    check("users add second caseworker", run("users", "add", "--db", db, "cw2", "--role", "caseworker", "--grids", mine, stdin="temporary\n").returncode == 0)
    check("users passwd", run("users", "passwd", "--db", db, "cw2", stdin=passwords["cw2"] + "\n").returncode == 0)
    check("users add supervisor", run("users", "add", "--db", db, "sv", "--role", "supervisor", "--regions", "510500", stdin=passwords["sv"]).returncode == 0)
    check("users add existing name is exit 1", run("users", "add", "--db", db, "cw", "--role", "admin", stdin="x\n").returncode == 1)
    check("users add empty password is exit 2", run("users", "add", "--db", db, "new", "--role", "admin", stdin="\n").returncode == 2)
    check("users add bad role is exit 2", run("users", "add", "--db", db, "new", "--role", "boss", stdin="x\n").returncode == 2)
    check("serve on a non-loopback address without TLS is exit 2", run("serve", "--db", db, "--bind", "0.0.0.0", "--port", "0").returncode == 2)

    parallel_after_start(db, passwords["admin"], mine_ids[0])

    server, first, port = start_server(db)
    check("first stderr line is `listening on http://HOST:PORT`", port > 0, first)
    anon = Client(port)

    # 401 without a session, on every endpoint but login
    for method, path in [("GET", "/api/session"), ("GET", "/api/households"), ("GET", f"/api/households/{mine_ids[0]}"),
                         ("GET", "/api/worklists"), ("GET", "/api/users"), ("POST", "/api/screen"), ("POST", "/api/logout"),
                         ("GET", "/api/nothing-here")]:
        r, body = anon.request(method, path, body="{}" if method == "POST" else None)
        check(f"{method} {path} without a cookie is 401", r.status == 401 and body and "code" in body, r.status)
    r, body = anon.request("POST", "/api/screen", body="x" * (1024 * 1024 + 10))
    check("an over-long body without a session is 401 (401 before 413)", r.status == 401, r.status)

    # security headers
    r, data = anon.request("GET", "/", raw=True)
    check("the page is served at /", r.status == 200 and r.getheader("Content-Type", "").startswith("text/html"), r.status)
    check("the page has CSP default-src 'self'", r.getheader("Content-Security-Policy") == "default-src 'self'")
    for name, value in [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")]:
        check(f"page header {name}", r.getheader(name) == value)
    r, _ = anon.request("GET", "/api/session")
    for name, value in [("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
                        ("Cache-Control", "no-store")]:
        check(f"api header {name}", r.getheader(name) == value)
    check("no CORS headers", not any(k.lower().startswith("access-control") for k, _ in r.getheaders()))

    # logins
    r, bad_pw = anon.login("cw", "wrong")
    r2, bad_user = anon.login("nobody", "wrong")
    check("a wrong password is 401 bad_login", r.status == 401 and bad_pw["code"] == "bad_login", r.status)
    check("an unknown user answers exactly as a wrong password", r2.status == 401 and bad_user == bad_pw)
    r, _ = anon.request("POST", "/api/login", "{not json")
    check("a login that is not JSON is 400", r.status == 400)
    r, _ = anon.request("POST", "/api/login", {"user": "cw", "password": passwords["cw"]}, headers={"Origin": "http://evil.example"})
    check("a login from a foreign Origin is 403", r.status == 403)

    cw = Client(port)
    r, body = cw.login("cw", passwords["cw"])
    check("login is 200 with user, role, csrf_token", r.status == 200 and body == {"user": "cw", "role": "caseworker", "csrf_token": cw.csrf}, body)
    cookie = r.getheader("Set-Cookie")
    for attribute in ["Path=/", "HttpOnly", "SameSite=Strict"]:
        check(f"session cookie has {attribute}", attribute in cookie, cookie)
    check("session cookie has no Domain and no Secure without TLS", "Domain" not in cookie and "Secure" not in cookie, cookie)
    first_cookie = cw.cookie
    again = Client(port)
    again.login("cw", passwords["cw"])
    old_cookie = again.cookie
    again.login("cw", passwords["cw"])
    check("a login issues a new session id", again.cookie != old_cookie)
    stale = Client(port)
    stale.cookie = old_cookie
    check("the session a login replaces is gone", stale.request("GET", "/api/session")[0].status == 401)
    r, body = cw.request("GET", "/api/session")
    check("GET /api/session", r.status == 200 and body["user"] == "cw" and body["csrf_token"] == cw.csrf, body)

    # households: list, search, scope
    r, page = cw.request("GET", "/api/households")
    check("list is 200 in scope", r.status == 200 and page["total"] == len(mine_ids) and all(h["grid"] == mine for h in page["households"]), r.status)
    check("list ordered by id, 200 a page", [h["id"] for h in page["households"]] == mine_ids[:200])
    check("next_offset", page["next_offset"] == (200 if len(mine_ids) > 200 else None), page["next_offset"])
    check("list masks head ids", all(re.fullmatch(r"\d{6}\*{8}[0-9X]{4}", h["head_id_masked"]) for h in page["households"]))
    r, body = cw.request("GET", f"/api/households?grid={urlq(mine)}&offset=0")
    check("list by grid", r.status == 200 and body["total"] == len(mine_ids))
    r, _ = cw.request("GET", f"/api/households?grid={urlq(other)}")
    check("another grid is 404", r.status == 404)
    r, _ = cw.request("GET", "/api/households?offset=-3")
    check("a bad offset is 400", r.status == 400)
    name = page["households"][0]["head_name"]
    r, body = cw.request("GET", f"/api/households?q={urlq(name[1:])}")
    check("q matches a member's name", r.status == 200 and any(h["id"] == page["households"][0]["id"] for h in body["households"]))
    r, body = cw.request("GET", f"/api/households?q={urlq(mine_ids[0].lower())}")
    check("q matches the household id case-insensitively", r.status == 200 and body["households"][0]["id"] == mine_ids[0])
    for q in ["' OR '1'='1", "%", "_", "\"; DROP TABLE households; --", "\\", "*"]:
        r, body = cw.request("GET", f"/api/households?q={urlq(q)}")
        check(f"q {q!r} is a harmless literal", r.status == 200 and body["total"] == 0, (r.status, body and body.get("total")))
    r, detail = cw.request("GET", f"/api/households/{urlq(mine_ids[0])}")
    head_id = next(m["id"] for m in detail["household"]["members"] if m["relation"] == "head")
    r, body = cw.request("GET", f"/api/households?q={head_id[6:14]}")
    check("q never matches ID digits", r.status == 200 and body["total"] == 0, body and body.get("total"))

    r, detail = cw.request("GET", f"/api/households/{urlq(mine_ids[0])}")
    check("household detail", r.status == 200 and detail["household"]["id"] == mine_ids[0] and detail["version"] == 1 and
          detail["decision"]["household"] == mine_ids[0] and detail["visits"] == [], r.status)
    r, _ = cw.request("GET", f"/api/households/{urlq(other_id)}")
    check("another grid's household is 404", r.status == 404)
    r, body = cw.request("GET", "/api/households/NO-SUCH")
    check("an unknown household is 404 alike", r.status == 404 and body["code"] == "not_found")
    r, history = cw.request("GET", f"/api/households/{urlq(mine_ids[0])}/history")
    check("history", r.status == 200 and history["runs"][0]["run"] == 1 and history["visits"] == [], r.status)
    check("history masks ID numbers", not ID_NUMBER.search(json.dumps(history)))

    # worklists
    r, wl = cw.request("GET", "/api/worklists")
    check("worklists", r.status == 200 and wl["run"] == 1 and wl["as_of"] == "2025-07-01" and all(i["grid"] == mine for i in wl["items"]), r.status)
    check("worklist items have every field", wl["items"] and set(wl["items"][0]) == {"household", "head_name", "head_id_masked", "grid", "flag", "program",
                                                                                     "member_id_masked", "amount_now", "amount_new", "message"})
    check("worklists mask ID numbers", not ID_NUMBER.search(json.dumps(wl, ensure_ascii=False)))
    flag = wl["items"][0]["flag"]
    r, body = cw.request("GET", f"/api/worklists?flag={flag}&run=1&grid={urlq(mine)}")
    check("worklist by flag, run and grid", r.status == 200 and body["total"] > 0 and all(i["flag"] == flag for i in body["items"]))
    for query, status in [("flag=bogus", 400), ("offset=x", 400), ("run=abc", 400), ("run=999", 404), (f"grid={urlq(other)}", 404)]:
        r, _ = cw.request("GET", f"/api/worklists?{query}")
        check(f"worklists?{query} is {status}", r.status == status, r.status)
    for ext, ctype in [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats")]:
        r, data = cw.request("GET", f"/api/worklists/{urlq('漏保')}.{ext}?grid={urlq(mine)}", raw=True)
        check(f"worklist file .{ext}", r.status == 200 and r.getheader("Content-Type", "").startswith(ctype) and len(data) > 0, r.status)
        if ext == "csv":
            text = data.decode("utf-8-sig")
            check("worklist csv has the Chinese header", text.startswith("户编号,网格"))
            check("worklist csv masks ID numbers", not ID_NUMBER.search(text))
            check("worklist csv holds only the caller's grid", all(line.split(",")[1] == mine for line in text.strip().splitlines()[1:]))
    r, _ = cw.request("GET", f"/api/worklists/{urlq('不存在')}.csv")
    check("an unknown worklist file is 404", r.status == 404)
    r, _ = cw.request("GET", f"/api/worklists/{urlq('漏保')}.csv?grid={urlq(other)}")
    check("another grid's worklist file is 404", r.status == 404)

    # users
    r, _ = cw.request("GET", "/api/users")
    check("GET /api/users is 403 for a caseworker", r.status == 403)
    admin = Client(port)
    admin.login("admin", passwords["admin"])
    r, body = admin.request("GET", "/api/users")
    check("GET /api/users for an admin", r.status == 200 and {u["name"] for u in body["users"]} == {"admin", "cw", "cw2", "sv"} and
          next(u for u in body["users"] if u["name"] == "cw")["grids"] == [mine], body)
    r, _ = admin.request("GET", f"/api/households/{urlq(other_id)}")
    check("an admin sees every household", r.status == 200)
    sv = Client(port)
    sv.login("sv", passwords["sv"])
    r, body = sv.request("GET", "/api/households")
    check("a supervisor sees their regions", r.status == 200 and body["total"] > 0 and all(h["region"].startswith("5105") for h in body["households"]))

    # screen
    household = detail["household"]
    r, _ = cw.request("POST", "/api/screen?as_of=2025-07-01", household, csrf=False)
    check("screen without CSRF token is 403", r.status == 403)
    r, _ = cw.request("POST", "/api/screen?as_of=2025-07-01", household, headers={"Origin": "http://evil.example"})
    check("screen from a foreign Origin is 403", r.status == 403)
    r, _ = cw.request("POST", "/api/screen?as_of=2025-07-01", household, headers={"Origin": f"http://127.0.0.1:{port}"})
    check("screen from the same Origin is 200", r.status == 200, r.status)
    r, body = cw.request("POST", "/api/screen?as_of=2025-07-01&reasons=deciding", household)
    check("screen is 200 with a Decision", r.status == 200 and body["household"] == household["id"] and body["as_of"] == "2025-07-01", r.status)
    r, body = cw.request("POST", "/api/screen", "{bad", csrf=False)
    check("screen of bad JSON is 400 bad_json (400 before 403)", r.status == 400 and body["code"] == "bad_json", r.status)
    r, body = cw.request("POST", "/api/screen", b"{\"id\":\"\xff\"}")
    check("screen of invalid UTF-8 is 400", r.status == 400, r.status)
    r, body = cw.request("POST", "/api/screen?as_of=2025-13-01", household)
    check("screen with a bad as_of is 400", r.status == 400)
    r, body = cw.request("POST", "/api/screen?reasons=some", household)
    check("screen with a bad reasons is 400", r.status == 400)
    broken = dict(household, hukou="city")
    r, body = cw.request("POST", "/api/screen", broken)
    check("screen of a household breaking household.md is 422 with cli.md's error object",
          r.status == 422 and body["line"] is None and body["path"] == "hukou" and body["errors"], body)

    # limits
    r, body = cw.request("POST", "/api/screen", "x" * (1024 * 1024 + 1))
    check("a body over 1 MiB is 413", r.status == 413, r.status)
    r, body = cw.request("GET", "/api/session", headers={"X-Pad": "a" * 17000})
    check("headers over 16 KiB are 431", r.status == 431, r.status)

    # visits
    hid = mine_ids[0]
    path = f"/api/households/{urlq(hid)}/visits"
    incomes = household["members"][0].get("incomes", [])
    change = {"path": f"members[0].incomes[{len(incomes)}]", "value": {"kind": "wage", "monthly": 1150.10}}
    visit = {"date": "2025-07-02", "kind": "review", "note": "入户核查", "base_version": 1, "changes": [change]}
    r, _ = cw.request("POST", path, visit, csrf=False)
    check("a visit without CSRF token is 403", r.status == 403)
    r, _ = cw.request("POST", path, visit, headers={"X-CSRF-Token": "0" * 64})
    check("a visit with a wrong CSRF token is 403", r.status == 403)
    r, _ = cw.request("POST", f"/api/households/{urlq(other_id)}/visits", dict(visit, base_version=1))
    check("a visit to another grid's household is 404", r.status == 404)
    r, body = cw.request("POST", path, dict(visit, date="2999-01-01"))
    check("a visit dated after today is 422", r.status == 422, r.status)
    r, body = cw.request("POST", path, dict(visit, changes=[change, {"path": "members[0].incomes[0].monthly", "value": -1}]))
    check("an invalid change is 422 with change index", r.status == 422 and body["change"] == 1 and body["line"] is None and "code" in body, body)
    r, body = cw.request("POST", path, dict(visit, changes=[{"path": "enrolments", "value": []}]))
    check("changing enrolments is 422", r.status == 422 and body["change"] == 0, body)
    r, body = cw.request("POST", path, dict(visit, base_version=0))
    check("a stale base_version is 409", r.status == 409, r.status)
    # Sent as text: Python would write the float 1150.10 as 1150.1; the money must come back exactly as written.
    exact = json.dumps(visit, ensure_ascii=False).replace('"monthly": 1150.1}', '"monthly": 1150.10}')
    r, body = cw.request("POST", path, exact)
    check("a visit is stored: 200 with visit, decision, version", r.status == 200 and body["version"] == 2 and body["visit"]["id"] > 0 and
          body["visit"]["user"] == "cw" and body["decision"]["as_of"] == "2025-07-02", body)
    r, detail2 = cw.request("GET", f"/api/households/{urlq(hid)}")
    check("the household shows the visited facts, exact money", detail2["version"] == 2 and
          detail2["household"]["members"][0]["incomes"][-1] == {"kind": "wage", "monthly": 1150.10})
    reg = sqlite3.connect(db)
    doc = reg.execute("SELECT doc FROM households WHERE id = ?", (hid,)).fetchone()[0]
    check("money is stored as written", '"monthly":1150.10' in doc, doc[:200])
    check("the latest visit's decision is shown", detail2["decision"]["as_of"] == "2025-07-02" and len(detail2["visits"]) == 1)
    enrol = detail2["household"].get("enrolments", [])
    check("a review visit sets last_review", all(e.get("last_review", "") >= "2025-07-02" or e["since"] > "2025-07-02" for e in enrol))
    # two caseworkers at once on one version: one stored, one 409, nothing lost
    cw2 = Client(port)
    cw2.login("cw2", passwords["cw2"])
    results = []
    def send(client, note):
        r, _ = client.request("POST", path, dict(visit, base_version=2, note=note, kind="monthly", changes=[]))
        results.append(r.status)
    threads = [threading.Thread(target=send, args=(c, n)) for c, n in [(cw, "a"), (cw2, "b")]]
    for t in threads: t.start()
    for t in threads: t.join()
    check("concurrent visits: one 200, one 409", sorted(results) == [200, 409], results)
    hist = reg.execute("SELECT count(*) FROM household_history WHERE household_id = ?", (hid,)).fetchone()[0]
    check("the history keeps every version", hist == 2, hist)
    reg.close()
    r, history = cw.request("GET", f"/api/households/{urlq(hid)}/history")
    check("history lists the visits newest first", [v["version"] for v in history["visits"]] == [3, 2])

    # the next run uses the visited facts; the stored run does not change
    before = run("export", "--db", db, "--run", "1").stdout
    run("batch", "--db", db, "--as-of", "2025-07-03")
    after = run("export", "--db", db, "--run", "1").stdout
    check("a stored run does not change", before == after)
    reg = sqlite3.connect(db)
    v2 = reg.execute("SELECT version FROM decisions WHERE run_id = 2 AND household_id = ?", (hid,)).fetchone()
    check("the next run decides the visited version", v2 and v2[0] == 3, v2)
    reg.close()
    r, detail3 = cw.request("GET", f"/api/households/{urlq(hid)}")
    check("after a newer run its decision is shown", detail3["decision"]["as_of"] == "2025-07-03")

    # logout, disable
    r, _ = cw.request("POST", "/api/logout")
    check("logout is 204", r.status == 204)
    r, _ = cw.request("GET", "/api/session")
    check("after logout the session is gone", r.status == 401)
    r, _ = cw2.request("GET", "/api/session")
    check("cw2's session works", r.status == 200)
    check("users disable", run("users", "disable", "--db", db, "cw2").returncode == 0)
    r, _ = cw2.request("GET", "/api/session")
    check("disabling a user ends their session", r.status == 401)
    r, _ = Client(port).login("cw2", passwords["cw2"])
    check("a disabled user cannot log in", r.status == 401)

    tls_checks(db, tmp)

    # throttling (last: it blocks this client address for 15 minutes)
    t = Client(port)
    statuses = []
    while failed_logins < 5 and len(statuses) < 10:
        statuses.append(t.login("sv", "wrong")[0].status)
    r, body = t.login("sv", passwords["sv"])
    check("5 failed logins from an address, then 429 even with the right password", set(statuses) == {401} and r.status == 429 and
          body["code"] == "too_many_logins", (statuses, r.status))

    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        code = -1
    log = server.stderr.read()
    check("SIGTERM stops the server cleanly", code == 0, code)

    # nothing secret in logs or files
    check("no ID number in the server's log", not ID_NUMBER.search(first + log))
    audit = run("audit", "--db", db)
    check("audit prints JSON Lines", audit.returncode == 0 and all(json.loads(line) for line in audit.stdout.splitlines()))
    check("the audit log has logins, views, lists, worklists, visits", {"login", "logout", "view", "list", "search", "worklist", "visit", "user_add"}
          <= {json.loads(line)["action"] for line in audit.stdout.splitlines()})
    check("no ID number, password or session id in the audit log", not ID_NUMBER.search(audit.stdout) and
          not any(p in audit.stdout for p in passwords.values()) and first_cookie.split("=")[1] not in audit.stdout)
    blob = b""
    for suffix in ["", "-wal"]:
        if os.path.exists(db + suffix):
            blob += open(db + suffix, "rb").read()
    check("no password stored in clear", not any(p.encode() in blob for p in passwords.values()))
    check("no session id stored", first_cookie.split("=")[1].encode() not in blob)
    reg = sqlite3.connect(db)
    check("password hashes are Argon2id", all(h.startswith("$argon2id$") for (h,) in reg.execute("SELECT password_hash FROM users")))
    reg.close()
    v = run("audit", "--db", db, "--verify")
    check("audit --verify is 0 on an intact log", v.returncode == 0, v.stderr)
    reg = sqlite3.connect(db)
    reg.execute("DROP TRIGGER audit_log_no_update")
    reg.execute("UPDATE audit_log SET user = 'someone else' WHERE seq = 3")
    reg.commit()
    reg.close()
    v = run("audit", "--db", db, "--verify")
    check("audit --verify is 1 on a tampered entry", v.returncode == 1 and "entry 3" in v.stderr, (v.returncode, v.stderr))

    print(f"{checks - len(failures)}/{checks} checks passed")
    return 1 if failures else 0


def parallel_after_start(db, password, household):
    """Regression: parallel requests right after a fresh start and login once answered 500 now and then (an
    audit entry written while the handler's count query still held a stale read snapshot: SQLITE_BUSY at once)."""
    server, _, port = start_server(db)
    c = Client(port)
    r, _ = c.login("admin", password)
    check("fresh server: admin logs in", r.status == 200, r.status)
    paths = ["/api/worklists"] * 14 + ["/api/households"] * 3 + [f"/api/households/{household}"] * 3
    statuses = []

    def get(path):
        try:
            statuses.append((path, c.request("GET", path)[0].status))
        except OSError as e:
            statuses.append((path, str(e)))

    threads = [threading.Thread(target=get, args=(p,)) for p in paths]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check("20 parallel requests right after start are all 200", len(statuses) == 20 and all(s == 200 for _, s in statuses),
          [x for x in statuses if x[1] != 200])
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    s.sendall(b"GARBAGE\r\n\r\n")
    answer = s.recv(100)
    s.close()
    check("a request line that is not HTTP is answered 400", answer.startswith(b"HTTP/1.1 400"), answer)
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        code = -1
    log = server.stderr.read()
    check("fresh server: stops cleanly, nothing in its log but `stopped`", code == 0 and log.strip() == "stopped", (code, log[-2000:]))


def tls_checks(db, tmp):
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    made = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1",
                           "-subj", "/CN=127.0.0.1"], capture_output=True)
    if made.returncode != 0:
        print("openssl not available: TLS checks skipped")
        return
    run("users", "add", "--db", db, "tls", "--role", "admin", stdin="tls-pass\n")
    server, first, port = start_server(db, "--tls-cert", cert, "--tls-key", key)
    check("TLS: listening on https://", first.startswith("listening on https://"), first)
    c = Client(port, tls=True)
    r, _ = c.login("tls", "tls-pass")
    check("TLS: login over https, cookie Secure", r.status == 200 and "Secure" in (r.getheader("Set-Cookie") or ""), r.status)
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)


def urlq(text):
    from urllib.parse import quote
    return quote(text, safe="")


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        for p in SERVERS:
            if p.poll() is None:
                p.kill()
