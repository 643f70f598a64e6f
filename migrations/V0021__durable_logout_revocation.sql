-- Logout revoked one access token in Redis only (`revoked:jti:<jti>`): a Redis
-- restart (it may keep nothing on disk), a flush or an eviction brought the
-- token back until it expired. PostgreSQL now holds every revoked token id
-- until the token could no longer be accepted anyway; Redis caches, per user,
-- the token generation together with these ids, and refills both from here on
-- a miss (src/accounts/revocation.rs).

CREATE TABLE revoked_access_tokens (
    -- The token's `jti` (a UUID the api mints; text, as the claim is).
    jti        text        PRIMARY KEY CHECK (length(jti) <= 64),
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The token's `exp` plus the JWT leeway: after it the token is refused anyway.
    expires_at timestamptz NOT NULL
);

-- The refill reads one user's unexpired ids.
CREATE INDEX revoked_access_tokens_user_idx ON revoked_access_tokens (user_id, expires_at);
-- Housekeeping deletes the expired ones, oldest first.
CREATE INDEX revoked_access_tokens_expires_idx ON revoked_access_tokens (expires_at);
