//! Account lifecycle: email verification, password reset and email change through emailed single-use tokens.
//!
//! Tokens are issued by the worker when it sends the email (inside the job's
//! transaction), so the plain token exists only in memory and in the email;
//! PostgreSQL keeps the selector and a hash of the verifier
//! (`token::new_account_token`). Redeeming one locks its row, compares the
//! hash in constant time, and marks it used in the same transaction as the
//! change it authorises. Every failure (unknown, wrong, expired, used, other
//! purpose, account changed since) is the same [`AccountsError::InvalidToken`].

use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, FixedOffset};
use codegen::{
    client::{GenericClient, Params as _},
    queries::accounts::{account_tokens as tq, users as q},
};

use crate::{
    accounts::{
        domain::{AccountToken, Email, Password, TokenPurpose},
        error::AccountsError,
        password,
        rate_limit::{self, Decision},
        service::{self, User},
        token,
    },
    config::AccountSettings,
    db::Pool,
    http::auth::Caller,
    jobs::{
        self,
        message::{
            SendEmailChangedEmail, SendPasswordChangedEmail, SendPasswordResetEmail,
            SendVerificationEmail,
        },
    },
    state::AppState,
};

/// A link with a freshly issued token, ready to be emailed.
#[derive(Debug, Clone)]
pub struct IssuedLink {
    /// `{FRONTEND_BASE_URL}/<page>?token=<token>`.
    pub url: String,
    /// How long the token works.
    pub valid_for: Duration,
}

/// Lifetime of a token of `purpose` (`PASSWORD_RESET_TTL_SECS` or `EMAIL_TOKEN_TTL_SECS`).
fn ttl(settings: &AccountSettings, purpose: TokenPurpose) -> Duration {
    match purpose {
        TokenPurpose::ResetPassword => settings.password_reset_ttl,
        TokenPurpose::VerifyEmail | TokenPurpose::ChangeEmail => settings.email_token_ttl,
    }
}

/// Invalidates the user's unused tokens of one purpose.
pub async fn forget_tokens(
    client: &impl GenericClient,
    user_id: i64,
    purpose: TokenPurpose,
) -> Result<(), tokio_postgres::Error> {
    tq::delete_unused_account_tokens()
        .bind(client, &user_id, &purpose.as_str())
        .await
        .map(drop)
}

/// Issues a token of `purpose` for `email`, replacing the user's older ones of that purpose.
///
/// `None` when the user is gone or deactivated. Runs in the caller's (the
/// job's) transaction: if the email is not sent, the token never existed.
pub async fn issue_link(
    client: &impl GenericClient,
    settings: &AccountSettings,
    purpose: TokenPurpose,
    user_id: i64,
    email: &str,
) -> Result<Option<IssuedLink>, tokio_postgres::Error> {
    let valid_for = ttl(settings, purpose);
    let (token, verifier_hash) = token::new_account_token(purpose);
    // A lifetime chrono cannot hold would be a misconfiguration far beyond any sane TTL.
    let lifetime = chrono::Duration::from_std(valid_for).unwrap_or(chrono::Duration::MAX);
    let expires_at: DateTime<FixedOffset> = chrono::Utc::now()
        .checked_add_signed(lifetime)
        .unwrap_or(DateTime::<chrono::Utc>::MAX_UTC)
        .fixed_offset();
    forget_tokens(client, user_id, purpose).await?;
    let issued = tq::insert_account_token()
        .params(
            client,
            &tq::InsertAccountTokenParams {
                selector: token.selector.as_str(),
                verifier_hash: verifier_hash.as_str(),
                purpose: purpose.as_str(),
                email,
                expires_at,
                user_id,
            },
        )
        .opt()
        .await?;
    Ok(issued.map(|_| IssuedLink {
        url: format!(
            "{}{}?token={}",
            settings.frontend_base_url,
            purpose.link_path(),
            token.expose()
        ),
        valid_for,
    }))
}

/// Issues a verification link for `email` if it is still the user's and not verified yet.
pub async fn issue_verification_link(
    client: &impl GenericClient,
    settings: &AccountSettings,
    user_id: i64,
    email: &str,
) -> Result<Option<IssuedLink>, tokio_postgres::Error> {
    let current = q::find_user().bind(client, &user_id).opt().await?;
    if !current.is_some_and(|u| u.is_active && !u.email_verified && u.email == email) {
        return Ok(None);
    }
    issue_link(client, settings, TokenPurpose::VerifyEmail, user_id, email).await
}

