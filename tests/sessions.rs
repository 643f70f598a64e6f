//! Sessions: revocation that outlives its Redis keys, role changes racing
//! logins, refresh-token reuse, and bad tokens on endpoints open to anonymous callers.

mod common;

use std::time::Duration;

use common::{TEST_PASSWORD, TestApp, assert_error, json_with_status, spawn_app, spawn_app_with};
use futures::future::join_all;
use serde_json::{Value, json};

/// Drops the user's cached revocation state, as if its Redis key had expired.
async fn expire_generation_key(app: &TestApp, user_id: i64) {
    let key = app.state.revocations.user_key(user_id);
    let mut conn = app.state.redis.clone();
    let removed: i64 = redis::cmd("DEL")
        .arg(&key)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(removed, 1, "{key} existed before the simulated expiry");
}

/// Deletes every Redis key of this deployment, as a Redis restart without persistence would.
async fn forget_redis_state(app: &TestApp) {
    let mut conn = app.state.redis.clone();
    let pattern = format!("{}*", app.state.settings.redis.key_prefix);
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg(&pattern)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert!(!keys.is_empty(), "no key matches {pattern}");
    let _: i64 = redis::cmd("DEL")
        .arg(&keys)
        .query_async(&mut conn)
        .await
        .unwrap();
}

async fn status_of_me(app: &TestApp, token: &str) -> u16 {
    app.get("/api/v1/users/me", Some(token))
        .await
        .status()
        .as_u16()
}

async fn refresh(app: &TestApp, refresh_token: &str) -> reqwest::Response {
    app.post(
        "/api/v1/auth/refresh",
        &json!({"refresh_token": refresh_token}),
        None,
    )
    .await
}

fn access_token(tokens: &Value) -> String {
    tokens["access_token"].as_str().unwrap().to_owned()
}

/// Changes the user's password (a revocation), then signs in with the new one.
async fn change_password_and_sign_in(app: &TestApp, token: &str, login: &str) -> Value {
    let changed = app
        .patch(
            "/api/v1/users/me",
            &json!({"current_password": TEST_PASSWORD, "new_password": "a brand new secret"}),
            Some(token),
        )
        .await;
    json_with_status(changed, 200).await;
    json_with_status(app.login(login, "a brand new secret").await, 200).await
}

#[tokio::test]
async fn deactivation_revokes_tokens_after_the_generation_key_expired() {
    // Arrange: a revocation (password change), then a token issued after it.
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let user = app.create_user("abebe").await;
    let tokens = change_password_and_sign_in(&app, &user.token, "abebe").await;
    let token = access_token(&tokens);
    assert_eq!(status_of_me(&app, &token).await, 200);
    expire_generation_key(&app, user.id).await;

    // Act
    let deactivated = app
        .patch(
            &format!("/api/v1/users/{}", user.id),
            &json!({"is_active": false}),
            Some(&admin.token),
        )
        .await;
    json_with_status(deactivated, 200).await;

    // Assert
    assert_eq!(
        status_of_me(&app, &token).await,
        401,
        "a deactivated user's token issued before the deactivation still works"
    );
}

#[tokio::test]
async fn demotion_revokes_admin_tokens_after_the_generation_key_expired() {
    let app = spawn_app().await;
    let boss = app.create_admin("boss").await;
    let deputy = app.create_admin("deputy").await;
    // A revocation first, so the deputy's current token carries a generation above zero.
    let tokens = change_password_and_sign_in(&app, &deputy.token, "deputy").await;
    let token = access_token(&tokens);
    expire_generation_key(&app, deputy.id).await;

    let demoted = app
        .patch(
            &format!("/api/v1/users/{}", deputy.id),
            &json!({"role": "user"}),
            Some(&boss.token),
        )
        .await;
    json_with_status(demoted, 200).await;

    let list = app.get("/api/v1/users", Some(&token)).await;
    assert_error(list, 401, "unauthorized").await;
}

#[tokio::test]
async fn refresh_token_theft_revokes_tokens_after_the_generation_key_expired() {
    let app = spawn_app_with(|s| s.jwt.refresh_reuse_grace = Duration::ZERO).await;
    let user = app.create_user("abebe").await;
    let first = change_password_and_sign_in(&app, &user.token, "abebe").await;
    let stolen = first["refresh_token"].as_str().unwrap().to_owned();
    let second = json_with_status(refresh(&app, &stolen).await, 200).await;
    expire_generation_key(&app, user.id).await;

    // The spent token comes back: theft.
    assert_error(refresh(&app, &stolen).await, 401, "unauthorized").await;

    for (name, tokens) in [("first", &first), ("rotated", &second)] {
        assert_eq!(
            status_of_me(&app, &access_token(tokens)).await,
            401,
            "the {name} access token survived theft detection"
        );
    }
}

