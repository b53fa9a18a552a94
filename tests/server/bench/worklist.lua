-- wrk script for GET /api/worklists?grid=GRID (tests/server/bench/run.sh): the first page (up to 500 items) of
-- the latest run's worklist of one 1,000-household grid, with a logged-in user's session cookie.
wrk.method = "GET"
wrk.path = "/api/worklists?grid=" .. os.getenv("JIUZHU_BENCH_GRID")
wrk.headers["Cookie"] = os.getenv("JIUZHU_BENCH_COOKIE")
