//! Each job's email: pure functions from a job message to an [`OutgoingEmail`].
//!
//! Kept free of I/O so the wording is unit-testable; `handlers.rs` resolves
//! recipients and sends. Every interpolated value goes through
//! [`escape_html`] in the HTML body.

use std::{str::FromStr, time::Duration};

use rust_decimal::Decimal;

use super::message::{
    SendEmailChangeEmail, SendEmailChangedEmail, SendLowStockAlert, SendOrderCreationEmail,
    SendOrderExpiryEmail, SendPasswordChangedEmail, SendPaymentCompletionEmail, SendRefundEmail,
    SendRefundFailedAlert, SendUserCreationEmail, SendVerificationEmail,
};
use crate::email::{OutgoingEmail, escape_html};

/// Payment statuses the payment email can describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentOutcome {
    /// The provider confirmed the payment.
    Completed,
    /// The provider reported the payment as failed.
    Failed,
}

impl FromStr for PaymentOutcome {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "completed" => Ok(Self::Completed),
            "failed" => Ok(Self::Failed),
            other => Err(format!(
                "payment status must be `completed` or `failed`, got `{other}`"
            )),
        }
    }
}

/// Message-ID key of a job's email: the same job always yields the same id.
fn message_key(job_id: i64) -> String {
    format!("job-{job_id}")
}

/// Name to greet; users may register without a first name.
fn greeting_name(first_name: &str) -> &str {
    match first_name.trim() {
        "" => "there",
        name => name,
    }
}

/// Wraps an HTML fragment in a minimal document.
fn html_document(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head>\n<body>\n{body}\n</body></html>\n",
        escape_html(title)
    )
}

/// A single-use link an email asks its reader to open, and how long it works.
#[derive(Debug, Clone, Copy)]
pub struct ActionLink<'a> {
    /// Full URL, token included.
    pub url: &'a str,
    /// Lifetime of the token in the link.
    pub valid_for: Duration,
}

