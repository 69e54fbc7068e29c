//! How amounts are shown to people: the digit grouping and decimal mark, and a currency symbol before or
//! after. JSON, exports and everything people type stay plain decimals (`1234.56`) whatever is set here.
//! The front end sets the display once at start; until then (and in tests) amounts show as `1,234.56`.

use super::money::Money;
use std::sync::OnceLock;

/// The number formats people choose from, by how they write 1234567.89.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NumberFormat {
    /// `1,234,567.89`
    #[default]
    CommaDot,
    /// `1.234.567,89`
    DotComma,
    /// `1 234 567,89`
    SpaceComma,
    /// `1'234'567.89`
    ApostropheDot,
    /// `12,34,567.89`: the last three digits, then groups of two.
    Indian,
}

impl NumberFormat {
    /// Each format and the sample that names it (in the config file and `pfos config`).
    pub const ALL: [(NumberFormat, &'static str); 5] = [
        (NumberFormat::CommaDot, "1,234.56"),
        (NumberFormat::DotComma, "1.234,56"),
        (NumberFormat::SpaceComma, "1 234,56"),
        (NumberFormat::ApostropheDot, "1'234.56"),
        (NumberFormat::Indian, "12,34,567.89"),
    ];

    pub fn name(self) -> &'static str {
        NumberFormat::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("1,234.56", |(_, n)| n)
    }

    pub fn from_name(name: &str) -> Option<NumberFormat> {
        NumberFormat::ALL.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }

    fn marks(self) -> (&'static str, char) {
        match self {
            NumberFormat::CommaDot | NumberFormat::Indian => (",", '.'),
            NumberFormat::DotComma => (".", ','),
            NumberFormat::SpaceComma => (" ", ','),
            NumberFormat::ApostropheDot => ("'", '.'),
        }
    }
}

/// A currency symbol and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    pub symbol: String,
    /// `€1,234.56` when true, `1.234,56 €` when false.
    pub before: bool,
}

/// How amounts are shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Display {
    pub format: NumberFormat,
    pub currency: Option<Currency>,
}

static DISPLAY: OnceLock<Display> = OnceLock::new();

/// Sets how this process shows amounts; the first call wins (false if it was set already).
pub fn set_display(display: Display) -> bool {
    DISPLAY.set(display).is_ok()
}

/// How this process shows amounts.
pub fn display() -> &'static Display {
    static DEFAULT: Display = Display {
        format: NumberFormat::CommaDot,
        currency: None,
    };
    DISPLAY.get().unwrap_or(&DEFAULT)
}

/// `m` as `display` shows it: grouped digits, the decimal mark, the currency symbol.
pub fn format_money(m: Money, display: &Display) -> String {
    let plain = m.to_string();
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let (separator, mark) = display.format.marks();
    let n = int.len();
    // Where a separator goes before digit i (from the left): every 3 from the right, or 3 then 2s.
    let boundary = |i: usize| -> bool {
        let from_right = n - i;
        match display.format {
            NumberFormat::Indian => from_right == 3 || (from_right > 3 && (from_right - 3).is_multiple_of(2)),
            _ => from_right.is_multiple_of(3),
        }
    };
    let mut grouped = String::with_capacity(n + n / 2 + 8);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && boundary(i) {
            grouped.push_str(separator);
        }
        grouped.push(ch);
    }
    let number = format!("{grouped}{mark}{frac}");
    match &display.currency {
        None => format!("{sign}{number}"),
        Some(c) if c.before => format!("{sign}{}{number}", c.symbol),
        Some(c) => format!("{sign}{number} {}", c.symbol),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(cents: i64, format: NumberFormat, currency: Option<(&str, bool)>) -> String {
        let display = Display {
            format,
            currency: currency.map(|(s, before)| Currency {
                symbol: s.into(),
                before,
            }),
        };
        format_money(Money::from_cents(cents), &display)
    }

    #[test]
    fn every_format_groups_as_its_name_says() {
        for (format, name) in NumberFormat::ALL {
            let cents = if format == NumberFormat::Indian {
                123_456_789
            } else {
                123_456
            };
            assert_eq!(shown(cents, format, None), name, "{name}");
            assert_eq!(NumberFormat::from_name(name), Some(format));
        }
        assert_eq!(shown(123_456_789, NumberFormat::CommaDot, None), "1,234,567.89");
        assert_eq!(shown(123_456_789, NumberFormat::SpaceComma, None), "1 234 567,89");
        assert_eq!(shown(1_234_567_890, NumberFormat::Indian, None), "1,23,45,678.90");
        assert_eq!(shown(99_999, NumberFormat::Indian, None), "999.99");
        assert_eq!(shown(5, NumberFormat::DotComma, None), "0,05");
        assert_eq!(NumberFormat::from_name("1234.56"), None);
    }

    #[test]
    fn the_currency_goes_before_or_after_and_the_sign_leads() {
        assert_eq!(shown(-123_456, NumberFormat::CommaDot, Some(("$", true))), "-$1,234.56");
        assert_eq!(shown(123_456, NumberFormat::DotComma, Some(("€", false))), "1.234,56 €");
        assert_eq!(
            shown(-5_000, NumberFormat::ApostropheDot, Some(("CHF", false))),
            "-50.00 CHF"
        );
    }

    #[test]
    fn the_default_is_the_plain_grouping() {
        assert_eq!(
            format_money(Money::from_cents(123_456), &Display::default()),
            "1,234.56"
        );
    }
}