#[tokio::test]
async fn a_logged_out_token_stays_revoked_after_redis_loses_its_keys() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let other_session =
        access_token(&json_with_status(app.login("abebe", TEST_PASSWORD).await, 200).await);
    let resp = app
        .post("/api/v1/auth/logout", &json!({}), Some(&user.token))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(status_of_me(&app, &user.token).await, 401);

    // Act: Redis restarts empty (or evicts, or the keys expire).
    forget_redis_state(&app).await;

    // Assert
    assert_eq!(
        status_of_me(&app, &user.token).await,
        401,
        "the logged-out token came back with an empty Redis"
    );
    assert_eq!(
        status_of_me(&app, &other_session).await,
        200,
        "the user's other session is not revoked"
    );
    assert_eq!(
        status_of_me(&app, &user.token).await,
        401,
        "the refilled cache forgot the logged-out token"
    );
}

/// Logouts racing requests that refill the cache (after an expiry or eviction)
/// with what PostgreSQL held before the logout committed: once the logout has
/// answered, no request with the token succeeds.
#[tokio::test]
async fn logouts_racing_cache_refills_never_bring_the_token_back() {
    use std::sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    };

    let app = Arc::new(spawn_app().await);
    let user = app.create_user("abebe").await;
    for round in 0..10 {
        let token = app.token_for(user.id, ecommerce::accounts::Role::User);
        assert_eq!(status_of_me(&app, &token).await, 200);
        let logged_out = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicBool::new(false));
        let racers: Vec<_> = (0..4)
            .map(|_| {
                let (app, token) = (Arc::clone(&app), token.clone());
                let (logged_out, done) = (Arc::clone(&logged_out), Arc::clone(&done));
                let key = app.state.revocations.user_key(user.id);
                tokio::spawn(async move {
                    let mut late_successes = 0;
                    let mut conn = app.state.redis.clone();
                    while !done.load(Ordering::SeqCst) {
                        let _: i64 = redis::cmd("DEL")
                            .arg(&key)
                            .query_async(&mut conn)
                            .await
                            .unwrap();
                        let after_logout = logged_out.load(Ordering::SeqCst);
                        if status_of_me(&app, &token).await == 200 && after_logout {
                            late_successes += 1;
                        }
                    }
                    late_successes
                })
            })
            .collect();
        tokio::time::sleep(Duration::from_millis(20)).await;
        let resp = app
            .post("/api/v1/auth/logout", &json!({}), Some(&token))
            .await;
        assert_eq!(resp.status(), 204);
        logged_out.store(true, Ordering::SeqCst);
        for _ in 0..5 {
            assert_eq!(
                status_of_me(&app, &token).await,
                401,
                "round {round}: the token works after its logout"
            );
        }
        done.store(true, Ordering::SeqCst);
        let late: i32 = join_all(racers).await.into_iter().map(Result::unwrap).sum();
        assert_eq!(
            late, 0,
            "round {round}: requests after the logout succeeded"
        );
    }
}

/// Logins racing a demotion: a login that read the admin role before the
/// change committed must not get a token that outlives the change.
#[tokio::test]
async fn logins_racing_a_demotion_never_yield_a_surviving_admin_token() {
    // Arrange
    let app = spawn_app_with(|s| s.jwt.login_rate_limit = 100).await;
    let boss = app.create_admin("boss").await;
    let deputy = app.create_admin("deputy").await;
    let bystander = app.create_user("bystander").await;
    let bystander_path = format!("/api/v1/users/{}", bystander.id);

    // Act: the demotion and several logins of the demoted admin at once.
    let demote = async {
        app.patch(
            &format!("/api/v1/users/{}", deputy.id),
            &json!({"role": "user"}),
            Some(&boss.token),
        )
        .await
        .status()
        .as_u16()
    };
    let logins = join_all((0..4).map(|_| app.login("deputy", TEST_PASSWORD)));
    let (demoted, logins) = tokio::join!(demote, logins);
    assert_eq!(demoted, 200);

    // Assert: whichever role a login read, no token still opens another user's profile.
    let mut issued = 0;
    for login in logins {
        let tokens = json_with_status(login, 200).await;
        issued += 1;
        let status = app
            .get(&bystander_path, Some(&access_token(&tokens)))
            .await
            .status()
            .as_u16();
        assert!(
            status == 401 || status == 403,
            "a token issued around the demotion still acts as admin ({status})"
        );
    }
    assert_eq!(issued, 4);
}

