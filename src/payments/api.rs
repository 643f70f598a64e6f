//! Payments HTTP handlers: parse, authorize, call one service function, respond.

use poem_openapi::{
    ApiResponse, OpenApi,
    param::{Header, Path, Query},
    payload::Json,
};
use secrecy::ExposeSecret;
use serde_json::Value;

use crate::{
    db,
    error::{ApiError, ApiResult, status},
    http::{
        ApiTags,
        auth::{AdminAuth, UserAuth},
    },
    idempotency, pagination,
    payments::{
        domain::{Payment, PaymentStatus, RefundRequest},
        dto::*,
        error::PaymentsError,
        service::{self, PaymentFilter, RefundStarted, Started},
        signature,
    },
    state::AppState,
};

/// Payments through Chapa.
pub struct PaymentsApi {
    state: AppState,
}

impl PaymentsApi {
    /// Wraps the shared state.
    pub fn new(state: AppState) -> Self {
        Self { state }
    }
}

/// Checkout outcome.
#[derive(ApiResponse)]
pub enum CreatePaymentResponse {
    /// Checkout started; send the buyer to `checkout_url`.
    #[oai(status = 201)]
    Created(Json<PaymentResponse>),
    /// Replay of an earlier request with the same Idempotency-Key, or the
    /// order's live checkout (an order has at most one; it is returned instead
    /// of opening a second). Its `checkout_url` is `null` for the moment a
    /// concurrent request is still starting it.
    #[oai(status = 200)]
    Existing(Json<PaymentResponse>),
}

/// Refund outcome.
#[derive(ApiResponse)]
pub enum RefundPaymentResponse {
    /// Refund recorded as `pending`; the worker asks Chapa and the payment shows the outcome.
    #[oai(status = 202)]
    Accepted(Json<RefundResponse>),
    /// Replay of an earlier request with the same Idempotency-Key.
    #[oai(status = 200)]
    Replayed(Json<RefundResponse>),
}

/// One payment.
#[derive(ApiResponse)]
pub enum FindPaymentResponse {
    /// The payment.
    #[oai(status = 200)]
    Ok(Json<PaymentResponse>),
}

/// A page of payments.
#[derive(ApiResponse)]
pub enum ListPaymentsResponse {
    /// Newest first.
    #[oai(status = 200)]
    Ok(Json<PaymentListResponse>),
}

/// Cancellation outcome.
#[derive(ApiResponse)]
pub enum DeletePaymentResponse {
    /// Cancelled (kept as `cancelled`; a late charge for it is refunded).
    #[oai(status = 204)]
    NoContent,
}

/// Webhook outcome.
#[derive(ApiResponse)]
pub enum WebhookResponse {
    /// Accepted (also for duplicates and unknown references, so Chapa stops retrying).
    #[oai(status = 200)]
    Ok(Json<WebhookAck>),
}

/// Reference field names Chapa uses in webhooks and callbacks.
fn tx_ref_of(event: &Value) -> Option<&str> {
    ["tx_ref", "trx_ref"]
        .iter()
        .find_map(|k| event.get(*k).and_then(Value::as_str))
}

fn ack(payment: Option<Payment>) -> WebhookResponse {
    WebhookResponse::Ok(Json(WebhookAck {
        result: if payment.is_some() {
            "processed"
        } else {
            "ignored"
        }
        .into(),
        payment_status: payment.map(|p| p.status),
    }))
}

