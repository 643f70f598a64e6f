//! A local stand-in for Chapa's API, speaking its real request and response shapes.
//!
//! Tests point `CHAPA_API_BASE` at it and tell it how to behave: succeed,
//! decline, stay pending, answer a mismatching amount, refuse, or hang.
//!
//! It also serves Chapa's refund endpoint (`POST /v1/refund/:tx_ref`). Refunds
//! are scripted separately from payments ([`RefundMode`], plus a number of
//! transient 503s via [`ChapaStub::fail_next_refunds`]), are idempotent on the
//! `reference` field like a real gateway, and never exceed what is left to
//! refund on a transaction. Tests inspect what arrived with
//! [`ChapaStub::refund_requests`] and [`ChapaStub::refunded_total`].

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use poem::{
    EndpointExt, IntoResponse, Route, Server, handler,
    http::StatusCode,
    listener::TcpAcceptor,
    web::{Data, Json, Path},
};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// Bearer key the stub expects (and tests configure as `CHAPA_SECRET_KEY`).
pub const SECRET_KEY: &str = "CHASECK_TEST-stub-key";
/// Webhook secret tests configure and sign with.
pub const WEBHOOK_SECRET: &str = "stub-webhook-secret-hash";

/// How the stub answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Initialize works; verify says success with the initialized amount.
    Succeed,
    /// Verify says the payment failed.
    Decline,
    /// Verify says it is still pending.
    Pending,
    /// Verify says success but for a different amount.
    WrongAmount,
    /// Initialize is refused with Chapa's error shape.
    Refuse,
    /// Every call hangs longer than the client's timeout.
    Hang,
}

/// How the stub answers refund calls (independent of [`Mode`]).
///
/// Whatever the mode, a replay of a `reference` that already succeeded gets
/// the original success answer back (after any `Hang`/`Delay` sleep).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundMode {
    /// Refunds are processed: 200 with Chapa's refund data, subject to the
    /// unknown-transaction (404) and amount (400) checks.
    Succeed,
    /// Refunds are declined: 400 "Refund failed: insufficient balance".
    Fail,
    /// Every refund call sleeps 10 s (longer than the client's timeout) and
    /// then is processed like `Succeed`, if anyone is still listening.
    Hang,
    /// Every refund call sleeps this long and then is processed like `Succeed`.
    Delay(Duration),
}

/// One refund the stub accepted.
struct Refund {
    tx_ref: String,
    reference: Option<String>,
    amount: Decimal,
    /// The success body, replayed verbatim for a repeated `reference`.
    response: Value,
}

#[derive(Default)]
struct Inner {
    mode: Option<Mode>,
    initialized: HashMap<String, (String, String)>,
    init_requests: Vec<(Option<String>, Value)>,
    verify_calls: usize,
    /// Per-tx verify answers set by `set_verify_amount`.
    verify_amounts: HashMap<String, String>,
    refund_mode: Option<RefundMode>,
    /// Refund calls still to answer with a transient 503.
    refund_failures_left: usize,
    refund_requests: Vec<(String, Value)>,
    refunds: Vec<Refund>,
}

/// Handle to a running stub.
#[derive(Clone)]
pub struct ChapaStub {
    /// Base URL (`CHAPA_API_BASE`), e.g. `http://127.0.0.1:PORT/v1`.
    pub base: String,
    inner: Arc<Mutex<Inner>>,
}

impl ChapaStub {
    /// Starts the stub on a random port.
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner {
            mode: Some(Mode::Succeed),
            refund_mode: Some(RefundMode::Succeed),
            ..Default::default()
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Route::new()
            .at("/v1/transaction/initialize", poem::post(initialize))
            .at("/v1/transaction/verify/:tx_ref", poem::get(verify))
            .at("/v1/refund/:tx_ref", poem::post(refund))
            .data(inner.clone());
        tokio::spawn(async move {
            Server::new_with_acceptor(TcpAcceptor::from_tokio(listener).unwrap())
                .run(app)
                .await
        });
        Self {
            base: format!("http://{addr}/v1"),
            inner,
        }
    }

    /// Changes how the stub answers from now on.
    pub fn set_mode(&self, mode: Mode) {
        self.inner.lock().unwrap().mode = Some(mode);
    }

    /// Every initialize request: (Authorization header, JSON body).
    pub fn init_requests(&self) -> Vec<(Option<String>, Value)> {
        self.inner.lock().unwrap().init_requests.clone()
    }

    /// How many verify calls arrived.
    pub fn verify_calls(&self) -> usize {
        self.inner.lock().unwrap().verify_calls
    }

    /// Makes verify of `tx_ref` report success with `amount` (e.g. `"99.00"`),
    /// whatever the [`Mode`] (no hang, no decline) and even if that `tx_ref` was
    /// never initialized. The amount is sent as a JSON number like Chapa does,
    /// or as a string if it does not parse as one.
    pub fn set_verify_amount(&self, tx_ref: &str, amount: &str) {
        self.inner
            .lock()
            .unwrap()
            .verify_amounts
            .insert(tx_ref.to_owned(), amount.to_owned());
    }

