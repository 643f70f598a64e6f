#!/usr/bin/env python3
"""Benchmark driver: wrk against the running api, pgbench for the raw-SQL baseline, a Markdown report.

Called by `scripts/bench` once the database is seeded and a release api
listens on `--base-url`. Steps:

1. capture inputs over HTTP: a bulk category, the cursor to page 500 of
   it, the product id range, a token for `bulk-user-0` (exactly 50 orders);
2. run each scenario with `wrk` for `--duration` seconds at `--connections`;
3. stop the api (its pool would otherwise hold connections) and run the same
   SQL for scenarios 1-3 and 5 with `pgbench -M prepared` at the same
   concurrency (scripts from `bench/sqltext.py`, i.e. from `codegen/`);
4. capture EXPLAIN (ANALYZE, BUFFERS) of each list query with psql;
5. append a run section to `bench/results/<date>.md`.

Only the standard library is used; wrk, pgbench and psql do the work.
"""

import argparse
import datetime
import json
import os
import pathlib
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no bench/__pycache__ from importing sqltext
import sqltext  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

BULK_USER = "bulk-user-0@bench.local"  # exactly 50 orders (src/orders/seed.rs)
LOGIN_USER = "bulk-user-1@bench.local"
BULK_PASSWORD = "bulk-user-password"  # src/accounts/seed.rs BULK_USER_PASSWORD
SEARCH_WORD = "lamp"
DEEP_PAGES = 500
LIMIT = 20


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def http(base, path, body=None, token=None):
    req = urllib.request.Request(base + path, method="POST" if body is not None else "GET")
    if body is not None:
        req.data = json.dumps(body).encode()
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


