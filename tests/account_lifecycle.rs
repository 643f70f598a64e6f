//! Account lifecycle over HTTP with the worker running: email verification,
//! password reset and email change.
//!
//! Tokens are read from the delivered emails (`.eml` files), as a user would
//! follow the link; nothing is read from the database that a user could not see,
//! except job and token bookkeeping to know when the worker is done.

mod common;

use std::time::Duration;

use common::{
    TEST_PASSWORD, TestApp, TestUser, assert_error, json_with_status,
    mail::{Mail, mails, mails_with_subject, wait_for_mail, wait_for_mails},
    payments::{eventually, start_worker},
    spawn_app_with,
};
use ecommerce::{config::Settings, jobs::worker::WorkerHandle};
use serde_json::{Value, json};

/// Base of the links in account emails, distinct from the API's address.
const FRONTEND: &str = "https://shop.example";
const NEW_PASSWORD: &str = "a brand new secret";

/// Starts the API (frontend links to [`FRONTEND`]) and a worker with the same settings.
async fn spawn(adjust: impl FnOnce(&mut Settings)) -> (TestApp, WorkerHandle) {
    let app = spawn_app_with(|s| {
        s.accounts.frontend_base_url = FRONTEND.into();
        adjust(s);
    })
    .await;
    let worker = start_worker(&app, |_| {}).await;
    (app, worker)
}

/// The verification token of the user's welcome email.
async fn welcome_token(app: &TestApp, user: &TestUser) -> String {
    let welcome = wait_for_mail_to(app, "Welcome", &user.email).await;
    welcome.link_token(FRONTEND, "/verify-email")
}

/// Waits for the one complete email with this subject prefix sent to `to`.
async fn wait_for_mail_to(app: &TestApp, prefix: &str, to: &str) -> Mail {
    eventually(&format!("an email `{prefix}...` to {to}"), || async {
        let mut found: Vec<Mail> = mails_with_subject(app, prefix)
            .into_iter()
            .filter(|m| m.header("To") == to)
            .collect();
        assert!(found.len() <= 1, "more than one `{prefix}` email to {to}");
        match found.pop() {
            Some(mail) if mail.is_delivered(app).await => Some(mail),
            _ => None,
        }
    })
    .await
}

/// Waits until the worker has processed every job of `job_type` (whether or not it sent anything).
async fn wait_until_processed(app: &TestApp, job_type: &str) {
    let db = app.db().await;
    let jobs = codegen::queries::jobs::outbox::list_jobs_by_type()
        .bind(&db, &job_type)
        .all()
        .await
        .unwrap();
    assert!(!jobs.is_empty(), "no {job_type} job was enqueued");
    for job in jobs {
        eventually(&format!("{job_type} job {} processed", job.id), || async {
            let done = codegen::queries::jobs::processed::count_processed_jobs()
                .bind(&app.db().await, &job.id)
                .one()
                .await
                .unwrap();
            (done == 1).then_some(())
        })
        .await;
    }
}

async fn verify_email(app: &TestApp, token: &str) -> reqwest::Response {
    app.post("/api/v1/auth/verify-email", &json!({"token": token}), None)
        .await
}

async fn request_reset(app: &TestApp, email: &str) -> reqwest::Response {
    app.post(
        "/api/v1/auth/password-reset",
        &json!({"email": email}),
        None,
    )
    .await
}

async fn reset_password(app: &TestApp, token: &str, new_password: &str) -> reqwest::Response {
    app.post(
        "/api/v1/auth/password-reset/confirm",
        &json!({"token": token, "new_password": new_password}),
        None,
    )
    .await
}

async fn confirm_email_change(app: &TestApp, token: &str) -> reqwest::Response {
    app.post(
        "/api/v1/auth/confirm-email-change",
        &json!({"token": token}),
        None,
    )
    .await
}

