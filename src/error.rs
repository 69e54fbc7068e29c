//! Errors a person can act on: each message says what was wrong and what to do.

use crate::domain::calendar::CalendarError;
use crate::domain::engine::ReplayError;
use crate::domain::money::AmountError;
use crate::domain::txn::ShapeError;
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
    /// A rule of the ledger refused the request; the text says which and what to do.
    #[error("{0}")]
    Refused(String),
    #[error("'{path}' is not a pfos database: {reason}; it was left exactly as it was. Point --db at a pfos database, or at a new file name to start one")]
    NotPfos { path: PathBuf, reason: String },
    #[error("'{path}' was written by a newer pfos (schema version {found}; this pfos knows up to {known}); upgrade pfos to open it")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("cannot use '{path}': {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Shorthand for a refusal with a message.
pub fn refused<T>(message: impl Into<String>) -> Result<T> {
    Err(Error::Refused(message.into()))
}