/// Who a password-reset email goes to.
#[derive(Debug, Clone)]
pub struct ResetRecipient {
    /// The account's address.
    pub email: String,
    /// Greeting name.
    pub first_name: String,
}

/// Issues a reset link if an active account has this address; `None` (send nothing) otherwise.
pub async fn issue_password_reset_link(
    client: &impl GenericClient,
    settings: &AccountSettings,
    email: &str,
) -> Result<Option<(ResetRecipient, IssuedLink)>, tokio_postgres::Error> {
    let Some(user) = q::find_active_user_by_email()
        .bind(client, &email)
        .opt()
        .await?
    else {
        return Ok(None);
    };
    let link = issue_link(
        client,
        settings,
        TokenPurpose::ResetPassword,
        user.id,
        &user.email,
    )
    .await?;
    Ok(link.map(|link| {
        (
            ResetRecipient {
                email: user.email,
                first_name: user.first_name,
            },
            link,
        )
    }))
}

/// Deletes used and expired tokens; returns how many (the worker's housekeeping).
pub async fn prune_tokens(client: &impl GenericClient) -> Result<u64, tokio_postgres::Error> {
    tq::delete_spent_account_tokens().bind(client).await
}

/// The user and address a redeemed token spoke for.
struct Redeemed {
    user_id: i64,
    email: String,
}

/// Redeems a token of `purpose` in the caller's transaction: it works once, before it expires, for this purpose only.
async fn redeem(
    client: &impl GenericClient,
    purpose: TokenPurpose,
    raw: &str,
) -> Result<Redeemed, AccountsError> {
    let presented = AccountToken::parse(raw).ok_or(AccountsError::InvalidToken)?;
    let row = tq::lock_account_token()
        .bind(client, &presented.selector, &purpose.as_str())
        .opt()
        .await?
        .ok_or(AccountsError::InvalidToken)?;
    let matches = token::account_verifier_matches(purpose, &presented, &row.verifier_hash);
    if !matches || row.used || row.expired {
        return Err(AccountsError::InvalidToken);
    }
    tq::mark_account_token_used().bind(client, &row.id).await?;
    Ok(Redeemed {
        user_id: row.user_id,
        email: row.email,
    })
}

/// The token's user, if still active.
async fn active_user(client: &impl GenericClient, user_id: i64) -> Result<User, AccountsError> {
    q::find_user()
        .bind(client, &user_id)
        .opt()
        .await?
        .map(User::try_from)
        .transpose()?
        .filter(|u| u.is_active)
        .ok_or(AccountsError::InvalidToken)
}

/// Counts one attempt against each key under the password-reset limit; 429 when over.
async fn limit(state: &AppState, keys: &[String]) -> Result<(), AccountsError> {
    let accounts = &state.settings.accounts;
    match rate_limit::hit(
        &state.redis,
        keys,
        accounts.password_reset_rate_limit,
        accounts.password_reset_rate_window.as_secs(),
    )
    .await?
    {
        Decision::Allowed => Ok(()),
        Decision::Limited { retry_after } => Err(AccountsError::RateLimited { retry_after }),
    }
}

/// Marks the address the token was sent to as verified, if it is still the user's.
pub async fn verify_email(pool: &Pool, raw_token: &str) -> Result<(), AccountsError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let redeemed = redeem(&tx, TokenPurpose::VerifyEmail, raw_token).await?;
    q::mark_email_verified()
        .bind(&tx, &redeemed.user_id, &redeemed.email)
        .opt()
        .await?
        .ok_or(AccountsError::InvalidToken)?;
    tx.commit().await?;
    tracing::info!(user.id = redeemed.user_id, "email verified");
    Ok(())
}

/// Sends the caller a fresh verification link (older ones stop working); 409 if already verified.
pub async fn resend_verification_email(
    state: &AppState,
    caller: &Caller,
) -> Result<(), AccountsError> {
    let prefix = &state.settings.redis.key_prefix;
    limit(
        state,
        &[format!("{prefix}verify-resend:user:{}", caller.user_id)],
    )
    .await?;
    let client = state.db.get().await?;
    let me = service::find_user(&client, caller, caller.user_id).await?;
    if me.email_verified {
        return Err(AccountsError::EmailAlreadyVerified);
    }
    jobs::enqueue(
        &client,
        &SendVerificationEmail {
            user_id: me.id,
            email: me.email,
            first_name: me.first_name,
        },
    )
    .await?;
    Ok(())
}

