//! Payment and refund types, their status machines, and the refund request parser.
//!
//! The state machines are drawn in docs/PAYMENTS.md.

use chrono::{DateTime, FixedOffset};
use codegen::queries::payments::payments as q;
use rust_decimal::Decimal;

use crate::{db::UnknownValue, money, payments::error::PaymentsError};

/// Lifecycle of a payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum)]
#[oai(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Checkout started, outcome unknown.
    Pending,
    /// The order was cancelled or expired, or the payment deleted, before a charge was seen.
    Cancelled,
    /// Declined, abandoned, or the gateway could not start the checkout.
    Failed,
    /// Chapa verified a charge: it paid the order, or a refund of it is under way.
    Completed,
    /// The charge was refunded in full.
    Refunded,
    /// An automatic refund failed for good; admins were alerted to refund by hand.
    RefundFailed,
}

/// Parses `payments.status`; an unknown value is an error (see [`UnknownValue`]).
impl std::str::FromStr for PaymentStatus {
    type Err = UnknownValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "pending" => Self::Pending,
            "cancelled" => Self::Cancelled,
            "failed" => Self::Failed,
            "completed" => Self::Completed,
            "refunded" => Self::Refunded,
            "refund_failed" => Self::RefundFailed,
            other => return Err(UnknownValue::new("payments.status", other)),
        })
    }
}

impl PaymentStatus {
    /// The value stored in `payments.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Cancelled => "cancelled",
            Self::Failed => "failed",
            Self::Completed => "completed",
            Self::Refunded => "refunded",
            Self::RefundFailed => "refund_failed",
        }
    }

    /// Whether a charge was verified for this payment (no later webhook can change that).
    pub fn is_charged(self) -> bool {
        matches!(self, Self::Completed | Self::Refunded | Self::RefundFailed)
    }

    /// Whether an admin may ask for a refund of this payment.
    pub fn is_refundable(self) -> bool {
        matches!(self, Self::Completed | Self::RefundFailed)
    }
}

/// Lifecycle of a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum)]
#[oai(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Requested; the worker has not heard Chapa's final answer yet.
    Pending,
    /// Chapa refunded the money.
    Succeeded,
    /// Chapa refused, or did not answer through all retries.
    Failed,
}

/// Parses `refunds.status`; an unknown value is an error (see [`UnknownValue`]).
impl std::str::FromStr for RefundStatus {
    type Err = UnknownValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "pending" => Self::Pending,
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            other => return Err(UnknownValue::new("refunds.status", other)),
        })
    }
}

impl RefundStatus {
    /// The value stored in `refunds.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }
}

