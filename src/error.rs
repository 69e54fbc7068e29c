//! Errors a person can act on: each says what was wrong, and carries what to do as [`Hint`]s that each
//! front end words its own way ([`Error::hints`], [`describe`]): no layer below them names a command or a key.

mod hint;

pub use hint::{Hint, Missing};

use crate::domain::cadence::CadenceError;
use crate::domain::calendar::CalendarError;
use crate::domain::category::SplitError;
use crate::domain::engine::ReplayError;
use crate::domain::money::AmountError;
use crate::domain::txn::ShapeError;
use crate::domain::Month;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Shape(#[from] ShapeError),
    #[error(transparent)]
    Replay(#[from] ReplayError),
    #[error(transparent)]
    Tag(#[from] crate::domain::category::TagError),
    #[error(transparent)]
    Text(#[from] crate::domain::text_rules::TextError),
    #[error(transparent)]
    NoInterest(#[from] crate::domain::loan::NoInterest),
    #[error(transparent)]
    Cadence(#[from] CadenceError),
    #[error(transparent)]
    Query(#[from] crate::domain::QueryError),
    /// A rule of the ledger refused the request: why, and what to do.
    #[error("{0}")]
    Refused(Refusal),
    /// A change dated in a closed month, or before the first closed month (locked as well).
    #[error("{}", month_closed(*month, *first))]
    MonthClosed { month: Month, latest: Month, first: Month },
    /// A transaction, recurring item, rule or backup that is not there.
    #[error("{}", not_found(*kind, name))]
    NotFound { kind: Missing, name: String },
    /// No place has the name; `known` are the names there are.
    #[error("{}", no_such_place(name, known))]
    NoSuchPlace { name: String, known: Vec<String> },
    #[error("'{path}' is not a pfos database: {reason}; it was left exactly as it was")]
    NotPfos { path: PathBuf, reason: String },
    #[error("'{path}' was written by a newer pfos (schema version {found}; this pfos knows up to {known}); upgrade pfos to open it")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("cannot use '{path}': {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a request was refused, and what to do about it: the hints are alternatives, worded by each front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    pub hints: Vec<Hint>,
}

impl Refusal {
    pub fn new(reason: impl Into<String>) -> Refusal {
        Refusal {
            reason: reason.into(),
            hints: Vec::new(),
        }
    }

    /// The refusal with one more thing to do (an alternative to the ones before).
    pub fn hint(mut self, hint: Hint) -> Refusal {
        self.hints.push(hint);
        self
    }

    /// The refusal with a remedy in plain words (see [`Hint::Words`]).
    pub fn or(self, words: impl Into<String>) -> Refusal {
        self.hint(Hint::Words(words.into()))
    }

    /// The same refusal, its reason put in a sentence (such as "cannot import the file: {reason}").
    pub fn map_reason(mut self, wrap: impl FnOnce(String) -> String) -> Refusal {
        self.reason = wrap(self.reason);
        self
    }

    /// The reason with the hints that are plain words, for where only words go (a rejected row's reason).
    pub fn in_words(&self) -> String {
        describe(&Error::Refused(self.clone()), |hint| match hint {
            Hint::Words(words) => Some(words.clone()),
            _ => None,
        })
    }

    pub fn err<T>(self) -> Result<T> {
        Err(Error::Refused(self))
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl From<String> for Refusal {
    fn from(reason: String) -> Refusal {
        Refusal::new(reason)
    }
}

impl From<&str> for Refusal {
    fn from(reason: &str) -> Refusal {
        Refusal::new(reason)
    }
}

impl From<Refusal> for Error {
    fn from(refusal: Refusal) -> Error {
        Error::Refused(refusal)
    }
}

/// Shorthand for a refusal with a reason and no hint.
pub fn refused<T>(reason: impl Into<String>) -> Result<T> {
    Err(Error::Refused(Refusal::new(reason)))
}

/// Shorthand for a refusal with a reason and one thing to do.
pub fn refused_with<T>(reason: impl Into<String>, hint: Hint) -> Result<T> {
    Refusal::new(reason).hint(hint).err()
}

impl Error {
    /// A refusal with a reason and no hint.
    pub fn refusal(reason: impl Into<String>) -> Error {
        Error::Refused(Refusal::new(reason))
    }

    /// The error as a refusal whose reason is put in a sentence (`wrap` gets the message), hints kept.
    pub fn within(self, wrap: impl FnOnce(String) -> String) -> Error {
        let hints = self.hints();
        Error::Refused(Refusal {
            reason: wrap(self.to_string()),
            hints,
        })
    }

    /// What a person can do about the error, for a front end to word; alternatives, in order.
    pub fn hints(&self) -> Vec<Hint> {
        match self {
            Error::Refused(r) => r.hints.clone(),
            Error::MonthClosed { month, latest, first } => vec![Hint::Reopen {
                latest: *latest,
                back_to: (*month).max(*first),
            }],
            Error::NotFound { kind, .. } => vec![Hint::ListIds(*kind)],
            Error::NoSuchPlace { known, .. } if known.is_empty() => vec![Hint::AddPlace],
            Error::NotPfos { .. } => vec![Hint::PointDb],
            Error::Shape(e) => shape_hints(e),
            Error::Cadence(CadenceError::DayNotMonthly(_)) => vec![Hint::LeaveDayOut],
            _ => Vec::new(),
        }
    }
}

fn shape_hints(e: &ShapeError) -> Vec<Hint> {
    match e {
        ShapeError::MissingPlace { side, .. } => vec![Hint::GivePlace { side }],
        ShapeError::UnexpectedPlace { side, .. } => vec![Hint::LeavePlaceOut { side }],
        ShapeError::MissingCategory(_) => vec![Hint::GiveCategory],
        ShapeError::UnexpectedCategory(_) => vec![Hint::LeaveCategoryOut],
        ShapeError::SplitAndCategory => vec![Hint::SplitLines { total: None }],
        ShapeError::Split(SplitError::TooFew) => vec![Hint::OneCategory],
        _ => Vec::new(),
    }
}

/// The error's message followed by its hints as one front end words them (`word` may leave a hint out):
/// "{message}; {hint}, or {hint}". A message that ends with a line break takes its hints on the next line.
pub fn describe(error: &Error, word: impl Fn(&Hint) -> Option<String>) -> String {
    let message = error.to_string();
    let hints: Vec<String> = error.hints().iter().filter_map(word).collect();
    if hints.is_empty() {
        return message.trim_end_matches('\n').to_string();
    }
    let joint = if message.ends_with('\n') { "" } else { "; " };
    format!("{message}{joint}{}", hints.join(", or "))
}

fn month_closed(month: Month, first: Month) -> String {
    if month < first {
        format!("month {month} comes before the first closed month {first}, so it is locked")
    } else {
        format!("month {month} is closed")
    }
}

fn not_found(kind: Missing, name: &str) -> String {
    match kind {
        Missing::Backup => format!("'{name}' does not exist"),
        other => format!("{other} {name} does not exist"),
    }
}

fn no_such_place(name: &str, known: &[String]) -> String {
    if known.is_empty() {
        format!("no place named '{name}'; there are no places yet")
    } else {
        format!("no place named '{name}'; known places: {}", known.join(", "))
    }
}
