#!/usr/bin/env python3
"""Search, facets and mixed-workload benchmark (`scripts/bench --search`).

Called by `scripts/bench --search` once the database is seeded and a release
api listens on `--base-url`. At each of `--connections` (default 32 and 64):

1. search (relevance order, first page): one common word, two words, a
   phrase, a prefix, with `wrk`, then the same statement with `pgbench`;
2. facets: no filter, one category, search + price range, and `pgbench`;
3. product by id, random over the whole catalog;
4. at the first connection count only: a read-only run of `bench/wrk/mixed.lua`
   and a mixed run with 5% order placements by many users, `--mixed-duration`
   seconds each, with the cache hit rate of each (from Redis `INFO
   commandstats`, see docs/performance.md);
5. at the first connection count only: orders alone (`mixed.lua` with 100%
   orders) next to pgbench running the same order transaction
   (bench/pgbench/place_order.sql). The hot products are restocked first so
   no order runs out of stock.

The pgbench baselines run while the api is up but idle. Appends a section to
`bench/results/<date>.md`. Only the standard library; wrk, pgbench, redis-cli.
"""

import argparse
import datetime
import os
import pathlib
import re
import subprocess
import tempfile
import urllib.parse

import bench  # bench/bench.py: http, run_wrk, run_pgbench, machine, fmt, log

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PRICE_BOUNDS = "{0,10,25,50,100,250,500}"  # src/catalog/domain.rs PRICE_FACET_BOUNDS
SEARCHES = [
    ("S1", "one common word", "lamp"),
    ("S2", "two words", "walnut lamp"),
    ("S3", "a phrase", '"walnut lamp"'),
    ("S4", "a prefix", "wal"),
]
TOKENS = 40  # order placers in the mixed run
HOT = 1000  # bench/wrk/mixed.lua's BENCH_HOT default: the popular products


def capture(base, products):
    c = {}
    cats = bench.http(base, "/api/v1/categories?" + urllib.parse.urlencode({"q": "Bulk Category", "limit": 10}))
    c["categories"] = [item["id"] for item in cats["items"]]
    oldest = bench.http(base, "/api/v1/products?sort=oldest&limit=1")["items"][0]
    c["first_id"] = oldest["id"]
    c["last_id"] = oldest["id"] + products - 1
    c["tokens"] = []
    for i in range(1, TOKENS + 1):
        login = {"login": f"bulk-user-{i}@bench.local", "password": bench.BULK_PASSWORD}
        c["tokens"].append(bench.http(base, "/api/v1/auth/login", login)["access_token"])
    return c


