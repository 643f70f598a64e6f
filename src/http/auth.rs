//! Bearer-token guards: who is calling, and may they.
//!
//! Handlers declare what they need by taking one of these extractors; the
//! check lives here, once:
//! - [`UserAuth`]: any signed-in, non-revoked user (401 otherwise);
//! - [`AdminAuth`]: an admin (401 without a valid token, 403 for non-admins);
//! - [`OptionalAuth`]: the caller if a valid token is sent, else anonymous.
//!
//! All three register the same `bearer` scheme, so Swagger UI asks once.

use poem::Request;
use poem_openapi::{SecurityScheme, auth::Bearer};

use crate::{accounts::Role, error::ApiError, state::AppState};

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    /// `users.id`.
    pub user_id: i64,
    /// Role from the token; role changes revoke older tokens.
    pub role: Role,
    /// Token id, for logout.
    pub jti: String,
    /// Token expiry (seconds since the epoch).
    pub exp: i64,
}

impl Caller {
    /// Whether the caller is an admin.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// Whether the caller may act on a resource owned by `owner_id`.
    pub fn can_access(&self, owner_id: i64) -> bool {
        self.is_admin() || self.user_id == owner_id
    }
}

/// Any signed-in user.
#[derive(SecurityScheme)]
#[oai(
    rename = "bearer",
    ty = "bearer",
    bearer_format = "JWT",
    checker = "authenticate"
)]
pub struct UserAuth(pub Caller);

/// An admin; non-admins get 403.
#[derive(SecurityScheme)]
#[oai(
    rename = "bearer",
    ty = "bearer",
    bearer_format = "JWT",
    checker = "authenticate_admin"
)]
pub struct AdminAuth(pub Caller);

/// The caller when a valid token is present, anonymous otherwise.
#[derive(SecurityScheme)]
pub enum OptionalAuth {
    /// A valid bearer token was sent.
    Signed(UserAuth),
    /// No (valid) token.
    #[oai(fallback)]
    Anonymous,
}

impl OptionalAuth {
    /// The caller, if any.
    pub fn caller(&self) -> Option<&Caller> {
        match self {
            Self::Signed(UserAuth(caller)) => Some(caller),
            Self::Anonymous => None,
        }
    }
}

/// Verifies the JWT, then checks Redis for revocation of the token or its user.
async fn authenticate(req: &Request, bearer: Bearer) -> poem::Result<Caller> {
    let state = req
        .data::<AppState>()
        .expect("AppState is attached to every request");
    let (user_id, claims) = state
        .jwt
        .decode(&bearer.token)
        .map_err(|e| ApiError::unauthorized(e.to_string()))?;
    let revoked = state
        .revocations
        .is_revoked(&claims.jti, user_id, claims.ver)
        .await
        .map_err(|e| {
            // Fail closed: without Redis we cannot tell revoked tokens apart.
            tracing::warn!(error = %e, "revocation check failed");
            ApiError::unavailable("authentication is temporarily unavailable")
        })?;
    if revoked {
        return Err(ApiError::unauthorized("access token has been revoked").into());
    }
    Ok(Caller {
        user_id,
        role: claims.role,
        jti: claims.jti,
        exp: claims.exp,
    })
}

async fn authenticate_admin(req: &Request, bearer: Bearer) -> poem::Result<Caller> {
    let caller = authenticate(req, bearer).await?;
    if !caller.is_admin() {
        return Err(ApiError::forbidden("this action requires the admin role").into());
    }
    Ok(caller)
}