    /// Changes how refund calls are answered from now on.
    pub fn set_refund_mode(&self, mode: RefundMode) {
        self.inner.lock().unwrap().refund_mode = Some(mode);
    }

    /// Makes the next `n` refund calls answer 503 "Service unavailable"
    /// (nothing is refunded) before the [`RefundMode`] applies again.
    pub fn fail_next_refunds(&self, n: usize) {
        self.inner.lock().unwrap().refund_failures_left = n;
    }

    /// Every refund call, in arrival order, failed ones included:
    /// (`tx_ref` from the path, JSON body). A body that is not JSON is recorded
    /// as a JSON string holding the raw text.
    pub fn refund_requests(&self) -> Vec<(String, Value)> {
        self.inner.lock().unwrap().refund_requests.clone()
    }

    /// Sum of the distinct refunds that succeeded for `tx_ref` (replays of a
    /// `reference` count once; a refund without `amount` counts as the full
    /// initialized amount).
    pub fn refunded_total(&self, tx_ref: &str) -> Decimal {
        self.inner
            .lock()
            .unwrap()
            .refunds
            .iter()
            .filter(|r| r.tx_ref == tx_ref)
            .map(|r| r.amount)
            .sum()
    }

    fn mode(inner: &Mutex<Inner>) -> Mode {
        inner.lock().unwrap().mode.unwrap_or(Mode::Succeed)
    }
}

/// Chapa's error envelope with a plain message.
fn failure(status: StatusCode, message: &str) -> poem::Response {
    (
        status,
        Json(json!({"message": message, "status": "failed", "data": null})),
    )
        .into_response()
}

/// Chapa's validation error envelope for one field.
fn invalid(field: &str, message: &str) -> poem::Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"message": {field: [message]}, "status": "failed", "data": null})),
    )
        .into_response()
}

#[handler]
async fn initialize(
    req: &poem::Request,
    Json(body): Json<Value>,
    inner: Data<&Arc<Mutex<Inner>>>,
) -> poem::Response {
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    inner
        .lock()
        .unwrap()
        .init_requests
        .push((auth.clone(), body.clone()));
    match ChapaStub::mode(&inner) {
        Mode::Hang => {
            tokio::time::sleep(Duration::from_secs(10)).await;
        }
        Mode::Refuse => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({"message": {"amount": ["The amount must be a number."]}, "status": "failed", "data": null})),
            )
                .into_response();
        }
        _ => {}
    }
    if auth.as_deref() != Some(&format!("Bearer {SECRET_KEY}")) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"message": "Invalid API Key or User doesn't exist", "status": "failed", "data": null})),
        )
            .into_response();
    }
    let tx_ref = body["tx_ref"].as_str().unwrap_or_default().to_owned();
    let amount = body["amount"].as_str().unwrap_or_default().to_owned();
    let currency = body["currency"].as_str().unwrap_or("ETB").to_owned();
    inner
        .lock()
        .unwrap()
        .initialized
        .insert(tx_ref.clone(), (amount, currency));
    Json(json!({
        "message": "Hosted Link",
        "status": "success",
        "data": {"checkout_url": format!("https://checkout.chapa.co/checkout/payment/{tx_ref}")}
    }))
    .into_response()
}

#[handler]
async fn verify(Path(tx_ref): Path<String>, inner: Data<&Arc<Mutex<Inner>>>) -> poem::Response {
    let (known, scripted) = {
        let mut guard = inner.lock().unwrap();
        guard.verify_calls += 1;
        (
            guard.initialized.get(&tx_ref).cloned(),
            guard.verify_amounts.get(&tx_ref).cloned(),
        )
    };
    if let Some(scripted) = scripted {
        let currency = known.map_or_else(|| "ETB".to_owned(), |(_, currency)| currency);
        let amount = scripted
            .parse::<f64>()
            .map_or_else(|_| Value::String(scripted), Value::from);
        return payment_details(&tx_ref, "success", amount, &currency);
    }
    let mode = ChapaStub::mode(&inner);
    if mode == Mode::Hang {
        tokio::time::sleep(Duration::from_secs(10)).await;
    }
    let Some((amount, currency)) = known else {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"message": "Invalid transaction or Transaction not found", "status": "failed", "data": null})),
        )
            .into_response();
    };
    let amount: f64 = amount.parse().unwrap_or(0.0);
    let (status, amount) = match mode {
        Mode::Decline => ("failed", amount),
        Mode::Pending => ("pending", amount),
        Mode::WrongAmount => ("success", 1.0),
        _ => ("success", amount),
    };
    payment_details(&tx_ref, status, Value::from(amount), &currency)
}

