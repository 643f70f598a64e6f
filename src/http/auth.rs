//! Bearer-token guards: who is calling, and may they.
//!
//! Handlers declare what they need by taking one of these extractors; the
//! check lives here, once:
//! - [`UserAuth`]: any signed-in, non-revoked user (401 otherwise);
//! - [`AdminAuth`]: an admin (401 without a valid token, 403 for non-admins);
//! - [`OptionalAuth`]: the caller if a token is sent, anonymous without one;
//!   a token that is sent but not valid is still a 401, so clients learn it is bad.
//!
//! All three register the same `bearer` scheme, so Swagger UI asks once.

use poem::{Request, RequestBody, http::header};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions, SecurityScheme,
    auth::{Bearer, BearerAuthorization as _},
    registry::Registry,
};

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

/// The caller when a token is sent, anonymous when none is.
///
/// An invalid, expired or revoked token is refused with 401 (and an
/// unavailable revocation check with 503) rather than being taken for no
/// token: the client must learn that its token is bad.
pub enum OptionalAuth {
    /// A valid bearer token was sent.
    Signed(UserAuth),
    /// No `Authorization` header.
    Anonymous,
}

/// Written by hand: the derived enum falls back to anonymous on any error,
/// including a bad token. The spec is the same (the `bearer` scheme, optional).
impl<'a> ApiExtractor<'a> for OptionalAuth {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        UserAuth::register(registry);
    }

    fn security_schemes() -> Vec<&'static str> {
        UserAuth::security_schemes()
    }

    fn has_security_fallback() -> bool {
        true
    }

    async fn from_request(
        req: &'a Request,
        _body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        if !req.headers().contains_key(header::AUTHORIZATION) {
            return Ok(Self::Anonymous);
        }
        let bearer = Bearer::from_request(req).map_err(|_| {
            ApiError::unauthorized("the Authorization header must be `Bearer <access token>`")
        })?;
        Ok(Self::Signed(UserAuth(authenticate(req, bearer).await?)))
    }
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
    // Fail closed: without Redis (or, on a cache miss, PostgreSQL) we cannot
    // tell revoked tokens apart, so the error (503) ends the request.
    let revoked = state
        .revocations
        .is_revoked(&claims.jti, user_id, claims.ver)
        .await
        .map_err(ApiError::from)?;
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
