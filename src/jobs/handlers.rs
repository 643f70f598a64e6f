//! Job dispatch: decode a message by job type, then send its email or ask Chapa for a refund.

use codegen::client::GenericClient;

use super::{
    Job,
    emails::{self, ActionLink, PaymentOutcome},
    message::{
        ProcessRefund, SendEmailChangeEmail, SendEmailChangedEmail, SendLowStockAlert,
        SendOrderCreationEmail, SendOrderExpiryEmail, SendPasswordChangedEmail,
        SendPasswordResetEmail, SendPaymentCompletionEmail, SendRefundEmail, SendRefundFailedAlert,
        SendUserCreationEmail, SendVerificationEmail,
    },
};
use crate::{
    accounts::{
        domain::TokenPurpose,
        lifecycle::{self, IssuedLink},
    },
    cache::Cache,
    config::Settings,
    email::{EmailError, Mailer},
    payments::{
        client::ChapaClient,
        refunds::{self, RefundJobError, RefundOutcome},
    },
};

/// Why a job did not complete, and whether trying again can help.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// Bad input (unknown type, malformed payload, invalid address): dead-lettered at once.
    #[error("permanent failure: {0:#}")]
    Permanent(anyhow::Error),
    /// Delivery or statement failure (SMTP, no recipient yet, a database error that
    /// is not an outage): retried with backoff, then dead-lettered.
    #[error("transient failure: {0:#}")]
    Transient(anyhow::Error),
    /// Our own database is unreachable (see [`crate::db::is_outage`]): retried
    /// without using up an attempt, never dead-lettered.
    #[error("database unavailable: {0:#}")]
    Unavailable(anyhow::Error),
}

impl From<EmailError> for JobError {
    fn from(e: EmailError) -> Self {
        match e {
            EmailError::InvalidAddress { .. } => Self::Permanent(e.into()),
            EmailError::Transport(_) => Self::Transient(e.into()),
        }
    }
}

/// An outage waits for the database; any other database error uses up attempts.
///
/// Constraint violations, data exceptions and undefined objects fail the same
/// way every time, so they must end in the dead-letter queue. They are not
/// dead-lettered at once: a retry is cheap, and some (a unique violation from
/// a race, a deadlock) do succeed the second time.
impl From<tokio_postgres::Error> for JobError {
    fn from(e: tokio_postgres::Error) -> Self {
        if crate::db::is_outage(&e) {
            Self::Unavailable(e.into())
        } else {
            Self::Transient(anyhow::Error::from(e).context("database error"))
        }
    }
}

/// No connection could be had (timeout, refused, closed pool): an outage.
impl From<deadpool_postgres::PoolError> for JobError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        Self::Unavailable(e.into())
    }
}

impl From<RefundJobError> for JobError {
    fn from(e: RefundJobError) -> Self {
        match e {
            RefundJobError::Transient(_) => Self::Transient(e.into()),
            RefundJobError::Missing(_) => Self::Permanent(e.into()),
            RefundJobError::Database(db) => db.into(),
            RefundJobError::Order(crate::orders::error::OrdersError::Unavailable(_)) => {
                Self::Unavailable(e.into())
            }
            RefundJobError::Order(_) | RefundJobError::UnknownValue(_) => Self::Transient(e.into()),
        }
    }
}

/// What handlers need besides the message: settings, mail transport, Chapa, the catalog cache.
#[derive(Clone)]
pub struct JobContext {
    /// Read for `ADMIN_ALERT_EMAIL` and the like.
    pub settings: std::sync::Arc<Settings>,
    /// Where emails go.
    pub mailer: Mailer,
    /// Refunds go to Chapa.
    pub chapa: ChapaClient,
    /// Invalidated after a job returned stock (a refund of an unshipped order).
    pub catalog_cache: Cache,
}

/// What a finished job changed that others must hear about after its commit.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Effects {
    /// Stock changed: the catalog read cache's stock-dependent entries must be invalidated.
    pub stock_changed: bool,
}

/// Parses a payload into the job type's message, a permanent error if it does not fit.
fn decode<J: Job + serde::de::DeserializeOwned>(payload: &[u8]) -> Result<J, JobError> {
    serde_json::from_slice(payload)
        .map_err(|e| JobError::Permanent(anyhow::anyhow!("malformed {} payload: {e}", J::NAME)))
}

/// The email's view of an issued link.
fn action(link: &IssuedLink) -> ActionLink<'_> {
    ActionLink {
        url: &link.url,
        valid_for: link.valid_for,
    }
}

/// Every job type [`dispatch`] knows, for bounded metric labels.
pub const JOB_TYPES: [&str; 13] = [
    ProcessRefund::NAME,
    SendOrderExpiryEmail::NAME,
    SendRefundEmail::NAME,
    SendRefundFailedAlert::NAME,
    SendUserCreationEmail::NAME,
    SendVerificationEmail::NAME,
    SendPasswordResetEmail::NAME,
    SendPasswordChangedEmail::NAME,
    SendEmailChangeEmail::NAME,
    SendEmailChangedEmail::NAME,
    SendOrderCreationEmail::NAME,
    SendPaymentCompletionEmail::NAME,
    SendLowStockAlert::NAME,
];

