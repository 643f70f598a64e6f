//! Accounts: registration, sessions, tokens, user management and role rules.

mod common;

use base64::{Engine as _, engine::general_purpose::URL_SAFE_NO_PAD};
use common::{TEST_PASSWORD, assert_error, json_with_status, spawn_app, spawn_app_with};
use serde_json::{Value, json};

fn registration(username: &str) -> Value {
    json!({
        "email": format!("{username}@example.com"),
        "username": username,
        "password": TEST_PASSWORD,
        "first_name": "Abebe",
        "last_name": "Bikila",
        "phone_number": "+251 911 234 567",
    })
}

#[tokio::test]
async fn register_returns_201_without_hash_and_enqueues_welcome_email() {
    let app = spawn_app().await;

    let body = json_with_status(
        app.post("/api/v1/auth/register", &registration("Abebe"), None)
            .await,
        201,
    )
    .await;

    assert_eq!(body["email"], "abebe@example.com");
    assert_eq!(body["username"], "Abebe");
    assert_eq!(body["role"], "user");
    assert_eq!(body["is_active"], true);
    assert_eq!(body["phone_number"], "+251911234567");
    assert!(body.get("password_hash").is_none() && body.get("password").is_none());
    let db = app.db().await;
    let jobs = codegen::queries::jobs::outbox::list_jobs_by_type()
        .bind(&db, &"send_user_creation_email")
        .all()
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].payload["user_id"], body["id"]);
    assert_eq!(jobs[0].payload["email"], "abebe@example.com");
}

#[tokio::test]
async fn register_rejects_duplicates_with_409() {
    let app = spawn_app().await;
    app.post("/api/v1/auth/register", &registration("abebe"), None)
        .await;

    let mut same_email = registration("other");
    same_email["email"] = json!("ABEBE@Example.com");
    same_email["phone_number"] = json!(null);
    let mut same_username = registration("ABEBE");
    same_username["email"] = json!("x@example.com");
    same_username["phone_number"] = json!(null);
    let mut same_phone = registration("third");
    same_phone["phone_number"] = json!("+251911234567");

    for (body, code) in [
        (same_email, "email_taken"),
        (same_username, "username_taken"),
        (same_phone, "phone_taken"),
    ] {
        assert_error(
            app.post("/api/v1/auth/register", &body, None).await,
            409,
            code,
        )
        .await;
    }
}

#[tokio::test]
async fn register_validates_fields_with_400_naming_the_field() {
    let app = spawn_app().await;
    let cases = [
        ("email", json!("not-an-email"), "email"),
        ("username", json!("a"), "username"),
        ("password", json!("short1"), "password"),
        ("password", json!("1234567890"), "password"),
        ("password", json!("validuser1"), "password"),
        ("phone_number", json!("12ab"), "phone_number"),
    ];
    for (field, value, expected) in cases {
        let mut body = registration("validuser1");
        body[field] = value.clone();
        let err = assert_error(
            app.post("/api/v1/auth/register", &body, None).await,
            400,
            "validation_failed",
        )
        .await;
        assert_eq!(
            err["error"]["details"]["field"], expected,
            "{field}={value}"
        );
    }
}

#[tokio::test]
async fn signed_in_non_admin_cannot_register_but_admin_can() {
    let app = spawn_app().await;
    let user = app.create_user("plainuser").await;
    let admin = app.create_admin("boss").await;

    let resp = app
        .post(
            "/api/v1/auth/register",
            &registration("newbie"),
            Some(&user.token),
        )
        .await;
    assert_error(resp, 403, "forbidden").await;
    let resp = app
        .post(
            "/api/v1/auth/register",
            &registration("newbie"),
            Some(&admin.token),
        )
        .await;
    json_with_status(resp, 201).await;
}