def capture(base, products):
    """Inputs for the scenarios, read through the api itself."""
    c = {}
    cats = http(base, "/api/v1/categories?" + urllib.parse.urlencode({"q": "Bulk Category 001", "limit": 1}))
    c["category"] = cats["items"][0]["id"]
    size = http(base, f"/api/v1/categories/{c['category']}")["product_count"]
    # Page DEEP_PAGES when the category has that many full pages (1M products: ~10,000 each).
    c["deep_page"] = max(2, min(DEEP_PAGES, size // LIMIT))
    list_path = f"/api/v1/products?category={c['category']}&sort=price&limit={LIMIT}"
    page = http(base, list_path)
    started = time.monotonic()
    for _ in range(c["deep_page"] - 1):
        last = page["items"][-1]
        cursor = page["next_cursor"]
        page = http(base, list_path + "&cursor=" + urllib.parse.quote(cursor))
    assert len(page["items"]) == LIMIT, f"page {c['deep_page']} is not full"
    log(f"followed {c['deep_page'] - 1} cursors to page {c['deep_page']} in {time.monotonic() - started:.1f} s")
    c["deep_cursor"] = cursor
    c["deep_after"] = (last["price"], last["id"])
    oldest = http(base, "/api/v1/products?sort=oldest&limit=1")["items"][0]
    c["first_id"] = oldest["id"]
    c["last_id"] = oldest["id"] + products - 1
    http(base, f"/api/v1/products/{c['last_id']}")  # must exist
    c["token"] = http(base, "/api/v1/auth/login", {"login": BULK_USER, "password": BULK_PASSWORD})["access_token"]
    orders, path = 0, "/api/v1/orders?limit=100"
    while path:
        page = http(base, path, token=c["token"])
        orders += len(page["items"])
        path = page.get("next_cursor") and "/api/v1/orders?limit=100&cursor=" + urllib.parse.quote(page["next_cursor"])
    c["user_orders"] = orders
    c["user_id"] = page["items"][0]["user_id"] if page["items"] else None
    log(f"captured: category {c['category']}, products {c['first_id']}..{c['last_id']}, {BULK_USER} has {orders} orders")
    return c


def scenarios(c):
    """(key, title, url path, extra wrk args)."""
    cat = c["category"]
    return [
        ("1", "`GET /products?limit=20` (newest)", f"/api/v1/products?limit={LIMIT}", []),
        ("2", "`GET /products?category=…&sort=price&limit=20`", f"/api/v1/products?category={cat}&sort=price&limit={LIMIT}", []),
        ("3", f"the same, page {c['deep_page']} (cursor)", f"/api/v1/products?category={cat}&sort=price&limit={LIMIT}&cursor={urllib.parse.quote(c['deep_cursor'])}", []),
        ("4", f"`GET /products?q={SEARCH_WORD}&min_price=10&max_price=50`", f"/api/v1/products?q={SEARCH_WORD}&min_price=10&max_price=50", []),
        ("5", "`GET /products/{id}` (random id)", "/api/v1/products/", ["-s", str(BENCH / "wrk" / "random_product.lua")]),
        ("6", "`GET /orders` (user with 50 orders)", "/api/v1/orders", ["-H", f"Authorization: Bearer {c['token']}"]),
        ("7", "`POST /auth/login` (argon2)", "/api/v1/auth/login", ["-s", str(BENCH / "wrk" / "login.lua")]),
    ]


def to_ms(value):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    n, unit = float(m.group(1)), m.group(2)
    return n * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(base, path, extra, args, env, duration=None):
    cmd = ["wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{duration or args.duration}s",
           "--latency", "--timeout", "10s", *extra, base + path]
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    dist = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": to_ms(dist["50"]), "p99": to_ms(dist["99"]), "errors": errors, "requests": total, "raw": out}


def pgbench_runs(c):
    """(scenario key, script, -D variables)."""
    cat = "{" + str(c["category"]) + "}"
    price, after_id = c["deep_after"]
    return [
        ("1", "list_newest", {"limit": LIMIT + 1}),
        ("2", "list_category_price", {"limit": LIMIT + 1, "category_ids": cat}),
        ("3", "list_category_price_deep", {"limit": LIMIT + 1, "category_ids": cat, "after_price": price, "after_id": after_id}),
        ("5", "find_product", {"first_id": c["first_id"], "last_id": c["last_id"]}),
    ]


def run_pgbench(script, variables, args, workdir, duration=None):
    prefix = str(pathlib.Path(workdir) / f"pgbench_{script}")
    cmd = [args.pgbench, "-n", "-M", "prepared", "-c", str(args.connections), "-j", str(args.threads),
           "-T", str(duration or args.duration), "-f", str(BENCH / "pgbench" / f"{script}.sql"),
           "-l", f"--log-prefix={prefix}"]
    for k, v in variables.items():
        cmd += ["-D", f"{k}={v}"]
    cmd.append(args.db_url)
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=workdir,
                          env=session_env(custom_plans=script != "find_product"))
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        log(f"pgbench {script} failed:\n{out}")
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    failed = int(m.group(1)) if (m := re.search(r"number of failed transactions: (\d+)", out)) else 0
    latencies = []
    for f in pathlib.Path(workdir).glob(f"pgbench_{script}*"):
        for line in f.read_text().splitlines():
            fields = line.split()
            latencies.append(int(fields[2]) / 1000.0)
        f.unlink()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"rps": tps, "p50": q[49], "p99": q[98], "errors": failed + (proc.returncode != 0), "raw": out}


