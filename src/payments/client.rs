//! Chapa HTTP client: initialize a hosted checkout, verify a transaction.
//!
//! Shapes follow Chapa's API: `POST /transaction/initialize` answers
//! `{"status": "success", "message": ..., "data": {"checkout_url": ...}}` and
//! `GET /transaction/verify/{tx_ref}` answers
//! `{"status": "success", "data": {"status": "success"|"failed"|"pending",
//! "amount": ..., "currency": ..., "reference": ..., "tx_ref": ...}}`;
//! `POST /refund/{tx_ref}` takes `{"reason", "amount", "reference"}` and
//! answers the same envelope (`data.ref_id`: Chapa's id of the refund).

use rust_decimal::Decimal;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use std::future::Future;

use tracing::Instrument;

use crate::{config::PaymentSettings, telemetry::metrics::Metrics};

/// Talks to Chapa with the configured base URL, secret key and timeout.
#[derive(Clone)]
pub struct ChapaClient {
    http: reqwest::Client,
    base: String,
    secret_key: SecretString,
    /// Call latencies and errors by operation (`initialize`, `verify`, `refund`).
    metrics: Metrics,
}

/// Why a call to Chapa failed; every variant becomes 502 for the client.
///
/// The texts are for logs only: they may hold Chapa's URLs and messages.
#[derive(Debug, thiserror::Error)]
pub enum ChapaError {
    /// Network failure or timeout.
    #[error("payment gateway unreachable: {0}")]
    Transport(#[from] reqwest::Error),
    /// Chapa answered, but refused.
    #[error("payment gateway refused: {0}")]
    Refused(String),
    /// Chapa answered 5xx or 429: try again later.
    #[error("payment gateway unavailable: {0}")]
    Unavailable(String),
    /// Chapa answered something we cannot read.
    #[error("unexpected payment gateway response: {0}")]
    Malformed(String),
}

impl ChapaError {
    /// Whether asking again later may succeed: no answer, or a 5xx/429 answer.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Transport(_) | Self::Unavailable(_) => true,
            Self::Refused(_) | Self::Malformed(_) => false,
        }
    }
}

/// Body of `POST /refund/{tx_ref}`.
#[derive(Debug, Serialize)]
pub struct RefundRequest {
    /// Why (shown in Chapa's dashboard).
    pub reason: String,
    /// Amount as a decimal string.
    pub amount: String,
    /// Our unique id of this refund, so a retried request is recognised.
    pub reference: String,
}

/// Body of `POST /transaction/initialize`.
#[derive(Debug, Serialize)]
pub struct InitializeRequest {
    /// Amount as a decimal string.
    pub amount: String,
    /// ISO currency, e.g. `ETB`.
    pub currency: String,
    /// Buyer email.
    pub email: String,
    /// Buyer given name.
    pub first_name: String,
    /// Buyer family name.
    pub last_name: String,
    /// Buyer phone, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Our unique reference.
    pub tx_ref: String,
    /// Chapa calls this after payment.
    pub callback_url: String,
    /// Chapa sends the buyer here after checkout.
    pub return_url: String,
    /// Checkout page texts.
    pub customization: Customization,
}

/// Checkout page texts.
#[derive(Debug, Serialize)]
pub struct Customization {
    /// Page title.
    pub title: String,
    /// Page description.
    pub description: String,
}

#[derive(Debug, Deserialize)]
struct Envelope {
    status: Option<String>,
    message: Option<Value>,
    data: Option<Value>,
}

/// What verify says about a transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Verification {
    /// Paid: the amount and currency Chapa charged, and its reference.
    Success {
        /// Charged amount.
        amount: Decimal,
        /// Charged currency.
        currency: String,
        /// Chapa's reference.
        reference: Option<String>,
    },
    /// Declined or abandoned.
    Failed {
        /// Chapa's reference, if any.
        reference: Option<String>,
    },
    /// Not settled yet.
    Pending,
}

fn message_of(envelope: &Envelope) -> String {
    match &envelope.message {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => "no message".into(),
    }
}

impl ChapaClient {
    /// Builds the client with `CHAPA_TIMEOUT_SECS` as the per-request timeout; calls are counted in `metrics`.
    pub fn new(settings: &PaymentSettings, metrics: Metrics) -> anyhow::Result<Self> {
        Ok(Self {
            http: reqwest::Client::builder()
                .timeout(settings.chapa_timeout)
                .build()?,
            base: settings.chapa_api_base.clone(),
            secret_key: settings.chapa_secret_key.clone(),
            metrics,
        })
    }

