//! Order status machine and validated order input.

use std::fmt;

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
    /// Cancelled before payment; stock was returned.
    Cancelled,
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
        }
    }

    /// Parses the stored value (the CHECK constraint guarantees one of these).
    pub fn from_db(value: &str) -> Self {
        match value {
            "paid" => Self::Paid,
            "processing" => Self::Processing,
            "shipped" => Self::Shipped,
            "delivered" => Self::Delivered,
            "cancelled" => Self::Cancelled,
            _ => Self::Pending,
        }
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
    /// A verified payment (the payments service), never an HTTP client.
    Payment,
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

/// The status machine: pending → paid (payment only) → processing → shipped →
/// delivered (admin); pending → cancelled (owner or admin).
pub fn check_transition(from: OrderStatus, to: OrderStatus, actor: Actor) -> Transition {
    use OrderStatus::*;
    let allowed_actors: &[Actor] = match (from, to) {
        (Pending, Paid) => &[Actor::Payment],
        (Paid, Processing) | (Processing, Shipped) | (Shipped, Delivered) => &[Actor::Admin],
        (Pending, Cancelled) => &[Actor::Owner, Actor::Admin],
        _ => return Transition::Illegal,
    };
    if allowed_actors.contains(&actor) {
        Transition::Allowed
    } else if actor == Actor::Admin || to == Paid {
        // Admins may do every manual step; `paid` is never set by hand.
        Transition::Illegal
    } else {
        Transition::NotYours
    }
}

/// Most units of one product a single order line may hold.
pub const MAX_QUANTITY: i32 = 10_000;
/// Most lines one order may hold.
pub const MAX_LINES: usize = 100;

#[cfg(test)]
mod tests {
    use super::{Actor::*, OrderStatus::*, Transition::*, *};

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
    }
}
