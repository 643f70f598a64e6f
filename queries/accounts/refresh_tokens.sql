--! insert_refresh_token
INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
VALUES (:user_id, :family_id, :token_hash, :expires_at);

--! consume_refresh_token
--- Atomically marks a live token used; no row means unknown, used, revoked or expired.
UPDATE refresh_tokens SET used_at = now()
WHERE token_hash = :token_hash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
RETURNING user_id, family_id;

--! find_refresh_token
--- A token regardless of state, to tell a retry (used, session live) and reuse (theft) apart from garbage.
SELECT user_id, family_id, used_at IS NOT NULL AS used, revoked_at IS NOT NULL AS revoked
FROM refresh_tokens WHERE token_hash = :token_hash;

--! revoke_refresh_family
UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family_id AND revoked_at IS NULL;

--! revoke_user_refresh_tokens
UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = :user_id AND revoked_at IS NULL;

--! find_refresh_family_of_user
--- The family of a token that belongs to this user (logout revokes only the caller's own session).
SELECT family_id FROM refresh_tokens WHERE token_hash = :token_hash AND user_id = :user_id;
