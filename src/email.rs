//! Outgoing mail: one [`Mailer`] over lettre, SMTP or `.eml` files.
//!
//! With `SMTP_URL` set, mail goes through lettre's async SMTP transport
//! (`smtp://` plain or STARTTLS via `?tls=required`, `smtps://` implicit TLS).
//! Without it, every email is written as `<uuid>.eml` into `MAIL_OUTBOX_DIR`
//! (lettre's file transport), so a local run shows the mails without an SMTP
//! server. Bodies are sent as `multipart/alternative` (plain text + HTML).

use std::{path::PathBuf, time::Duration};

use anyhow::Context;
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, MultiPart, SinglePart, header},
};
use secrecy::ExposeSecret;

use crate::config::EmailSettings;

/// How long one SMTP conversation may take before the job counts as failed (and is retried).
const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// An email ready to render: recipients, subject and both bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct OutgoingEmail {
    /// Recipient addresses (one message, every address in `To`).
    pub to: Vec<String>,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body; interpolated values must already be escaped with [`escape_html`].
    pub html: String,
    /// Stable `Message-ID` local part (e.g. `job-42`), so a resend is recognisable downstream.
    pub message_key: String,
}

/// Why an email could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum EmailError {
    /// A recipient or the sender is not a valid address; retrying cannot help.
    #[error("invalid address `{address}`: {reason}")]
    InvalidAddress {
        /// The rejected address.
        address: String,
        /// The parser's reason.
        reason: String,
    },
    /// The transport failed (SMTP down, disk full); a retry may succeed.
    #[error("sending failed: {0:#}")]
    Transport(anyhow::Error),
}

/// Where mail goes: decided once from `SMTP_URL`.
#[derive(Clone)]
enum Transport {
    /// Real delivery through an SMTP relay.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development default: one `.eml` file per email.
    File(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// Sends [`OutgoingEmail`]s from `MAIL_FROM`; cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// Domain of `MAIL_FROM`, used in generated `Message-ID`s.
    domain: String,
}

impl Mailer {
    /// Builds the transport `EmailSettings` asks for; fails on a malformed `SMTP_URL` or `MAIL_FROM`.
    pub fn from_settings(settings: &EmailSettings) -> anyhow::Result<Self> {
        let from: Mailbox = settings
            .from
            .parse()
            .with_context(|| format!("MAIL_FROM `{}` is not a valid mailbox", settings.from))?;
        let domain = from.email.domain().to_owned();
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    .context("SMTP_URL is invalid")?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build(),
            ),
            None => Transport::File(
                AsyncFileTransport::<Tokio1Executor>::new(&settings.outbox_dir),
                settings.outbox_dir.clone(),
            ),
        };
        Ok(Self {
            transport,
            from,
            domain,
        })
    }

    /// Renders and sends one email.
    pub async fn send(&self, email: &OutgoingEmail) -> Result<(), EmailError> {
        let message = self.render(email)?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(drop)
                .map_err(|e| EmailError::Transport(e.into())),
            Transport::File(file, dir) => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .with_context(|| format!("creating MAIL_OUTBOX_DIR {}", dir.display()))
                    .map_err(EmailError::Transport)?;
                file.send(message)
                    .await
                    .map(drop)
                    .map_err(|e| EmailError::Transport(e.into()))
            }
        }
    }

    /// Builds the MIME message: sender, recipients, subject, text and HTML alternatives.
    fn render(&self, email: &OutgoingEmail) -> Result<Message, EmailError> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(email.subject.clone())
            .message_id(Some(format!("<{}@{}>", email.message_key, self.domain)));
        for address in &email.to {
            let mailbox: Mailbox =
                address
                    .parse()
                    .map_err(
                        |e: lettre::address::AddressError| EmailError::InvalidAddress {
                            address: address.clone(),
                            reason: e.to_string(),
                        },
                    )?;
            builder = builder.to(mailbox);
        }
        // Quoted-printable keeps long lines and non-ASCII names intact on any relay.
        let part = |content_type: header::ContentType, body: &str| {
            SinglePart::builder()
                .header(content_type)
                .header(header::ContentTransferEncoding::QuotedPrintable)
                .body(body.to_owned())
        };
        builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(part(header::ContentType::TEXT_PLAIN, &email.text))
                    .singlepart(part(header::ContentType::TEXT_HTML, &email.html)),
            )
            .map_err(|e| EmailError::Transport(e.into()))
    }
}

/// Escapes text for HTML bodies, so names and product titles cannot inject markup.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_neutralises_markup() {
        assert_eq!(
            escape_html(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }
}