/// Requests a reset for the user and returns the token of the email that arrives.
async fn reset_token(app: &TestApp, user: &TestUser) -> String {
    json_with_status(request_reset(app, &user.email).await, 202).await;
    wait_for_mail_to(app, "Reset your password", &user.email)
        .await
        .link_token(FRONTEND, "/reset-password")
}

async fn me(app: &TestApp, token: &str) -> Value {
    json_with_status(app.get("/api/v1/users/me", Some(token)).await, 200).await
}

/// Asserts the one generic answer to a token that cannot be used; returns the body.
async fn assert_invalid_token(resp: reqwest::Response, what: &str) -> Value {
    let status = resp.status().as_u16();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(status, 400, "{what}: {body}");
    assert_eq!(body["error"]["code"], "invalid_token", "{what}: {body}");
    body
}

/// Asserts an email says what happened and what to do if it was not the reader, in text and HTML.
fn assert_explains_itself(mail: &Mail, what_happened: &str) {
    mail.assert_contains(&[
        what_happened,
        "Content-Type: text/plain",
        "Content-Type: text/html",
    ]);
    // The HTML part escapes the apostrophe.
    for (part, needle) in [("text", "it wasn't you"), ("HTML", "it wasn&#39;t you")] {
        assert!(
            mail.decoded.contains(needle),
            "the {part} part tells the reader what to do if it wasn't them:\n{}",
            mail.decoded
        );
    }
}

// ------------------------------------------------------- email verification --

