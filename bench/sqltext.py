#!/usr/bin/env python3
"""The pgbench baseline scripts, built from the SQL the api runs.

The api's statements live in `queries/` and reach the binary as string
literals in the generated `codegen/` crate. This module reads those literals
back (with the parameter names of each statement's `bind`), and writes each
baseline script as the same sequence of statements the api sends for one
request. Only the `$n` placeholders change: each becomes a pgbench variable
(`:limit`, sent as a bind parameter under `pgbench -M prepared`) or `NULL`
(what the api binds for an absent filter). The api's per-connection planner
settings (`configure_session` and, for list queries, `use_custom_plans` in
queries/session.sql) are read back the same way and given to pgbench and psql
as `PGOPTIONS`; under its
`plan_cache_mode = force_custom_plan` parameters and constants are planned
alike, so the plans are the same.

    bench/sqltext.py          rewrite bench/pgbench/*.sql
    bench/sqltext.py --check  fail if bench/pgbench/*.sql differ from codegen/

`bench/bench.py` imports `statement` and `bind` to print EXPLAIN plans of the
exact same text.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CODEGEN = ROOT / "codegen" / "src" / "queries"
OUT = ROOT / "bench" / "pgbench"



def statement(module, name):
    """(sql, parameter names in $n order) of generated query `name` in `codegen/src/queries/<module>.rs`."""
    source = (CODEGEN / f"{module}.rs").read_text()
    m = re.search(
        r"pub fn " + re.escape(name) + r"\(\) -> (\w+) \{\s*\w+\(\s*\"((?:[^\"\\]|\\.)*)\"",
        source,
    )
    if not m:
        raise SystemExit(f"sqltext: no statement `{name}` in codegen/src/queries/{module}.rs")
    stmt_type, sql = m.group(1), m.group(2).encode().decode("unicode_escape")
    impl = source.index(f"impl {stmt_type} {{")
    bind = re.search(r"fn bind<.*?>\(\s*&'s self,\s*client: &'c C,(.*?)\)\s*->", source[impl:], re.S)
    if not bind:
        raise SystemExit(f"sqltext: no bind() for `{name}`")
    params = re.findall(r"(\w+): &'a", bind.group(1))
    return sql, params


def bind(sql, params, values):
    """`sql` with each `$n` replaced by `values[name]`, or `NULL` for names not given."""
    unknown = set(values) - set(params)
    if unknown:
        raise SystemExit(f"sqltext: statement has no parameters {sorted(unknown)}: {sql}")

    def substitute(m):
        return values.get(params[int(m.group(1)) - 1], "NULL")

    return re.sub(r"\$(\d+)\b", substitute, sql)


def query(module, name, values):
    """Generated query `name` with its parameters bound by `bind`."""
    sql, params = statement(module, name)
    return bind(sql, params, values)


def session_options(custom_plans):
    """`PGOPTIONS` with the settings the api's pools give each connection.

    Every pool runs `configure_session`; the catalog list pool also runs
    `use_custom_plans` (`custom_plans=True` for the list scripts).
    """
    names = ["configure_session"] + (["use_custom_plans"] if custom_plans else [])
    settings = []
    for name in names:
        sql, _ = statement("session", name)
        found = re.findall(r"set_config\('(\w+)', '([^']*)', false\)", sql)
        if not found:
            raise SystemExit(f"sqltext: no set_config(..., false) in {name}: {sql}")
        settings += found
    return " ".join(f"-c {name}={value}" for name, value in settings)


def list_request(list_query, list_values):
    """The statements of one product-list request (`catalog::service::list_products`): one."""
    return [query("catalog/products", list_query, list_values)]


# One script per baselined scenario: (header comment, meta-commands, statements).
SCRIPTS = {
    "list_newest": (
        "Scenario 1: GET /api/v1/products?limit=20 (newest first).",
        [],
        list_request("list_products_by_newest", {"limit": ":limit"}),
    ),
    "list_category_price": (
        "Scenario 2: GET /api/v1/products?category=<id>&sort=price&limit=20.",
        [],
        list_request(
            "list_products_in_categories_by_price_asc",
            {"category_ids": ":category_ids", "limit": ":limit"},
        ),
    ),
    "list_category_price_deep": (
        "Scenario 3: scenario 2 at page 500 (cursor captured by following 499 pages).",
        [],
        list_request(
            "list_products_in_categories_by_price_asc",
            {
                "category_ids": ":category_ids",
                "after_id": ":after_id",
                "after_price": ":after_price",
                "limit": ":limit",
            },
        ),
    ),
    "find_product": (
        "Scenario 5: GET /api/v1/products/{id} for a random id (`catalog::service::find_product`).",
        [r"\set id random(:first_id, :last_id)"],
        [query("catalog/products", "find_product", {"id": ":id"})],
    ),
    # Search and facets (`--search`): the text comes in as `-D q=...`, bound
    # like the api binds it; `search_config` is SEARCH_LANGUAGE.
    "search_relevance": (
        "Scenarios S1-S4: GET /api/v1/products?q=<q> (relevance order, first page of 20).",
        [],
        [
            query(
                "catalog/search",
                "search_products_by_relevance",
                {"search_config": ":search_config", "search_q": ":q", "limit": ":limit"},
            )
        ],
    ),
    "facets": (
        "Scenario F1: GET /api/v1/products/facets (no filter; the trigger-kept counts, V0018).",
        [],
        [query("catalog/facet_counts", "product_facet_groups", {"category_id": "0"})],
    ),
    "facets_category": (
        "Scenario F2: GET /api/v1/products/facets?category=<id> (the trigger-kept counts, V0018).",
        [],
        [query("catalog/facet_counts", "product_facet_groups", {"category_id": ":category_id"})],
    ),
    "facets_search_price": (
        "Scenario F3: GET /api/v1/products/facets?q=<q>&min_price=10&max_price=50.",
        [],
        [
            query(
                "catalog/search",
                "product_facets",
                {
                    "search_config": ":search_config",
                    "price_bounds": ":price_bounds",
                    "search_q": ":q",
                    "min_price": ":min_price",
                    "max_price": ":max_price",
                },
            )
        ],
    ),
    # The order transaction of `POST /orders` (`orders::service::create_order`,
    # one line of quantity 1), statement for statement; `\gset` carries the
    # RETURNING values the api keeps in variables. The mixed run restocks the
    # hot products first, so a take never finds too little stock.
    "place_order": (
        "Mixed workload: POST /api/v1/orders, one unit of a hot product, by a random bench user.",
        [
            r"\set product_id random(:first_id, :first_id + :hot - 1)",
            r"\set user_id random(:first_user, :last_user)",
        ],
        [
            "BEGIN",
            query(
                "orders/orders",
                "take_stock",
                {"quantity": "1", "product_id": ":product_id"},
            )
            + "\n\\gset taken_",
            query(
                "orders/orders",
                "insert_order",
                {
                    "user_id": ":user_id",
                    "shipping_address": "'Bench Street 1'",
                    "product_ids": "ARRAY[:product_id]",
                    "quantities": "ARRAY[1]",
                    "unit_prices": "ARRAY[:taken_price::numeric]",
                },
            )
            + "\n\\gset order_",
            # The api sends these two at once (pipelined); pgbench one after the other.
            query(
                "orders/orders",
                "insert_order_event",
                {
                    "order_id": ":order_order_id",
                    "kind": "'order_placed'",
                    "from_status": "'pending'",
                    "to_status": "'pending'",
                    "actor": "'user'",
                    "actor_user_id": ":user_id",
                    "detail": "jsonb_build_object('total_amount', :order_total_amount::text, 'items', 1)",
                },
            ),
            query(
                "jobs/outbox",
                "enqueue_job",
                {
                    "job_type": "'send_order_creation_email'",
                    "payload": "jsonb_build_object('order_id', :order_order_id::bigint, 'total_amount', :order_total_amount::text)",
                },
            ),
            "COMMIT",
        ],
    ),
}


def render(name):
    header, meta, statements = SCRIPTS[name]
    lines = [
        f"-- {header}",
        "-- Generated by bench/sqltext.py from codegen/ (the api's own statements); do not edit.",
        "-- Variables come from `pgbench -D` (see bench/bench.py).",
        *meta,
        # A statement ending in `\gset` has no semicolon (pgbench's syntax).
        *(s if s.splitlines()[-1].startswith("\\gset") else s + ";" for s in statements),
    ]
    return "\n".join(lines) + "\n"


def main(argv):
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        raise SystemExit(__doc__)
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name in SCRIPTS:
        path = OUT / f"{name}.sql"
        text = render(name)
        if check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.write_text(text)
    if stale:
        raise SystemExit(
            f"sqltext: {', '.join(stale)} differ from the generated statements; run bench/sqltext.py"
        )
    print("sqltext: pgbench scripts " + ("match codegen/" if check else "written"), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
