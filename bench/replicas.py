#!/usr/bin/env python3
"""What a read replica buys: the catalog reads against an api without and with one.

Called by `scripts/bench --replica` once a scratch primary and its streaming
replica run (`scripts/cluster pg-up`) and the primary is seeded. For each mode
(`DATABASE_REPLICA_URLS` unset, then set to the replica) and each catalog read
scenario, it starts the release api (catalog cache off, so every public read
reaches the database), runs wrk (warm-up, then the measured run), stops the
api and reads `pg_stat_database` on both servers before and after, so the
report shows where the statements ran, not only how fast the api answered.
Stopping the api first makes its backends exit, which flushes their
statistics (a busy or idle backend may hold them back for up to 10 s).

Only the standard library is used; wrk and psql do the work.
"""

import argparse
import datetime
import os
import pathlib
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True
from bench import fmt, http, log, machine, run_wrk  # noqa: E402

BENCH = pathlib.Path(__file__).resolve().parent

COUNTERS = "xact_commit, tup_returned, tup_fetched"


def scenarios(category):
    return [
        ("R1", "`GET /products?q=lamp&min_price=10&max_price=50` (search)",
         "/api/v1/products?q=lamp&min_price=10&max_price=50", []),
        ("R2", "`GET /products?category=…&sort=price&limit=20`",
         f"/api/v1/products?category={category}&sort=price&limit=20", []),
        ("R3", "`GET /products/{id}` (random id)", "/api/v1/products/",
         ["-s", str(BENCH / "wrk" / "random_product.lua")]),
    ]


def stats(url, db):
    out = subprocess.run(
        ["psql", "-X", "-q", "-A", "-t", "-F", " ", url, "-c",
         f"SELECT {COUNTERS} FROM pg_stat_database WHERE datname = '{db}'"],
        capture_output=True, text=True, check=True).stdout.split()
    return [int(x) for x in out]


def delta(after, before):
    return [a - b for a, b in zip(after, before)]


def start_api(args, replica):
    env = dict(os.environ, DATABASE_URL=args.primary_url, CATALOG_CACHE_TTL_SECS="0")
    env.pop("DATABASE_REPLICA_URLS", None)
    if replica:
        env["DATABASE_REPLICA_URLS"] = args.replica_url
    api = subprocess.Popen([args.api, "serve"], env=env, stdout=subprocess.DEVNULL)
    for _ in range(150):
        try:
            with urllib.request.urlopen(args.base_url + "/health/live", timeout=5):
                break
        except OSError:
            if api.poll() is not None:
                sys.exit("bench: api exited during start-up")
            time.sleep(0.2)
    else:
        sys.exit("bench: api did not start")
    if replica:
        # Reads go to the replica once the api's monitor found it usable (first probe).
        time.sleep(2)
    return api


def stop_api(api):
    api.terminate()
    api.wait(timeout=60)
    time.sleep(0.5)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base-url", required=True)
    p.add_argument("--primary-url", required=True)
    p.add_argument("--replica-url", required=True)
    p.add_argument("--api", required=True)
    p.add_argument("--products", type=int, required=True)
    p.add_argument("--duration", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--connections", type=int, default=32)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--pool-size", default="16")
    p.add_argument("--list-pool-size", default="8")
    p.add_argument("--seed-note", default="")
    p.add_argument("--results", type=pathlib.Path, required=True)
    args = p.parse_args()
    db = urllib.parse.urlparse(args.primary_url).path.lstrip("/")

    api = start_api(args, replica=False)
    cats = http(args.base_url, "/api/v1/categories?" + urllib.parse.urlencode({"q": "Bulk Category 001", "limit": 1}))
    category = cats["items"][0]["id"]
    oldest = http(args.base_url, "/api/v1/products?sort=oldest&limit=1")["items"][0]
    first, last = oldest["id"], oldest["id"] + args.products - 1
    http(args.base_url, f"/api/v1/products/{last}")  # must exist
    stop_api(api)
    env = dict(os.environ, BENCH_FIRST_ID=str(first), BENCH_LAST_ID=str(last))

    load_before = os.getloadavg()
    rows = []
    for mode, replica in [("primary only", False), ("with replica", True)]:
        for key, title, path, extra in scenarios(category):
            before = (stats(args.primary_url, db), stats(args.replica_url, db))
            api = start_api(args, replica)
            warm = run_wrk(args.base_url, path, extra, args, env, duration=args.warmup)
            r = run_wrk(args.base_url, path, extra, args, env)
            stop_api(api)
            after = (stats(args.primary_url, db), stats(args.replica_url, db))
            requests = warm["requests"] + r["requests"]
            on_primary, on_replica = delta(after[0], before[0]), delta(after[1], before[1])
            rows.append((mode, key, title, r, requests, on_primary, on_replica))
            log(f"{mode} {key}: {r['rps']:.0f} req/s, p50 {r['p50']:.2f} ms, p99 {r['p99']:.2f} ms, "
                f"errors {r['errors']}; transactions primary {on_primary[0]}, replica {on_replica[0]} "
                f"for {requests} requests")
    load_after = os.getloadavg()

    now = datetime.datetime.now(datetime.timezone.utc)
    lines = [
        f"## {now:%Y-%m-%d %H:%M} UTC: read replica vs primary only, {args.products:,} products",
        "",
        f"- machine: {machine()}, shared with other work; load average (1/5/15 min) "
        f"{' / '.join(f'{x:.2f}' for x in load_before)} before, {' / '.join(f'{x:.2f}' for x in load_after)} after",
        "- topology: scratch primary + streaming replica (`scripts/cluster pg-up`, fsync off, "
        "`shared_buffers` 32 MB), one release api, wrk; all on the same cores",
        f"- api: catalog cache off (`CATALOG_CACHE_TTL_SECS=0`), pool {args.pool_size}, list pool {args.list_pool_size} "
        f"(per replica, too); wrk `-t {args.threads} -c {args.connections} --latency`, "
        f"{args.warmup} s warm-up + {args.duration} s measured per scenario; the api restarted for each",
        "- statements: `pg_stat_database` deltas of the bench database on each server, around the warm-up and "
        "the measured run (the api stopped before reading them, so its backends have flushed); "
        "they include the api's start-up and the replica monitor's probes",
    ]
    if args.seed_note:
        lines.append(f"- {args.seed_note}")
    lines += [
        "",
        "| mode | # | scenario | req/s | p50 ms | p99 ms | errors | requests | primary xact | primary rows | replica xact | replica rows |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for mode, key, title, r, requests, on_primary, on_replica in rows:
        lines.append(
            f"| {mode} | {key} | {title} | {fmt(r['rps'], 0)} | {fmt(r['p50'])} | {fmt(r['p99'])} | {r['errors']} | "
            f"{requests:,} | {on_primary[0]:,} | {on_primary[1] + on_primary[2]:,} | "
            f"{on_replica[0]:,} | {on_replica[1] + on_replica[2]:,} |")
    lines += ["", "(rows: `tup_returned + tup_fetched`; xact: `xact_commit`.)", ""]
    args.results.parent.mkdir(parents=True, exist_ok=True)
    with open(args.results, "a") as f:
        f.write("\n".join(lines) + "\n")
    log(f"appended to {args.results}")


if __name__ == "__main__":
    main()
