# syntax=docker/dockerfile:1
# Build:  docker build -t shop .
# Run:    docker run -p 8000:8000 --env-file .env shop          (api, default)
#         docker run --env-file .env shop worker                (background worker)
# Without APP_ENV=development the binaries run in production mode and refuse to
# start unless JWT_SECRET, CHAPA_SECRET_KEY, CHAPA_WEBHOOK_SECRET and
# PUBLIC_BASE_URL are set (see .env.example).

############################ builder ############################
FROM rust:1-bookworm AS builder
WORKDIR /src

# Workspace: members "." (api + worker bins) and "codegen".
# build.rs* is a wildcard so the COPY still works if there is no build script.
COPY Cargo.toml Cargo.lock build.rs* ./
COPY codegen/ codegen/
COPY src/ src/
COPY migrations/ migrations/
COPY queries/ queries/
# The admin console's built bundle (checked in), embedded by build.rs.
COPY admin/dist/ admin/dist/

# Cache mounts keep the registry and incremental target dir between builds;
# the target dir is not part of the image, so copy the binaries out in the same RUN.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release --locked --bin api --bin worker \
 && mkdir -p /out \
 && cp target/release/api target/release/worker /out/

############################ runtime ############################
FROM debian:bookworm-slim AS runtime

# ca-certificates: outbound TLS (Chapa, SMTP); libssl3: in case a dependency
# uses native-tls/OpenSSL; curl: container healthcheck against /health/ready.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /app \
 && chown app:app /app

COPY --from=builder /out/api /out/worker /usr/local/bin/
COPY --chown=app:app migrations/ /app/migrations/

WORKDIR /app
USER app

ENV BIND=0.0.0.0:8000 \
    RUST_LOG=info
EXPOSE 8000

CMD ["api"]
