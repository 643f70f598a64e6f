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
        domain::UserChanges,
        dto::*,
        error::AccountsError,
        service::{self, UserFilter},
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
        let ip = request
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
            .unwrap_or_else(|| "unknown".into());
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
    /// Names and phone; a password change needs `current_password` and signs out every session.
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
        let password_change = match (body.0.current_password, body.0.new_password) {
            (Some(current), Some(new)) => Some((current.into_string(), new.into_string())),
            (None, None) => None,
            (None, Some(_)) => {
                return Err(ApiError::invalid_field(
                    "current_password",
                    "is required to change the password",
                )
                .into());
            }
            (Some(_), None) => {
                return Err(ApiError::invalid_field(
                    "new_password",
                    "is required with current_password",
                )
                .into());
            }
        };
        let user = service::update_me(&self.state, &auth.0, changes, password_change).await?;
        Ok(FindUserResponse::Ok(Json(user.into())))
    }

    /// List users
    ///
    /// Admins see everyone (filter by role, email, username); others see only themselves.
    /// Keyset-paginated by id.
    #[oai(
        path = "/users",
        method = "get",
        tag = "ApiTags::Users",
        operation_id = "list_users"
    )]
    async fn list_users(
        &self,
        auth: UserAuth,
        /// Only users with this role.
        role: Query<Option<Role>>,
        /// Only the user with this email.
        email: Query<Option<String>>,
        /// Only the user with this username.
        username: Query<Option<String>>,
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
        let filter = UserFilter {
            role: role.0,
            email: email.0,
            username: username.0,
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