#[tokio::test]
async fn login_by_email_or_username_issues_working_tokens() {
    let app = spawn_app().await;
    app.register("abebe").await;

    for login in ["abebe", "ABEBE@example.com"] {
        let tokens = json_with_status(app.login(login, TEST_PASSWORD).await, 200).await;
        assert_eq!(tokens["token_type"], "Bearer");
        assert_eq!(tokens["expires_in"], 900);
        let token = tokens["access_token"].as_str().unwrap();
        let me = json_with_status(app.get("/api/v1/users/me", Some(token)).await, 200).await;
        assert_eq!(me["username"], "abebe");
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_user_get_the_same_401() {
    let app = spawn_app().await;
    app.register("abebe").await;

    let wrong = assert_error(
        app.login("abebe", "wrong password!").await,
        401,
        "unauthorized",
    )
    .await;
    let unknown = assert_error(
        app.login("nobody", "wrong password!").await,
        401,
        "unauthorized",
    )
    .await;
    assert_eq!(wrong, unknown);
}

#[tokio::test]
async fn login_is_rate_limited_with_retry_after() {
    let app = spawn_app_with(|s| s.jwt.login_rate_limit = 3).await;
    app.register("abebe").await;

    for _ in 0..3 {
        assert_eq!(app.login("abebe", "wrong password!").await.status(), 401);
    }
    let limited = app.login("abebe", TEST_PASSWORD).await;
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_error(limited, 429, "rate_limited").await;
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    // No grace window: the first reuse is theft.
    let app = spawn_app_with(|s| s.jwt.refresh_reuse_grace = std::time::Duration::ZERO).await;
    let user = app.create_user("abebe").await;

    let first = json_with_status(
        app.post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": user.refresh_token}),
            None,
        )
        .await,
        200,
    )
    .await;
    let new_access = first["access_token"].as_str().unwrap().to_owned();
    let new_refresh = first["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(new_refresh, user.refresh_token);
    assert_eq!(
        app.get("/api/v1/users/me", Some(&new_access))
            .await
            .status(),
        200
    );

    // The old token was spent: presenting it again is treated as theft.
    let reuse = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": user.refresh_token}),
            None,
        )
        .await;
    assert_error(reuse, 401, "unauthorized").await;

    // The whole family, including the newest token, is revoked, and so are access tokens.
    let after = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": new_refresh}),
            None,
        )
        .await;
    assert_error(after, 401, "unauthorized").await;
    assert_eq!(
        app.get("/api/v1/users/me", Some(&new_access))
            .await
            .status(),
        401
    );
}

#[tokio::test]
async fn garbage_refresh_token_is_401() {
    let app = spawn_app().await;
    let resp = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": "garbage"}),
            None,
        )
        .await;
    assert_error(resp, 401, "unauthorized").await;
}

#[tokio::test]
async fn logout_revokes_access_and_refresh_token() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;

    let resp = app
        .post(
            "/api/v1/auth/logout",
            &json!({"refresh_token": user.refresh_token}),
            Some(&user.token),
        )
        .await;
    assert_eq!(resp.status(), 204);

    assert_error(
        app.get("/api/v1/users/me", Some(&user.token)).await,
        401,
        "unauthorized",
    )
    .await;
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": user.refresh_token}),
            None,
        )
        .await;
    assert_eq!(refresh.status(), 401);
    // Other sessions are untouched.
    let other = json_with_status(app.login("abebe", TEST_PASSWORD).await, 200).await;
    let token = other["access_token"].as_str().unwrap();
    assert_eq!(app.get("/api/v1/users/me", Some(token)).await.status(), 200);
}

/// Signs arbitrary claims with a given secret and algorithm name in the header.
fn forge(header: Value, claims: Value, secret: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let h = URL_SAFE_NO_PAD.encode(header.to_string());
    let p = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret).unwrap();
    mac.update(format!("{h}.{p}").as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{h}.{p}.{sig}")
}

#[tokio::test]
async fn invalid_tokens_are_rejected_with_401() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let settings = &app.state.settings.jwt;
    let secret = secrecy::ExposeSecret::expose_secret(&settings.secret)
        .as_bytes()
        .to_vec();
    let now = ecommerce::accounts::token::now_secs();
    let claims = |exp: i64, aud: &str| {
        json!({"sub": user.id.to_string(), "role": "admin", "jti": "x", "iat": now - 10,
               "exp": exp, "iss": settings.issuer, "aud": aud, "ver": 0})
    };
    let hs256 = json!({"alg": "HS256", "typ": "JWT"});

    let valid_shape = forge(
        hs256.clone(),
        claims(now + 600, &settings.audience),
        &secret,
    );
    assert_eq!(
        app.get("/api/v1/users/me", Some(&valid_shape))
            .await
            .status(),
        200,
        "the forging helper itself must produce an acceptable token"
    );

    let mut tampered = user.token.clone();
    let mid = tampered.len() / 2;
    tampered.replace_range(
        mid..mid + 1,
        if &tampered[mid..mid + 1] == "A" {
            "B"
        } else {
            "A"
        },
    );
    let alg_none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(json!({"alg": "none", "typ": "JWT"}).to_string()),
        URL_SAFE_NO_PAD.encode(claims(now + 600, &settings.audience).to_string())
    );
    let cases = [
        (
            "expired",
            forge(
                hs256.clone(),
                claims(now - 120, &settings.audience),
                &secret,
            ),
        ),
        (
            "wrong secret",
            forge(
                hs256.clone(),
                claims(now + 600, &settings.audience),
                b"another-secret-another-secret-!!",
            ),
        ),
        (
            "wrong audience",
            forge(hs256.clone(), claims(now + 600, "someone-else"), &secret),
        ),
        ("alg none", alg_none),
        (
            "alg switch to HS512",
            forge(
                json!({"alg": "HS512", "typ": "JWT"}),
                claims(now + 600, &settings.audience),
                &secret,
            ),
        ),
        ("tampered", tampered),
        ("garbage", "not.a.jwt".to_owned()),
    ];
    for (name, token) in cases {
        let resp = app.get("/api/v1/users/me", Some(&token)).await;
        assert_eq!(resp.status(), 401, "{name} token must be rejected");
        assert_error(resp, 401, "unauthorized").await;
    }
    assert_error(app.get("/api/v1/users/me", None).await, 401, "unauthorized").await;
}

