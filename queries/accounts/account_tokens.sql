--! delete_unused_account_tokens
--- Invalidates the user's unused tokens of one purpose (a newer token replaces them, or the flow completed).
DELETE FROM account_tokens WHERE user_id = :user_id AND purpose = :purpose AND used_at IS NULL;

--! insert_account_token
--- Issues a token if the user exists and is active; no row back means no token (deleted or deactivated user).
INSERT INTO account_tokens (selector, verifier_hash, user_id, purpose, email, expires_at)
SELECT :selector, :verifier_hash, id, :purpose, :email, :expires_at
FROM users WHERE id = :user_id AND is_active
RETURNING id;

--! lock_account_token
--- The token with this selector and purpose, locked until the redeeming transaction ends.
---
--- The verifier hash is compared by the caller (in constant time); `used` and
--- `expired` are read under the lock, so two concurrent redemptions of one
--- token run one after the other and the second sees it used.
SELECT id, user_id, email, verifier_hash, used_at IS NOT NULL AS used, expires_at <= now() AS expired
FROM account_tokens
WHERE selector = :selector AND purpose = :purpose
FOR UPDATE;

--! mark_account_token_used
UPDATE account_tokens SET used_at = now() WHERE id = :id;

--! delete_spent_account_tokens
--- Housekeeping: removes used and expired tokens (they are refused anyway).
DELETE FROM account_tokens WHERE used_at IS NOT NULL OR expires_at <= now();

--! count_account_tokens_of_user
--- How many token rows a user has, whatever their state (tests and diagnostics).
SELECT count(*) AS count FROM account_tokens WHERE user_id = :user_id;