#[OpenApi(prefix_path = "/api/v1")]
impl PaymentsApi {
    /// Pay an order
    ///
    /// Starts a Chapa checkout for one of your pending orders (admins: any order);
    /// the amount is the order's total. An order has at most one live checkout:
    /// while one is pending it is returned (200) instead of opening another, and
    /// the order's items cannot change. Gateway failure or timeout → 502 and the
    /// payment is recorded as failed (a new checkout may follow). Send an
    /// `Idempotency-Key` to make retries safe. With `REQUIRE_VERIFIED_EMAIL`,
    /// an unverified address → 403 `email_not_verified`.
    #[oai(
        path = "/payments",
        method = "post",
        tag = "ApiTags::Payments",
        operation_id = "create_payment"
    )]
    async fn create_payment(
        &self,
        auth: UserAuth,
        /// Client-chosen key (1–200 characters) identifying this payment attempt.
        #[oai(name = "Idempotency-Key", validator(min_length = 1, max_length = 200))]
        idempotency_key: Header<Option<String>>,
        body: Json<CreatePaymentRequest>,
    ) -> ApiResult<
        CreatePaymentResponse,
        {
            status::BODY
                | status::UNAUTHORIZED
                | status::FORBIDDEN
                | status::NOT_FOUND
                | status::CONFLICT
                | status::UNPROCESSABLE
                | status::BAD_GATEWAY
        },
    > {
        crate::accounts::lifecycle::ensure_email_verified(&self.state, &auth.0).await?;
        let key = idempotency::parse_key(idempotency_key.0)?;
        let started = service::create_payment(
            &self.state.db,
            &self.state.chapa,
            &self.state.settings,
            &auth.0,
            body.0.order_id,
            key.as_deref(),
        )
        .await?;
        Ok(match started {
            Started::New(p) => CreatePaymentResponse::Created(Json(p.into())),
            Started::Replayed(p) | Started::Existing(p) => {
                CreatePaymentResponse::Existing(Json(p.into()))
            }
        })
    }

    /// List payments
    ///
    /// Your payments, newest first (admins: all), optionally only one status or
    /// one order's. Keyset-paginated; with `order_id`, one page has all of them.
    #[oai(
        path = "/payments",
        method = "get",
        tag = "ApiTags::Payments",
        operation_id = "list_payments"
    )]
    async fn list_payments(
        &self,
        auth: UserAuth,
        /// Only payments in this status.
        status: Query<Option<PaymentStatus>>,
        /// Only the payments of this order (all of them, in one page).
        order_id: Query<Option<i64>>,
        /// Page size, 1–100 (default 20).
        #[oai(
            default = "pagination::default_limit",
            validator(minimum(value = "1"), maximum(value = "100"))
        )]
        limit: Query<i64>,
        /// `next_cursor` of the previous page.
        #[oai(validator(max_length = 2048))]
        cursor: Query<Option<String>>,
    ) -> ApiResult<ListPaymentsResponse, { status::BAD_REQUEST | status::UNAUTHORIZED }> {
        let limit = pagination::check_limit(limit.0)?;
        let mut client = self.state.db.get().await?;
        let snapshot = db::read_snapshot(&mut client).await?;
        let (payments, next) = service::list_payments(
            &snapshot,
            &self.state.cursors,
            &auth.0,
            PaymentFilter {
                status: status.0,
                order_id: order_id.0,
            },
            cursor.0.as_deref(),
            limit,
        )
        .await?;
        Ok(ListPaymentsResponse::Ok(Json(PaymentListResponse {
            items: payments.into_iter().map(Into::into).collect(),
            next_cursor: next,
        })))
    }

    /// Chapa callback
    ///
    /// The `callback_url` Chapa calls (or redirects to) after checkout. Re-verifies
    /// with Chapa before changing anything; safe to call repeatedly.
    #[oai(
        path = "/payments/callback",
        method = "get",
        tag = "ApiTags::Payments",
        operation_id = "handle_chapa_callback"
    )]
    async fn callback(
        &self,
        /// Our reference (Chapa sends `trx_ref`).
        trx_ref: Query<Option<String>>,
        /// Same, as some integrations send it.
        tx_ref: Query<Option<String>>,
    ) -> ApiResult<WebhookResponse, { status::BAD_REQUEST | status::BAD_GATEWAY }> {
        let reference = trx_ref
            .0
            .or(tx_ref.0)
            .ok_or_else(|| ApiError::invalid_field("trx_ref", "is required"))?;
        let payment = service::settle(&self.state.db, &self.state.chapa, &reference).await?;
        Ok(ack(payment))
    }

    /// Chapa webhook
    ///
    /// Public, called by Chapa. The raw body must carry a valid HMAC-SHA256
    /// signature (`x-chapa-signature` or `Chapa-Signature`, hex) made with the
    /// webhook secret; otherwise 401 and nothing changes. The outcome is always
    /// re-verified with Chapa; duplicate deliveries change nothing. A verified
    /// charge the order cannot take (cancelled, expired, already paid, another
    /// amount) is recorded and refunded in full; the answer is 200 once that is
    /// recorded.
    #[oai(
        path = "/payments/webhook",
        method = "post",
        tag = "ApiTags::Payments",
        operation_id = "handle_chapa_webhook"
    )]
    async fn webhook(
        &self,
        /// HMAC-SHA256 (hex) of the raw body.
        #[oai(name = "x-chapa-signature")]
        x_signature: Header<Option<String>>,
        /// Same signature under Chapa's other header name.
        #[oai(name = "Chapa-Signature")]
        signature_header: Header<Option<String>>,
        body: poem_openapi::payload::Binary<Vec<u8>>,
    ) -> ApiResult<
        WebhookResponse,
        {
            status::BAD_REQUEST
                | status::PAYLOAD_TOO_LARGE
                | status::UNSUPPORTED_MEDIA_TYPE
                | status::UNAUTHORIZED
                | status::BAD_GATEWAY
        },
    > {
        let secret = self
            .state
            .settings
            .payments
            .chapa_webhook_secret
            .expose_secret();
        let signed = [x_signature.0, signature_header.0]
            .iter()
            .flatten()
            .any(|sig| signature::verify(secret.as_bytes(), &body.0, sig));
        if !signed {
            return Err(PaymentsError::BadSignature.into());
        }
        let event: Value = serde_json::from_slice(&body.0)
            .map_err(|_| ApiError::bad_request("webhook body is not JSON"))?;
        let reference =
            tx_ref_of(&event).ok_or_else(|| ApiError::invalid_field("tx_ref", "is required"))?;
        let payment = service::settle(&self.state.db, &self.state.chapa, reference).await?;
        Ok(ack(payment))
    }

    /// Get a payment
    ///
    /// Another user's payment answers 404.
    #[oai(
        path = "/payments/:id",
        method = "get",
        tag = "ApiTags::Payments",
        operation_id = "find_payment"
    )]
    async fn find_payment(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        FindPaymentResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND },
    > {
        let mut client = self.state.db.get().await?;
        let snapshot = db::read_snapshot(&mut client).await?;
        let payment = service::find_payment(&snapshot, &auth.0, id.0).await?;
        Ok(FindPaymentResponse::Ok(Json(payment.into())))
    }

    /// Cancel a payment
    ///
    /// Only pending payments (owner or admin); others are history → 409. The
    /// payment is kept as `cancelled`, the order can be paid again, and a
    /// charge Chapa verifies for it later is refunded.
    #[oai(
        path = "/payments/:id",
        method = "delete",
        tag = "ApiTags::Payments",
        operation_id = "delete_payment"
    )]
    async fn delete_payment(
        &self,
        auth: UserAuth,
        id: Path<i64>,
    ) -> ApiResult<
        DeletePaymentResponse,
        { status::BAD_REQUEST | status::UNAUTHORIZED | status::NOT_FOUND | status::CONFLICT },
    > {
        service::delete_payment(&self.state.db, &auth.0, id.0).await?;
        Ok(DeletePaymentResponse::NoContent)
    }

    /// Refund a payment
    ///
    /// Admins only. Refunds `amount` (default: everything left) of a completed
    /// payment through Chapa; pending refunds count as spent, so the total can
    /// never exceed what was charged. The refund is recorded as `pending` (202)
    /// and the worker asks Chapa, with retries; the payment's `refunds` show the
    /// outcome. A full refund of the payment that paid an order moves the order
    /// to `refunded` and returns the stock of unshipped orders. Send an
    /// `Idempotency-Key` to make retries safe.
    #[oai(
        path = "/payments/:id/refund",
        method = "post",
        tag = "ApiTags::Payments",
        operation_id = "refund_payment"
    )]
    async fn refund_payment(
        &self,
        auth: AdminAuth,
        id: Path<i64>,
        /// Client-chosen key (1–200 characters) identifying this refund request.
        #[oai(name = "Idempotency-Key", validator(min_length = 1, max_length = 200))]
        idempotency_key: Header<Option<String>>,
        body: Json<CreateRefundRequest>,
    ) -> ApiResult<
        RefundPaymentResponse,
        {
            status::BODY
                | status::ADMIN
                | status::NOT_FOUND
                | status::CONFLICT
                | status::UNPROCESSABLE
        },
    > {
        let key = idempotency::parse_key(idempotency_key.0)?;
        let request = RefundRequest::parse(
            body.0.amount.as_ref().map(|a| a.0.as_str()),
            body.0.reason.as_deref(),
        )?;
        let started =
            service::refund_payment(&self.state.db, &auth.0, id.0, request, key.as_deref()).await?;
        Ok(match started {
            RefundStarted::New(r) => RefundPaymentResponse::Accepted(Json(r.into())),
            RefundStarted::Replayed(r) => RefundPaymentResponse::Replayed(Json(r.into())),
        })
    }
}
