//! Wire shapes of the accounts API (never codegen row types).

use crate::http::text::Text;
use chrono::{DateTime, FixedOffset};
use poem_openapi::{Object, types::MaybeUndefined};

use crate::accounts::{
    Role,
    domain::{Email, Invalid, NewUser, Password, Phone, UserChanges, Username, parse_name},
    service::{Tokens, User},
};

/// Sign-up form.
#[derive(Debug, Object)]
#[oai(example, deny_unknown_fields)]
pub struct RegisterRequest {
    /// Email address; unique regardless of case.
    #[oai(validator(pattern = r"^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$"))]
    pub email: Text,
    /// 3–32 letters, digits, `_`, `.`, `-`; unique regardless of case.
    #[oai(validator(pattern = r"^\s*[A-Za-z0-9_.-]{3,32}\s*$"))]
    pub username: Text,
    /// At least 8 characters, not all digits, not the username or email.
    #[oai(validator(min_length = 8, max_length = 128))]
    pub password: Text,
    /// Given name.
    #[oai(default)]
    #[oai(validator(max_length = 100))]
    pub first_name: Text,
    /// Family name.
    #[oai(default)]
    #[oai(validator(max_length = 100))]
    pub last_name: Text,
    /// Optional phone number (7–15 digits, optional leading `+`); unique.
    #[oai(nullable)]
    pub phone_number: Option<Text>,
}

impl poem_openapi::types::Example for RegisterRequest {
    fn example() -> Self {
        Self {
            email: "abebe@example.com".into(),
            username: "abebe".into(),
            password: "correct horse battery".into(),
            first_name: "Abebe".into(),
            last_name: "Bikila".into(),
            phone_number: Some("+251911234567".into()),
        }
    }
}

/// A user as the API shows it (never the password hash).
#[derive(Debug, Object)]
pub struct UserResponse {
    /// User id.
    pub id: i64,
    /// Lower-cased email.
    pub email: String,
    /// Username.
    pub username: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Phone number, if any.
    #[oai(nullable)]
    pub phone_number: Option<String>,
    /// `admin` or `user`.
    pub role: Role,
    /// Inactive users cannot sign in.
    pub is_active: bool,
    /// Whether the user confirmed the address through an emailed link.
    pub email_verified: bool,
    /// Registration time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl From<User> for UserResponse {
    fn from(u: User) -> Self {
        Self {
            id: u.id,
            email: u.email,
            username: u.username,
            first_name: u.first_name,
            last_name: u.last_name,
            phone_number: u.phone_number,
            role: u.role,
            is_active: u.is_active,
            email_verified: u.email_verified,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

/// Credentials.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct LoginRequest {
    /// Email or username.
    pub login: Text,
    /// Password.
    pub password: Text,
}

/// Tokens issued by login and refresh.
#[derive(Debug, Object)]
pub struct TokenResponse {
    /// JWT for `Authorization: Bearer ...`.
    pub access_token: String,
    /// Opaque, single-use token for `POST /auth/refresh`.
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Access-token lifetime in seconds.
    pub expires_in: i64,
}

/// A refresh token to exchange or revoke.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token from login or the last refresh.
    pub refresh_token: Text,
}

/// Logout form.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct LogoutRequest {
    /// The session's refresh token; revoking it ends the session.
    #[oai(nullable)]
    pub refresh_token: Option<Text>,
}

/// Changes to one's own profile.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct UpdateMeRequest {
    /// New given name.
    #[oai(nullable, validator(max_length = 100))]
    pub first_name: Option<Text>,
    /// New family name.
    #[oai(nullable, validator(max_length = 100))]
    pub last_name: Option<Text>,
    /// New phone number; `null` removes it.
    #[oai(nullable)]
    pub phone_number: MaybeUndefined<Text>,
    /// Required to change the password or the email address.
    #[oai(nullable)]
    pub current_password: Option<Text>,
    /// New password; signs out every session.
    #[oai(nullable, validator(min_length = 8, max_length = 128))]
    pub new_password: Option<Text>,
    /// New email address; takes effect once confirmed with the link sent to it.
    #[oai(nullable, validator(max_length = 254))]
    pub email: Option<Text>,
}

/// A token from an emailed link.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct AccountTokenRequest {
    /// The `token` query parameter of the link.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub token: Text,
}

