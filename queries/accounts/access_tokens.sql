--! insert_revoked_access_token
--- Records an access token revoked on logout until `expires_at` (its `exp` plus
--- the JWT leeway); revoking it again is a no-op.
INSERT INTO revoked_access_tokens (jti, user_id, expires_at)
VALUES (:jti, :user_id, :expires_at)
ON CONFLICT (jti) DO NOTHING;

--! find_revocation_state
--- The user's token generation and the ids of their revoked access tokens that
--- could still be accepted (refills the Redis cache;
--- `revoked_access_tokens_user_idx`); no row for deleted users.
SELECT u.token_generation,
       ARRAY(SELECT r.jti FROM revoked_access_tokens r
             WHERE r.user_id = u.id AND r.expires_at > now()
             ORDER BY r.expires_at) AS revoked_jtis
FROM users u
WHERE u.id = :id;