#[tokio::test]
async fn registration_email_verifies_the_address_once() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let admin = app.create_admin("boss").await;
    assert_eq!(me(&app, &user.token).await["email_verified"], false);

    // Act
    let token = welcome_token(&app, &user).await;
    let first = verify_email(&app, &token).await;
    let again = verify_email(&app, &token).await;

    // Assert
    assert_eq!(first.status(), 204);
    assert_invalid_token(again, "reused verification token").await;
    assert_eq!(me(&app, &user.token).await["email_verified"], true);
    let admin_view = json_with_status(
        app.get(&format!("/api/v1/users/{}", user.id), Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(admin_view["email_verified"], true);
    let listed = json_with_status(
        app.get("/api/v1/users?username=abebe", Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(listed["items"][0]["email_verified"], true);
    worker.shutdown().await;
}

#[tokio::test]
async fn resent_verification_link_replaces_the_old_one() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let old = welcome_token(&app, &user).await;

    // Act
    let resend = app
        .post(
            "/api/v1/auth/verify-email/resend",
            &json!({}),
            Some(&user.token),
        )
        .await;
    assert_eq!(resend.status(), 202);
    let mail = wait_for_mail_to(&app, "Confirm your email address", &user.email).await;
    let new = mail.link_token(FRONTEND, "/verify-email");

    // Assert
    assert_explains_itself(
        &mail,
        "Please confirm that abebe@example.com is your email address",
    );
    assert_ne!(new, old);
    assert_invalid_token(verify_email(&app, &old).await, "replaced link").await;
    assert_eq!(verify_email(&app, &new).await.status(), 204);
    let resend_again = app
        .post(
            "/api/v1/auth/verify-email/resend",
            &json!({}),
            Some(&user.token),
        )
        .await;
    assert_error(resend_again, 409, "email_already_verified").await;
    worker.shutdown().await;
}

#[tokio::test]
async fn require_verified_email_blocks_orders_and_payments_until_verified() {
    // Arrange
    let (app, worker) = spawn(|s| s.accounts.require_verified_email = true).await;
    let user = app.create_user("abebe").await;
    let product = app.create_product("Coffee", "12.50", 10).await;
    let order =
        json!({"shipping_address": "Bole", "items": [{"product_id": product, "quantity": 1}]});

    // Act
    let blocked_order = app.post("/api/v1/orders", &order, Some(&user.token)).await;
    let blocked_payment = app
        .post(
            "/api/v1/payments",
            &json!({"order_id": 1}),
            Some(&user.token),
        )
        .await;
    let token = welcome_token(&app, &user).await;
    assert_eq!(verify_email(&app, &token).await.status(), 204);
    let placed = app.post("/api/v1/orders", &order, Some(&user.token)).await;

    // Assert
    let body = assert_error(blocked_order, 403, "email_not_verified").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("verify your email"),
        "{body}"
    );
    assert_error(blocked_payment, 403, "email_not_verified").await;
    json_with_status(placed, 201).await;
    worker.shutdown().await;
}

#[tokio::test]
async fn unverified_users_may_order_when_verification_is_not_required() {
    let app = spawn_app_with(|_| {}).await;
    assert!(!app.state.settings.accounts.require_verified_email);
    let user = app.create_user("abebe").await;
    let product = app.create_product("Coffee", "12.50", 10).await;

    let resp = app
        .post(
            "/api/v1/orders",
            &json!({"shipping_address": "Bole", "items": [{"product_id": product, "quantity": 1}]}),
            Some(&user.token),
        )
        .await;

    json_with_status(resp, 201).await;
    assert_eq!(me(&app, &user.token).await["email_verified"], false);
}

// ----------------------------------------------------------- password reset --

#[tokio::test]
async fn password_reset_sets_the_password_and_revokes_every_session() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let resp = request_reset(&app, &user.email).await;
    let accepted = json_with_status(resp, 202).await;
    let mail = wait_for_mail_to(&app, "Reset your password", &user.email).await;
    assert_explains_itself(
        &mail,
        "reset the password of the account registered with abebe@example.com",
    );
    let token = mail.link_token(FRONTEND, "/reset-password");

    // Act
    let weak = reset_password(&app, &token, "12345678").await;
    let (first, second) = tokio::join!(
        reset_password(&app, &token, NEW_PASSWORD),
        reset_password(&app, &token, "another new secret")
    );

    // Assert
    assert!(accepted["message"].is_string(), "{accepted}");
    let weak = assert_error(weak, 400, "validation_failed").await;
    assert_eq!(weak["error"]["details"]["field"], "new_password");
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [204, 400], "the token works exactly once");
    let new_password = if app.login("abebe", NEW_PASSWORD).await.status() == 200 {
        NEW_PASSWORD
    } else {
        "another new secret"
    };
    assert_eq!(app.login("abebe", new_password).await.status(), 200);
    assert_eq!(app.login("abebe", TEST_PASSWORD).await.status(), 401);
    assert_eq!(
        app.get("/api/v1/users/me", Some(&user.token))
            .await
            .status(),
        401,
        "access token revoked"
    );
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": user.refresh_token}),
            None,
        )
        .await;
    assert_eq!(refresh.status(), 401, "refresh token revoked");
    assert_invalid_token(
        reset_password(&app, &token, "yet another secret").await,
        "reuse",
    )
    .await;
    let notice = wait_for_mail_to(&app, "Your password was changed", &user.email).await;
    assert_explains_itself(&notice, "every device signed in to it was signed out");
    worker.shutdown().await;
}

#[tokio::test]
async fn password_reset_for_an_unknown_address_answers_the_same_and_sends_nothing() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;

    // Act
    let known = request_reset(&app, &user.email).await;
    let unknown = request_reset(&app, "nobody@example.com").await;

    // Assert
    let (known_status, unknown_status) = (known.status(), unknown.status());
    let (known_body, unknown_body) = (known.text().await.unwrap(), unknown.text().await.unwrap());
    assert_eq!(known_status, 202);
    assert_eq!(unknown_status, known_status);
    assert_eq!(unknown_body, known_body);
    wait_until_processed(&app, "send_password_reset_email").await;
    let resets = wait_for_mails(&app, "Reset your password", 1).await;
    assert_eq!(resets[0].header("To"), user.email);
    assert!(
        mails(&app)
            .iter()
            .all(|m| !m.raw.contains("nobody@example.com")),
        "nothing was sent to the unknown address"
    );
    worker.shutdown().await;
}

