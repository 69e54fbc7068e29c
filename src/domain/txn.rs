//! Transactions: what moved, when, between which places, and the rules for each kind.

use super::category::Split;
use super::money::Money;
use super::place::{Place, PlaceId, PlaceKind};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// Database identity of a transaction; also its order of entry within a day.
pub type TxnId = i64;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TxnKind {
    Expense,
    Income,
    Transfer,
    Refund,
    Valuation,
    Opening,
}

impl TxnKind {
    pub const ALL: [TxnKind; 6] = [
        TxnKind::Expense,
        TxnKind::Income,
        TxnKind::Transfer,
        TxnKind::Refund,
        TxnKind::Valuation,
        TxnKind::Opening,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TxnKind::Expense => "expense",
            TxnKind::Income => "income",
            TxnKind::Transfer => "transfer",
            TxnKind::Refund => "refund",
            TxnKind::Valuation => "valuation",
            TxnKind::Opening => "opening",
        }
    }

    pub fn has_from(self) -> bool {
        matches!(self, TxnKind::Expense | TxnKind::Transfer)
    }

    pub fn has_to(self) -> bool {
        !matches!(self, TxnKind::Expense)
    }

    pub fn needs_category(self) -> bool {
        matches!(self, TxnKind::Expense | TxnKind::Refund)
    }

    pub fn takes_category(self) -> bool {
        matches!(self, TxnKind::Expense | TxnKind::Refund | TxnKind::Income)
    }
}

impl fmt::Display for TxnKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TxnKind {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        TxnKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                format!(
                    "'{text}' is not a transaction kind; use expense, income, transfer, refund, valuation or opening"
                )
            })
    }
}

/// A stored transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Txn {
    pub id: TxnId,
    pub date: NaiveDate,
    pub kind: TxnKind,
    /// Positive; zero only for an opening. For a valuation, the stated market value.
    pub amount: Money,
    pub from: Option<PlaceId>,
    pub to: Option<PlaceId>,
    /// `None` for a split: its lines carry the categories.
    pub category: Option<String>,
    pub description: String,
    /// Two or more lines when split (adding up to the amount, no category twice), else empty.
    pub splits: Vec<Split>,
    /// Lower-case tags, sorted.
    pub tags: Vec<String>,
}

impl Txn {
    /// The (category, amount) lines figures grouped by category count: the split's lines, or the whole
    /// amount in the transaction's category (`None` for income without one).
    pub fn category_lines(&self) -> impl Iterator<Item = (Option<&str>, Money)> + '_ {
        let whole = self
            .splits
            .is_empty()
            .then_some((self.category.as_deref(), self.amount));
        whole
            .into_iter()
            .chain(self.splits.iter().map(|s| (Some(s.category.as_str()), s.amount)))
    }

    pub fn is_split(&self) -> bool {
        !self.splits.is_empty()
    }
}

/// A transaction before it is stored (or an edited one before it is saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxnDraft {
    pub date: NaiveDate,
    pub kind: TxnKind,
    pub amount: Money,
    pub from: Option<PlaceId>,
    pub to: Option<PlaceId>,
    pub category: Option<String>,
    pub description: String,
    pub splits: Vec<Split>,
    pub tags: Vec<String>,
}

impl TxnDraft {
    /// A draft with no split and no tags.
    pub fn plain(
        date: NaiveDate,
        kind: TxnKind,
        amount: Money,
        from: Option<PlaceId>,
        to: Option<PlaceId>,
        category: Option<String>,
        description: String,
    ) -> TxnDraft {
        TxnDraft {
            date,
            kind,
            amount,
            from,
            to,
            category,
            description,
            splits: Vec::new(),
            tags: Vec::new(),
        }
    }

    pub fn into_txn(self, id: TxnId) -> Txn {
        Txn {
            id,
            date: self.date,
            kind: self.kind,
            amount: self.amount,
            from: self.from,
            to: self.to,
            category: self.category,
            description: self.description,
            splits: self.splits,
            tags: self.tags,
        }
    }
}