/// Queues a reset email for the address; the same work and answer whether or not an account has it.
///
/// Rate-limited per address and per client. The worker looks the account up
/// and sends nothing for unknown or deactivated addresses.
pub async fn request_password_reset(
    state: &AppState,
    raw_email: &str,
    client_ip: &str,
) -> Result<(), AccountsError> {
    let email = Email::parse(raw_email)?;
    let prefix = &state.settings.redis.key_prefix;
    limit(
        state,
        &[
            format!("{prefix}password-reset:ip:{client_ip}"),
            format!("{prefix}password-reset:account:{}", email.as_str()),
        ],
    )
    .await?;
    let client = state.db.get().await?;
    jobs::enqueue(
        &client,
        &SendPasswordResetEmail {
            email: email.as_str().to_owned(),
        },
    )
    .await?;
    Ok(())
}

/// Sets a new password with a reset token, signs out every session and emails a notice.
///
/// The token dies with the address it was sent to: after an email change, an
/// older reset link no longer works. Using it also proves the address, so
/// the address counts as verified.
pub async fn reset_password(
    state: &AppState,
    raw_token: &str,
    new_password: &str,
    client_ip: &str,
) -> Result<(), AccountsError> {
    let prefix = &state.settings.redis.key_prefix;
    limit(
        state,
        &[format!("{prefix}password-reset-confirm:ip:{client_ip}")],
    )
    .await?;
    let mut client = state.db.get().await?;
    let tx = client.transaction().await?;
    let redeemed = redeem(&tx, TokenPurpose::ResetPassword, raw_token).await?;
    let user = active_user(&tx, redeemed.user_id).await?;
    if user.email != redeemed.email {
        return Err(AccountsError::InvalidToken);
    }
    // A weak password is a 400 naming the field; the rollback keeps the token usable.
    let new_password = Password::parse(new_password, "new_password", &user.username, &user.email)?;
    let hash = password::hash(new_password.expose().to_owned()).await?;
    q::update_password_hash()
        .bind(&tx, &hash, &user.id)
        .await
        .context("storing the new password hash")?;
    q::mark_email_verified()
        .bind(&tx, &user.id, &user.email)
        .opt()
        .await?;
    forget_tokens(&tx, user.id, TokenPurpose::ResetPassword).await?;
    let generation = service::revoke_all_sessions(&tx, user.id).await?;
    jobs::enqueue(
        &tx,
        &SendPasswordChangedEmail {
            user_id: user.id,
            email: user.email.clone(),
            first_name: user.first_name.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    service::publish_after_commit(state, user.id, generation).await?;
    tracing::info!(user.id = user.id, "password reset; every session revoked");
    Ok(())
}

/// Makes the confirmed new address the user's (verified) and tells the old address.
///
/// The address must still be free: the unique index decides (409 `email_taken`).
pub async fn confirm_email_change(pool: &Pool, raw_token: &str) -> Result<(), AccountsError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let redeemed = redeem(&tx, TokenPurpose::ChangeEmail, raw_token).await?;
    let before = active_user(&tx, redeemed.user_id).await?;
    q::update_email()
        .bind(&tx, &redeemed.email, &before.id)
        .await
        .map_err(|e| match crate::db::violated_constraint(&e) {
            Some("users_email_key") => AccountsError::EmailTaken,
            _ => e.into(),
        })?;
    // Links sent to (or for) the old address die with it.
    for purpose in [
        TokenPurpose::ChangeEmail,
        TokenPurpose::VerifyEmail,
        TokenPurpose::ResetPassword,
    ] {
        forget_tokens(&tx, before.id, purpose).await?;
    }
    jobs::enqueue(
        &tx,
        &SendEmailChangedEmail {
            user_id: before.id,
            old_email: before.email.clone(),
            new_email: redeemed.email.clone(),
            first_name: before.first_name.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user.id = before.id, "email address changed");
    Ok(())
}

/// With `REQUIRE_VERIFIED_EMAIL`, refuses callers whose address is not verified (403 `email_not_verified`).
pub async fn ensure_email_verified(state: &AppState, caller: &Caller) -> Result<(), AccountsError> {
    if !state.settings.accounts.require_verified_email {
        return Ok(());
    }
    let client = state.db.get().await?;
    let verified = q::find_user()
        .bind(&client, &caller.user_id)
        .opt()
        .await?
        .is_some_and(|u| u.email_verified);
    if verified {
        Ok(())
    } else {
        Err(AccountsError::EmailNotVerified)
    }
}
