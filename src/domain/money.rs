//! Money: an exact decimal amount with at most two places, stored as integer cents.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// The largest amount a single transaction may carry.
pub const MAX_AMOUNT_CENTS: i64 = 99_999_999_999_999;

/// An exact amount of money. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// Why a typed amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("amount '{0}' is not a number; write it like 1234.50")]
    NotANumber(String),
    #[error("amount '{0}' is negative; amounts are positive, the kind of transaction gives the direction")]
    Negative(String),
    #[error("amount '{0}' is zero; only an opening balance may be zero")]
    Zero(String),
    #[error("amount '{0}' has more than two decimal places")]
    TooPrecise(String),
    #[error("amount '{0}' is too large; the most a transaction may carry is 999,999,999,999.99")]
    TooLarge(String),
}

/// The cents of a decimal with at most two places, without rounding (a decimal's mantissa is under 2^96,
/// so a hundred times it fits); `None` for more places.
fn exact_cents(amount: Decimal) -> Option<i128> {
    let scale = amount.scale();
    (scale <= 2).then(|| amount.mantissa() * 10i128.pow(2 - scale))
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// From integer cents, as stored in the database.
    pub fn from_cents(cents: i64) -> Self {
        Money(Decimal::new(cents, 2))
    }

    /// The largest magnitude, in cents, a stored balance or figure may have: a thousandth of what 64-bit
    /// cents hold, so that the sums made of them (net worth over every place, a projection) still fit.
    pub const MAX_STORED_CENTS: i64 = i64::MAX / 1000;

    /// Whether the amount can be stored and added up exactly (see [`Money::MAX_STORED_CENTS`]).
    pub fn fits_stored(self) -> bool {
        // Amounts have two places at most, so comparing with the bound is exact (and runs per transaction).
        let bound = Decimal::new(Self::MAX_STORED_CENTS, 2);
        self.0 <= bound && self.0 >= -bound
    }

    /// Integer cents, or `None` when they do not fit in 64 bits.
    pub fn checked_cents(self) -> Option<i64> {
        if let Some(cents) = exact_cents(self.0) {
            return i64::try_from(cents).ok();
        }
        let scaled = (self.0 * Decimal::ONE_HUNDRED).round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven);
        i64::try_from(scaled).ok()
    }

    /// Integer cents for the database. Amounts are kept at two places, so this is exact.
    pub fn cents(self) -> i64 {
        if let Some(cents) = exact_cents(self.0) {
            return i64::try_from(cents).unwrap_or(if cents < 0 { i64::MIN } else { i64::MAX });
        }
        let scaled = (self.0 * Decimal::ONE_HUNDRED).round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven);
        i64::try_from(scaled).unwrap_or(if scaled.is_sign_negative() { i64::MIN } else { i64::MAX })
    }

    /// The magnitude of a decimal read from a bank file as a transaction's amount, checked as
    /// [`Money::parse_positive`] checks the same number typed (the same errors, naming the number).
    pub fn positive_of(amount: Decimal) -> Result<Money, AmountError> {
        let magnitude = amount.abs();
        let text = || magnitude.to_string();
        if magnitude.scale() > 2 {
            return Err(AmountError::TooPrecise(text()));
        }
        // Two places at most: more than 12 whole digits is more than MAX_AMOUNT_CENTS.
        match exact_cents(magnitude) {
            Some(cents) if cents <= i128::from(MAX_AMOUNT_CENTS) => {}
            _ => return Err(AmountError::TooLarge(text())),
        }
        if magnitude.is_zero() {
            return Err(AmountError::Zero(text()));
        }
        Ok(Money(magnitude))
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn is_positive(self) -> bool {
        self.0.is_sign_positive() && !self.0.is_zero()
    }

    pub fn max(self, other: Money) -> Money {
        if self >= other {
            self
        } else {
            other
        }
    }

    /// The mean of some amounts, rounded to cents half-to-even; zero for none.
    pub fn mean(values: &[Money]) -> Money {
        if values.is_empty() {
            return Money::ZERO;
        }
        let total: Money = values.iter().copied().sum();
        let mean = total.0 / Decimal::from(values.len());
        Money(mean.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven))
    }

    /// `part / whole` as a plain ratio, for gauges and percentages only.
    pub fn ratio(self, whole: Money) -> Option<Decimal> {
        if whole.is_zero() {
            None
        } else {
            Some(self.0 / whole.0)
        }
    }

    /// Multiplies by a decimal factor, rounded to cents half-to-even.
    pub fn times(self, factor: Decimal) -> Money {
        Money((self.0 * factor).round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven))
    }

    /// Parses a positive amount the way a person types it (`1234.5`, `0.99`).
    pub fn parse_positive(text: &str) -> Result<Money, AmountError> {
        let amount = Self::parse_non_negative(text)?;
        if amount.is_zero() {
            return Err(AmountError::Zero(text.to_string()));
        }
        Ok(amount)
    }

    /// Parses an amount that may be zero (an opening balance).
    pub fn parse_non_negative(text: &str) -> Result<Money, AmountError> {
        let trimmed = text.trim();
        let owned = || text.to_string();
        let unsigned = match trimmed.strip_prefix('-') {
            Some(rest) if is_plain_decimal(rest) => return Err(AmountError::Negative(owned())),
            Some(_) => return Err(AmountError::NotANumber(owned())),
            None => trimmed.strip_prefix('+').unwrap_or(trimmed),
        };
        if !is_plain_decimal(unsigned) {
            return Err(AmountError::NotANumber(owned()));
        }
        let decimals = unsigned.split_once('.').map_or(0, |(_, frac)| frac.len());
        if decimals > 2 {
            return Err(AmountError::TooPrecise(owned()));
        }
        let int_digits = unsigned.split('.').next().unwrap_or("").trim_start_matches('0').len();
        if int_digits > 12 {
            return Err(AmountError::TooLarge(owned()));
        }
        let value: Decimal = unsigned.parse().map_err(|_| AmountError::NotANumber(owned()))?;
        let money = Money(value);
        if money.cents() > MAX_AMOUNT_CENTS {
            return Err(AmountError::TooLarge(owned()));
        }
        Ok(money)
    }

    /// The amount as people are shown it: `1234.5` → `1,234.50` (negatives `-1,234.50`), or in the
    /// number format and currency the person set (see `money_format`).
    pub fn grouped(self) -> String {
        super::money_format::format_money(self, super::money_format::display())
    }

    /// A change as people are shown it: `+1,234.50`, `-1,234.50`, `0.00`.
    pub fn grouped_signed(self) -> String {
        if self.is_positive() {
            format!("+{}", self.grouped())
        } else {
            self.grouped()
        }
    }
}

