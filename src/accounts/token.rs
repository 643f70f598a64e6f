//! Access tokens (JWT, HS256), opaque refresh tokens and single-use account tokens.
//!
//! The algorithm is fixed: a token whose header names another algorithm
//! (including `none`) is rejected before its signature is looked at.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore as _;
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use subtle::ConstantTimeEq as _;

use crate::{
    accounts::{
        Role,
        domain::{AccountToken, SELECTOR_BYTES, TokenPurpose, VERIFIER_BYTES},
    },
    config::JwtSettings,
};

/// Claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// User id, as a string per RFC 7519.
    pub sub: String,
    /// Role at issue time; role changes revoke the user's tokens.
    pub role: Role,
    /// Unique token id, used to revoke one token on logout.
    pub jti: String,
    /// Issued at (seconds since the epoch).
    pub iat: i64,
    /// Expiry (seconds since the epoch).
    pub exp: i64,
    /// Issuer (`JWT_ISSUER`).
    pub iss: String,
    /// Audience (`JWT_AUDIENCE`).
    pub aud: String,
    /// The user's token generation at issue time (see `revocation`).
    pub ver: i64,
}

/// Why a token was rejected; all of them become 401.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Expired, tampered, wrong key, wrong algorithm, wrong issuer or audience.
    #[error("invalid or expired access token")]
    Invalid(#[from] jsonwebtoken::errors::Error),
    /// `sub` is not a user id.
    #[error("invalid access token subject")]
    BadSubject,
}

/// Signing and verification keys plus validation rules, built once at start.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    access_ttl_secs: i64,
}

/// Seconds an access token is still accepted after its `exp` (clock skew between hosts).
///
/// Revocation keys must outlive a token by at least this much.
pub const LEEWAY_SECS: u64 = 5;

/// Seconds since the Unix epoch.
pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

impl JwtKeys {
    /// Builds keys from `JWT_*` settings.
    pub fn new(settings: &JwtSettings) -> Self {
        let secret = settings.secret.expose_secret().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[settings.issuer.as_str()]);
        validation.set_audience(&[settings.audience.as_str()]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECS;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
            access_ttl_secs: settings.access_ttl.as_secs() as i64,
        }
    }

    /// Access-token lifetime in seconds (the `expires_in` of a login response).
    pub fn access_ttl_secs(&self) -> i64 {
        self.access_ttl_secs
    }

    /// Claims for a new access token of this user.
    pub fn claims_for(&self, user_id: i64, role: Role, generation: i64) -> Claims {
        let iat = now_secs();
        Claims {
            sub: user_id.to_string(),
            role,
            jti: uuid::Uuid::new_v4().to_string(),
            iat,
            exp: iat + self.access_ttl_secs,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            ver: generation,
        }
    }

    /// Signs claims with HS256.
    pub fn encode(&self, claims: &Claims) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding)
            .expect("HS256 signing of serialisable claims cannot fail")
    }

    /// Verifies signature, algorithm, expiry, issuer and audience.
    pub fn decode(&self, token: &str) -> Result<(i64, Claims), TokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)?;
        let user_id = data
            .claims
            .sub
            .parse::<i64>()
            .map_err(|_| TokenError::BadSubject)?;
        Ok((user_id, data.claims))
    }
}

