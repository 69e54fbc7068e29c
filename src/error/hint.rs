//! What to do about a refusal, as data: each front end words a [`Hint`] its own way (the command line
//! names the command and its flags, the app names the key), so no layer below them names either.

use crate::domain::{Money, Month, PlaceClass, TxnId};
use chrono::NaiveDate;
use std::path::PathBuf;

/// One thing a person can do about a refusal. A refusal's hints are alternatives ("A, or B").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// A remedy in plain words that every front end shows as it is (no command, no key, no flag).
    Words(String),

    // Places.
    /// There are no places yet: add an account, a card or a bucket.
    AddPlace,
    /// Add an everyday account (checking) for income to land in.
    AddAccount,
    /// See the places of a class (for their names).
    ListPlaces(PlaceClass),
    /// See the archived places of a class too.
    ListArchived(PlaceClass),
    /// Unarchive the place first.
    Unarchive { place: String },
    /// Archive the place instead (of removing it).
    ArchiveInstead { place: String },
    /// Empty and archive the place's buckets first (`several`: there is more than one).
    ArchiveBucketsFirst { bucket: String, several: bool },
    /// Edit the place as what it is (`class`), not as what was asked.
    EditAs { class: PlaceClass, place: String },
    /// An account's kind never changes: open a new account of `kind`, move the money, archive `place`.
    NewAccountInstead { kind: String, place: String },
    /// A bucket's account never changes: open a new bucket in `account`, move the money, archive `place`.
    NewBucketInstead { account: String, place: String },
    /// Nothing to change: say what to change among the class's name and terms.
    ChangeTerms(PlaceClass),
    /// A "from month" alone changes nothing: give the term it is for, or leave it out.
    FromNeedsTerm(PlaceClass),
    /// The month a change applies from must be `first` or later.
    FromMonth { first: Month },
    /// No limit is an empty limit, not zero (`editing`: on an edit rather than when adding).
    NoLimit { editing: bool },
    /// No goal is an empty goal, not zero.
    NoGoal,
    /// Say which of a card's rates to set.
    SetRates,
    /// Pay the card or loan off with a transfer of `amount` into it.
    PayOff { place: String, amount: Money },
    /// Move `amount` out of the place with a transfer.
    MoveMoneyOut { place: String, amount: Money },
    /// Bring the place up to zero with a transfer of `amount` into it.
    BringToZero { place: String, amount: Money },

    // Transactions.
    /// Give the transaction a category.
    GiveCategory,
    /// An empty category: type one.
    NameCategory,
    /// This kind of transaction takes no category: leave it out.
    LeaveCategoryOut,
    /// Give the split's lines as category and amount (adding up to `total`, when known).
    SplitLines { total: Option<Money> },
    /// One category is given as a category, not as a split of one line.
    OneCategory,
    /// Give the place the money comes from (`side` "from") or goes to ("to").
    GivePlace { side: &'static str },
    /// This kind of transaction has no such place: leave it out.
    LeavePlaceOut { side: &'static str },
    /// Change the amount of transaction `id` (an edit).
    EditAmount { id: TxnId },
    /// An opening balance stays: set transaction `id`'s amount to zero instead.
    ZeroOpening { id: TxnId },
    /// An opening balance is given with its place, and edited like a transaction.
    EditOpening,
    /// Give the amount by hand (the lender's figure).
    GiveAmount,
    /// A rule does exactly one thing: set a category, or make a transfer.
    RuleAction,
    /// A recurring item's end date is on or after its start.
    EndDate,
    /// A recurring item ends on a date or after a number of times, not both.
    EndOrCount,
    /// A day of the month goes only with a monthly item.
    LeaveDayOut,

    // Months.
    /// Reopen the closed months from `latest` back to `back_to` (the same month: reopen just it).
    Reopen { latest: Month, back_to: Month },
    /// Close `month` (the next one to close).
    CloseMonth { month: Month },
    /// Close `next` first, then each month up to `month`.
    CloseUpTo { next: Month, month: Month },
    /// Close `month` before it is over, confirming it.
    ForceClose { month: Month },
    /// Close `month` although some of its reconciliations no longer agree, confirming it.
    AcceptDifferences { month: Month },
    /// See the snapshot of closed `month`.
    SeeSnapshot { month: Month },
    /// See the month so far (as of `date`, when not today).
    SeeStatus { date: Option<NaiveDate> },
    /// Give the earlier month first, then the later one.
    MonthsInOrder,
    /// Give how many months to look ahead, up to `max`.
    MonthsAhead { max: u32 },

    // Bank files.
    /// Import the good rows and leave the rejected ones out.
    SkipBadRows,
    /// Name the file's date and amount columns.
    NameColumns,
    /// Name the file's date column.
    NameDateColumn,
    /// Name the file's amount column (or its debit and credit columns).
    NameAmountColumn,
    /// Give the file's date format (for example DD/MM/YYYY).
    GiveDateFormat,
    /// The dates read more than one way: say which reading (a human pattern like DD/MM/YYYY) is right.
    ChooseDateFormat { choices: Vec<String> },
    /// The file holds several accounts: say which to import (`example`: how one is named).
    ChooseAccount { example: String },

    // Files and databases.
    /// A file is in the way: give another name, or replace it.
    Overwrite,
    /// An export could not be written: make room, or write it elsewhere.
    OtherOutFile,
    /// Open a pfos database, or a new file name to start one.
    PointDb,
    /// Restore `file` (a JSON export) into a new, empty database.
    RestoreIntoNew { file: PathBuf },
    /// Give a JSON export that pfos wrote.
    JsonExport,
    /// Bring back the automatic backup at `path`.
    RestoreBackup { path: PathBuf },
    /// See the automatic backups there are.
    ListBackups,
    /// See the ids of a kind of record.
    ListIds(Missing),
}

/// A kind of record that may be looked up by its id (see [`super::Error::NotFound`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Transaction,
    RecurringItem,
    Rule,
    Backup,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Missing::Transaction => "transaction",
            Missing::RecurringItem => "recurring item",
            Missing::Rule => "rule",
            Missing::Backup => "backup",
        })
    }
}