#[tokio::test]
async fn deactivated_users_tokens_stop_working_and_login_fails() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let user = app.create_user("abebe").await;

    let resp = app
        .patch(
            &format!("/api/v1/users/{}", user.id),
            &json!({"is_active": false}),
            Some(&admin.token),
        )
        .await;
    let body = json_with_status(resp, 200).await;
    assert_eq!(body["is_active"], false);

    assert_eq!(
        app.get("/api/v1/users/me", Some(&user.token))
            .await
            .status(),
        401
    );
    assert_eq!(app.login("abebe", TEST_PASSWORD).await.status(), 401);
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": user.refresh_token}),
            None,
        )
        .await;
    assert_eq!(refresh.status(), 401);
}

#[tokio::test]
async fn users_cannot_read_update_or_delete_other_users() {
    let app = spawn_app().await;
    let alice = app.create_user("alice").await;
    let bob = app.create_user("bobby").await;
    let path = format!("/api/v1/users/{}", bob.id);

    assert_error(app.get(&path, Some(&alice.token)).await, 403, "forbidden").await;
    assert_error(
        app.patch(&path, &json!({"first_name": "Hacked"}), Some(&alice.token))
            .await,
        403,
        "forbidden",
    )
    .await;
    assert_error(
        app.delete(&path, Some(&alice.token)).await,
        403,
        "forbidden",
    )
    .await;

    let bob_now = json_with_status(app.get(&path, Some(&bob.token)).await, 200).await;
    assert_eq!(bob_now["first_name"], "Test", "bob is unchanged");
}

