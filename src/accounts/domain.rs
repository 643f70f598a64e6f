//! Validated account inputs: an instance of these types is known to be valid.

use std::fmt;

/// Why an input was rejected; `field` names the JSON field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// JSON field name.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

fn invalid(field: &'static str, message: impl Into<String>) -> Invalid {
    Invalid {
        field,
        message: message.into(),
    }
}

/// A syntactically valid email address, stored lower-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Trims, lower-cases and checks `local@domain.tld` shape.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let email = raw.trim().to_lowercase();
        let valid = email.len() <= 254
            && !email.chars().any(char::is_whitespace)
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            });
        if valid {
            Ok(Self(email))
        } else {
            Err(invalid("email", "must be a valid email address"))
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 3–32 characters of letters, digits, `_`, `.`, `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    /// Trims and checks length and characters.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let name = raw.trim();
        let ok_len = (3..=32).contains(&name.chars().count());
        let ok_chars = name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
        if ok_len && ok_chars {
            Ok(Self(name.to_owned()))
        } else {
            Err(invalid(
                "username",
                "must be 3-32 characters of letters, digits, '_', '.' or '-'",
            ))
        }
    }

    /// The username as given (case preserved; uniqueness ignores case).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the strength rules; never logged.
#[derive(Clone)]
pub struct Password(String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// At least 8 and at most 128 characters, not all digits, not the username or email.
    pub fn parse(
        raw: &str,
        field: &'static str,
        username: &str,
        email: &str,
    ) -> Result<Self, Invalid> {
        let len = raw.chars().count();
        if len < 8 {
            return Err(invalid(field, "must be at least 8 characters"));
        }
        if len > 128 {
            return Err(invalid(field, "must be at most 128 characters"));
        }
        if raw.chars().all(|c| c.is_ascii_digit()) {
            return Err(invalid(field, "must not be entirely numeric"));
        }
        let lower = raw.to_lowercase();
        let local_part = email.split('@').next().unwrap_or_default();
        if lower == username.to_lowercase()
            || lower == email.to_lowercase()
            || (!local_part.is_empty() && lower == local_part.to_lowercase())
        {
            return Err(invalid(field, "must not be your username or email"));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The plain text, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A phone number: optional `+`, then 7–15 digits (spaces, dashes, dots and parentheses are dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    /// Normalises separators away and checks the digits.
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let trimmed = raw.trim();
        let (plus, rest) = match trimmed.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", trimmed),
        };
        let digits: String = rest
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
            .collect();
        if (7..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
            Ok(Self(format!("{plus}{digits}")))
        } else {
            Err(invalid(
                "phone_number",
                "must be 7-15 digits with an optional leading '+'",
            ))
        }
    }

    /// The normalised number.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name part: trimmed, at most 100 characters.
pub fn parse_name(raw: &str, field: &'static str) -> Result<String, Invalid> {
    let name = raw.trim();
    if name.chars().count() > 100 {
        return Err(invalid(field, "must be at most 100 characters"));
    }
    Ok(name.to_owned())
}

/// What an emailed account token may be used for; a token works for its purpose only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Proves the user receives mail at their address.
    VerifyEmail,
    /// Lets the user set a new password without the old one.
    ResetPassword,
    /// Makes a new address the user's, once confirmed from that address.
    ChangeEmail,
}

impl TokenPurpose {
    /// The value stored in `account_tokens.purpose` (and mixed into the verifier hash).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
        }
    }

    /// Path of the frontend page the emailed link opens.
    pub fn link_path(self) -> &'static str {
        match self {
            Self::VerifyEmail => "/verify-email",
            Self::ResetPassword => "/reset-password",
            Self::ChangeEmail => "/confirm-email-change",
        }
    }
}

/// Bytes of the random selector (the token's public half, looked up by index).
pub const SELECTOR_BYTES: usize = 16;
/// Bytes of the random verifier (the token's secret half, stored only as a hash).
pub const VERIFIER_BYTES: usize = 32;

/// A presented account token, split into its halves; only its shape is checked here.
#[derive(Clone, PartialEq, Eq)]
pub struct AccountToken {
    /// Finds the row.
    pub selector: String,
    /// Compared, hashed, with the stored hash.
    pub verifier: String,
}

impl fmt::Debug for AccountToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccountToken")
            .field("selector", &self.selector)
            .field("verifier", &"***")
            .finish()
    }
}

impl AccountToken {
    /// Parses `<selector>.<verifier>` (both URL-safe base64 without padding); `None` if malformed.
    pub fn parse(raw: &str) -> Option<Self> {
        let (selector, verifier) = raw.trim().split_once('.')?;
        let base64_len = |bytes: usize| (bytes * 4).div_ceil(3);
        let url_safe = |part: &str| {
            part.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        (selector.len() == base64_len(SELECTOR_BYTES)
            && verifier.len() == base64_len(VERIFIER_BYTES)
            && url_safe(selector)
            && url_safe(verifier))
        .then(|| Self {
            selector: selector.to_owned(),
            verifier: verifier.to_owned(),
        })
    }

    /// The token as sent in links: `<selector>.<verifier>`.
    pub fn expose(&self) -> String {
        format!("{}.{}", self.selector, self.verifier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Bob@Example.COM ").unwrap().as_str(),
            "bob@example.com"
        );
        for bad in [
            "",
            "bob",
            "bob@",
            "@x.io",
            "bob@x",
            "b ob@x.io",
            "a@b@c.io",
            "a@.x.io",
            "a@x..io",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn username_rules() {
        assert!(Username::parse("alice_01").is_ok());
        for bad in ["al", "a b c", "ålice", &"x".repeat(33)] {
            assert!(Username::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn password_strength_rules() {
        let ok = Password::parse("correct horse", "password", "alice", "alice@x.io");
        assert!(ok.is_ok());
        let cases = [
            ("short1", "too short"),
            ("1234567890", "all digits"),
            ("Alice123", "ok but next"),
        ];
        assert!(
            Password::parse(cases[0].0, "password", "u", "e@x.io").is_err(),
            "{}",
            cases[0].1
        );
        assert!(
            Password::parse(cases[1].0, "password", "u", "e@x.io").is_err(),
            "{}",
            cases[1].1
        );
        assert!(Password::parse("alice12345", "password", "Alice12345", "e@x.io").is_err());
        assert!(Password::parse("bob@x.io", "password", "u", "BOB@x.io").is_err());
        assert!(Password::parse("bobbybobby", "password", "u", "bobbybobby@x.io").is_err());
        assert_eq!(format!("{:?}", ok.unwrap()), "Password(***)");
    }

    #[test]
    fn account_tokens_parse_only_in_their_exact_shape() {
        let selector = "A".repeat(22);
        let verifier = "b_-".repeat(14) + "c";
        let token = AccountToken::parse(&format!(" {selector}.{verifier} ")).expect("valid");
        assert_eq!(token.expose(), format!("{selector}.{verifier}"));
        assert!(
            !format!("{token:?}").contains(&verifier),
            "verifier in Debug"
        );
        for bad in [
            String::new(),
            selector.clone(),
            format!("{selector}{verifier}"),
            format!("{selector}.{verifier}x"),
            format!("{selector}.{}", "b".repeat(42) + "+"),
            format!("{selector}.{verifier}.{verifier}"),
            format!("A{selector}.{verifier}"),
        ] {
            assert!(AccountToken::parse(&bad).is_none(), "{bad:?} accepted");
        }
    }

    #[test]
    fn phone_is_normalised() {
        assert_eq!(
            Phone::parse("+251 911-234 567").unwrap().as_str(),
            "+251911234567"
        );
        assert!(Phone::parse("12ab5678").is_err());
        assert!(Phone::parse("123").is_err());
    }
}

/// A validated registration.
#[derive(Debug)]
pub struct NewUser {
    /// Normalised email.
    pub email: Email,
    /// Username.
    pub username: Username,
    /// Strong-enough password.
    pub password: Password,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Optional phone.
    pub phone: Option<Phone>,
}

/// Validated changes to a user; `None` leaves a field as it is.
#[derive(Debug, Default)]
pub struct UserChanges {
    /// New given name.
    pub first_name: Option<String>,
    /// New family name.
    pub last_name: Option<String>,
    /// `Some(None)` removes the phone number.
    pub phone: Option<Option<Phone>>,
    /// New role (admin only).
    pub role: Option<super::Role>,
    /// New activation (admin only).
    pub is_active: Option<bool>,
}