#[tokio::test]
async fn password_reset_of_a_deactivated_account_sends_nothing() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let admin = app.create_admin("boss").await;
    let deactivated = app
        .patch(
            &format!("/api/v1/users/{}", user.id),
            &json!({"is_active": false}),
            Some(&admin.token),
        )
        .await;
    json_with_status(deactivated, 200).await;

    // Act
    let resp = request_reset(&app, &user.email).await;

    // Assert
    assert_eq!(resp.status(), 202);
    wait_until_processed(&app, "send_password_reset_email").await;
    assert!(mails_with_subject(&app, "Reset your password").is_empty());
    worker.shutdown().await;
}

#[tokio::test]
async fn a_newer_reset_link_invalidates_the_older_one() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let older = reset_token(&app, &user).await;

    // Act
    json_with_status(request_reset(&app, &user.email).await, 202).await;
    let both = wait_for_mails(&app, "Reset your password", 2).await;
    let newer = both
        .iter()
        .map(|m| m.link_token(FRONTEND, "/reset-password"))
        .find(|t| *t != older)
        .expect("a second, different link");

    // Assert
    assert_invalid_token(
        reset_password(&app, &older, NEW_PASSWORD).await,
        "older link",
    )
    .await;
    assert_eq!(
        reset_password(&app, &newer, NEW_PASSWORD).await.status(),
        204
    );
    worker.shutdown().await;
}

#[tokio::test]
async fn password_reset_is_rate_limited_per_address_and_per_client() {
    // Arrange: requests name their client in X-Forwarded-For, trusted from localhost.
    let app = spawn_app_with(|s| {
        s.accounts.password_reset_rate_limit = 2;
        s.http.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
    })
    .await;
    let from = |client: &'static str, email: &'static str| {
        app.client
            .post(app.url("/api/v1/auth/password-reset"))
            .header("x-forwarded-for", client)
            .json(&json!({"email": email}))
            .send()
    };

    // Act
    let same_address = [
        from("203.0.113.1", "abebe@example.com").await.unwrap(),
        from("203.0.113.2", "abebe@example.com").await.unwrap(),
        from("203.0.113.3", "abebe@example.com").await.unwrap(),
    ];
    let same_client = [
        from("198.51.100.7", "a@example.com").await.unwrap(),
        from("198.51.100.7", "b@example.com").await.unwrap(),
        from("198.51.100.7", "c@example.com").await.unwrap(),
    ];

    // Assert
    for (case, responses) in [("same address", same_address), ("same client", same_client)] {
        let [first, second, third] = responses;
        assert_eq!(first.status(), 202, "{case}: first");
        assert_eq!(second.status(), 202, "{case}: second");
        let retry_after = third
            .headers()
            .get("retry-after")
            .unwrap_or_else(|| panic!("{case}: Retry-After missing"))
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap();
        assert!(retry_after > 0, "{case}: Retry-After {retry_after}");
        assert_error(third, 429, "rate_limited").await;
    }
}

// ----------------------------------------------------------------- tokens --

#[tokio::test]
async fn a_token_works_only_for_its_own_purpose() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let verify = welcome_token(&app, &user).await;
    let reset = reset_token(&app, &user).await;

    // Act
    let answers = [
        (
            "verification token as a reset",
            reset_password(&app, &verify, NEW_PASSWORD).await,
        ),
        (
            "verification token as an email change",
            confirm_email_change(&app, &verify).await,
        ),
        (
            "reset token as a verification",
            verify_email(&app, &reset).await,
        ),
        (
            "reset token as an email change",
            confirm_email_change(&app, &reset).await,
        ),
        ("garbage", verify_email(&app, "not-a-token").await),
        (
            "right shape, unknown",
            verify_email(&app, &format!("{}.{}", "A".repeat(22), "B".repeat(43))).await,
        ),
    ];

    // Assert: one answer for every failure, and the tokens still work where they belong.
    let mut bodies = Vec::new();
    for (what, resp) in answers {
        bodies.push(assert_invalid_token(resp, what).await);
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "same body for every failure: {bodies:?}"
    );
    assert_eq!(verify_email(&app, &verify).await.status(), 204);
    assert_eq!(
        reset_password(&app, &reset, NEW_PASSWORD).await.status(),
        204
    );
    worker.shutdown().await;
}