def redis_calls(redis_url):
    """Calls so far of MGET (one per cache lookup) and SET (one per stored miss)."""
    out = subprocess.run(["redis-cli", "-u", redis_url, "INFO", "commandstats"],
                         capture_output=True, text=True, check=True).stdout
    calls = dict(re.findall(r"cmdstat_(\w+):calls=(\d+)", out))
    return int(calls.get("mget", 0)), int(calls.get("set", 0))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base-url", required=True)
    p.add_argument("--db-url", required=True)
    p.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379"))
    p.add_argument("--products", type=int, required=True)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--mixed-duration", type=int, default=60)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--connections", default="32,64")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--cache", default="off")
    p.add_argument("--pgbench", default="pgbench")
    p.add_argument("--label", default="")
    p.add_argument("--results", type=pathlib.Path, default=BENCH / "results")
    args = p.parse_args()
    load_before = os.getloadavg()
    c = capture(args.base_url, args.products)
    env = dict(os.environ, BENCH_FIRST_ID=str(c["first_id"]), BENCH_LAST_ID=str(c["last_id"]),
               BENCH_CATEGORY_IDS=",".join(map(str, c["categories"])), BENCH_TOKENS=",".join(c["tokens"]))
    cat = c["categories"][0]
    q = urllib.parse.quote
    rows = []
    # BENCH_SEARCH_PARTS=mixed runs only the mixed workload (e.g. to spare a shared machine the facet baselines).
    parts = os.environ.get("BENCH_SEARCH_PARTS", "scenarios,mixed").split(",")
    for conns in [int(x) for x in args.connections.split(",")] if "scenarios" in parts else []:
        args.connections_now = conns
        a = argparse.Namespace(**vars(args))
        a.connections = conns
        cases = [(key, f"search, {title}: `q={text}`", f"/api/v1/products?q={q(text)}&limit=20", [],
                  ("search_relevance", {"search_config": "english", "q": text, "limit": 21}))
                 for key, title, text in SEARCHES]
        cases += [
            ("F1", "facets, no filter", "/api/v1/products/facets", [],
             ("facets", {})),
            ("F2", "facets, one category", f"/api/v1/products/facets?category={cat}", [],
             ("facets_category", {"category_id": cat})),
            ("F3", "facets, `q=walnut lamp` + price 10-50", f"/api/v1/products/facets?q={q('walnut lamp')}&min_price=10&max_price=50", [],
             ("facets_search_price", {"search_config": "english", "price_bounds": PRICE_BOUNDS, "q": "walnut lamp", "min_price": 10, "max_price": 50})),
            ("P", "product by id, random over the catalog", "/api/v1/products/", ["-s", str(BENCH / "wrk" / "random_product.lua")],
             ("find_product", {"first_id": c["first_id"], "last_id": c["last_id"]})),
        ]
        # BENCH_SEARCH_ONLY=P,F1 runs only those scenarios (e.g. product by id with the cache on).
        only = [k for k in os.environ.get("BENCH_SEARCH_ONLY", "").split(",") if k]
        cases = [case for case in cases if not only or case[0] in only]
        with tempfile.TemporaryDirectory() as workdir:
            for key, title, path, extra, (script, variables) in cases:
                if args.warmup:
                    bench.run_wrk(args.base_url, path, extra, a, env, duration=args.warmup)
                r = bench.run_wrk(args.base_url, path, extra, a, env)
                b = bench.run_pgbench(script, variables, a, workdir)
                bench.log(f"{key} @{conns}: api {r['rps']:.0f} req/s p99 {r['p99']:.1f} ms; pgbench {b['rps']:.0f} tps p99 {b['p99']:.1f} ms")
                rows.append((key, title, conns, r, b))
    # Orders take one unit of a hot product; keep them in stock for every run.
    bench.psql(args, f"UPDATE products SET stock = 1000000 WHERE id BETWEEN {c['first_id']} AND {c['first_id'] + HOT - 1};")
    first_user, last_user = bench.psql(
        args, "SELECT min(id), max(id) FROM users WHERE email LIKE 'bulk-user-%@bench.local';").split("|")
    mixed = []
    a = argparse.Namespace(**vars(args))
    a.connections = int(args.connections.split(",")[0])
    script = ["-s", str(BENCH / "wrk" / "mixed.lua")]
    for label, percent in [("read-only", 0), ("95% reads / 5% orders", 5)] if "mixed" in parts else []:
        run_env = dict(env, BENCH_ORDER_PERCENT=str(percent))
        if args.warmup:
            bench.run_wrk(args.base_url, "/", script, a, run_env, duration=args.warmup)
        mget0, set0 = redis_calls(args.redis_url)
        r = bench.run_wrk(args.base_url, "/", script, a, run_env, duration=args.mixed_duration)
        mget1, set1 = redis_calls(args.redis_url)
        m = re.search(r"mixed: orders (\d+) reads (\d+)", r["raw"])
        orders, reads = (int(m.group(1)), int(m.group(2))) if m else (0, r["requests"])
        lookups, stores = mget1 - mget0, set1 - set0
        hit = 1 - stores / lookups if lookups else None  # None: the cache is off
        mixed.append((label, r, orders, reads, hit))
        bench.log(f"mixed {label}: {r['rps']:.0f} req/s, p99 {r['p99']:.1f} ms, hit rate {'off' if hit is None else f'{hit:.0%}'}")

    orders_only = None
    if "orders" in parts or "mixed" in parts:
        run_env = dict(env, BENCH_ORDER_PERCENT="100")
        if args.warmup:
            bench.run_wrk(args.base_url, "/", script, a, run_env, duration=args.warmup)
        r = bench.run_wrk(args.base_url, "/", script, a, run_env)
        with tempfile.TemporaryDirectory() as workdir:
            b = bench.run_pgbench("place_order", {"first_id": c["first_id"], "hot": HOT, "first_user": first_user,
                                                  "last_user": last_user}, a, workdir)
        orders_only = (r, b)
        bench.log(f"orders only: api {r['rps']:.0f} req/s p99 {r['p99']:.1f} ms; pgbench {b['rps']:.0f} tps p99 {b['p99']:.1f} ms")

    now = datetime.datetime.now(datetime.timezone.utc)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    lines = [
        f"## Run {now:%H:%M} UTC — search, facets, mixed — {args.label}",
        "",
        f"- commit `{commit}`; {bench.machine()}; load average (1/5/15 min) {load_before[0]:.1f}/{load_before[1]:.1f}/{load_before[2]:.1f} before, {os.getloadavg()[0]:.1f} after (a shared machine: other builds run alongside)",
        f"- {args.products:,} products; {args.duration} s per scenario after {args.warmup} s warm-up; catalog cache {args.cache}; pgbench `-M prepared` on the same statements (bench/pgbench/search_*.sql, facets*.sql, find_product.sql)",
        "",
        "| scenario | conns | api req/s | api p50 ms | api p99 ms | errors | pgbench tps | pgbench p50 ms | pgbench p99 ms | api / pgbench |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key, title, conns, r, b in rows:
        lines.append(f"| {key} {title} | {conns} | {bench.fmt(r['rps'], 0)} | {bench.fmt(r['p50'])} | {bench.fmt(r['p99'])} | {r['errors']} | "
                     f"{bench.fmt(b['rps'], 0)} | {bench.fmt(b['p50'])} | {bench.fmt(b['p99'])} | {r['rps'] / b['rps']:.0%} |")
    if mixed:
        lines += ["", f"Mixed workload ({a.connections} connections, {args.mixed_duration} s, `bench/wrk/mixed.lua`):", "",
                  "| run | req/s | reads/s | orders/s | p50 ms | p99 ms | non-2xx | cache hit rate |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label, r, orders, reads, hit in mixed:
        total = orders + reads or 1
        lines.append(f"| {label} | {bench.fmt(r['rps'], 0)} | {bench.fmt(r['rps'] * reads / total, 0)} | {bench.fmt(r['rps'] * orders / total, 1)} | "
                     f"{bench.fmt(r['p50'])} | {bench.fmt(r['p99'])} | {r['errors']} | {'cache off' if hit is None else f'{hit:.0%}'} |")
    if len(mixed) == 2 and mixed[0][1]["rps"]:
        ro, mx = mixed[0], mixed[1]
        keep = (mx[1]["rps"] * mx[3] / (mx[2] + mx[3] or 1)) / ro[1]["rps"]
        lines += ["", f"- read throughput kept under orders: {keep:.0%} of the read-only run (target ≥ 70%)"]
    if orders_only:
        r, b = orders_only
        lines += ["", f"Orders alone ({a.connections} connections, {args.duration} s; `POST /orders` of one hot product by {TOKENS} users, "
                      "next to pgbench running the same transaction, bench/pgbench/place_order.sql):", "",
                  "| | orders/s | p50 ms | p99 ms | errors |", "|---|---:|---:|---:|---:|",
                  f"| api | {bench.fmt(r['rps'], 0)} | {bench.fmt(r['p50'])} | {bench.fmt(r['p99'])} | {r['errors']} |",
                  f"| pgbench | {bench.fmt(b['rps'], 0)} | {bench.fmt(b['p50'])} | {bench.fmt(b['p99'])} | {b['errors']} |",
                  "", f"- order throughput: api at {r['rps'] / b['rps']:.0%} of pgbench on the same transaction"]
    f3 = [r for key, _, conns, r, _ in rows if key.startswith("F") and conns == 32]
    if f3:
        worst = max(r["p99"] for r in f3)
        lines.append(f"- facets p99 at 32 connections: worst {bench.fmt(worst)} ms (target < 50 ms with the cache off)")
    out = args.results / f"{now:%Y-%m-%d}.md"
    args.results.mkdir(parents=True, exist_ok=True)
    with out.open("a") as f:
        f.write("\n".join(lines) + "\n\n")
    bench.log(f"wrote {out}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
