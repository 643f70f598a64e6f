-- Scenario 7: POST /api/v1/auth/login for one bulk user (argon2id verify per request).
-- BENCH_LOGIN / BENCH_PASSWORD are set by bench/bench.py; scripts/bench raises
-- LOGIN_RATE_LIMIT so the limiter does not answer 429.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"login":"%s","password":"%s"}', os.getenv("BENCH_LOGIN"), os.getenv("BENCH_PASSWORD"))
