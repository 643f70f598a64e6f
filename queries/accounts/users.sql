--: User(phone_number?)

--! insert_user (phone_number?) : User
--- Creates a user; unique violations name the index (email, username, phone).
INSERT INTO users (email, username, first_name, last_name, phone_number, password_hash, role)
VALUES (:email, :username, :first_name, :last_name, :phone_number, :password_hash, :role)
RETURNING id, email, username, first_name, last_name, phone_number, role, is_active,
          email_verified_at IS NOT NULL AS email_verified, created_at, updated_at;

--! insert_admin_if_absent
--- Bootstrap: creates the admin unless the email (or username) is taken; idempotent.
--- The operator configured the address, so it counts as verified.
INSERT INTO users (email, username, password_hash, role, email_verified_at)
VALUES (:email, :username, :password_hash, 'admin', now())
ON CONFLICT DO NOTHING
RETURNING id;

--! find_user : User
SELECT id, email, username, first_name, last_name, phone_number, role, is_active,
       email_verified_at IS NOT NULL AS email_verified, created_at, updated_at
FROM users WHERE id = :id;

--! find_credentials_by_login
--- Login by email or username (both stored/compared lower-case; served by the two unique indexes).
--- Role and token generation come from one row version, so a token never pairs a stale role with a new generation.
SELECT id, password_hash, role, is_active, token_generation
FROM users
WHERE email = lower(:login) OR lower(username) = lower(:login)
LIMIT 1;

--! find_session_user
--- What a refreshed token carries: role, activation and token generation, read together.
SELECT role, is_active, token_generation FROM users WHERE id = :id;

--! bump_token_generation
--- Revokes every access token issued to the user so far; returns the new generation.
UPDATE users SET token_generation = token_generation + 1 WHERE id = :id
RETURNING token_generation;

--! lock_active_admins
--- Locks the active admins' rows (in id order, so concurrent callers cannot deadlock)
--- before a change that could remove one: two admins demoting each other serialise here,
--- and the second sees that only one admin is left. `NO KEY UPDATE` does not block the
--- foreign-key checks of orders placed meanwhile.
SELECT id FROM users WHERE role = 'admin' AND is_active ORDER BY id FOR NO KEY UPDATE;

--! find_password_hash
SELECT password_hash FROM users WHERE id = :id;

--! list_users (role?, email?, username?, after_id?) : User
--- Admin user list: optional exact filters, keyset by id (no OFFSET).
SELECT id, email, username, first_name, last_name, phone_number, role, is_active,
       email_verified_at IS NOT NULL AS email_verified, created_at, updated_at
FROM users
WHERE (:role::text IS NULL OR role = :role)
  AND (:email::text IS NULL OR email = lower(:email))
  AND (:username::text IS NULL OR lower(username) = lower(:username))
  AND (:after_id::bigint IS NULL OR id > :after_id)
ORDER BY id
LIMIT :limit;

--! update_user (first_name?, last_name?, phone_number?, role?, is_active?) : User
--- Partial update: NULL keeps a column, except phone_number, which `set_phone` controls (so it can be cleared).
UPDATE users SET
    first_name   = COALESCE(:first_name, first_name),
    last_name    = COALESCE(:last_name, last_name),
    phone_number = CASE WHEN :set_phone THEN :phone_number ELSE phone_number END,
    role         = COALESCE(:role, role),
    is_active    = COALESCE(:is_active, is_active),
    updated_at   = now()
WHERE id = :id
RETURNING id, email, username, first_name, last_name, phone_number, role, is_active,
          email_verified_at IS NOT NULL AS email_verified, created_at, updated_at;

--! update_password_hash
UPDATE users SET password_hash = :password_hash, updated_at = now() WHERE id = :id;

--! delete_user
DELETE FROM users WHERE id = :id;

--! count_users_with_email_prefix
--- How many users have an email starting with a prefix (bulk seeding resumes from there).
SELECT count(*) AS count FROM users WHERE starts_with(email, :prefix);

--! list_user_ids_with_email_prefix
--- Ids of the users whose email starts with a prefix, in creation (id) order (bulk seeding).
SELECT id FROM users WHERE starts_with(email, :prefix) ORDER BY id;

--! find_active_user_by_email
--- The active user with this (lower-case) address, for a password reset; none for unknown or deactivated ones.
SELECT id, email, first_name FROM users WHERE email = :email AND is_active;

--! mark_email_verified
--- Marks the address verified if it is still the user's; no row back when it changed meanwhile.
UPDATE users
SET email_verified_at = COALESCE(email_verified_at, now()), updated_at = now()
WHERE id = :id AND email = :email
RETURNING id;

--! update_email
--- Makes a confirmed new address the user's (verified); a unique violation names `users_email_key`.
UPDATE users SET email = :email, email_verified_at = now(), updated_at = now()
WHERE id = :id;

--! search_users (role?, after_id?) : User
--- Admin search: users whose email or username contains `pattern` (a LIKE
--- pattern, lower-cased, wildcards escaped), keyset by id:
--- users_email_trgm_idx and users_username_trgm_idx.
SELECT id, email, username, first_name, last_name, phone_number, role, is_active,
       email_verified_at IS NOT NULL AS email_verified, created_at, updated_at
FROM users
WHERE (email LIKE :pattern OR lower(username) LIKE :pattern)
  AND (:role::text IS NULL OR role = :role)
  AND (:after_id::bigint IS NULL OR id > :after_id)
ORDER BY id
LIMIT :limit;