    /// Runs one call to Chapa in a client span, timing it and counting its failure kind.
    async fn timed<T>(
        &self,
        op: &'static str,
        call: impl Future<Output = Result<T, ChapaError>>,
    ) -> Result<T, ChapaError> {
        let span = tracing::info_span!(
            "chapa",
            otel.name = format!("chapa {op}"),
            otel.kind = "client",
            chapa.op = op
        );
        let started = std::time::Instant::now();
        let result = call.instrument(span).await;
        let kind = result.as_ref().err().map(|e| match e {
            ChapaError::Transport(_) => "transport",
            ChapaError::Refused(_) => "refused",
            ChapaError::Unavailable(_) => "unavailable",
            ChapaError::Malformed(_) => "malformed",
        });
        self.metrics.chapa_call(op, started.elapsed(), kind);
        result
    }

    async fn read(&self, response: reqwest::Response) -> Result<Envelope, ChapaError> {
        let status = response.status();
        let text = response.text().await?;
        let envelope: Envelope = serde_json::from_str(&text).map_err(|_| {
            if status.is_server_error() {
                ChapaError::Unavailable(format!("HTTP {status}"))
            } else {
                ChapaError::Malformed(format!("HTTP {status}: {:.200}", text))
            }
        })?;
        if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
            return Err(ChapaError::Unavailable(format!(
                "HTTP {status}: {}",
                message_of(&envelope)
            )));
        }
        if !status.is_success() || envelope.status.as_deref() != Some("success") {
            return Err(ChapaError::Refused(format!(
                "HTTP {status}: {}",
                message_of(&envelope)
            )));
        }
        Ok(envelope)
    }

    /// Starts a hosted checkout; returns the checkout URL.
    pub async fn initialize(&self, request: &InitializeRequest) -> Result<String, ChapaError> {
        self.timed("initialize", self.initialize_untimed(request))
            .await
    }

    async fn initialize_untimed(&self, request: &InitializeRequest) -> Result<String, ChapaError> {
        let response = self
            .http
            .post(format!("{}/transaction/initialize", self.base))
            .bearer_auth(self.secret_key.expose_secret())
            .json(request)
            .send()
            .await?;
        let envelope = self.read(response).await?;
        envelope
            .data
            .as_ref()
            .and_then(|d| d.get("checkout_url"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| ChapaError::Malformed("initialize without data.checkout_url".into()))
    }

    /// Asks Chapa to refund `amount` of the charge `tx_ref`; returns Chapa's refund id, if it gave one.
    pub async fn refund(
        &self,
        tx_ref: &str,
        request: &RefundRequest,
    ) -> Result<Option<String>, ChapaError> {
        self.timed("refund", self.refund_untimed(tx_ref, request))
            .await
    }

    async fn refund_untimed(
        &self,
        tx_ref: &str,
        request: &RefundRequest,
    ) -> Result<Option<String>, ChapaError> {
        let response = self
            .http
            .post(format!("{}/refund/{tx_ref}", self.base))
            .bearer_auth(self.secret_key.expose_secret())
            .json(request)
            .send()
            .await?;
        let envelope = self.read(response).await?;
        Ok(envelope
            .data
            .as_ref()
            .and_then(|d| d.get("ref_id").or_else(|| d.get("reference")))
            .and_then(Value::as_str)
            .map(str::to_owned))
    }

    /// Asks Chapa for the authoritative state of a transaction.
    pub async fn verify(&self, tx_ref: &str) -> Result<Verification, ChapaError> {
        self.timed("verify", self.verify_untimed(tx_ref)).await
    }

    async fn verify_untimed(&self, tx_ref: &str) -> Result<Verification, ChapaError> {
        let response = self
            .http
            .get(format!("{}/transaction/verify/{tx_ref}", self.base))
            .bearer_auth(self.secret_key.expose_secret())
            .send()
            .await?;
        let envelope = self.read(response).await?;
        let data = envelope
            .data
            .ok_or_else(|| ChapaError::Malformed("verify without data".into()))?;
        let reference = data
            .get("reference")
            .and_then(Value::as_str)
            .map(str::to_owned);
        match data.get("status").and_then(Value::as_str) {
            Some("success") => {
                let amount = match data.get("amount") {
                    Some(Value::String(s)) => s.parse().ok(),
                    Some(Value::Number(n)) => n.to_string().parse().ok(),
                    _ => None,
                }
                .ok_or_else(|| ChapaError::Malformed("verify without a readable amount".into()))?;
                let currency = data
                    .get("currency")
                    .and_then(Value::as_str)
                    .ok_or_else(|| ChapaError::Malformed("verify without currency".into()))?
                    .to_owned();
                Ok(Verification::Success {
                    amount,
                    currency,
                    reference,
                })
            }
            Some("failed") | Some("cancelled") => Ok(Verification::Failed { reference }),
            Some(_) => Ok(Verification::Pending),
            None => Err(ChapaError::Malformed("verify without data.status".into())),
        }
    }
}
