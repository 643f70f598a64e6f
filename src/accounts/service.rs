//! Account rules: registration, sessions, profile changes, access to other users.

use anyhow::Context;
use chrono::{DateTime, FixedOffset};
use codegen::{
    client::{GenericClient, Params as _},
    queries::accounts::{refresh_tokens as rt, users as q},
};
use secrecy::ExposeSecret;
use tokio_postgres::error::SqlState;

use crate::{
    accounts::{
        Role,
        domain::{Email, Invalid, NewUser, Password, TokenPurpose, UserChanges, Username},
        error::AccountsError,
        lifecycle, password,
        rate_limit::{self, Decision},
        refresh_grace, token,
    },
    config::AdminBootstrap,
    db,
    db::Pool,
    http::auth::Caller,
    jobs::{
        self,
        message::{SendEmailChangeEmail, SendPasswordChangedEmail, SendUserCreationEmail},
    },
    pagination::split_page,
    state::AppState,
};

/// A user as the domain sees it (no password hash).
#[derive(Debug, Clone)]
pub struct User {
    /// `users.id`.
    pub id: i64,
    /// Lower-case email.
    pub email: String,
    /// Username.
    pub username: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Optional phone.
    pub phone_number: Option<String>,
    /// Role.
    pub role: Role,
    /// Whether the user may sign in.
    pub is_active: bool,
    /// Whether the user proved they receive mail at `email`.
    pub email_verified: bool,
    /// Registration time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl TryFrom<q::User> for User {
    type Error = crate::db::UnknownValue;

