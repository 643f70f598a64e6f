# shellcheck shell=bash
# A running api (and optionally the worker) with `api seed` sample data, on a free
# port against a scratch database, for checks that drive the api from outside
# (scripts/contract, scripts/admin test). Source it, then call
#
#   sample_api_start [--worker]
#
# It builds the binaries (debug; a no-op after `cargo test`), exports the
# environment the api runs with (API_URL, DATABASE_URL, ADMIN_EMAIL,
# ADMIN_PASSWORD, ...), seeds, starts the api (and the worker), waits until it
# answers, and installs an EXIT trap that stops them and drops the database.
# Set CHAPA_API_BASE (and CHAPA_SECRET_KEY) before calling to use a Chapa stub;
# by default checkouts fail fast (502) instead of reaching the real Chapa.
# SAMPLE_API_LOG is the api's log file, SAMPLE_API_DIR a scratch directory.

sample_api_start() {
    local with_worker=""
    [ "${1:-}" = "--worker" ] && with_worker=1
    local bins=(--bin api)
    [ -n "$with_worker" ] && bins+=(--bin worker)
    echo "sample-api: building ${bins[*]}" >&2
    cargo build --locked --quiet "${bins[@]}"

    SAMPLE_API_DB="sample_$$_$(date +%s)"
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    SAMPLE_API_DIR=$(mktemp -d)
    SAMPLE_API_LOG="$SAMPLE_API_DIR/api.log"
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$SAMPLE_API_DB"
    export BIND="127.0.0.1:$port"
    export REDIS_KEY_PREFIX="$SAMPLE_API_DB:"
    export AMQP_QUEUE_PREFIX="$SAMPLE_API_DB"
    export AMQP_QUEUE_EXPIRES_SECS=300
    export MAIL_OUTBOX_DIR="$SAMPLE_API_DIR/mail"
    export JWT_SECRET="sample-api-secret-sample-api-secret-0123"
    export ADMIN_EMAIL="admin@sample.local"
    export ADMIN_PASSWORD="sample-admin-password"
    export LOGIN_RATE_LIMIT=100000
    export CHAPA_API_BASE="${CHAPA_API_BASE:-http://127.0.0.1:9}"
    export CHAPA_TIMEOUT_SECS="${CHAPA_TIMEOUT_SECS:-1}"
    export RUST_LOG="${RUST_LOG:-warn}"
    export API_URL="http://127.0.0.1:$port"

    SAMPLE_API_PIDS=()
    trap sample_api_stop EXIT

    target/debug/api seed >"$SAMPLE_API_DIR/seed.log" 2>&1 || { cat "$SAMPLE_API_DIR/seed.log" >&2; return 1; }
    target/debug/api serve >"$SAMPLE_API_LOG" 2>&1 &
    SAMPLE_API_PIDS+=($!)
    if [ -n "$with_worker" ]; then
        target/debug/worker >"$SAMPLE_API_DIR/worker.log" 2>&1 &
        SAMPLE_API_PIDS+=($!)
    fi
    for _ in $(seq 1 100); do
        curl -fsS "$API_URL/health/live" >/dev/null 2>&1 && break
        kill -0 "${SAMPLE_API_PIDS[0]}" 2>/dev/null || { cat "$SAMPLE_API_LOG" >&2; return 1; }
        sleep 0.1
    done
    echo "sample-api: api at $API_URL on database $SAMPLE_API_DB" >&2
}

sample_api_stop() {
    local pid
    for pid in "${SAMPLE_API_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    SAMPLE_API_PIDS=()
    [ -n "${SAMPLE_API_DB:-}" ] && dropdb --if-exists -h 127.0.0.1 -U postgres "$SAMPLE_API_DB" 2>/dev/null || true
    [ -n "${SAMPLE_API_DIR:-}" ] && rm -rf "$SAMPLE_API_DIR"
    return 0
}