#[tokio::test]
async fn admins_read_and_update_other_users() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let bob = app.create_user("bobby").await;
    let path = format!("/api/v1/users/{}", bob.id);

    let got = json_with_status(app.get(&path, Some(&admin.token)).await, 200).await;
    assert_eq!(got["username"], "bobby");
    let updated = json_with_status(
        app.patch(
            &path,
            &json!({"last_name": "Builder", "role": "admin"}),
            Some(&admin.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(updated["last_name"], "Builder");
    assert_eq!(updated["role"], "admin");
    // The role change signed bob out; a new login carries the admin role.
    assert_eq!(
        app.get("/api/v1/users/me", Some(&bob.token)).await.status(),
        401
    );
    let tokens = json_with_status(app.login("bobby", TEST_PASSWORD).await, 200).await;
    let token = tokens["access_token"].as_str().unwrap();
    let others = json_with_status(app.get("/api/v1/users", Some(token)).await, 200).await;
    assert!(others["items"].as_array().unwrap().len() >= 2);
}

#[tokio::test]
async fn users_cannot_escalate_their_own_role_or_activation() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let path = format!("/api/v1/users/{}", user.id);

    for body in [json!({"role": "admin"}), json!({"is_active": true})] {
        assert_error(
            app.patch(&path, &body, Some(&user.token)).await,
            403,
            "forbidden",
        )
        .await;
    }
    // /users/me has no role field: refused (400 naming it), never applied.
    let refused = assert_error(
        app.patch(
            "/api/v1/users/me",
            &json!({"role": "admin", "first_name": "A"}),
            Some(&user.token),
        )
        .await,
        400,
        "validation_failed",
    )
    .await;
    assert_eq!(refused["error"]["details"]["field"], "role");
    let me = json_with_status(app.get("/api/v1/users/me", Some(&user.token)).await, 200).await;
    assert_eq!(me["role"], "user");
    assert_eq!(
        me["first_name"], "Test",
        "nothing of the refused request was applied"
    );
}

#[tokio::test]
async fn users_update_their_own_profile_and_clear_phone() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;
    let path = format!("/api/v1/users/{}", user.id);

    let with_phone = json_with_status(
        app.patch(
            &path,
            &json!({"phone_number": "0911 22 33 44"}),
            Some(&user.token),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(with_phone["phone_number"], "0911223344");
    let cleared = json_with_status(
        app.patch(
            "/api/v1/users/me",
            &json!({"phone_number": null}),
            Some(&user.token),
        )
        .await,
        200,
    )
    .await;
    assert!(cleared["phone_number"].is_null());
    assert_eq!(cleared["first_name"], "Test", "untouched fields stay");
}

#[tokio::test]
async fn password_change_needs_current_password_and_signs_out_everywhere() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;

    let wrong = app
        .patch(
            "/api/v1/users/me",
            &json!({"current_password": "not it at all", "new_password": "a brand new secret"}),
            Some(&user.token),
        )
        .await;
    let err = assert_error(wrong, 400, "validation_failed").await;
    assert_eq!(err["error"]["details"]["field"], "current_password");
    let missing = app
        .patch(
            "/api/v1/users/me",
            &json!({"new_password": "a brand new secret"}),
            Some(&user.token),
        )
        .await;
    assert_error(missing, 400, "validation_failed").await;

    let ok = app
        .patch(
            "/api/v1/users/me",
            &json!({"current_password": TEST_PASSWORD, "new_password": "a brand new secret"}),
            Some(&user.token),
        )
        .await;
    assert_eq!(ok.status(), 200);
    assert_eq!(
        app.get("/api/v1/users/me", Some(&user.token))
            .await
            .status(),
        401
    );
    let refresh = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": user.refresh_token}),
            None,
        )
        .await;
    assert_eq!(refresh.status(), 401);
    assert_eq!(app.login("abebe", TEST_PASSWORD).await.status(), 401);
    assert_eq!(app.login("abebe", "a brand new secret").await.status(), 200);
}