    fn try_from(row: q::User) -> Result<Self, Self::Error> {
        Ok(Self {
            id: row.id,
            email: row.email,
            username: row.username,
            first_name: row.first_name,
            last_name: row.last_name,
            phone_number: row.phone_number,
            role: row.role.parse()?,
            is_active: row.is_active,
            email_verified: row.email_verified,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// An access/refresh token pair.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Tokens {
    /// JWT.
    pub access_token: String,
    /// Opaque refresh token (only its hash is stored).
    pub refresh_token: String,
    /// Access-token lifetime in seconds.
    pub expires_in: i64,
}

/// Maps unique-index violations of `users` to domain errors.
fn user_write_error(error: tokio_postgres::Error) -> AccountsError {
    match db::violated_constraint(&error) {
        Some("users_email_key") => AccountsError::EmailTaken,
        Some("users_username_key") => AccountsError::UsernameTaken,
        Some("users_phone_number_key") => AccountsError::PhoneTaken,
        _ => error.into(),
    }
}

/// Registers a user and enqueues the welcome email in the same transaction.
///
/// The welcome email carries the link that verifies the address.
/// Anonymous callers and admins may register users; signed-in users may not.
pub async fn register(
    pool: &Pool,
    caller: Option<&Caller>,
    new: NewUser,
) -> Result<User, AccountsError> {
    if caller.is_some_and(|c| !c.is_admin()) {
        return Err(AccountsError::Forbidden(
            "signed-in users cannot register new accounts",
        ));
    }
    let hash = password::hash(new.password.expose().to_owned()).await?;
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let user: User = q::insert_user()
        .params(
            &tx,
            &q::InsertUserParams {
                email: new.email.as_str(),
                username: new.username.as_str(),
                first_name: new.first_name.as_str(),
                last_name: new.last_name.as_str(),
                phone_number: new.phone.as_ref().map(|p| p.as_str()),
                password_hash: hash.as_str(),
                role: Role::User.as_str(),
            },
        )
        .one()
        .await
        .map_err(user_write_error)?
        .try_into()?;
    jobs::enqueue(
        &tx,
        &SendUserCreationEmail {
            user_id: user.id,
            email: user.email.clone(),
            username: user.username.clone(),
            first_name: user.first_name.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = user.id, "user registered");
    Ok(user)
}

/// Checks credentials (rate-limited per IP and per account) and opens a session.
pub async fn login(
    state: &AppState,
    login: &str,
    password_attempt: String,
    client_ip: &str,
) -> Result<Tokens, AccountsError> {
    let jwt = &state.settings.jwt;
    let prefix = &state.settings.redis.key_prefix;
    let keys = [
        format!("{prefix}login:ip:{client_ip}"),
        format!("{prefix}login:account:{}", login.trim().to_lowercase()),
    ];
    let started = std::time::Instant::now();
    let decision = rate_limit::hit(
        &state.redis,
        &keys,
        jwt.login_rate_limit,
        jwt.login_rate_window.as_secs(),
    )
    .await;
    state
        .metrics
        .redis_call("login_rate_limit", started.elapsed(), decision.is_ok());
    if let Decision::Limited { retry_after } = decision? {
        state.metrics.login_rate_limited();
        return Err(AccountsError::RateLimited { retry_after });
    }

    let client = state.db.get().await?;
    let found = q::find_credentials_by_login()
        .bind(&client, &login.trim())
        .opt()
        .await?;
    // Verify even for unknown accounts (against a dummy hash) so timing does not
    // reveal which logins exist.
    let valid = password::verify(
        password_attempt,
        found.as_ref().map(|f| f.password_hash.clone()),
    )
    .await?;
    let user = match found {
        Some(user) if valid && user.is_active => user,
        _ => return Err(AccountsError::InvalidCredentials),
    };
    let family = uuid::Uuid::new_v4();
    let role: Role = user.role.parse()?;
    let tokens = issue_tokens(state, &client, user.id, role, user.token_generation, family).await?;
    tracing::info!(user.id = user.id, "signed in");
    Ok(tokens)
}

/// Signs an access token and stores a new refresh token of `family`.
///
/// `role` and `generation` must come from one read of the user's row, so a
/// token with a role that has since changed carries a revoked generation.
async fn issue_tokens(
    state: &AppState,
    client: &impl GenericClient,
    user_id: i64,
    role: Role,
    generation: i64,
    family: uuid::Uuid,
) -> Result<Tokens, AccountsError> {
    let access_token = state
        .jwt
        .encode(&state.jwt.claims_for(user_id, role, generation));
    let refresh_token = token::new_refresh_token();
    let refresh_ttl = chrono::Duration::from_std(state.settings.jwt.refresh_ttl)
        .context("JWT_REFRESH_TTL_SECS out of range")?;
    let expires_at: DateTime<FixedOffset> = (chrono::Utc::now() + refresh_ttl).fixed_offset();
    rt::insert_refresh_token()
        .bind(
            client,
            &user_id,
            &family,
            &token::hash_refresh_token(&refresh_token),
            &expires_at,
        )
        .await?;
    Ok(Tokens {
        access_token,
        refresh_token,
        expires_in: state.jwt.access_ttl_secs(),
    })
}

/// Exchanges a refresh token for a new pair.
///
/// A spent token presented again within `REFRESH_REUSE_GRACE_SECS` (a retry,
/// two tabs) yields the same pair; later, or once its session was revoked,
/// reuse counts as theft and signs the user out everywhere.
pub async fn refresh(state: &AppState, refresh_token: &str) -> Result<Tokens, AccountsError> {
    let hash = token::hash_refresh_token(refresh_token.trim());
    let mut client = state.db.get().await?;
    let tx = client.transaction().await?;
    // Locks the token's row until commit: a concurrent exchange of the same
    // token waits here, then finds it spent and its pair remembered.
    let Some(consumed) = rt::consume_refresh_token().bind(&tx, &hash).opt().await? else {
        drop(tx);
        return reuse_or_reject(state, &client, &hash).await;
    };
    let user = q::find_session_user()
        .bind(&tx, &consumed.user_id)
        .opt()
        .await?
        .filter(|u| u.is_active)
        .ok_or(AccountsError::InvalidRefreshToken)?;
    let tokens = issue_tokens(
        state,
        &tx,
        consumed.user_id,
        user.role.parse()?,
        user.token_generation,
        consumed.family_id,
    )
    .await?;
    refresh_grace::remember(
        &state.redis,
        &state.settings.redis.key_prefix,
        &hash,
        &tokens,
        state.settings.jwt.refresh_reuse_grace.as_secs(),
    )
    .await?;
    tx.commit().await?;
    Ok(tokens)
}

/// Answers a token that could not be exchanged: a retry within the grace
/// window gets its pair again, reuse of a spent token revokes every session.
async fn reuse_or_reject(
    state: &AppState,
    client: &impl GenericClient,
    hash: &str,
) -> Result<Tokens, AccountsError> {
    let Some(token) = rt::find_refresh_token().bind(client, &hash).opt().await? else {
        return Err(AccountsError::InvalidRefreshToken);
    };
    if !token.used {
        // Revoked or expired before it was ever exchanged.
        return Err(AccountsError::InvalidRefreshToken);
    }
    if !token.revoked {
        let prefix = &state.settings.redis.key_prefix;
        if let Some(tokens) = refresh_grace::recall(&state.redis, prefix, hash).await? {
            tracing::info!(
                user.id = token.user_id,
                "refresh token reused within the grace window"
            );
            return Ok(tokens);
        }
    }
    tracing::warn!(
        user.id = token.user_id,
        "refresh token reused; revoking every session of the user"
    );
    rt::revoke_refresh_family()
        .bind(client, &token.family_id)
        .await?;
    let generation = q::bump_token_generation()
        .bind(client, &token.user_id)
        .opt()
        .await?;
    if let Some(generation) = generation {
        publish_after_commit(state, token.user_id, generation).await?;
    }
    Err(AccountsError::InvalidRefreshToken)
}

/// Ends the caller's session: revokes the access token and, if given, the refresh token's family.
pub async fn logout(
    state: &AppState,
    caller: &Caller,
    refresh_token: Option<&str>,
) -> Result<(), AccountsError> {
    state
        .revocations
        .revoke_token(caller.user_id, &caller.jti, caller.exp)
        .await?;
    if let Some(refresh) = refresh_token {
        let client = state.db.get().await?;
        let hash = token::hash_refresh_token(refresh.trim());
        if let Some(family) = rt::find_refresh_family_of_user()
            .bind(&client, &hash, &caller.user_id)
            .opt()
            .await?
        {
            rt::revoke_refresh_family().bind(&client, &family).await?;
        }
    }
    Ok(())
}

/// Revokes every session of a user inside the caller's transaction; returns the new token generation.
///
/// The caller publishes the generation to the Redis cache once it has committed.
pub(super) async fn revoke_all_sessions(
    client: &impl GenericClient,
    user_id: i64,
) -> Result<i64, AccountsError> {
    rt::revoke_user_refresh_tokens()
        .bind(client, &user_id)
        .await?;
    let generation = q::bump_token_generation()
        .bind(client, &user_id)
        .one()
        .await?;
    Ok(generation)
}

/// Publishes a committed token generation to the Redis cache.
///
/// A failure is an error: old tokens would stay valid until the cached
/// entry expires (a retry of the revoking call publishes again).
pub(super) async fn publish_after_commit(
    state: &AppState,
    user_id: i64,
    generation: i64,
) -> Result<(), AccountsError> {
    state
        .revocations
        .publish_generation(user_id, generation)
        .await
        .map(drop)
        .map_err(|e| {
            tracing::error!(
                user.id = user_id,
                error = %e,
                "revocation committed but not published to the cache"
            );
            e.into()
        })
}

/// Refuses a change that would leave no active admin (409 `last_admin`).
///
/// Locks every active admin's row until the caller's transaction ends, so
/// two such changes (admins demoting each other) run one after the other
/// and the second sees the first's outcome.
async fn ensure_another_admin_remains(
    client: &impl GenericClient,
    user_id: i64,
) -> Result<(), AccountsError> {
    let admins = q::lock_active_admins().bind(client).all().await?;
    if admins == [user_id] {
        return Err(AccountsError::LastAdmin(user_id));
    }
    Ok(())
}

/// One user, if the caller may see it (admins: anyone; users: themselves).
pub async fn find_user(
    client: &impl GenericClient,
    caller: &Caller,
    id: i64,
) -> Result<User, AccountsError> {
    if !caller.can_access(id) {
        return Err(AccountsError::Forbidden("only admins can view other users"));
    }
    q::find_user()
        .bind(client, &id)
        .opt()
        .await?
        .map(User::try_from)
        .transpose()?
        .ok_or(AccountsError::UserNotFound(id))
}

/// Filters of the admin user list.
#[derive(Debug, Default)]
pub struct UserFilter {
    /// Exact role.
    pub role: Option<Role>,
    /// Exact email (case-insensitive).
    pub email: Option<String>,
    /// Exact username (case-insensitive).
    pub username: Option<String>,
    /// Text contained in the email or the username (case-insensitive); not
    /// combined with `email` or `username`.
    pub q: Option<String>,
}

/// A page of users after `after_id`; regular users see only themselves.
pub async fn list_users(
    client: &impl GenericClient,
    caller: &Caller,
    filter: UserFilter,
    after_id: Option<i64>,
    limit: i64,
) -> Result<(Vec<User>, Option<i64>), AccountsError> {
    if !caller.is_admin() {
        let me = find_user(client, caller, caller.user_id).await?;
        let visible = after_id.is_none_or(|after| me.id > after)
            && filter.role.is_none_or(|r| r == me.role)
            && filter
                .email
                .as_deref()
                .is_none_or(|e| e.eq_ignore_ascii_case(&me.email))
            && filter
                .username
                .as_deref()
                .is_none_or(|u| u.eq_ignore_ascii_case(&me.username))
            && filter.q.as_deref().is_none_or(|q| {
                let q = q.to_lowercase();
                me.email.to_lowercase().contains(&q) || me.username.to_lowercase().contains(&q)
            });
        return Ok((if visible { vec![me] } else { vec![] }, None));
    }
    if let Some(q) = filter.q.as_deref() {
        let pattern = crate::catalog::domain::contains_pattern(&q.to_lowercase());
        let mut rows: Vec<User> = q::search_users()
            .bind(
                client,
                &pattern,
                &filter.role.map(Role::as_str),
                &after_id,
                &(limit + 1),
            )
            .all()
            .await?
            .into_iter()
            .map(User::try_from)
            .collect::<Result<_, _>>()?;
        let next = split_page(&mut rows, limit).map(|u| u.id);
        return Ok((rows, next));
    }
    let mut rows: Vec<User> = q::list_users()
        .bind(
            client,
            &filter.role.map(Role::as_str),
            &filter.email.as_deref(),
            &filter.username.as_deref(),
            &after_id,
            &(limit + 1),
        )
        .all()
        .await?
        .into_iter()
        .map(User::try_from)
        .collect::<Result<_, _>>()?;
    let next = split_page(&mut rows, limit).map(|u| u.id);
    Ok((rows, next))
}

/// Applies profile (and, for admins, role/activation) changes.
///
/// Role or activation changes sign the user out everywhere, so a demoted or
/// deactivated user's tokens stop working at once.
pub async fn update_user(
    state: &AppState,
    caller: &Caller,
    id: i64,
    changes: UserChanges,
) -> Result<User, AccountsError> {
    apply_changes(state, caller, id, changes, CheckedCredentials::default()).await
}

/// Credential changes to one's own account; any of them needs the current password.
#[derive(Debug, Default)]
pub struct CredentialChanges {
    /// The current password, checked before anything changes.
    pub current_password: Option<String>,
    /// A new password (strength-checked here, against the username and email).
    pub new_password: Option<String>,
    /// A new address; it takes effect once confirmed from that address.
    pub new_email: Option<Email>,
}

/// What a checked credential change writes in the profile transaction.
#[derive(Debug, Default)]
struct CheckedCredentials {
    new_password_hash: Option<String>,
    new_email: Option<Email>,
}

/// Changes to the caller's own profile, with optional password and email changes, all in one transaction.
///
/// A password change signs out every session and emails a notice. An email
/// change only sends a confirmation link to the new address: the address
/// changes when that link is used (`lifecycle::confirm_email_change`).
pub async fn update_me(
    state: &AppState,
    caller: &Caller,
    changes: UserChanges,
    credentials: CredentialChanges,
) -> Result<User, AccountsError> {
    let checked = match credentials.current_password {
        Some(current) => {
            check_credentials(
                state,
                caller,
                current,
                credentials.new_password,
                credentials.new_email,
            )
            .await?
        }
        None => CheckedCredentials::default(),
    };
    apply_changes(state, caller, caller.user_id, changes, checked).await
}

/// Checks the current password, the new one's strength and the new address; returns what to write.
async fn check_credentials(
    state: &AppState,
    caller: &Caller,
    current: String,
    new_password: Option<String>,
    new_email: Option<Email>,
) -> Result<CheckedCredentials, AccountsError> {
    let client = state.db.get().await?;
    let me = find_user(&client, caller, caller.user_id).await?;
    let new_password = new_password
        .map(|p| Password::parse(&p, "new_password", &me.username, &me.email))
        .transpose()?;
    let stored = q::find_password_hash()
        .bind(&client, &caller.user_id)
        .opt()
        .await?;
    if !password::verify(current, stored).await? {
        return Err(AccountsError::Invalid(Invalid {
            field: "current_password",
            message: "is incorrect".into(),
        }));
    }
    let new_password_hash = match new_password {
        Some(p) => Some(password::hash(p.expose().to_owned()).await?),
        None => None,
    };
    Ok(CheckedCredentials {
        new_password_hash,
        // Asking for the address one already has changes nothing.
        new_email: new_email.filter(|e| e.as_str() != me.email),
    })
}

/// Writes profile changes and checked credential changes in one transaction.
async fn apply_changes(
    state: &AppState,
    caller: &Caller,
    id: i64,
    changes: UserChanges,
    credentials: CheckedCredentials,
) -> Result<User, AccountsError> {
    let CheckedCredentials {
        new_password_hash,
        new_email,
    } = credentials;
    if !caller.can_access(id) {
        return Err(AccountsError::Forbidden(
            "only admins can change other users",
        ));
    }
    if !caller.is_admin() && (changes.role.is_some() || changes.is_active.is_some()) {
        return Err(AccountsError::Forbidden(
            "only admins can change roles or activation",
        ));
    }
    let mut client = state.db.get().await?;
    let tx = client.transaction().await?;
    if changes.role == Some(Role::User) || changes.is_active == Some(false) {
        ensure_another_admin_remains(&tx, id).await?;
    }
    let before = q::find_user()
        .bind(&tx, &id)
        .opt()
        .await?
        .map(User::try_from)
        .transpose()?
        .ok_or(AccountsError::UserNotFound(id))?;
    let after: User = q::update_user()
        .params(
            &tx,
            &q::UpdateUserParams {
                first_name: changes.first_name.as_deref(),
                last_name: changes.last_name.as_deref(),
                set_phone: changes.phone.is_some(),
                phone_number: changes
                    .phone
                    .as_ref()
                    .and_then(|p| p.as_ref().map(|p| p.as_str())),
                role: changes.role.map(Role::as_str),
                is_active: changes.is_active,
                id,
            },
        )
        .one()
        .await
        .map_err(user_write_error)?
        .try_into()?;
    if let Some(hash) = &new_password_hash {
        q::update_password_hash().bind(&tx, hash, &id).await?;
        // A reset link sent before the change must not undo it.
        lifecycle::forget_tokens(&tx, id, TokenPurpose::ResetPassword).await?;
        jobs::enqueue(
            &tx,
            &SendPasswordChangedEmail {
                user_id: id,
                email: after.email.clone(),
                first_name: after.first_name.clone(),
            },
        )
        .await?;
    }
    if let Some(new_email) = &new_email {
        // Checked now and again at confirmation (the unique index decides then).
        if q::find_credentials_by_login()
            .bind(&tx, &new_email.as_str())
            .opt()
            .await?
            .is_some()
        {
            return Err(AccountsError::EmailTaken);
        }
        jobs::enqueue(
            &tx,
            &SendEmailChangeEmail {
                user_id: id,
                new_email: new_email.as_str().to_owned(),
                first_name: after.first_name.clone(),
            },
        )
        .await?;
    }
    let revoked = if new_password_hash.is_some()
        || after.role != before.role
        || after.is_active != before.is_active
    {
        Some(revoke_all_sessions(&tx, id).await?)
    } else {
        None
    };
    tx.commit().await?;
    // After the commit: a login before it read the old role together with the
    // old generation, which the new one rejects. Published before the commit,
    // a rollback would leave the cache above the truth.
    if let Some(generation) = revoked {
        publish_after_commit(state, id, generation).await?;
    }
    Ok(after)
}

/// Deletes a user (admin or self); users with orders must be deactivated instead.
pub async fn delete_user(state: &AppState, caller: &Caller, id: i64) -> Result<(), AccountsError> {
    if !caller.can_access(id) {
        return Err(AccountsError::Forbidden(
            "only admins can delete other users",
        ));
    }
    let mut client = state.db.get().await?;
    let tx = client.transaction().await?;
    ensure_another_admin_remains(&tx, id).await?;
    let deleted = q::delete_user().bind(&tx, &id).await.map_err(|e| {
        if e.code() == Some(&SqlState::FOREIGN_KEY_VIOLATION) {
            AccountsError::HasHistory(id)
        } else {
            e.into()
        }
    })?;
    if deleted == 0 {
        return Err(AccountsError::UserNotFound(id));
    }
    tx.commit().await?;
    state
        .revocations
        .revoke_deleted_user(id)
        .await
        .map_err(|e| {
            tracing::error!(user.id = id, error = %e, "user deleted but their tokens not revoked");
            AccountsError::from(e)
        })?;
    Ok(())
}

/// Creates the first admin from `ADMIN_EMAIL`/`ADMIN_PASSWORD` unless it exists (idempotent).
pub async fn bootstrap_admin(pool: &Pool, admin: &AdminBootstrap) -> anyhow::Result<()> {
    let email =
        Email::parse(&admin.email).map_err(|e| anyhow::anyhow!("ADMIN_EMAIL {}", e.message))?;
    let local = email.as_str().split('@').next().unwrap_or("admin");
    let username = Username::parse(local)
        .or_else(|_| Username::parse("admin"))
        .expect("'admin' is a valid username");
    let password = Password::parse(
        admin.password.expose_secret(),
        "ADMIN_PASSWORD",
        username.as_str(),
        email.as_str(),
    )
    .map_err(|e| anyhow::anyhow!("ADMIN_PASSWORD {}", e.message))?;
    let client = pool.get().await?;
    let exists = q::find_credentials_by_login()
        .bind(&client, &email.as_str())
        .opt()
        .await?
        .is_some();
    if exists {
        return Ok(());
    }
    let hash = password::hash(password.expose().to_owned()).await?;
    let created = q::insert_admin_if_absent()
        .bind(&client, &email.as_str(), &username.as_str(), &hash.as_str())
        .opt()
        .await?;
    if let Some(id) = created {
        tracing::info!(user.id = id, "bootstrap admin created");
    }
    Ok(())
}