#[tokio::test]
async fn expired_tokens_are_refused() {
    // Arrange
    let (app, worker) = spawn(|s| {
        s.accounts.email_token_ttl = Duration::from_secs(1);
        s.accounts.password_reset_ttl = Duration::from_secs(1);
    })
    .await;
    let user = app.create_user("abebe").await;
    let verify = welcome_token(&app, &user).await;
    let reset = reset_token(&app, &user).await;

    // Act
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // Assert
    assert_invalid_token(verify_email(&app, &verify).await, "expired verification").await;
    assert_invalid_token(
        reset_password(&app, &reset, NEW_PASSWORD).await,
        "expired reset",
    )
    .await;
    assert_eq!(me(&app, &user.token).await["email_verified"], false);
    assert_eq!(app.login("abebe", TEST_PASSWORD).await.status(), 200);
    worker.shutdown().await;
}

#[tokio::test]
async fn housekeeping_prunes_used_and_expired_tokens_only() {
    // Arrange: abebe has a used token (verification) and an expired one (reset);
    // chala has a live one (her welcome link).
    let (app, worker) = spawn(|s| s.accounts.password_reset_ttl = Duration::from_secs(1)).await;
    let abebe = app.create_user("abebe").await;
    let chala = app.create_user("chala").await;
    let verify = welcome_token(&app, &abebe).await;
    assert_eq!(verify_email(&app, &verify).await.status(), 204);
    reset_token(&app, &abebe).await;
    welcome_token(&app, &chala).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let tokens_of = |user_id: i64| {
        let app = &app;
        async move {
            codegen::queries::accounts::account_tokens::count_account_tokens_of_user()
                .bind(&app.db().await, &user_id)
                .one()
                .await
                .unwrap()
        }
    };

    // Act
    let pruned = ecommerce::jobs::housekeeping::prune_account_tokens(&app.state.db)
        .await
        .unwrap();

    // Assert (the worker's own sweep may have pruned them first).
    assert!(pruned <= 2, "pruned {pruned}");
    assert_eq!(tokens_of(abebe.id).await, 0, "used and expired tokens gone");
    assert_eq!(tokens_of(chala.id).await, 1, "the live token stays");
    worker.shutdown().await;
}

// ------------------------------------------------------------ email change --

#[tokio::test]
async fn email_change_takes_effect_only_when_confirmed_from_the_new_address() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let new_email = "abebe.new@example.com";

    // Act
    let without_password = app
        .patch(
            "/api/v1/users/me",
            &json!({"email": new_email}),
            Some(&user.token),
        )
        .await;
    let wrong_password = app
        .patch(
            "/api/v1/users/me",
            &json!({"email": new_email, "current_password": "not my password"}),
            Some(&user.token),
        )
        .await;
    let requested = app
        .patch(
            "/api/v1/users/me",
            &json!({"email": new_email, "current_password": TEST_PASSWORD}),
            Some(&user.token),
        )
        .await;

    // Assert: nothing changes until the link from the new address is used.
    let err = assert_error(without_password, 400, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "current_password");
    let err = assert_error(wrong_password, 400, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "current_password");
    let pending = json_with_status(requested, 200).await;
    assert_eq!(pending["email"], user.email);
    assert_eq!(app.login(new_email, TEST_PASSWORD).await.status(), 401);
    let mail = wait_for_mail_to(&app, "Confirm your new email address", new_email).await;
    assert_explains_itself(&mail, "The change takes effect only once you confirm it");
    assert!(
        mails_with_subject(&app, "Confirm your new email address")
            .iter()
            .all(|m| m.header("To") == new_email),
        "the confirmation link goes to the new address only"
    );
    let token = mail.link_token(FRONTEND, "/confirm-email-change");
    assert_eq!(me(&app, &user.token).await["email"], user.email);

    assert_eq!(confirm_email_change(&app, &token).await.status(), 204);

    let after = me(&app, &user.token).await;
    assert_eq!(after["email"], new_email);
    assert_eq!(after["email_verified"], true);
    assert_eq!(app.login(new_email, TEST_PASSWORD).await.status(), 200);
    assert_invalid_token(confirm_email_change(&app, &token).await, "reuse").await;
    let notice = wait_for_mail_to(&app, "Your email address was changed", &user.email).await;
    assert_explains_itself(
        &notice,
        "was changed from abebe@example.com to abebe.new@example.com",
    );
    worker.shutdown().await;
}

