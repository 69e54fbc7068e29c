//! The pure domain: money, calendar, places, transactions and every figure pfos reports. No I/O.

pub mod cadence;
pub mod calendar;
pub mod category;
pub mod engine;
pub mod forecast;
pub mod health;
pub mod identities;
pub mod loan;
pub mod money;
pub mod money_format;
pub mod payoff;
pub mod place;
pub mod places;
pub mod query;
pub mod recurring;
pub mod register;
pub mod report;
pub mod report_trends;
pub mod rules;
pub mod snapshot;
pub mod statement;
pub mod text_rules;
pub mod txn;
pub mod verdict;
pub mod whatif;

pub use calendar::{parse_date, Month};
pub use category::{category_key, Split, UNCATEGORIZED};
pub use engine::{replay, Balances, BucketBelowZero, MonthFlows, Replay, ReplayError};
pub use money::Money;
pub use place::{BucketTerms, CardTerms, LoanTerms, Place, PlaceClass, PlaceId, PlaceKind, TermsChange};
pub use places::Places;
pub use query::{Query, QueryError};
pub use snapshot::{
    BucketLine, CategoryLine, Figures, KeptTerms, LoanLine, PlaceLine, Projection, Snapshot, SnapshotInput,
};
pub use statement::{card_state, CardState, Statement};
pub use txn::{Txn, TxnDraft, TxnId, TxnKind};