/// A payment as the domain sees it.
#[derive(Debug, Clone)]
pub struct Payment {
    /// `payments.id`.
    pub id: i64,
    /// Order paid for.
    pub order_id: i64,
    /// Payer.
    pub user_id: i64,
    /// Always `chapa`.
    pub provider: String,
    /// Our reference at Chapa.
    pub tx_ref: String,
    /// Amount asked for (the order's total at checkout).
    pub amount: Decimal,
    /// Currency.
    pub currency: String,
    /// Outcome so far.
    pub status: PaymentStatus,
    /// Hosted checkout page.
    pub checkout_url: Option<String>,
    /// Chapa's reference of the charge.
    pub provider_reference: Option<String>,
    /// Why it failed or was cancelled.
    pub failure_reason: Option<String>,
    /// What Chapa verified it charged, once it did.
    pub captured_amount: Option<Decimal>,
    /// Refunds, oldest first (filled by the service where the caller shows them).
    pub refunds: Vec<Refund>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl TryFrom<q::Payment> for Payment {
    type Error = UnknownValue;

    fn try_from(row: q::Payment) -> Result<Self, Self::Error> {
        Ok(Self {
            id: row.id,
            order_id: row.order_id,
            user_id: row.user_id,
            provider: row.provider,
            tx_ref: row.tx_ref,
            amount: row.amount,
            currency: row.currency,
            status: row.status.parse()?,
            checkout_url: row.checkout_url,
            provider_reference: row.provider_reference,
            failure_reason: row.failure_reason,
            captured_amount: row.captured_amount,
            refunds: Vec::new(),
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// A refund of (part of) a payment.
#[derive(Debug, Clone)]
pub struct Refund {
    /// `refunds.id`.
    pub id: i64,
    /// Payment refunded.
    pub payment_id: i64,
    /// Amount.
    pub amount: Decimal,
    /// Why.
    pub reason: String,
    /// Where it stands.
    pub status: RefundStatus,
    /// Whether the system asked for it (a charge the order could not take).
    pub automatic: bool,
    /// Admin who asked for it.
    pub requested_by: Option<i64>,
    /// Our unique reference of the refund at Chapa.
    pub reference: String,
    /// Chapa's id of the refund.
    pub provider_reference: Option<String>,
    /// Why it failed.
    pub failure_reason: Option<String>,
    /// Creation time.
    pub created_at: DateTime<FixedOffset>,
    /// Last change.
    pub updated_at: DateTime<FixedOffset>,
}

impl TryFrom<q::Refund> for Refund {
    type Error = UnknownValue;

    fn try_from(row: q::Refund) -> Result<Self, Self::Error> {
        Ok(Self {
            id: row.id,
            payment_id: row.payment_id,
            amount: row.amount,
            reason: row.reason,
            status: row.status.parse()?,
            automatic: row.automatic,
            requested_by: row.requested_by,
            reference: row.reference,
            provider_reference: row.provider_reference,
            failure_reason: row.failure_reason,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

/// Longest refund reason kept.
pub const MAX_REASON_CHARS: usize = 500;

/// A validated refund request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RefundRequest {
    /// Amount; `None` refunds what is left.
    pub amount: Option<Decimal>,
    /// Trimmed reason, 1–500 characters.
    pub reason: String,
}

impl RefundRequest {
    /// Checks the amount (a positive decimal string, at most two decimals) and the reason.
    pub fn parse(amount: Option<&str>, reason: Option<&str>) -> Result<Self, PaymentsError> {
        let invalid = |message: String| PaymentsError::Invalid {
            field: "amount",
            message,
        };
        let amount = match amount {
            Some(raw) => {
                let a = money::parse("amount", raw).map_err(invalid)?;
                if a <= Decimal::ZERO {
                    return Err(invalid("amount must be greater than 0".into()));
                }
                Some(a)
            }
            None => None,
        };
        let reason = reason.map(str::trim).unwrap_or("requested by the shop");
        if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
            return Err(PaymentsError::Invalid {
                field: "reason",
                message: format!("must be 1-{MAX_REASON_CHARS} characters"),
            });
        }
        Ok(Self {
            amount,
            reason: reason.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refund_request_defaults_and_limits() {
        let r = RefundRequest::parse(None, None).unwrap();
        assert_eq!(r.amount, None);
        assert_eq!(r.reason, "requested by the shop");
        assert!(RefundRequest::parse(Some("0.00"), None).is_err());
        assert!(RefundRequest::parse(Some("-1"), None).is_err());
        assert!(RefundRequest::parse(Some("1.005"), None).is_err());
        assert!(RefundRequest::parse(Some("1e3"), None).is_err());
        assert!(RefundRequest::parse(None, Some("   ")).is_err());
        assert!(RefundRequest::parse(None, Some(&"x".repeat(501))).is_err());
        let r = RefundRequest::parse(Some("10.5"), Some(" damaged ")).unwrap();
        assert_eq!(r.amount, Some(Decimal::new(1050, 2)));
        assert_eq!(r.reason, "damaged");
    }

    #[test]
    fn statuses_round_trip_through_the_database_text() {
        for s in [
            PaymentStatus::Pending,
            PaymentStatus::Cancelled,
            PaymentStatus::Failed,
            PaymentStatus::Completed,
            PaymentStatus::Refunded,
            PaymentStatus::RefundFailed,
        ] {
            assert_eq!(s.as_str().parse::<PaymentStatus>().unwrap(), s);
        }
        for s in [
            RefundStatus::Pending,
            RefundStatus::Succeeded,
            RefundStatus::Failed,
        ] {
            assert_eq!(s.as_str().parse::<RefundStatus>().unwrap(), s);
        }
        assert!("chargeback".parse::<PaymentStatus>().is_err());
        assert!("partial".parse::<RefundStatus>().is_err());
    }
}