/// "24 hours", "1 hour", "30 minutes", "5 seconds": a lifetime in words.
fn duration_words(d: Duration) -> String {
    let secs = d.as_secs();
    let (n, unit) = if secs >= 3600 && secs % 3600 == 0 {
        (secs / 3600, "hour")
    } else if secs >= 60 && secs % 60 == 0 {
        (secs / 60, "minute")
    } else {
        (secs, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

/// Welcome email for `send_user_creation_email`, with the verification link when one was issued.
pub fn user_creation(
    job_id: i64,
    job: &SendUserCreationEmail,
    verify: Option<ActionLink<'_>>,
) -> OutgoingEmail {
    let subject = "Welcome to the shop".to_owned();
    let (verify_text, verify_html) = match verify {
        Some(link) => {
            let validity = format!(
                "The link works once and expires in {}. If you did not create this account, \
                 ignore this email: the address stays unverified and nothing is sent to it again.",
                duration_words(link.valid_for)
            );
            (
                format!(
                    "Please confirm your email address by opening this link:\n{url}\n{validity}\n\n",
                    url = link.url,
                ),
                format!(
                    "<p>Please confirm your email address: \
                     <a href=\"{url}\">Confirm my email address</a></p>\n<p>{validity}</p>\n",
                    url = escape_html(link.url),
                    validity = escape_html(&validity),
                ),
            )
        }
        None => (String::new(), String::new()),
    };
    let text = format!(
        "Hello {first_name},\n\n\
         Welcome! Your account has been created.\n\
         Username: {username}\n\n\
         {verify_text}\
         You can now log in, browse the catalog and place orders.\n",
        first_name = greeting_name(&job.first_name),
        username = job.username,
    );
    let html = html_document(
        &subject,
        &format!(
            "<p>Hello {first_name},</p>\n\
             <p>Welcome! Your account has been created.</p>\n\
             <p>Username: <strong>{username}</strong></p>\n\
             {verify_html}\
             <p>You can now log in, browse the catalog and place orders.</p>",
            first_name = escape_html(greeting_name(&job.first_name)),
            username = escape_html(&job.username),
        ),
    );
    OutgoingEmail {
        to: vec![job.email.clone()],
        subject,
        text,
        html,
        message_key: message_key(job_id),
    }
}

/// `quantity x unit_price`, or `None` when a price is not a decimal (shown without a line total).
fn line_total(quantity: i32, unit_price: &str) -> Option<Decimal> {
    Decimal::from_str(unit_price)
        .ok()
        .map(|price| price * Decimal::from(quantity))
}

/// Order confirmation for `send_order_creation_email`, listing items and the total.
pub fn order_creation(job_id: i64, job: &SendOrderCreationEmail) -> OutgoingEmail {
    let subject = format!("Order #{} confirmed", job.order_id);
    let mut text_lines = String::new();
    let mut html_rows = String::new();
    for line in &job.items {
        let total = line_total(line.quantity, &line.unit_price)
            .map(|t| t.to_string())
            .unwrap_or_default();
        text_lines.push_str(&format!(
            "- {} x {} @ {} = {}\n",
            line.quantity, line.product_name, line.unit_price, total
        ));
        html_rows.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape_html(&line.product_name),
            line.quantity,
            escape_html(&line.unit_price),
            total,
        ));
    }
    let text = format!(
        "Hello {first_name},\n\n\
         Thank you for your order #{order_id}.\n\n\
         Items:\n{text_lines}\n\
         Total: {total}\n",
        first_name = greeting_name(&job.first_name),
        order_id = job.order_id,
        total = job.total_amount,
    );
    let html = html_document(
        &subject,
        &format!(
            "<p>Hello {first_name},</p>\n\
             <p>Thank you for your order #{order_id}.</p>\n\
             <table>\n<tr><th>Product</th><th>Quantity</th><th>Unit price</th><th>Line total</th></tr>\n\
             {html_rows}</table>\n\
             <p>Total: <strong>{total}</strong></p>",
            first_name = escape_html(greeting_name(&job.first_name)),
            order_id = job.order_id,
            total = escape_html(&job.total_amount),
        ),
    );
    OutgoingEmail {
        to: vec![job.email.clone()],
        subject,
        text,
        html,
        message_key: message_key(job_id),
    }
}

/// Payment outcome email for `send_payment_completion_email`; says whether it completed or failed.
pub fn payment_completion(
    job_id: i64,
    job: &SendPaymentCompletionEmail,
    outcome: PaymentOutcome,
) -> OutgoingEmail {
    let (subject, sentence) = match outcome {
        PaymentOutcome::Completed => (
            format!("Payment completed for order #{}", job.order_id),
            format!(
                "Your payment of {} {} for order #{} was completed successfully.",
                job.amount, job.currency, job.order_id
            ),
        ),
        PaymentOutcome::Failed => (
            format!("Payment failed for order #{}", job.order_id),
            format!(
                "Your payment of {} {} for order #{} failed. No money was taken; \
                 you can try paying again from your order page.",
                job.amount, job.currency, job.order_id
            ),
        ),
    };
    let text = format!(
        "Hello {first_name},\n\n{sentence}\nPayment reference: {payment_id}\n",
        first_name = greeting_name(&job.first_name),
        payment_id = job.payment_id,
    );
    let html = html_document(
        &subject,
        &format!(
            "<p>Hello {first_name},</p>\n<p>{sentence}</p>\n<p>Payment reference: {payment_id}</p>",
            first_name = escape_html(greeting_name(&job.first_name)),
            sentence = escape_html(&sentence),
            payment_id = job.payment_id,
        ),
    );
    OutgoingEmail {
        to: vec![job.email.clone()],
        subject,
        text,
        html,
        message_key: message_key(job_id),
    }
}

/// Low-stock alert for `send_low_stock_alert`, addressed to every recipient in one message.
pub fn low_stock_alert(
    job_id: i64,
    job: &SendLowStockAlert,
    recipients: Vec<String>,
) -> OutgoingEmail {
    let subject = format!("Low stock: {}", job.product_name);
    let text = format!(
        "Stock of \"{name}\" (product #{id}) is down to {stock} units left \
         (alert threshold: {threshold}).\n\nPlease restock it soon.\n",
        name = job.product_name,
        id = job.product_id,
        stock = job.stock,
        threshold = job.threshold,
    );
    let html = html_document(
        &subject,
        &format!(
            "<p>Stock of <strong>{name}</strong> (product #{id}) is down to \
             <strong>{stock} units left</strong> (alert threshold: {threshold}).</p>\n\
             <p>Please restock it soon.</p>",
            name = escape_html(&job.product_name),
            id = job.product_id,
            stock = job.stock,
            threshold = job.threshold,
        ),
    );
    OutgoingEmail {
        to: recipients,
        subject,
        text,
        html,
        message_key: message_key(job_id),
    }
}

/// One part of a [`blocks`] email.
enum Block<'a> {
    /// A paragraph of plain text.
    Text(String),
    /// A link: the label in HTML, the bare URL in plain text.
    Link {
        /// What the HTML anchor says.
        label: &'a str,
        /// Where it goes.
        url: &'a str,
    },
}

