//! Accounts HTTP handlers: parse, authorize, call one service function, respond.

use poem::Request;
use poem_openapi::{
    ApiResponse, OpenApi,
    param::{Path, Query},
    payload::Json,
};

use crate::{
    accounts::{
        Role,
        domain::{Email, UserChanges},
        dto::*,
        error::AccountsError,
        lifecycle,
        service::{self, CredentialChanges, UserFilter},
    },
    error::{ApiError, ApiResult, status},
    http::{
        ApiTags,
        auth::{OptionalAuth, UserAuth},
        client_ip::client_ip,
    },
    pagination,
    state::AppState,
};

/// Registration, sessions and user management.
pub struct AccountsApi {
    state: AppState,
}

impl AccountsApi {
    /// Wraps the shared state.
    pub fn new(state: AppState) -> Self {
        Self { state }
    }

    /// The client's address for rate limits (`X-Forwarded-For` only from `TRUSTED_PROXIES`).
    fn client_ip(&self, request: &Request) -> String {
        request
            .remote_addr()
            .as_socket_addr()
            .map(|peer| {
                let forwarded_for = request
                    .headers()
                    .get("x-forwarded-for")
                    .and_then(|v| v.to_str().ok());
                client_ip(
                    peer.ip(),
                    forwarded_for,
                    &self.state.settings.http.trusted_proxies,
                )
                .to_string()
            })
            .unwrap_or_else(|| "unknown".into())
    }
}

/// Registration outcome.
#[derive(ApiResponse)]
pub enum RegisterResponse {
    /// The new user.
    #[oai(status = 201)]
    Created(Json<UserResponse>),
}

/// Login or refresh outcome.
#[derive(ApiResponse)]
pub enum TokensResponse {
    /// A fresh token pair.
    #[oai(status = 200)]
    Ok(Json<TokenResponse>),
}

