//! A local stand-in for Chapa's API, speaking its real request and response shapes.
//!
//! Tests point `CHAPA_API_BASE` at it and tell it how to behave: succeed,
//! decline, stay pending, answer a mismatching amount, refuse, or hang.

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

#[derive(Default)]
struct Inner {
    mode: Option<Mode>,
    initialized: HashMap<String, (String, String)>,
    init_requests: Vec<(Option<String>, Value)>,
    verify_calls: usize,
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
            ..Default::default()
        }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Route::new()
            .at("/v1/transaction/initialize", poem::post(initialize))
            .at("/v1/transaction/verify/:tx_ref", poem::get(verify))
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

    fn mode(inner: &Mutex<Inner>) -> Mode {
        inner.lock().unwrap().mode.unwrap_or(Mode::Succeed)
    }
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
    let known = {
        let mut guard = inner.lock().unwrap();
        guard.verify_calls += 1;
        guard.initialized.get(&tx_ref).cloned()
    };
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