#[tokio::test]
async fn admin_lists_and_filters_users_with_keyset_pages_user_sees_self() {
    let app = spawn_app().await;
    let admin = app.create_admin("boss").await;
    let mut ids = vec![admin.id];
    for name in ["user_a", "user_b", "user_c", "user_d"] {
        ids.push(app.create_user(name).await.id);
    }

    let mut seen = vec![];
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/users?limit=2&cursor={c}"),
            None => "/api/v1/users?limit=2".to_owned(),
        };
        let page = json_with_status(app.get(&path, Some(&admin.token)).await, 200).await;
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().map(|u| u["id"].as_i64().unwrap()));
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen, ids, "every user exactly once, by id");

    let admins = json_with_status(
        app.get("/api/v1/users?role=admin", Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(admins["items"].as_array().unwrap().len(), 1);
    let by_email = json_with_status(
        app.get("/api/v1/users?email=USER_B@example.com", Some(&admin.token))
            .await,
        200,
    )
    .await;
    assert_eq!(by_email["items"][0]["username"], "user_b");

    let user = json_with_status(app.login("user_c", TEST_PASSWORD).await, 200).await;
    let token = user["access_token"].as_str().unwrap();
    let own = json_with_status(app.get("/api/v1/users", Some(token)).await, 200).await;
    let own_items = own["items"].as_array().unwrap();
    assert_eq!(own_items.len(), 1);
    assert_eq!(own_items[0]["username"], "user_c");

    for bad in ["limit=0", "limit=1000", "cursor=abc", "role=superuser"] {
        let resp = app
            .get(&format!("/api/v1/users?{bad}"), Some(&admin.token))
            .await;
        assert_eq!(resp.status(), 400, "{bad}");
    }
}

#[tokio::test]
async fn users_delete_themselves_and_cannot_sign_in_after() {
    let app = spawn_app().await;
    let user = app.create_user("abebe").await;

    let resp = app
        .delete(&format!("/api/v1/users/{}", user.id), Some(&user.token))
        .await;
    assert_eq!(resp.status(), 204);
    assert_eq!(app.login("abebe", TEST_PASSWORD).await.status(), 401);
    let admin = app.create_admin("boss").await;
    assert_error(
        app.get(&format!("/api/v1/users/{}", user.id), Some(&admin.token))
            .await,
        404,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn bootstrap_admin_is_idempotent_and_can_sign_in() {
    let admin = ecommerce::config::AdminBootstrap {
        email: "root@example.com".into(),
        password: "bootstrap secret pw".to_owned().into(),
    };
    let app = spawn_app_with(|s| s.admin = Some(admin.clone())).await;
    ecommerce::accounts::service::bootstrap_admin(&app.state.db, &admin)
        .await
        .unwrap();

    let tokens = json_with_status(
        app.login("root@example.com", "bootstrap secret pw").await,
        200,
    )
    .await;
    let token = tokens["access_token"].as_str().unwrap();
    let list = json_with_status(app.get("/api/v1/users?role=admin", Some(token)).await, 200).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1, "created once");
    assert_eq!(list["items"][0]["role"], "admin");
}

#[tokio::test]
async fn failed_profile_update_does_not_change_the_password() {
    let app = spawn_app().await;
    let taken = app.create_user("phoneowner").await;
    json_with_status(
        app.patch(
            "/api/v1/users/me",
            &json!({"phone_number": "+251911000111"}),
            Some(&taken.token),
        )
        .await,
        200,
    )
    .await;
    let user = app.create_user("abebe").await;

    let resp = app
        .patch(
            "/api/v1/users/me",
            &json!({
                "phone_number": "+251911000111",
                "current_password": TEST_PASSWORD,
                "new_password": "a brand new secret",
            }),
            Some(&user.token),
        )
        .await;

    assert_error(resp, 409, "phone_taken").await;
    assert_eq!(
        app.login("abebe", TEST_PASSWORD).await.status(),
        200,
        "old password still works"
    );
    assert_eq!(app.login("abebe", "a brand new secret").await.status(), 401);
}

/// A hung Redis must not hold requests: token checks and logins fail closed
/// with 503 (after `REDIS_TIMEOUT_MS`) while Redis is still silent, and work
/// again once Redis is back.
#[tokio::test]
async fn a_hung_redis_fails_authenticated_requests_and_logins_fast_with_503() {
    use common::redis_proxy::{CUT, FORWARD, RedisProxy, SILENT};
    use std::time::Duration;

    let proxy = RedisProxy::start(&common::test_settings().redis.url).await;
    let url = proxy.url();
    let app = spawn_app_with(move |s| {
        s.redis.url = url;
        s.redis.timeout = Duration::from_millis(200);
    })
    .await;
    let user = app.create_user("hung_redis").await;
    assert_eq!(
        app.get("/api/v1/users/me", Some(&user.token))
            .await
            .status(),
        200
    );

    // While Redis stays silent (it never answers), both requests are answered:
    // only the Redis timeout can have ended them. The outer timeout is a guard
    // against hanging the suite, not a measurement.
    proxy.set(SILENT);
    let guard = Duration::from_secs(60);
    let me = tokio::time::timeout(guard, app.get("/api/v1/users/me", Some(&user.token)))
        .await
        .expect("a token check waited on the hung Redis");
    assert_error(me, 503, "unavailable").await;
    let login = tokio::time::timeout(guard, app.login("hung_redis", TEST_PASSWORD))
        .await
        .expect("a login waited on the hung Redis");
    assert_error(login, 503, "unavailable").await;

    // The proxy swallowed requests, which TCP never does: a hung server answers
    // late or the connection breaks. Break it, then let Redis answer again;
    // the connection manager reconnects.
    proxy.set(CUT);
    tokio::time::sleep(Duration::from_millis(100)).await;
    proxy.set(FORWARD);
    let mut status = 0;
    for _ in 0..50 {
        status = app
            .get("/api/v1/users/me", Some(&user.token))
            .await
            .status()
            .as_u16();
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200, "requests work again once Redis answers");
}

/// Behind a trusted reverse proxy the login limit counts per forwarded client;
/// without one, `X-Forwarded-For` is ignored (anyone can send it).
#[tokio::test]
async fn login_rate_limit_counts_forwarded_clients_only_behind_trusted_proxies() {
    async fn attempt(app: &common::TestApp, forwarded_for: &str, n: u32) -> u16 {
        reqwest::Client::new()
            .post(app.url("/api/v1/auth/login"))
            .header("x-forwarded-for", forwarded_for)
            .json(&json!({"login": format!("nobody{n}"), "password": "wrong password!"}))
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }

    // The test client connects from 127.0.0.1, standing in for the proxy.
    let behind_proxy = spawn_app_with(|s| {
        s.jwt.login_rate_limit = 2;
        s.http.trusted_proxies = vec!["127.0.0.0/8".parse().unwrap()];
    })
    .await;
    let client_a = "203.0.113.50, 198.51.100.1";
    assert_eq!(attempt(&behind_proxy, client_a, 1).await, 401);
    assert_eq!(attempt(&behind_proxy, client_a, 2).await, 401);
    assert_eq!(attempt(&behind_proxy, client_a, 3).await, 429);
    // Another client through the same proxy has its own budget, and a spoofed
    // left-most entry does not let client A out of its bucket.
    assert_eq!(attempt(&behind_proxy, "198.51.100.2", 4).await, 401);
    assert_eq!(
        attempt(&behind_proxy, "1.1.1.1, 198.51.100.1", 5).await,
        429
    );

    let direct = spawn_app_with(|s| s.jwt.login_rate_limit = 2).await;
    assert_eq!(attempt(&direct, "198.51.100.1", 1).await, 401);
    assert_eq!(attempt(&direct, "198.51.100.2", 2).await, 401);
    assert_eq!(
        attempt(&direct, "198.51.100.3", 3).await,
        429,
        "an untrusted X-Forwarded-For does not reset the limit"
    );
}

/// Active admins, read from the database.
async fn active_admins(app: &common::TestApp) -> Vec<i64> {
    let db = app.db().await;
    codegen::queries::accounts::users::list_users()
        .bind(
            &db,
            &Some("admin"),
            &None::<&str>,
            &None::<&str>,
            &None,
            &100,
        )
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.is_active)
        .map(|u| u.id)
        .collect()
}

#[tokio::test]
async fn the_last_admin_cannot_demote_deactivate_or_delete_itself() {
    // Arrange
    let app = spawn_app().await;
    let boss = app.create_admin("boss").await;
    let path = format!("/api/v1/users/{}", boss.id);

    // Act + Assert
    for (case, change) in [
        ("demote", json!({"role": "user"})),
        ("deactivate", json!({"is_active": false})),
    ] {
        let resp = app.patch(&path, &change, Some(&boss.token)).await;
        let body = assert_error(resp, 409, "last_admin").await;
        assert!(
            body["error"]["message"].as_str().unwrap().contains("admin"),
            "{case}: {body}"
        );
    }
    assert_error(
        app.delete(&path, Some(&boss.token)).await,
        409,
        "last_admin",
    )
    .await;
    assert_eq!(active_admins(&app).await, vec![boss.id]);
    assert_eq!(
        app.get("/api/v1/users", Some(&boss.token)).await.status(),
        200,
        "the refused changes did not sign the admin out"
    );

    // With a second admin, the first may step down.
    let deputy = app.create_admin("deputy").await;
    let demoted = app
        .patch(&path, &json!({"role": "user"}), Some(&boss.token))
        .await;
    json_with_status(demoted, 200).await;
    assert_eq!(active_admins(&app).await, vec![deputy.id]);
}

/// Two admins removing each other at once must leave one of them.
#[tokio::test]
async fn two_admins_removing_each_other_concurrently_leave_one_admin() {
    for (case, change) in [
        ("demote", Some(json!({"role": "user"}))),
        ("deactivate", Some(json!({"is_active": false}))),
        ("delete", None),
    ] {
        // Arrange
        let app = spawn_app().await;
        let a = app.create_admin("alpha").await;
        let b = app.create_admin("bravo").await;
        let remove = |by: &common::TestUser, whom: &common::TestUser| {
            let path = format!("/api/v1/users/{}", whom.id);
            let token = by.token.clone();
            let change = change.clone();
            let app = &app;
            async move {
                let resp = match change {
                    Some(change) => app.patch(&path, &change, Some(&token)).await,
                    None => app.delete(&path, Some(&token)).await,
                };
                resp.status().as_u16()
            }
        };

        // Act
        let (ab, ba) = tokio::join!(remove(&a, &b), remove(&b, &a));

        // Assert
        let mut statuses = [ab, ba];
        statuses.sort_unstable();
        assert!(
            matches!(statuses, [200 | 204, 401 | 409]),
            "{case}: exactly one removal succeeds, got {statuses:?}"
        );
        assert_eq!(active_admins(&app).await.len(), 1, "{case}");
    }
}
