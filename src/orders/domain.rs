//! Order status machine and validated order input.

use std::fmt;

use crate::orders::error::OrdersError;

/// Lifecycle of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum, serde::Serialize)]
#[oai(rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum OrderStatus {
    /// Created, stock reserved, awaiting payment; items may change.
    Pending,
    /// A verified payment completed.
    Paid,
    /// Being prepared (admin).
    Processing,
    /// Handed to the carrier (admin).
    Shipped,
    /// Received (admin).
    Delivered,
    /// Cancelled before payment (by the buyer, an admin, or expiry); stock was returned.
    Cancelled,
    /// The payment that paid it was refunded in full; unshipped stock was returned.
    Refunded,
}

impl OrderStatus {
    /// The value stored in `orders.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Paid => "paid",
            Self::Processing => "processing",
            Self::Shipped => "shipped",
            Self::Delivered => "delivered",
            Self::Cancelled => "cancelled",
            Self::Refunded => "refunded",
        }
    }
}

/// Parses `orders.status`; an unknown value is an error, never a guess.
impl std::str::FromStr for OrderStatus {
    type Err = crate::db::UnknownValue;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(match value {
            "pending" => Self::Pending,
            "paid" => Self::Paid,
            "processing" => Self::Processing,
            "shipped" => Self::Shipped,
            "delivered" => Self::Delivered,
            "cancelled" => Self::Cancelled,
            "refunded" => Self::Refunded,
            other => return Err(crate::db::UnknownValue::new("orders.status", other)),
        })
    }
}

impl OrderStatus {
    /// Whether the order's units are still in the warehouse (a refund returns them to stock).
    pub fn holds_unshipped_stock(self) -> bool {
        matches!(self, Self::Paid | Self::Processing)
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who asks for a status change; decides which transitions are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The buyer.
    Owner,
    /// An admin.
    Admin,
    /// A verified payment or refund (the payments service), never an HTTP client.
    Payment,
    /// The worker's expiry sweep.
    System,
}

/// Outcome of asking for a transition.
#[derive(Debug, PartialEq, Eq)]
pub enum Transition {
    /// Allowed.
    Allowed,
    /// Not a legal step from the current status (409).
    Illegal,
    /// Legal, but not for this actor (403).
    NotYours,
}

/// The order status machine (drawn in docs/PAYMENTS.md).
///
/// pending → paid (payment only) → processing → shipped → delivered (admin);
/// pending → cancelled (owner, admin, or the expiry sweep); paid, processing,
/// shipped or delivered → refunded (a full refund of the payment that paid it).
pub fn check_transition(from: OrderStatus, to: OrderStatus, actor: Actor) -> Transition {
    use OrderStatus::*;
    let allowed_actors: &[Actor] = match (from, to) {
        (Pending, Paid) => &[Actor::Payment],
        (Paid, Processing) | (Processing, Shipped) | (Shipped, Delivered) => &[Actor::Admin],
        (Pending, Cancelled) => &[Actor::Owner, Actor::Admin, Actor::System],
        (Paid | Processing | Shipped | Delivered, Refunded) => &[Actor::Payment],
        _ => return Transition::Illegal,
    };
    if allowed_actors.contains(&actor) {
        Transition::Allowed
    } else if actor == Actor::Admin || to == Paid || to == Refunded {
        // Admins may do every manual step; `paid` and `refunded` are never set by hand.
        Transition::Illegal
    } else {
        Transition::NotYours
    }
}

/// Most units of one product a single order line may hold.
pub const MAX_QUANTITY: i32 = 10_000;
/// Most lines one order may hold.
pub const MAX_LINES: usize = 100;

/// A validated order request: lines sorted by product id, no duplicates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewOrder {
    /// Trimmed, 1–500 characters.
    pub shipping_address: String,
    /// `(product_id, quantity)`, sorted by product id.
    pub lines: Vec<(i64, i32)>,
}

/// Validates a shipping address.
pub fn parse_address(raw: &str) -> Result<String, OrdersError> {
    let address = raw.trim();
    if address.is_empty() || address.chars().count() > 500 {
        return Err(OrdersError::invalid(
            "shipping_address",
            "must be 1-500 characters",
        ));
    }
    Ok(address.to_owned())
}

