-- wrk script for POST /api/screen (tests/server/bench/run.sh): one demo household as the body, with the session
-- cookie and the CSRF token of a logged-in user, read from the environment that run.sh sets. (wrk itself counts
-- answers other than 2xx/3xx: "Non-2xx or 3xx responses", which run.sh requires to be absent.)
wrk.method = "POST"
wrk.path = "/api/screen?as_of=2025-07-01"
local f = assert(io.open(os.getenv("JIUZHU_BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("JIUZHU_BENCH_COOKIE")
wrk.headers["X-CSRF-Token"] = os.getenv("JIUZHU_BENCH_CSRF")
