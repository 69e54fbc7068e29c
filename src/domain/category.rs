//! Categories compared whatever their case, split lines and tags.

use super::money::Money;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// What income without a category counts as wherever figures are grouped by category.
pub const UNCATEGORIZED: &str = "Uncategorized";

/// The longest tag pfos accepts, in characters.
pub const MAX_TAG_CHARS: usize = 40;

/// The key two spellings of one category share: the Unicode lower case of the NFC form.
pub fn category_key(name: &str) -> String {
    name.trim().nfc().collect::<String>().to_lowercase()
}

/// One line of a split transaction: its own category and a positive amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub category: String,
    pub amount: Money,
}

/// Why a split breaks the rules: two or more lines, each a positive amount, no category twice, adding up
/// to the transaction's amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("a split needs two or more lines")]
    TooFew,
    #[error("split line '{0}' has no amount above zero; each line is CATEGORY=AMOUNT with an amount above zero")]
    NotPositive(String),
    #[error("split lines cannot share a category: '{0}' appears twice; put its amounts on one line")]
    SharedCategory(String),
    #[error("the split lines add up to {sum}, not the amount {amount} (a difference of {difference}); make the lines add up exactly")]
    Sum {
        sum: Money,
        amount: Money,
        difference: Money,
    },
    #[error("a split line needs a category: give it as CATEGORY=AMOUNT")]
    NoCategory,
}

/// Checks that `lines` make a valid split of `amount`.
pub fn check_split(amount: Money, lines: &[Split]) -> Result<(), SplitError> {
    if lines.len() < 2 {
        return Err(SplitError::TooFew);
    }
    let mut seen = HashSet::new();
    let mut sum = Money::ZERO;
    for line in lines {
        if line.category.trim().is_empty() {
            return Err(SplitError::NoCategory);
        }
        if !line.amount.is_positive() {
            return Err(SplitError::NotPositive(line.category.clone()));
        }
        if !seen.insert(category_key(&line.category)) {
            return Err(SplitError::SharedCategory(line.category.clone()));
        }
        // Decimal sums of amounts below a trillion cannot overflow.
        sum += line.amount;
    }
    if sum != amount {
        return Err(SplitError::Sum {
            sum,
            amount,
            difference: sum - amount,
        });
    }
    Ok(())
}

/// Why a tag is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TagError {
    #[error("a tag cannot be empty")]
    Empty,
    #[error("tag '{0}' is longer than {MAX_TAG_CHARS} characters; shorten it")]
    TooLong(String),
    #[error("tag '{0}' may hold only letters, digits, '-', '_' and '/'")]
    BadCharacter(String),
}

/// A tag as stored: checked, and in lower case (tags are compared whatever their case).
pub fn normalize_tag(text: &str) -> Result<String, TagError> {
    let tag = text.trim();
    if tag.is_empty() {
        return Err(TagError::Empty);
    }
    if tag.chars().count() > MAX_TAG_CHARS {
        return Err(TagError::TooLong(tag.to_string()));
    }
    if !tag.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/')) {
        return Err(TagError::BadCharacter(tag.to_string()));
    }
    Ok(tag.nfc().collect::<String>().to_lowercase())
}

/// Tags as stored: each normalised, duplicates dropped, sorted.
pub fn normalize_tags<S: AsRef<str>>(tags: &[S]) -> Result<Vec<String>, TagError> {
    let mut out: Vec<String> = tags
        .iter()
        .map(|t| normalize_tag(t.as_ref()))
        .collect::<Result<_, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(category: &str, cents: i64) -> Split {
        Split {
            category: category.to_string(),
            amount: Money::from_cents(cents),
        }
    }

    #[test]
    fn categories_fold_case_and_composition() {
        assert_eq!(category_key("Groceries"), category_key("groceries"));
        assert_eq!(category_key("ÉPICERIE"), category_key("épicerie"));
        // "e" + combining acute is the same category as the composed "é".
        assert_eq!(category_key("Cafe\u{301}"), category_key("café"));
        assert_ne!(category_key("Dining"), category_key("Diner"));
    }

    #[test]
    fn a_split_must_add_up_exactly() {
        assert_eq!(
            check_split(Money::from_cents(12050), &[line("A", 8000), line("B", 4050)]),
            Ok(())
        );
        assert_eq!(
            check_split(Money::from_cents(12000), &[line("A", 8000), line("B", 4050)]),
            Err(SplitError::Sum {
                sum: Money::from_cents(12050),
                amount: Money::from_cents(12000),
                difference: Money::from_cents(50),
            })
        );
    }

    #[test]
    fn a_split_refuses_one_line_shared_categories_and_zero_lines() {
        assert_eq!(
            check_split(Money::from_cents(100), &[line("A", 100)]),
            Err(SplitError::TooFew)
        );
        assert_eq!(
            check_split(Money::from_cents(200), &[line("Food", 100), line("food", 100)]),
            Err(SplitError::SharedCategory("food".to_string()))
        );
        assert_eq!(
            check_split(Money::from_cents(100), &[line("A", 100), line("B", 0)]),
            Err(SplitError::NotPositive("B".to_string()))
        );
    }

    #[test]
    fn tags_are_checked_and_folded() {
        assert_eq!(normalize_tag("Trip-2026"), Ok("trip-2026".to_string()));
        assert_eq!(normalize_tag("tax/2026"), Ok("tax/2026".to_string()));
        assert!(matches!(normalize_tag("two words"), Err(TagError::BadCharacter(_))));
        assert!(matches!(normalize_tag(&"x".repeat(41)), Err(TagError::TooLong(_))));
        assert_eq!(normalize_tag(" "), Err(TagError::Empty));
        assert_eq!(
            normalize_tags(&["b", "A", "a"]),
            Ok(vec!["a".to_string(), "b".to_string()])
        );
    }
}
