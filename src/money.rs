//! Money on the wire: exact decimals with two places (`"19.90"`, never `19.9` or a float).

use rust_decimal::Decimal;

/// Decimal places of every amount (the `NUMERIC(12,2)` columns).
pub const SCALE: u32 = 2;

/// Fixes the scale at two places; PostgreSQL's `NUMERIC` may come back as `7.5`.
pub fn amount(value: Decimal) -> Decimal {
    let mut value = value.round_dp(SCALE);
    value.rescale(SCALE);
    value
}

/// The amount as the API writes it, e.g. `"7.50"`.
pub fn format(value: Decimal) -> String {
    amount(value).to_string()
}

/// Parses a money amount given as a decimal string: digits, optional 1–2 decimals, ≥ 0.
///
/// Strings only, so amounts never pass through binary floating point; no
/// whitespace (`" 1.00"` is refused). The error message names `field`;
/// callers wrap it in their domain's validation error.
pub fn parse(field: &str, value: &str) -> Result<Decimal, String> {
    if value.starts_with('-') {
        return Err(format!("{field} must not be negative"));
    }
    let (whole, frac) = value.split_once('.').unwrap_or((value, ""));
    let well_formed = !whole.is_empty()
        && whole.len() <= 10
        && whole.bytes().all(|b| b.is_ascii_digit())
        && (value.contains('.') as usize <= frac.len())
        && frac.len() <= 2
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(format!(
            "{field} must be a decimal string with at most 10 digits before and 2 after the point, e.g. \"19.99\""
        ));
    }
    value
        .parse::<Decimal>()
        .map(|d| d.round_dp(SCALE))
        .map_err(|_| format!("{field} is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_two_places() {
        assert_eq!(format("7.5".parse().unwrap()), "7.50");
        assert_eq!(format("8".parse().unwrap()), "8.00");
        assert_eq!(format("0.125".parse().unwrap()), "0.12");
        assert_eq!(format("19.99".parse().unwrap()), "19.99");
    }

    #[test]
    fn parse_refuses_padding_exponents_and_signs() {
        for bad in [
            " 1.00",
            "1.00 ",
            "1 .00",
            "1e3",
            "-1",
            "+1",
            "1.",
            ".5",
            "1.001",
            "",
            "12345678901",
        ] {
            assert!(parse("price", bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse("price", "0.5").unwrap().to_string(), "0.5");
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics_and_accepts_only_plain_decimals(s: String) {
            if let Ok(value) = parse("price", &s) {
                proptest::prop_assert!(value >= Decimal::ZERO);
                proptest::prop_assert!(s.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
                proptest::prop_assert!(value.scale() <= SCALE);
            }
        }

        #[test]
        fn well_formed_amounts_round_trip(whole in 0u64..10_000_000_000, cents in 0u32..100) {
            let text = format!("{whole}.{cents:02}");
            let value = parse("price", &text).unwrap();
            proptest::prop_assert_eq!(format(value), text);
        }
    }
}

/// An amount in API bodies: a JSON string with exactly two decimals.
///
/// poem-openapi's own `Decimal` drops trailing zeros (`"7.5"`) and accepts JSON
/// numbers (floats); this type does neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(pub Decimal);

impl From<Decimal> for Money {
    fn from(value: Decimal) -> Self {
        Self(amount(value))
    }
}

/// A money amount in a request body: a JSON string such as `"19.99"`, never a number.
///
/// poem-openapi's `String` also accepts JSON numbers (and would let `19.99`
/// arrive through a float); this type rejects them with a 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecimalString(pub String);

mod openapi {
    use std::borrow::Cow;

    use poem_openapi::{
        registry::{MetaSchema, MetaSchemaRef},
        types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type},
    };
    use serde_json::Value;

    use super::{DecimalString, Money, amount};

    /// Both money types share one schema: a decimal string with at most two places.
    fn money_schema() -> MetaSchemaRef {
        let mut schema = MetaSchema::new_with_format("string", "decimal");
        schema.pattern = Some(r"^\d{1,10}(\.\d{1,2})?$".into());
        schema.example = Some(Value::String("19.99".into()));
        MetaSchemaRef::Inline(Box::new(schema))
    }

    impl Type for Money {
        const IS_REQUIRED: bool = true;
        type RawValueType = Self;
        type RawElementValueType = Self;

        fn name() -> Cow<'static, str> {
            "money".into()
        }

        fn schema_ref() -> MetaSchemaRef {
            money_schema()
        }

        fn as_raw_value(&self) -> Option<&Self::RawValueType> {
            Some(self)
        }

        fn raw_element_iter<'a>(
            &'a self,
        ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
            Box::new(self.as_raw_value().into_iter())
        }
    }

    impl ToJSON for Money {
        fn to_json(&self) -> Option<Value> {
            Some(Value::String(amount(self.0).to_string()))
        }
    }

    impl ParseFromJSON for Money {
        fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
            match value {
                Some(Value::String(s)) => s
                    .trim()
                    .parse()
                    .map(|d| Money(amount(d)))
                    .map_err(|_| ParseError::custom("expected a decimal string like \"19.99\"")),
                other => Err(ParseError::custom(format!(
                    "expected a decimal string like \"19.99\", got {}",
                    other.unwrap_or(Value::Null)
                ))),
            }
        }
    }

    impl Type for DecimalString {
        const IS_REQUIRED: bool = true;
        type RawValueType = Self;
        type RawElementValueType = Self;

        fn name() -> Cow<'static, str> {
            "string(decimal)".into()
        }

        fn schema_ref() -> MetaSchemaRef {
            money_schema()
        }

        fn as_raw_value(&self) -> Option<&Self::RawValueType> {
            Some(self)
        }

        fn raw_element_iter<'a>(
            &'a self,
        ) -> Box<dyn Iterator<Item = &'a Self::RawElementValueType> + 'a> {
            Box::new(self.as_raw_value().into_iter())
        }
    }

    impl ParseFromJSON for DecimalString {
        fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
            match value {
                Some(Value::String(s)) => Ok(Self(s)),
                other => Err(ParseError::custom(format!(
                    "expected a decimal string such as \"19.99\", got {}",
                    other.unwrap_or_default()
                ))),
            }
        }
    }

    impl ToJSON for DecimalString {
        fn to_json(&self) -> Option<Value> {
            Some(Value::String(self.0.clone()))
        }
    }
}