#[tokio::test]
async fn concurrent_refreshes_with_one_token_get_the_same_new_pair() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;

    // Act: two tabs (and a retry) refresh with the same token at once.
    let responses = join_all((0..3).map(|_| refresh(&app, &user.refresh_token))).await;

    // Assert
    let mut pairs = Vec::new();
    for resp in responses {
        pairs.push(json_with_status(resp, 200).await);
    }
    for pair in &pairs[1..] {
        assert_eq!(pair["access_token"], pairs[0]["access_token"]);
        assert_eq!(pair["refresh_token"], pairs[0]["refresh_token"]);
    }
    assert_ne!(pairs[0]["refresh_token"], user.refresh_token.as_str());
    assert_eq!(status_of_me(&app, &access_token(&pairs[0])).await, 200);
    assert_eq!(
        status_of_me(&app, &user.token).await,
        200,
        "the user was signed out as if the token had been stolen"
    );
    let next = refresh(&app, pairs[0]["refresh_token"].as_str().unwrap()).await;
    json_with_status(next, 200).await;
}

#[tokio::test]
async fn a_retried_refresh_within_the_grace_window_gets_the_same_pair() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;

    let first = json_with_status(refresh(&app, &user.refresh_token).await, 200).await;
    let retry = json_with_status(refresh(&app, &user.refresh_token).await, 200).await;

    assert_eq!(first, retry);
    assert_eq!(status_of_me(&app, &access_token(&first)).await, 200);
}

#[tokio::test]
async fn a_spent_refresh_token_gets_no_pair_once_its_session_was_signed_out() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let first = json_with_status(refresh(&app, &user.refresh_token).await, 200).await;
    let signed_out = app
        .post(
            "/api/v1/auth/logout",
            &json!({"refresh_token": first["refresh_token"]}),
            Some(&access_token(&first)),
        )
        .await;
    assert_eq!(signed_out.status(), 204);

    assert_error(
        refresh(&app, &user.refresh_token).await,
        401,
        "unauthorized",
    )
    .await;
}

#[tokio::test]
async fn bad_tokens_on_endpoints_open_to_anonymous_callers_get_401() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let product = format!(
        "/api/v1/products/{}",
        app.create_product("Coffee", "10.00", 5).await
    );
    let mut expired = app
        .state
        .jwt
        .claims_for(user.id, ecommerce::accounts::Role::User, 0);
    expired.exp = ecommerce::accounts::token::now_secs() - 3600;
    let expired = app.state.jwt.encode(&expired);
    let revoked = json_with_status(app.login("abebe", TEST_PASSWORD).await, 200).await;
    let revoked = access_token(&revoked);
    let logout = app
        .post("/api/v1/auth/logout", &json!({}), Some(&revoked))
        .await;
    assert_eq!(logout.status(), 204);

    // Act + Assert
    for (case, token) in [
        ("garbage", "not-a-jwt"),
        ("expired", expired.as_str()),
        ("revoked", revoked.as_str()),
    ] {
        let found = app.get(&product, Some(token)).await;
        let status = found.status();
        let text = found.text().await.unwrap();
        assert_eq!(status, 401, "{case} token on a product: {text}");
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["error"]["code"], "unauthorized", "{case}: {body}");

        let register = app
            .post(
                "/api/v1/auth/register",
                &json!({
                    "email": format!("{case}@example.com"),
                    "username": case,
                    "password": TEST_PASSWORD,
                    "first_name": "Test",
                    "last_name": case,
                }),
                Some(token),
            )
            .await;
        assert_eq!(register.status(), 401, "{case} token on register");
    }
    let basic = app
        .client
        .get(app.url(&product))
        .header("authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l")
        .send()
        .await
        .unwrap();
    assert_error(basic, 401, "unauthorized").await;

    // No token stays anonymous; a valid one is accepted.
    assert_eq!(app.get(&product, None).await.status(), 200);
    assert_eq!(app.get(&product, Some(&user.token)).await.status(), 200);
}

#[tokio::test]
async fn a_deleted_users_tokens_stay_revoked_after_redis_loses_its_keys() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let deleted = app
        .delete(&format!("/api/v1/users/{}", user.id), Some(&user.token))
        .await;
    assert_eq!(deleted.status(), 204);
    assert_eq!(status_of_me(&app, &user.token).await, 401);

    // Act: the row and its generation are gone; now the Redis state goes too.
    forget_redis_state(&app).await;

    // Assert
    assert_eq!(
        status_of_me(&app, &user.token).await,
        401,
        "a deleted user's token came back with an empty Redis"
    );
}