/// Validates a quantity.
pub fn parse_quantity(quantity: i32) -> Result<i32, OrdersError> {
    if !(1..=MAX_QUANTITY).contains(&quantity) {
        return Err(OrdersError::invalid(
            "quantity",
            format!("must be between 1 and {MAX_QUANTITY}"),
        ));
    }
    Ok(quantity)
}

impl NewOrder {
    /// Checks the address and lines; sorts lines so row locks are taken in one order.
    pub fn parse(shipping_address: &str, lines: Vec<(i64, i32)>) -> Result<Self, OrdersError> {
        let shipping_address = parse_address(shipping_address)?;
        if lines.is_empty() {
            return Err(OrdersError::invalid(
                "items",
                "an order needs at least one item",
            ));
        }
        if lines.len() > MAX_LINES {
            return Err(OrdersError::invalid(
                "items",
                format!("at most {MAX_LINES} items per order"),
            ));
        }
        let mut lines = lines
            .into_iter()
            .map(|(product, quantity)| Ok((product, parse_quantity(quantity)?)))
            .collect::<Result<Vec<_>, OrdersError>>()?;
        lines.sort_unstable();
        if lines.windows(2).any(|w| w[0].0 == w[1].0) {
            return Err(OrdersError::invalid(
                "items",
                "each product may appear only once",
            ));
        }
        Ok(Self {
            shipping_address,
            lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Actor::*, OrderStatus::*, Transition::*, *};

    #[test]
    fn statuses_round_trip_and_an_unknown_one_is_an_error_not_pending() {
        for s in [
            Pending, Paid, Processing, Shipped, Delivered, Cancelled, Refunded,
        ] {
            assert_eq!(s.as_str().parse::<OrderStatus>().unwrap(), s);
        }
        for unknown in ["on_hold", "", "PAID"] {
            let error = unknown.parse::<OrderStatus>().expect_err(unknown);
            assert!(error.to_string().contains("orders.status"), "{error}");
        }
    }

    #[test]
    fn happy_path_transitions() {
        assert_eq!(check_transition(Pending, Paid, Payment), Allowed);
        assert_eq!(check_transition(Paid, Processing, Admin), Allowed);
        assert_eq!(check_transition(Processing, Shipped, Admin), Allowed);
        assert_eq!(check_transition(Shipped, Delivered, Admin), Allowed);
        assert_eq!(check_transition(Pending, Cancelled, Owner), Allowed);
        assert_eq!(check_transition(Pending, Cancelled, Admin), Allowed);
    }

    #[test]
    fn illegal_or_forbidden_transitions() {
        assert_eq!(
            check_transition(Pending, Paid, Admin),
            Illegal,
            "paid only by payment"
        );
        assert_eq!(check_transition(Pending, Paid, Owner), Illegal);
        assert_eq!(check_transition(Paid, Cancelled, Owner), Illegal);
        assert_eq!(
            check_transition(Pending, Shipped, Admin),
            Illegal,
            "no skipping"
        );
        assert_eq!(check_transition(Delivered, Pending, Admin), Illegal);
        assert_eq!(check_transition(Cancelled, Pending, Admin), Illegal);
        assert_eq!(check_transition(Paid, Processing, Owner), NotYours);
        assert_eq!(check_transition(Pending, Pending, Admin), Illegal);
        assert_eq!(
            check_transition(Paid, Refunded, Admin),
            Illegal,
            "refunded only by a refund"
        );
        assert_eq!(check_transition(Cancelled, Refunded, Payment), Illegal);
        assert_eq!(check_transition(Paid, Cancelled, System), Illegal);
    }

    #[test]
    fn refunds_and_expiry_transitions() {
        for from in [Paid, Processing, Shipped, Delivered] {
            assert_eq!(check_transition(from, Refunded, Payment), Allowed, "{from}");
        }
        assert_eq!(check_transition(Pending, Cancelled, System), Allowed);
    }

    #[test]
    fn unshipped_orders_return_stock_on_refund() {
        assert!(Paid.holds_unshipped_stock());
        assert!(Processing.holds_unshipped_stock());
        assert!(!Shipped.holds_unshipped_stock());
        assert!(!Delivered.holds_unshipped_stock());
    }
}