/// Verify's success envelope.
fn payment_details(tx_ref: &str, status: &str, amount: Value, currency: &str) -> poem::Response {
    Json(json!({
        "message": "Payment details",
        "status": "success",
        "data": {
            "first_name": "Abebe", "last_name": "Bikila", "email": "buyer@example.com",
            "currency": currency, "amount": amount, "charge": 0.35,
            "mode": "test", "method": "test", "type": "API", "status": status,
            "reference": format!("APref{}", tx_ref.len()), "tx_ref": tx_ref,
            "customization": {"title": null, "description": null, "logo": null},
            "meta": null, "created_at": "2026-11-25T10:00:00.000000Z", "updated_at": "2026-11-25T10:00:05.000000Z"
        }
    }))
    .into_response()
}

/// `POST /v1/refund/:tx_ref` with a JSON body `{reason, amount?, reference?}`.
///
/// Order of answers: transient 503 (`fail_next_refunds`), the mode's sleep,
/// 401 bad key, replay of an already succeeded `reference`, 400 validation,
/// 404 unknown tx, 400 `RefundMode::Fail`, 400 amount over what is left,
/// then 200.
#[handler]
async fn refund(
    req: &poem::Request,
    Path(tx_ref): Path<String>,
    raw: String,
    inner: Data<&Arc<Mutex<Inner>>>,
) -> poem::Response {
    let body = serde_json::from_str::<Value>(&raw).unwrap_or(Value::String(raw));
    let (transient, mode) = {
        let mut guard = inner.lock().unwrap();
        guard.refund_requests.push((tx_ref.clone(), body.clone()));
        let transient = guard.refund_failures_left > 0;
        if transient {
            guard.refund_failures_left -= 1;
        }
        (transient, guard.refund_mode.unwrap_or(RefundMode::Succeed))
    };
    if transient {
        return failure(StatusCode::SERVICE_UNAVAILABLE, "Service unavailable");
    }
    match mode {
        RefundMode::Hang => tokio::time::sleep(Duration::from_secs(10)).await,
        RefundMode::Delay(d) => tokio::time::sleep(d).await,
        RefundMode::Succeed | RefundMode::Fail => {}
    }
    let auth = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    if auth != Some(format!("Bearer {SECRET_KEY}").as_str()) {
        return failure(
            StatusCode::UNAUTHORIZED,
            "Invalid API Key or User doesn't exist",
        );
    }

    let reference = body["reference"].as_str().map(str::to_owned);
    // One lock from the replay check to the insert, so concurrent calls with
    // the same reference refund once.
    let mut guard = inner.lock().unwrap();
    if let Some(reference) = &reference {
        if let Some(done) = guard
            .refunds
            .iter()
            .find(|r| r.reference.as_ref() == Some(reference))
        {
            return Json(done.response.clone()).into_response();
        }
    }
    if body["reason"].as_str().is_none_or(|r| r.trim().is_empty()) {
        return invalid("reason", "The reason field is required.");
    }
    let requested = match &body["amount"] {
        Value::Null => None,
        Value::String(s) => match s.trim().parse::<Decimal>() {
            Ok(amount) => Some(amount),
            Err(_) => return invalid("amount", "The amount must be a number."),
        },
        Value::Number(n) => match n.to_string().parse::<Decimal>() {
            Ok(amount) => Some(amount),
            Err(_) => return invalid("amount", "The amount must be a number."),
        },
        _ => return invalid("amount", "The amount must be a number."),
    };
    if requested.is_some_and(|amount| amount <= Decimal::ZERO) {
        return invalid("amount", "The amount must be greater than 0.");
    }
    let Some((paid, currency)) = guard.initialized.get(&tx_ref).cloned() else {
        return failure(StatusCode::NOT_FOUND, "Transaction not found");
    };
    if mode == RefundMode::Fail {
        return failure(
            StatusCode::BAD_REQUEST,
            "Refund failed: insufficient balance",
        );
    }
    let paid: Decimal = paid.parse().unwrap_or(Decimal::ZERO);
    let amount = requested.unwrap_or(paid);
    let already: Decimal = guard
        .refunds
        .iter()
        .filter(|r| r.tx_ref == tx_ref)
        .map(|r| r.amount)
        .sum();
    if amount > paid - already {
        return failure(
            StatusCode::BAD_REQUEST,
            "Refund amount exceeds the transaction amount",
        );
    }
    let response = json!({
        "message": "Refund processed successfully",
        "status": "success",
        "data": {
            "ref_id": format!("RF-{}", guard.refunds.len() + 1),
            "tx_ref": tx_ref,
            "merch_reference": reference,
            "amount": amount.to_string(),
            "currency": currency,
            "status": "refunded",
        }
    });
    guard.refunds.push(Refund {
        tx_ref,
        reference,
        amount,
        response: response.clone(),
    });
    Json(response).into_response()
}