/// Forgotten-password form.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct PasswordResetRequest {
    /// The account's email address.
    #[oai(validator(min_length = 3, max_length = 254))]
    pub email: Text,
}

/// New password with the token from a reset link.
#[derive(Debug, Object)]
#[oai(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    /// The `token` query parameter of the reset link.
    #[oai(validator(min_length = 1, max_length = 200))]
    pub token: Text,
    /// At least 8 characters, not all digits, not the username or email.
    #[oai(validator(min_length = 8, max_length = 128))]
    pub new_password: Text,
}

/// The answer to every well-formed password-reset request.
#[derive(Debug, Object)]
pub struct PasswordResetAccepted {
    /// Says a link was sent if an account has the address, without saying whether one does.
    pub message: String,
}

impl PasswordResetAccepted {
    /// The one body every request gets, whether or not the address belongs to an account.
    pub fn new() -> Self {
        Self {
            message: "If an account uses this address, a link to reset its password is on its way."
                .into(),
        }
    }
}

impl Default for PasswordResetAccepted {
    fn default() -> Self {
        Self::new()
    }
}

/// Changes to a user (admins may change role and activation).
#[derive(Debug, Object)]
#[oai(example, deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// New given name.
    #[oai(nullable, validator(max_length = 100))]
    pub first_name: Option<Text>,
    /// New family name.
    #[oai(nullable, validator(max_length = 100))]
    pub last_name: Option<Text>,
    /// New phone number; `null` removes it.
    #[oai(nullable)]
    pub phone_number: MaybeUndefined<Text>,
    /// Admin only.
    #[oai(nullable)]
    pub role: Option<Role>,
    /// Admin only; deactivation signs the user out everywhere.
    #[oai(nullable)]
    pub is_active: Option<bool>,
}

impl poem_openapi::types::Example for UpdateUserRequest {
    fn example() -> Self {
        Self {
            first_name: Some("Abebe".into()),
            last_name: None,
            phone_number: MaybeUndefined::Undefined,
            role: None,
            is_active: None,
        }
    }
}

/// A page of users.
#[derive(Debug, Object)]
pub struct UserListResponse {
    /// Users ordered by id.
    pub items: Vec<UserResponse>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_cursor: Option<String>,
}

impl TryFrom<RegisterRequest> for NewUser {
    type Error = Invalid;

    fn try_from(req: RegisterRequest) -> Result<Self, Invalid> {
        let email = Email::parse(&req.email)?;
        let username = Username::parse(&req.username)?;
        let password =
            Password::parse(&req.password, "password", username.as_str(), email.as_str())?;
        Ok(Self {
            first_name: parse_name(&req.first_name, "first_name")?,
            last_name: parse_name(&req.last_name, "last_name")?,
            phone: req.phone_number.as_deref().map(Phone::parse).transpose()?,
            email,
            username,
            password,
        })
    }
}

/// Parses a PATCH phone field: absent keeps, `null` clears, a value replaces.
fn phone_change(value: &MaybeUndefined<Text>) -> Result<Option<Option<Phone>>, Invalid> {
    match value {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(raw) => Ok(Some(Some(Phone::parse(raw)?))),
    }
}

fn name_change(value: &Option<Text>, field: &'static str) -> Result<Option<String>, Invalid> {
    value.as_deref().map(|v| parse_name(v, field)).transpose()
}

impl TryFrom<&UpdateUserRequest> for UserChanges {
    type Error = Invalid;

    fn try_from(req: &UpdateUserRequest) -> Result<Self, Invalid> {
        Ok(Self {
            first_name: name_change(&req.first_name, "first_name")?,
            last_name: name_change(&req.last_name, "last_name")?,
            phone: phone_change(&req.phone_number)?,
            role: req.role,
            is_active: req.is_active,
        })
    }
}

impl TryFrom<&UpdateMeRequest> for UserChanges {
    type Error = Invalid;

    fn try_from(req: &UpdateMeRequest) -> Result<Self, Invalid> {
        Ok(Self {
            first_name: name_change(&req.first_name, "first_name")?,
            last_name: name_change(&req.last_name, "last_name")?,
            phone: phone_change(&req.phone_number)?,
            role: None,
            is_active: None,
        })
    }
}

impl From<Tokens> for TokenResponse {
    fn from(t: Tokens) -> Self {
        Self {
            access_token: t.access_token,
            refresh_token: t.refresh_token,
            token_type: "Bearer".into(),
            expires_in: t.expires_in,
        }
    }
}
