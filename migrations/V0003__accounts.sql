-- Users and refresh-token sessions.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Stored lower-cased (the service normalises it), so a plain unique index
    -- makes email case-insensitively unique without citext.
    email         text        NOT NULL CHECK (email = lower(email)),
    username      text        NOT NULL,
    first_name    text        NOT NULL DEFAULT '',
    last_name     text        NOT NULL DEFAULT '',
    -- Optional; E.164-style digits with an optional leading '+'.
    phone_number  text CHECK (phone_number ~ '^\+?[0-9]{7,15}$'),
    -- argon2id PHC string; never leaves the service layer.
    password_hash text        NOT NULL,
    role          text        NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user')),
    is_active     boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_key ON users (email);
-- Usernames are unique regardless of case ("Alice" and "alice" are one user);
-- login by username looks up lower(username), served by this index.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
-- NULLs do not collide in a unique index, so users without a phone are fine.
CREATE UNIQUE INDEX users_phone_number_key ON users (phone_number);
-- Admin user list filtered by role, keyset-paginated by id.
CREATE INDEX users_role_id_idx ON users (role, id);

-- Refresh tokens: opaque, stored as SHA-256 hashes, rotated on every use.
-- Tokens of one login share a family; presenting an already-used token
-- (a stolen copy) revokes the whole family.
CREATE TABLE refresh_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid        NOT NULL,
    token_hash  text        NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    -- Set when the token was exchanged for a new one.
    used_at     timestamptz,
    -- Set on logout, theft detection, password change or deactivation.
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Revoking a family or all of a user's sessions touches only these rows.
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