#[tokio::test]
async fn email_change_checks_uniqueness_at_request_and_at_confirmation() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let abebe = app.create_user("abebe").await;
    let chala = app.create_user("chala").await;
    let change = |email: &str| json!({"email": email, "current_password": TEST_PASSWORD});

    // Act
    let taken = app
        .patch(
            "/api/v1/users/me",
            &change(&chala.email),
            Some(&abebe.token),
        )
        .await;
    let requested = app
        .patch(
            "/api/v1/users/me",
            &change("free@example.com"),
            Some(&abebe.token),
        )
        .await;
    json_with_status(requested, 200).await;
    let token = wait_for_mail_to(&app, "Confirm your new email address", "free@example.com")
        .await
        .link_token(FRONTEND, "/confirm-email-change");
    let changed = app
        .patch(
            "/api/v1/users/me",
            &change("free@example.com"),
            Some(&chala.token),
        )
        .await;
    json_with_status(changed, 200).await;
    let chala_token = wait_for_mails(&app, "Confirm your new email address", 2)
        .await
        .iter()
        .map(|m| m.link_token(FRONTEND, "/confirm-email-change"))
        .find(|t| *t != token)
        .unwrap();
    assert_eq!(confirm_email_change(&app, &chala_token).await.status(), 204);
    let late = confirm_email_change(&app, &token).await;

    // Assert
    assert_error(taken, 409, "email_taken").await;
    assert_error(late, 409, "email_taken").await;
    assert_eq!(me(&app, &abebe.token).await["email"], abebe.email);
    assert_eq!(me(&app, &chala.token).await["email"], "free@example.com");
    worker.shutdown().await;
}

#[tokio::test]
async fn welcome_link_dies_when_the_address_changes() {
    // Arrange
    let (app, worker) = spawn(|_| {}).await;
    let user = app.create_user("abebe").await;
    let verify = welcome_token(&app, &user).await;
    let reset = reset_token(&app, &user).await;
    json_with_status(
        app.patch(
            "/api/v1/users/me",
            &json!({"email": "abebe.new@example.com", "current_password": TEST_PASSWORD}),
            Some(&user.token),
        )
        .await,
        200,
    )
    .await;
    let change = wait_for_mail_to(
        &app,
        "Confirm your new email address",
        "abebe.new@example.com",
    )
    .await
    .link_token(FRONTEND, "/confirm-email-change");

    // Act
    assert_eq!(confirm_email_change(&app, &change).await.status(), 204);

    // Assert: links sent to the old address no longer work.
    assert_invalid_token(verify_email(&app, &verify).await, "old verification link").await;
    assert_invalid_token(
        reset_password(&app, &reset, NEW_PASSWORD).await,
        "old reset link",
    )
    .await;
    wait_for_mail(&app, "Your email address was changed").await;
    worker.shutdown().await;
}