def explain(args, c):
    """EXPLAIN (ANALYZE, BUFFERS) of each list query, with the api's per-connection planner settings."""
    cat = "'{" + str(c["category"]) + "}'"
    price, after_id = c["deep_after"]
    lists = [
        ("1", "list_products_by_newest", {"limit": str(LIMIT + 1)}),
        ("2", "list_products_in_categories_by_price_asc", {"category_ids": cat, "limit": str(LIMIT + 1)}),
        ("3", "list_products_in_categories_by_price_asc", {"category_ids": cat, "after_price": f"'{price}'", "after_id": str(after_id), "limit": str(LIMIT + 1)}),
        ("4", "list_products_by_newest", {"min_price": "'10'", "max_price": "'50'", "name_pattern": f"'%{SEARCH_WORD}%'", "limit": str(LIMIT + 1)}),
    ]
    plans = {}
    for key, name, values in lists:
        sql = sqltext.query("catalog/products", name, values)
        plans[key] = (name, sql, psql(args, "EXPLAIN (ANALYZE, BUFFERS) " + sql + ";"))
    if c.get("user_id"):
        sql = sqltext.query("orders/orders", "list_user_orders", {"user_id": str(c["user_id"]), "limit": str(LIMIT + 1)})
        plans["6"] = ("list_user_orders", sql, psql(args, "EXPLAIN (ANALYZE, BUFFERS) " + sql + ";"))
    return plans


def session_env(custom_plans):
    """The environment for pgbench and psql: the planner settings of the api pool that runs the statement.

    Without TLS, like the api's connections to the bench database (its URL sets
    no `sslmode`, and the api does not try TLS then; see src/db/tls.rs): libpq's
    default `prefer` would encrypt pgbench's traffic to a server with `ssl = on`
    (Debian's default), and the baseline would pay for encryption the api does not.
    """
    return {**os.environ, "PGOPTIONS": sqltext.session_options(custom_plans), "PGSSLMODE": "disable"}


def psql(args, script):
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", args.db_url],
                         input=script, capture_output=True, text=True, check=True,
                         env=session_env(custom_plans=True)).stdout
    return "\n".join(line for line in out.splitlines() if line)


def machine():
    cpu = "unknown CPU"
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} cores ({cpu})"


def fmt(x, digits=2):
    return f"{x:,.{digits}f}"