/// The `type` label of a job: its name if known, `unknown` otherwise (one series for all strangers).
pub fn job_type_label(job_type: &str) -> &'static str {
    JOB_TYPES
        .iter()
        .find(|known| **known == job_type)
        .copied()
        .unwrap_or("unknown")
}

/// Runs the job named `job_type` in `client` (the job's transaction).
///
/// Account emails issue their token here, in the job's transaction: it is
/// committed only if the email went out.
///
/// `last_attempt` tells jobs that record their own failure (refunds) that no
/// retry follows.
pub async fn dispatch(
    ctx: &JobContext,
    client: &impl GenericClient,
    job_type: &str,
    job_id: i64,
    payload: &[u8],
    last_attempt: bool,
) -> Result<Effects, JobError> {
    let email = match job_type {
        ProcessRefund::NAME => {
            let job: ProcessRefund = decode(payload)?;
            let outcome =
                refunds::process_refund(client, &ctx.chapa, job.refund_id, last_attempt).await?;
            return Ok(Effects {
                stock_changed: outcome == RefundOutcome::Succeeded { restocked: true },
            });
        }
        SendOrderExpiryEmail::NAME => emails::order_expiry(job_id, &decode(payload)?),
        SendRefundEmail::NAME => emails::refund(job_id, &decode(payload)?),
        SendRefundFailedAlert::NAME => {
            let job: SendRefundFailedAlert = decode(payload)?;
            emails::refund_failed_alert(job_id, &job, admin_recipients(ctx, client).await?)
        }
        SendUserCreationEmail::NAME => {
            let job: SendUserCreationEmail = decode(payload)?;
            let link = lifecycle::issue_verification_link(
                client,
                &ctx.settings.accounts,
                job.user_id,
                &job.email,
            )
            .await?;
            emails::user_creation(job_id, &job, link.as_ref().map(action))
        }
        SendVerificationEmail::NAME => {
            let job: SendVerificationEmail = decode(payload)?;
            let Some(link) = lifecycle::issue_verification_link(
                client,
                &ctx.settings.accounts,
                job.user_id,
                &job.email,
            )
            .await?
            else {
                // Verified meanwhile, address changed, or account gone: nothing to verify.
                return Ok(Effects::default());
            };
            emails::verification(job_id, &job, action(&link))
        }
        SendPasswordResetEmail::NAME => {
            let job: SendPasswordResetEmail = decode(payload)?;
            let Some((to, link)) =
                lifecycle::issue_password_reset_link(client, &ctx.settings.accounts, &job.email)
                    .await?
            else {
                // No active account has the address: nothing is sent (and the requester was not told).
                return Ok(Effects::default());
            };
            emails::password_reset(job_id, &to.email, &to.first_name, action(&link))
        }
        SendPasswordChangedEmail::NAME => emails::password_changed(job_id, &decode(payload)?),
        SendEmailChangeEmail::NAME => {
            let job: SendEmailChangeEmail = decode(payload)?;
            let Some(link) = lifecycle::issue_link(
                client,
                &ctx.settings.accounts,
                TokenPurpose::ChangeEmail,
                job.user_id,
                &job.new_email,
            )
            .await?
            else {
                return Ok(Effects::default());
            };
            emails::email_change(job_id, &job, action(&link))
        }
        SendEmailChangedEmail::NAME => emails::email_changed(job_id, &decode(payload)?),
        SendOrderCreationEmail::NAME => emails::order_creation(job_id, &decode(payload)?),
        SendPaymentCompletionEmail::NAME => {
            let job: SendPaymentCompletionEmail = decode(payload)?;
            let outcome: PaymentOutcome = job
                .status
                .parse()
                .map_err(|e: String| JobError::Permanent(anyhow::anyhow!(e)))?;
            emails::payment_completion(job_id, &job, outcome)
        }
        SendLowStockAlert::NAME => {
            let job: SendLowStockAlert = decode(payload)?;
            emails::low_stock_alert(job_id, &job, admin_recipients(ctx, client).await?)
        }
        other => {
            return Err(JobError::Permanent(anyhow::anyhow!(
                "unknown job type `{other}`"
            )));
        }
    };
    ctx.mailer.send(&email).await?;
    Ok(Effects::default())
}

/// Who gets alerts (low stock, failed refunds): `ADMIN_ALERT_EMAIL` if set, else every active admin.
///
/// No recipient at all is a transient error: the alert is retried (an admin
/// may be created meanwhile) and then dead-lettered, never silently dropped.
async fn admin_recipients(
    ctx: &JobContext,
    client: &impl GenericClient,
) -> Result<Vec<String>, JobError> {
    if let Some(address) = &ctx.settings.email.admin_alert_email {
        return Ok(vec![address.clone()]);
    }
    let admins = codegen::queries::jobs::recipients::list_admin_emails()
        .bind(client)
        .all()
        .await?;
    if admins.is_empty() {
        return Err(JobError::Transient(anyhow::anyhow!(
            "no alert recipient: ADMIN_ALERT_EMAIL is unset and there is no active admin"
        )));
    }
    Ok(admins)
}
