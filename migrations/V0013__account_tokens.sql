-- Email verification, password reset and email change.

-- When the user proved they receive mail at `users.email`; NULL until then.
-- Existing accounts stay NULL: their addresses were never verified. An email
-- change sets it again (the new address was proven by its confirmation link).
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;

-- Single-use tokens sent by email, one row per token.
--
-- A token is `<selector>.<verifier>`: the selector (16 random bytes) finds the
-- row through its unique index, and only a hash of the verifier (32 random
-- bytes, hashed together with the purpose) is stored. The service compares
-- that hash in constant time, so neither a database leak nor response timing
-- yields a usable token. Rows are never reused: a used or expired token stays
-- rejected until the worker's housekeeping deletes it.
CREATE TABLE account_tokens (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    selector      text        NOT NULL UNIQUE,
    -- hex SHA-256 of `<purpose>:<verifier>`.
    verifier_hash text        NOT NULL,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose       text        NOT NULL
                  CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
    -- The address the token speaks for: the one being verified, the one the
    -- reset link went to, or the new address of an email change. A token dies
    -- when the user's address no longer matches (verification, reset).
    email         text        NOT NULL CHECK (email = lower(email)),
    expires_at    timestamptz NOT NULL,
    -- Set when the token was redeemed; a second use is refused.
    used_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Issuing a token invalidates the user's older ones of the same purpose.
CREATE INDEX account_tokens_user_purpose_idx ON account_tokens (user_id, purpose);
-- Housekeeping deletes expired rows by this index.
CREATE INDEX account_tokens_expires_at_idx ON account_tokens (expires_at);