def report(args, c, api, base, plans, seed_note):
    now = datetime.datetime.now(datetime.timezone.utc)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
    pg = psql(args, "SHOW server_version;")
    shared_buffers = psql(args, "SHOW shared_buffers;")
    lines = [
        f"## Run {now:%H:%M} UTC — {args.label}",
        "",
        f"- commit `{commit}`{' (with uncommitted changes)' if dirty else ''}; {machine()}; PostgreSQL {pg} (`shared_buffers` {shared_buffers}); api and load tools on the same machine (loopback); 1-minute load average {args.load_before:.1f} before the run, {os.getloadavg()[0]:.1f} after",
        f"- data: {args.products:,} products over 200 bulk categories, {args.users:,} users, {args.orders:,} orders ({seed_note})",
        f"- load: {args.duration} s per scenario after {args.warmup} s of unrecorded warm-up, {args.connections} connections, {args.threads} load threads; api `DATABASE_POOL_SIZE={args.pool_size}` `DATABASE_LIST_POOL_SIZE={args.list_pool_size}`, catalog cache {args.cache}, release build",
        f"- wrk `--latency --timeout 10s`; baseline `pgbench -M prepared -c {args.connections} -j {args.threads} -T {args.duration}` with `bench/pgbench/*.sql`",
        "",
        "| # | scenario | api req/s | api p50 ms | api p99 ms | api errors | pgbench tps | pgbench p50 ms | pgbench p99 ms | pgbench errors | api / pgbench |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, title, _, _ in scenarios(c):
        a = api[key]
        b = base.get(key)
        row = [key, title, fmt(a["rps"], 0), fmt(a["p50"]), fmt(a["p99"]), f"{a['errors']} / {a['requests']:,}"]
        if b:
            row += [fmt(b["rps"], 0), fmt(b["p50"]), fmt(b["p99"]), str(b["errors"]), f"{a['rps'] / b['rps']:.0%}"]
        else:
            row += ["—"] * 5
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "Targets:", ""]
    checks = [("zero errors in every scenario", all(a["errors"] == 0 for a in api.values()),
               "errors: " + ", ".join(f"{k}: {a['errors']}" for k, a in api.items()))]
    for k in ("1", "2", "3", "5"):
        checks.append((f"scenario {k} p99 < 10 ms", api[k]["p99"] < 10, f"{fmt(api[k]['p99'])} ms"))
    ratio = api["3"]["p99"] / api["2"]["p99"]
    checks.append(("deep page (3) p99 within 1.5× of page 1 (2)", ratio <= 1.5, f"{ratio:.2f}×"))
    for k in ("1", "2", "3", "5"):
        r = api[k]["rps"] / base[k]["rps"]
        checks.append((f"scenario {k} api ≥ 60% of pgbench", r >= 0.6, f"{r:.0%}"))
    for name, ok, detail in checks:
        lines.append(f"- {'met' if ok else '**missed**'}: {name} ({detail})")
    lines += ["", f"Scenario 7 measures argon2id (default parameters) per login: {fmt(api['7']['rps'], 1)} logins/s on {os.cpu_count()} cores.", ""]
    if plans:
        lines += ["<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the list queries</summary>", ""]
        for key, (name, sql, plan) in plans.items():
            lines += [f"Scenario {key}, `{name}`:", "", "```sql", sql, "```", "", "```", plan, "```", ""]
        lines += ["</details>", ""]
    out = args.results / f"{now:%Y-%m-%d}.md"
    args.results.mkdir(parents=True, exist_ok=True)
    head = "" if out.exists() else f"# Benchmark results {now:%Y-%m-%d}\n\nProduced by `scripts/bench`; see docs/performance.md for what each number means.\n\n"
    with out.open("a") as f:
        f.write(head + "\n".join(lines) + "\n")
    log(f"wrote {out}")
    print("\n".join(lines[:20]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base-url", required=True)
    p.add_argument("--db-url", required=True)
    p.add_argument("--api-pid", type=int, required=True, help="stopped before the pgbench baseline")
    p.add_argument("--products", type=int, required=True)
    p.add_argument("--users", type=int, required=True)
    p.add_argument("--orders", type=int, required=True)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3, help="unrecorded seconds before each measured run")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--pool-size", default="16")
    p.add_argument("--list-pool-size", default="8")
    p.add_argument("--cache", default="off", help="how the api's catalog cache was set, for the report")
    p.add_argument("--pgbench", default="pgbench")
    p.add_argument("--label", default="")
    p.add_argument("--seed-note", default="")
    p.add_argument("--results", type=pathlib.Path, default=BENCH / "results")
    p.add_argument("--no-explain", action="store_true")
    args = p.parse_args()

    args.load_before = os.getloadavg()[0]
    c = capture(args.base_url, args.products)
    env = dict(os.environ, BENCH_FIRST_ID=str(c["first_id"]), BENCH_LAST_ID=str(c["last_id"]),
               BENCH_LOGIN=LOGIN_USER, BENCH_PASSWORD=BULK_PASSWORD)
    api = {}
    for key, title, path, extra in scenarios(c):
        if args.warmup:
            # Unrecorded: fills the caches (PostgreSQL's, the OS's, the api's) the way a running service has them.
            run_wrk(args.base_url, path, extra, args, env, duration=args.warmup)
        r = run_wrk(args.base_url, path, extra, args, env)
        api[key] = r
        log(f"api {key} {title}: {r['rps']:.0f} req/s, p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, errors {r['errors']}")
    os.kill(args.api_pid, signal.SIGTERM)
    time.sleep(1)
    base = {}
    with tempfile.TemporaryDirectory() as workdir:
        for key, script, variables in pgbench_runs(c):
            if args.warmup:
                run_pgbench(script, variables, args, workdir, duration=args.warmup)
            r = run_pgbench(script, variables, args, workdir)
            base[key] = r
            log(f"pgbench {key} {script}: {r['rps']:.0f} tps, p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, errors {r['errors']}")
    plans = {} if args.no_explain else explain(args, c)
    report(args, c, api, base, plans, args.seed_note)
    if c["user_orders"] != 50:
        log(f"WARNING: {BULK_USER} has {c['user_orders']} orders, expected 50")


if __name__ == "__main__":
    main()