/// An email of a few plain paragraphs, optionally greeting someone by name.
fn paragraphs(
    job_id: i64,
    to: Vec<String>,
    subject: String,
    greet: Option<&str>,
    paragraphs: &[String],
) -> OutgoingEmail {
    let parts: Vec<Block<'_>> = paragraphs.iter().cloned().map(Block::Text).collect();
    blocks(job_id, to, subject, greet, &parts)
}

/// An email of paragraphs and links, optionally greeting someone by name.
fn blocks(
    job_id: i64,
    to: Vec<String>,
    subject: String,
    greet: Option<&str>,
    parts: &[Block<'_>],
) -> OutgoingEmail {
    let mut text = String::new();
    let mut html = String::new();
    if let Some(name) = greet {
        text.push_str(&format!("Hello {},\n\n", greeting_name(name)));
        html.push_str(&format!(
            "<p>Hello {},</p>\n",
            escape_html(greeting_name(name))
        ));
    }
    for part in parts {
        match part {
            Block::Text(p) => {
                text.push_str(p);
                html.push_str(&format!("<p>{}</p>\n", escape_html(p)));
            }
            Block::Link { label, url } => {
                text.push_str(url);
                html.push_str(&format!(
                    "<p><a href=\"{}\">{}</a></p>\n",
                    escape_html(url),
                    escape_html(label)
                ));
            }
        }
        text.push_str("\n\n");
    }
    OutgoingEmail {
        to,
        html: html_document(&subject, &html),
        subject,
        text,
        message_key: message_key(job_id),
    }
}

/// Expiry notice for `send_order_expiry_email`.
pub fn order_expiry(job_id: i64, job: &SendOrderExpiryEmail) -> OutgoingEmail {
    paragraphs(
        job_id,
        vec![job.email.clone()],
        format!("Order #{} expired unpaid", job.order_id),
        Some(&job.first_name),
        &[
            format!(
                "Your order #{} (total {}) was not paid in time, so it was cancelled and its items went back on sale.",
                job.order_id, job.total_amount
            ),
            "No money was taken. You are welcome to order again.".into(),
        ],
    )
}

/// Refund notice for `send_refund_email`.
pub fn refund(job_id: i64, job: &SendRefundEmail) -> OutgoingEmail {
    paragraphs(
        job_id,
        vec![job.email.clone()],
        format!("Refund for order #{}", job.order_id),
        Some(&job.first_name),
        &[
            format!(
                "We refunded {} {} for order #{}. Depending on your bank it can take a few days to appear.",
                job.amount, job.currency, job.order_id
            ),
            format!("Refund reference: {}", job.refund_id),
        ],
    )
}

/// Alert for `send_refund_failed_alert`: a refund needs a person.
pub fn refund_failed_alert(
    job_id: i64,
    job: &SendRefundFailedAlert,
    recipients: Vec<String>,
) -> OutgoingEmail {
    paragraphs(
        job_id,
        recipients,
        format!(
            "Refund failed: payment #{} needs manual action",
            job.payment_id
        ),
        None,
        &[
            format!(
                "Refund #{} of {} {} for payment #{} (order #{}, Chapa tx_ref {}) failed after all retries.",
                job.refund_id, job.amount, job.currency, job.payment_id, job.order_id, job.tx_ref
            ),
            format!("Last answer: {}", job.reason),
            "Please refund the customer from the Chapa dashboard and note it on the order.".into(),
        ],
    )
}

/// Verification link for `send_verification_email`.
pub fn verification(
    job_id: i64,
    job: &SendVerificationEmail,
    link: ActionLink<'_>,
) -> OutgoingEmail {
    blocks(
        job_id,
        vec![job.email.clone()],
        "Confirm your email address".into(),
        Some(&job.first_name),
        &[
            Block::Text(format!(
                "Please confirm that {} is your email address by opening this link:",
                job.email
            )),
            Block::Link {
                label: "Confirm my email address",
                url: link.url,
            },
            Block::Text(format!(
                "The link works once and expires in {}; asking for another link makes this one stop working.",
                duration_words(link.valid_for)
            )),
            Block::Text(
                "If it wasn't you who asked, ignore this email: nothing changes on the account."
                    .into(),
            ),
        ],
    )
}

/// Password-reset link for `send_password_reset_email`, to the account's address.
pub fn password_reset(
    job_id: i64,
    to: &str,
    first_name: &str,
    link: ActionLink<'_>,
) -> OutgoingEmail {
    blocks(
        job_id,
        vec![to.to_owned()],
        "Reset your password".into(),
        Some(first_name),
        &[
            Block::Text(format!(
                "Someone asked to reset the password of the account registered with {to}. \
                 To choose a new password, open this link:"
            )),
            Block::Link {
                label: "Choose a new password",
                url: link.url,
            },
            Block::Text(format!(
                "The link works once and expires in {}; asking for another link makes this one stop working. \
                 Setting a new password signs out every device signed in to the account.",
                duration_words(link.valid_for)
            )),
            Block::Text(
                "If it wasn't you, ignore this email: your password stays as it is \
                 (someone may have typed your address by mistake)."
                    .into(),
            ),
        ],
    )
}

/// Notice for `send_password_changed_email`: the password changed, sessions ended.
pub fn password_changed(job_id: i64, job: &SendPasswordChangedEmail) -> OutgoingEmail {
    paragraphs(
        job_id,
        vec![job.email.clone()],
        "Your password was changed".into(),
        Some(&job.first_name),
        &[
            format!(
                "The password of your account ({}) was just changed, and every device signed in to it was signed out.",
                job.email
            ),
            "If this was you, there is nothing else to do.".into(),
            "If it wasn't you, someone else knows how to get into your account: use \"Forgot password\" \
             on the sign-in page to set a new password right away, and reply to this email so we can help."
                .into(),
        ],
    )
}

/// Confirmation link for `send_email_change_email`, to the requested new address.
pub fn email_change(
    job_id: i64,
    job: &SendEmailChangeEmail,
    link: ActionLink<'_>,
) -> OutgoingEmail {
    blocks(
        job_id,
        vec![job.new_email.clone()],
        "Confirm your new email address".into(),
        Some(&job.first_name),
        &[
            Block::Text(format!(
                "Someone asked to change the email address of their account to {}. \
                 The change takes effect only once you confirm it with this link:",
                job.new_email
            )),
            Block::Link {
                label: "Confirm my new email address",
                url: link.url,
            },
            Block::Text(format!(
                "The link works once and expires in {}.",
                duration_words(link.valid_for)
            )),
            Block::Text(
                "If it wasn't you, ignore this email: no account will use this address.".into(),
            ),
        ],
    )
}

/// Notice for `send_email_changed_email`, to the old address.
pub fn email_changed(job_id: i64, job: &SendEmailChangedEmail) -> OutgoingEmail {
    paragraphs(
        job_id,
        vec![job.old_email.clone()],
        "Your email address was changed".into(),
        Some(&job.first_name),
        &[
            format!(
                "The email address of your account was changed from {} to {}. \
                 Sign-in, order and payment emails now go to the new address.",
                job.old_email, job.new_email
            ),
            "If this was you, there is nothing else to do.".into(),
            "If it wasn't you, someone else has access to your account: reply to this email right away \
             so we can lock the account and restore your address."
                .into(),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::message::OrderLine;

    #[test]
    fn users_without_a_first_name_are_greeted_generically() {
        let email = user_creation(
            1,
            &SendUserCreationEmail {
                user_id: 1,
                email: "a@b.io".into(),
                username: "demo1".into(),
                first_name: " ".into(),
            },
            None,
        );
        assert!(email.text.contains("Hello there,"), "{}", email.text);
        assert!(!email.text.contains("Hello ,"));
    }

    #[test]
    fn order_email_lists_line_totals_and_escapes_names() {
        let job = SendOrderCreationEmail {
            order_id: 7,
            email: "buyer@example.com".into(),
            first_name: "Abebe".into(),
            total_amount: "45.00".into(),
            items: vec![OrderLine {
                product_name: "<Mug>".into(),
                quantity: 3,
                unit_price: "15.00".into(),
            }],
        };

        let email = order_creation(1, &job);

        assert!(
            email.text.contains("- 3 x <Mug> @ 15.00 = 45.00"),
            "{}",
            email.text
        );
        assert!(email.html.contains("&lt;Mug&gt;"), "{}", email.html);
        assert!(
            !email.html.contains("<Mug>"),
            "unescaped name in {}",
            email.html
        );
    }

    #[test]
    fn link_lifetimes_read_as_words() {
        assert_eq!(duration_words(Duration::from_secs(24 * 3600)), "24 hours");
        assert_eq!(duration_words(Duration::from_secs(3600)), "1 hour");
        assert_eq!(duration_words(Duration::from_secs(1800)), "30 minutes");
        assert_eq!(duration_words(Duration::from_secs(1)), "1 second");
        assert_eq!(duration_words(Duration::from_secs(90)), "90 seconds");
    }

    #[test]
    fn account_emails_say_what_happened_and_what_to_do_if_it_was_not_you() {
        let link = ActionLink {
            url: "https://shop.example/reset-password?token=a.b&x=<y>",
            valid_for: Duration::from_secs(3600),
        };
        let emails = [
            password_reset(1, "a@b.io", "Abebe", link),
            verification(
                2,
                &SendVerificationEmail {
                    user_id: 1,
                    email: "a@b.io".into(),
                    first_name: "Abebe".into(),
                },
                link,
            ),
            email_change(
                3,
                &SendEmailChangeEmail {
                    user_id: 1,
                    new_email: "new@b.io".into(),
                    first_name: "Abebe".into(),
                },
                link,
            ),
            password_changed(
                4,
                &SendPasswordChangedEmail {
                    user_id: 1,
                    email: "a@b.io".into(),
                    first_name: "Abebe".into(),
                },
            ),
            email_changed(
                5,
                &SendEmailChangedEmail {
                    user_id: 1,
                    old_email: "a@b.io".into(),
                    new_email: "new@b.io".into(),
                    first_name: "Abebe".into(),
                },
            ),
        ];
        for email in &emails {
            assert!(email.text.contains("it wasn't you"), "{}", email.text);
            assert!(email.html.contains("it wasn&#39;t you"), "{}", email.html);
        }
        for email in &emails[..3] {
            assert!(email.text.contains(link.url), "{}", email.text);
            assert!(email.text.contains("expires in 1 hour"), "{}", email.text);
            assert!(
                email.html.contains(
                    "href=\"https://shop.example/reset-password?token=a.b&amp;x=&lt;y&gt;\""
                ),
                "{}",
                email.html
            );
        }
    }

    #[test]
    fn payment_status_must_be_completed_or_failed() {
        assert_eq!("completed".parse(), Ok(PaymentOutcome::Completed));
        assert_eq!("failed".parse(), Ok(PaymentOutcome::Failed));
        assert!("pending".parse::<PaymentOutcome>().is_err());
    }
}