fn is_plain_decimal(text: &str) -> bool {
    let mut parts = text.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let has_digit = !int.is_empty() || frac.is_some_and(|f| !f.is_empty());
    has_digit && digits(int) && frac.is_none_or(digits)
}

impl fmt::Display for Money {
    /// Always exactly two decimals: `1234.50`, `-20.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = self.0.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
        let mut text = rounded.to_string();
        if text == "-0" || text.starts_with("-0.") && rounded.is_zero() {
            text = "0".to_string();
        }
        match text.split_once('.') {
            None => write!(f, "{text}.00"),
            Some((_, frac)) if frac.len() == 1 => write!(f, "{text}0"),
            Some(_) => write!(f, "{text}"),
        }
    }
}

impl serde::Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse_non_negative(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(m("1234.5").cents(), 123_450);
        assert_eq!(m("0.99").cents(), 99);
        assert_eq!(m(".5").cents(), 50);
        assert_eq!(m("7.").cents(), 700);
        assert_eq!(m("999999999999.99").cents(), MAX_AMOUNT_CENTS);
    }

    #[test]
    fn a_decimal_is_checked_as_its_text_would_be() {
        let cases = [
            "12.5",
            "-12.50",
            "0.01",
            "-0.00",
            "0",
            "1.234",
            "1.230",
            "999999999999.99",
            "-999999999999.99",
            "1000000000000",
            "1000000000000.00",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
        ];
        for text in cases {
            let d: Decimal = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            let typed = Money::parse_positive(&d.abs().to_string());
            assert_eq!(Money::positive_of(d), typed, "{text}");
            if let Ok(m) = typed {
                assert_eq!(Some(m.cents()), m.checked_cents(), "{text}");
                assert_eq!(
                    m.cents(),
                    i64::try_from(m.decimal().mantissa()).unwrap_or(0) * 10i64.pow(2 - m.decimal().scale())
                );
            }
        }
        assert_eq!(
            Money(Decimal::new(12_345, 3)).cents(),
            1234,
            "half to even, past two places"
        );
        assert_eq!(Money(Decimal::new(-12_355, 3)).checked_cents(), Some(-1236));
    }

    #[test]
    fn refuses_bad_amounts() {
        assert!(matches!(Money::parse_positive("-5"), Err(AmountError::Negative(_))));
        assert!(matches!(Money::parse_positive("0"), Err(AmountError::Zero(_))));
        assert!(matches!(Money::parse_positive("0.00"), Err(AmountError::Zero(_))));
        assert!(matches!(Money::parse_positive("abc"), Err(AmountError::NotANumber(_))));
        assert!(matches!(Money::parse_positive("1e5"), Err(AmountError::NotANumber(_))));
        assert!(matches!(
            Money::parse_positive("1,000"),
            Err(AmountError::NotANumber(_))
        ));
        assert!(matches!(Money::parse_positive(""), Err(AmountError::NotANumber(_))));
        assert!(matches!(Money::parse_positive("."), Err(AmountError::NotANumber(_))));
        assert!(matches!(
            Money::parse_positive("1.234"),
            Err(AmountError::TooPrecise(_))
        ));
        assert!(matches!(
            Money::parse_positive("1000000000000"),
            Err(AmountError::TooLarge(_))
        ));
        assert!(Money::parse_non_negative("0").is_ok());
    }

    #[test]
    fn displays_two_decimals_and_groups_thousands() {
        assert_eq!(Money::from_cents(123_450).to_string(), "1234.50");
        assert_eq!(Money::from_cents(-2000).to_string(), "-20.00");
        assert_eq!(Money::ZERO.to_string(), "0.00");
        assert_eq!(Money::from_cents(123_456_789).grouped(), "1,234,567.89");
        assert_eq!(Money::from_cents(-100_000).grouped(), "-1,000.00");
        assert_eq!(Money::from_cents(99_999).grouped(), "999.99");
    }

    #[test]
    fn mean_rounds_half_to_even() {
        // (0.01 + 0.02) / 2 = 0.015 → 0.02; (0.01 + 0.04) / 2 = 0.025 → 0.02
        assert_eq!(Money::mean(&[Money::from_cents(1), Money::from_cents(2)]).cents(), 2);
        assert_eq!(Money::mean(&[Money::from_cents(1), Money::from_cents(4)]).cents(), 2);
        assert_eq!(Money::mean(&[]), Money::ZERO);
    }
}