/// Outcome with no body.
#[derive(ApiResponse)]
pub enum NoContentResponse {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

/// Outcome of a request whose effect (an email) happens in the background.
#[derive(ApiResponse)]
pub enum AcceptedResponse {
    /// Accepted; the email is on its way.
    #[oai(status = 202)]
    Accepted,
}

/// Outcome of a password-reset request.
#[derive(ApiResponse)]
pub enum PasswordResetResponse {
    /// Accepted; the same answer whether or not an account has the address.
    #[oai(status = 202)]
    Accepted(Json<PasswordResetAccepted>),
}

/// One user.
#[derive(ApiResponse)]
pub enum FindUserResponse {
    /// The user.
    #[oai(status = 200)]
    Ok(Json<UserResponse>),
}

/// A page of users.
#[derive(ApiResponse)]
pub enum ListUsersResponse {
    /// Users ordered by id.
    #[oai(status = 200)]
    Ok(Json<UserListResponse>),
}

#[OpenApi(prefix_path = "/api/v1")]
impl AccountsApi {
    /// Register a user
    ///
    /// Open to anonymous callers and admins; signed-in non-admins get 403.
    /// Enqueues a welcome email. Duplicate email, username or phone → 409.
    #[oai(
        path = "/auth/register",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "register"
    )]
    async fn register(
        &self,
        auth: OptionalAuth,
        body: Json<RegisterRequest>,
    ) -> ApiResult<
        RegisterResponse,
        { status::BODY | status::UNAUTHORIZED | status::FORBIDDEN | status::CONFLICT },
    > {
        let new = body.0.try_into().map_err(AccountsError::from)?;
        let user = service::register(&self.state.db, auth.caller(), new).await?;
        Ok(RegisterResponse::Created(Json(user.into())))
    }

    /// Sign in
    ///
    /// Email or username plus password. Wrong credentials → 401 (same answer
    /// whether or not the account exists). Rate-limited per IP and per account → 429.
    #[oai(
        path = "/auth/login",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "login"
    )]
    async fn login(
        &self,
        request: &Request,
        body: Json<LoginRequest>,
    ) -> ApiResult<
        TokensResponse,
        { status::BODY | status::UNAUTHORIZED | status::TOO_MANY_REQUESTS },
    > {
        let ip = self.client_ip(request);
        let LoginRequest { login, password } = body.0;
        let tokens = service::login(&self.state, &login, password.into_string(), &ip).await?;
        Ok(TokensResponse::Ok(Json(tokens.into())))
    }

    /// Refresh tokens
    ///
    /// Exchanges a refresh token for a new pair; the old one stops working.
    /// Presenting an already-used refresh token revokes the whole session.
    #[oai(
        path = "/auth/refresh",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "refresh_tokens"
    )]
    async fn refresh(
        &self,
        body: Json<RefreshRequest>,
    ) -> ApiResult<TokensResponse, { status::BODY | status::UNAUTHORIZED }> {
        let tokens = service::refresh(&self.state, &body.0.refresh_token).await?;
        Ok(TokensResponse::Ok(Json(tokens.into())))
    }

    /// Sign out
    ///
    /// Revokes the access token at once and, when given, the refresh token's session.
    #[oai(
        path = "/auth/logout",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "logout"
    )]
    async fn logout(
        &self,
        auth: UserAuth,
        body: Json<LogoutRequest>,
    ) -> ApiResult<NoContentResponse, { status::BODY | status::UNAUTHORIZED }> {
        service::logout(&self.state, &auth.0, body.0.refresh_token.as_deref()).await?;
        Ok(NoContentResponse::NoContent)
    }

    /// Current user
    #[oai(
        path = "/users/me",
        method = "get",
        tag = "ApiTags::Users",
        operation_id = "find_current_user"
    )]
    async fn find_me(
        &self,
        auth: UserAuth,
    ) -> ApiResult<FindUserResponse, { status::UNAUTHORIZED | status::NOT_FOUND }> {
        let client = self.state.db.get().await?;
        let user = service::find_user(&client, &auth.0, auth.0.user_id).await?;
        Ok(FindUserResponse::Ok(Json(user.into())))
    }

    /// Update the current user
    ///
    /// Names and phone. A password change needs `current_password`, signs out
    /// every session and emails a notice. An `email` change needs
    /// `current_password` too, and takes effect only once confirmed with the
    /// link sent to the new address (`POST /auth/confirm-email-change`); an
    /// address already in use → 409.
    #[oai(
        path = "/users/me",
        method = "patch",
        tag = "ApiTags::Users",
        operation_id = "update_current_user"
    )]
    async fn update_me(
        &self,
        auth: UserAuth,
        body: Json<UpdateMeRequest>,
    ) -> ApiResult<
        FindUserResponse,
        { status::BODY | status::UNAUTHORIZED | status::NOT_FOUND | status::CONFLICT },
    > {
        let changes = UserChanges::try_from(&body.0).map_err(AccountsError::from)?;
        let UpdateMeRequest {
            current_password,
            new_password,
            email,
            ..
        } = body.0;
        let new_email = email
            .as_deref()
            .map(Email::parse)
            .transpose()
            .map_err(AccountsError::from)?;
        let changes_credentials = new_password.is_some() || new_email.is_some();
        match (&current_password, changes_credentials) {
            (None, true) => {
                return Err(ApiError::invalid_field(
                    "current_password",
                    "is required to change the password or the email address",
                )
                .into());
            }
            (Some(_), false) => {
                return Err(ApiError::invalid_field(
                    "new_password",
                    "is required with current_password (or give a new email)",
                )
                .into());
            }
            _ => {}
        }
        let credentials = CredentialChanges {
            current_password: current_password.map(crate::http::text::Text::into_string),
            new_password: new_password.map(crate::http::text::Text::into_string),
            new_email,
        };
        let user = service::update_me(&self.state, &auth.0, changes, credentials).await?;
        Ok(FindUserResponse::Ok(Json(user.into())))
    }

    /// Verify an email address
    ///
    /// Redeems the token of a verification link (sent on registration and on
    /// request). A wrong, expired, used or other-purpose token → 400 `invalid_token`.
    #[oai(
        path = "/auth/verify-email",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "verify_email"
    )]
    async fn verify_email(
        &self,
        body: Json<AccountTokenRequest>,
    ) -> ApiResult<NoContentResponse, { status::BODY }> {
        lifecycle::verify_email(&self.state.db, &body.0.token).await?;
        Ok(NoContentResponse::NoContent)
    }

    /// Resend the verification email
    ///
    /// Emails the signed-in user a fresh verification link; older links stop
    /// working. Already verified → 409. Rate-limited per user → 429.
    #[oai(
        path = "/auth/verify-email/resend",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "resend_verification_email"
    )]
    async fn resend_verification_email(
        &self,
        auth: UserAuth,
    ) -> ApiResult<
        AcceptedResponse,
        { status::UNAUTHORIZED | status::CONFLICT | status::TOO_MANY_REQUESTS },
    > {
        lifecycle::resend_verification_email(&self.state, &auth.0).await?;
        Ok(AcceptedResponse::Accepted)
    }

    /// Request a password reset
    ///
    /// Always 202 with the same body, whether or not an account has the
    /// address; if an active one does, it gets a reset link. Rate-limited per
    /// address and per client → 429.
    #[oai(
        path = "/auth/password-reset",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "request_password_reset"
    )]
    async fn request_password_reset(
        &self,
        request: &Request,
        body: Json<PasswordResetRequest>,
    ) -> ApiResult<PasswordResetResponse, { status::BODY | status::TOO_MANY_REQUESTS }> {
        let ip = self.client_ip(request);
        lifecycle::request_password_reset(&self.state, &body.0.email, &ip).await?;
        Ok(PasswordResetResponse::Accepted(Json(
            PasswordResetAccepted::new(),
        )))
    }

    /// Reset the password
    ///
    /// Sets a new password with the token of a reset link (same strength rules
    /// as registration), signs out every session and emails a notice. A wrong,
    /// expired, used or other-purpose token → 400 `invalid_token`.
    /// Rate-limited per client → 429.
    #[oai(
        path = "/auth/password-reset/confirm",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "reset_password"
    )]
    async fn reset_password(
        &self,
        request: &Request,
        body: Json<ResetPasswordRequest>,
    ) -> ApiResult<NoContentResponse, { status::BODY | status::TOO_MANY_REQUESTS }> {
        let ip = self.client_ip(request);
        let ResetPasswordRequest {
            token,
            new_password,
        } = body.0;
        lifecycle::reset_password(&self.state, &token, &new_password, &ip).await?;
        Ok(NoContentResponse::NoContent)
    }

    /// Confirm an email change
    ///
    /// Redeems the token of the link sent to the new address: the account
    /// uses that address from now on (verified), and the old one gets a
    /// notice. Address taken meanwhile → 409. A wrong, expired, used or
    /// other-purpose token → 400 `invalid_token`.
    #[oai(
        path = "/auth/confirm-email-change",
        method = "post",
        tag = "ApiTags::Auth",
        operation_id = "confirm_email_change"
    )]
    async fn confirm_email_change(
        &self,
        body: Json<AccountTokenRequest>,
    ) -> ApiResult<NoContentResponse, { status::BODY | status::CONFLICT }> {
        lifecycle::confirm_email_change(&self.state.db, &body.0.token).await?;
        Ok(NoContentResponse::NoContent)
    }

    /// List users
    ///
    /// Admins see everyone (filter by role, email, username, or search with `q`);
    /// others see only themselves. Keyset-paginated by id.
    #[oai(
        path = "/users",
        method = "get",
        tag = "ApiTags::Users",
        operation_id = "list_users"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn list_users(
        &self,
        auth: UserAuth,
        /// Only users with this role.
        role: Query<Option<Role>>,
        /// Only the user with this email.
        email: Query<Option<String>>,
        /// Only the user with this username.
        username: Query<Option<String>>,
        /// Only users whose email or username contains this text (case-insensitive);
        /// not combined with `email` or `username`.
        #[oai(validator(max_length = 100))]
        q: Query<Option<String>>,
        /// Page size, 1–100 (default 20).
        #[oai(
            default = "pagination::default_limit",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 2048))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<ListUsersResponse, { status::BAD_REQUEST | status::UNAUTHORIZED }> {
        let limit = pagination::check_limit(limit.0)?;
        let after_id = cursor
            .0
            .as_deref()
            .map(|c| c.parse::<i64>())
            .transpose()
            .map_err(|_| ApiError::invalid_field("cursor", "is not a valid cursor"))?;
        let q = q.0.filter(|q| !q.trim().is_empty());
        if q.is_some() && (email.0.is_some() || username.0.is_some()) {
            return Err(
                ApiError::invalid_field("q", "cannot be combined with email or username").into(),
            );
        }
        let filter = UserFilter {
            role: role.0,
            email: email.0,
            username: username.0,
            q,
        };
        let client = self.state.db.get().await?;
        let (users, next) = service::list_users(&client, &auth.0, filter, after_id, limit).await?;
        Ok(ListUsersResponse::Ok(Json(UserListResponse {
            items: users.into_iter().map(Into::into).collect(),
            next_cursor: next.map(|id| id.to_string()),
        })))
    }

    /// Get a user
    ///
    /// Admins: anyone. Others: only themselves (403 otherwise).
    #[oai(
        path = "/users/:id",
        method = "get",
        tag = "ApiTags::Users",
        operation_id = "find_user"
    )]
    async fn find_user(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        FindUserResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::FORBIDDEN | status::NOT_FOUND },
    > {
        let client = self.state.db.get().await?;
        let user = service::find_user(&client, &auth.0, id.0).await?;
        Ok(FindUserResponse::Ok(Json(user.into())))
    }

    /// Update a user
    ///
    /// Admins: anyone, including `role` and `is_active`. Others: only their own
    /// names and phone (403 for role/activation or other users).
    #[oai(
        path = "/users/:id",
        method = "patch",
        tag = "ApiTags::Users",
        operation_id = "update_user"
    )]
    async fn update_user(
        &self,
        auth: UserAuth,
        id: Path<i64>,
        body: Json<UpdateUserRequest>,
    ) -> ApiResult<
        FindUserResponse,
        {
            status::BODY
                | status::UNAUTHORIZED
                | status::FORBIDDEN
                | status::NOT_FOUND
                | status::CONFLICT
        },
    > {
        let changes = UserChanges::try_from(&body.0).map_err(AccountsError::from)?;
        let user = service::update_user(&self.state, &auth.0, id.0, changes).await?;
        Ok(FindUserResponse::Ok(Json(user.into())))
    }

    /// Delete a user
    ///
    /// Admin or self. Users with order history → 409 (deactivate them instead).
    #[oai(
        path = "/users/:id",
        method = "delete",
        tag = "ApiTags::Users",
        operation_id = "delete_user"
    )]
    async fn delete_user(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        NoContentResponse,
        {
            status::BAD_REQUEST
                | status::UNAUTHORIZED
                | status::FORBIDDEN
                | status::NOT_FOUND
                | status::CONFLICT
        },
    > {
        service::delete_user(&self.state, &auth.0, id.0).await?;
        Ok(NoContentResponse::NoContent)
    }
}