/// `len` bytes from the operating system's CSPRNG, URL-safe base64 without padding.
fn random_url_safe(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rand::thread_rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Lower-case hex SHA-256.
fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new opaque refresh token: 32 random bytes, URL-safe base64.
pub fn new_refresh_token() -> String {
    random_url_safe(32)
}

/// SHA-256 of a refresh token; only the hash is stored, so a database leak
/// does not leak usable tokens.
pub fn hash_refresh_token(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// A new account token for `purpose` and the hash of its verifier (the only part stored).
///
/// 128 random bits of selector and 256 of verifier.
pub fn new_account_token(purpose: TokenPurpose) -> (AccountToken, String) {
    let token = AccountToken {
        selector: random_url_safe(SELECTOR_BYTES),
        verifier: random_url_safe(VERIFIER_BYTES),
    };
    let hash = account_verifier_hash(purpose, &token.verifier);
    (token, hash)
}

/// SHA-256 of `<purpose>:<verifier>`: a hash stored for one purpose never matches another.
fn account_verifier_hash(purpose: TokenPurpose, verifier: &str) -> String {
    sha256_hex(format!("{}:{verifier}", purpose.as_str()).as_bytes())
}

/// Whether a presented token's verifier matches the stored hash for `purpose`, compared in constant time.
pub fn account_verifier_matches(
    purpose: TokenPurpose,
    token: &AccountToken,
    stored_hash: &str,
) -> bool {
    let presented = account_verifier_hash(purpose, &token.verifier);
    bool::from(presented.as_bytes().ct_eq(stored_hash.as_bytes()))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn settings(secret: &str) -> JwtSettings {
        JwtSettings {
            secret: secret.to_owned().into(),
            issuer: "iss".into(),
            audience: "aud".into(),
            access_ttl: Duration::from_secs(60),
            refresh_ttl: Duration::from_secs(600),
            login_rate_limit: 5,
            login_rate_window: Duration::from_secs(60),
            refresh_reuse_grace: Duration::from_secs(10),
        }
    }

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn round_trips_claims() {
        let keys = JwtKeys::new(&settings(SECRET));
        let claims = keys.claims_for(7, Role::Admin, 0);
        let (id, decoded) = keys.decode(&keys.encode(&claims)).unwrap();
        assert_eq!(id, 7);
        assert_eq!(decoded, claims);
    }

    #[test]
    fn rejects_other_secret_expired_and_alg_none() {
        let keys = JwtKeys::new(&settings(SECRET));
        let other = JwtKeys::new(&settings("another-secret-another-secret-!!"));
        let token = other.encode(&other.claims_for(1, Role::User, 0));
        assert!(keys.decode(&token).is_err(), "wrong secret accepted");

        let mut claims = keys.claims_for(1, Role::User, 0);
        claims.exp = now_secs() - 60;
        assert!(
            keys.decode(&keys.encode(&claims)).is_err(),
            "expired accepted"
        );

        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD
            .encode(serde_json::to_vec(&keys.claims_for(1, Role::Admin, 0)).unwrap());
        assert!(
            keys.decode(&format!("{header}.{payload}.")).is_err(),
            "alg none accepted"
        );
    }

    #[test]
    fn rejects_wrong_audience_and_issuer() {
        let keys = JwtKeys::new(&settings(SECRET));
        let mut claims = keys.claims_for(1, Role::User, 0);
        claims.aud = "someone-else".into();
        assert!(keys.decode(&keys.encode(&claims)).is_err());
        let mut claims = keys.claims_for(1, Role::User, 0);
        claims.iss = "someone-else".into();
        assert!(keys.decode(&keys.encode(&claims)).is_err());
    }

    #[test]
    fn account_tokens_match_only_their_own_purpose() {
        let (token, hash) = new_account_token(TokenPurpose::ResetPassword);
        assert_eq!(AccountToken::parse(&token.expose()), Some(token.clone()));
        assert!(account_verifier_matches(
            TokenPurpose::ResetPassword,
            &token,
            &hash
        ));
        for other in [TokenPurpose::VerifyEmail, TokenPurpose::ChangeEmail] {
            assert!(!account_verifier_matches(other, &token, &hash), "{other:?}");
        }
        let (other_token, _) = new_account_token(TokenPurpose::ResetPassword);
        assert_ne!(other_token, token);
        assert!(!account_verifier_matches(
            TokenPurpose::ResetPassword,
            &other_token,
            &hash
        ));
        assert!(!hash.contains(&token.verifier));
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let a = new_refresh_token();
        assert_ne!(a, new_refresh_token());
        assert_eq!(hash_refresh_token(&a).len(), 64);
        assert_eq!(hash_refresh_token(&a), hash_refresh_token(&a));
    }
}