impl From<&Txn> for TxnDraft {
    fn from(t: &Txn) -> Self {
        TxnDraft {
            date: t.date,
            kind: t.kind,
            amount: t.amount,
            from: t.from,
            to: t.to,
            category: t.category.clone(),
            description: t.description.clone(),
            splits: t.splits.clone(),
            tags: t.tags.clone(),
        }
    }
}

/// Why a transaction's shape breaks the rules: which places each kind moves money between, which kinds
/// need a category, and which amounts may be zero.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShapeError {
    #[error("{kind} needs {}", side_place(side))]
    MissingPlace { kind: TxnKind, side: &'static str },
    #[error("{kind} cannot have {}", side_place(side))]
    UnexpectedPlace { kind: TxnKind, side: &'static str },
    #[error("{kind} cannot use '{place}', a {place_kind}: {hint}")]
    WrongPlaceKind {
        kind: TxnKind,
        place: String,
        place_kind: PlaceKind,
        hint: &'static str,
    },
    #[error("a transfer needs two different places; '{0}' is both where it comes from and where it goes")]
    SamePlace(String),
    #[error("{0} needs a category")]
    MissingCategory(TxnKind),
    #[error("a {0} has no category")]
    UnexpectedCategory(TxnKind),
    #[error("the amount must be more than zero; only an opening balance may be zero")]
    ZeroAmount,
    #[error("a {0} cannot be split; only an expense, income or refund can")]
    UnexpectedSplit(TxnKind),
    #[error("a split transaction has no category of its own")]
    SplitAndCategory,
    #[error("{0}")]
    Split(#[from] super::category::SplitError),
}

/// "a place it comes from" (`from`), "a place it goes to" (`to`).
fn side_place(side: &str) -> &'static str {
    if side == "from" {
        "a place it comes from"
    } else {
        "a place it goes to"
    }
}

/// Checks a draft against the kind rules; `place` resolves ids to places.
pub fn check_shape<'a>(draft: &TxnDraft, place: impl Fn(PlaceId) -> Option<&'a Place>) -> Result<(), ShapeError> {
    let kind = draft.kind;
    let from = draft.from.and_then(&place);
    let to = draft.to.and_then(&place);
    match (kind.has_from(), from.is_some()) {
        (true, false) => return Err(ShapeError::MissingPlace { kind, side: "from" }),
        (false, true) => return Err(ShapeError::UnexpectedPlace { kind, side: "from" }),
        _ => {}
    }
    match (kind.has_to(), to.is_some()) {
        (true, false) => return Err(ShapeError::MissingPlace { kind, side: "to" }),
        (false, true) => return Err(ShapeError::UnexpectedPlace { kind, side: "to" }),
        _ => {}
    }
    let wrong = |p: &Place, hint| ShapeError::WrongPlaceKind {
        kind,
        place: p.name.clone(),
        place_kind: p.kind,
        hint,
    };
    match (kind, from, to) {
        (TxnKind::Income, _, Some(p)) if p.kind.is_liability() => return Err(wrong(
            p,
            "income goes to an account or bucket; a payment to a card or loan is a transfer, money back is a refund",
        )),
        (TxnKind::Valuation, _, Some(p)) if p.kind != PlaceKind::Investment => {
            return Err(wrong(p, "only an investment account has a market value"))
        }
        (TxnKind::Transfer, Some(a), Some(b)) if a.id == b.id => return Err(ShapeError::SamePlace(a.name.clone())),
        _ => {}
    }
    if !draft.splits.is_empty() {
        if !kind.takes_category() {
            return Err(ShapeError::UnexpectedSplit(kind));
        }
        if draft.category.is_some() {
            return Err(ShapeError::SplitAndCategory);
        }
        super::category::check_split(draft.amount, &draft.splits)?;
    }
    let has_category = draft.category.is_some() || !draft.splits.is_empty();
    match (kind.needs_category(), kind.takes_category(), has_category) {
        (true, _, false) => return Err(ShapeError::MissingCategory(kind)),
        (false, false, true) => return Err(ShapeError::UnexpectedCategory(kind)),
        _ => {}
    }
    if draft.amount.is_zero() && kind != TxnKind::Opening {
        return Err(ShapeError::ZeroAmount);
    }
    Ok(())
}
