//! Command-line arguments of places: accounts, cards, loans and buckets, added, edited, listed, archived.

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct ArchiveArgs {
    /// The account, card, loan or bucket.
    pub name: String,
    /// The archive date (default today): the balance is zero then and nothing is dated after it.
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlaceArg {
    /// The account, card, loan or bucket.
    pub name: String,
}

/// A listing of places.
#[derive(Debug, Args)]
pub struct PlaceListArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Archived places too.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub enum LoanCmd {
    /// Add a loan; --opening is what is owed when tracking starts.
    #[command(mut_arg("opening", |a| a.help("What is owed when tracking starts (default 0)")))]
    Add {
        name: String,
        /// Annual percentage rate, in percent (6.49).
        #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
        apr: String,
        /// The scheduled monthly payment.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        payment: String,
        /// Day of the month the payment is due (1–31; 31 means the last day).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        payment_day: String,
        #[command(flatten)]
        opening: OpeningArgs,
    },
    /// Rename a loan or change its APR, payment or payment day (at once).
    Edit {
        name: String,
        /// A new name, unique whatever its case.
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
        /// Annual percentage rate, in percent (6.49).
        #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
        apr: Option<String>,
        /// The scheduled monthly payment.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        payment: Option<String>,
        /// Day of the month the payment is due (1–31; 31 means the last day).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        payment_day: Option<String>,
    },
    /// Post a month's interest as an expense on the loan (category Interest, on its payment day).
    Interest {
        name: String,
        /// The month (YYYY-MM).
        #[arg(long, value_name = "M")]
        month: String,
        /// The lender's figure, instead of balance × APR / 12.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        amount: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct OpeningArgs {
    /// Balance when tracking starts (default 0).
    #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
    pub opening: Option<String>,
    /// Date tracking starts (default: today).
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AccountCmd {
    /// Add an account.
    #[command(mut_arg("opening", |a| a.help("The account's balance when tracking starts (default 0)")))]
    Add {
        name: String,
        /// checking, savings, investment or cash.
        #[arg(long)]
        kind: String,
        #[command(flatten)]
        opening: OpeningArgs,
    },
    /// Rename an account (its kind never changes).
    Edit {
        name: String,
        /// A new name, unique whatever its case.
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
        /// Refused: an account's kind never changes.
        #[arg(long, hide = true)]
        kind: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CardCmd {
    /// Add a credit card.
    #[command(mut_arg("opening", |a| a.help("What the card owes when tracking starts (default 0)")))]
    Add {
        name: String,
        /// Day of the month the statement closes (1–31; 31 means the last day).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        statement_day: String,
        /// Days from statement to due date (default 25).
        #[arg(long, value_name = "N", allow_hyphen_values = true)]
        grace_days: Option<String>,
        /// Credit limit.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        limit: Option<String>,
        /// Annual percentage rate, in percent (19.99).
        #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
        apr: Option<String>,
        #[command(flatten)]
        opening: OpeningArgs,
    },
    /// Rename a card or change its terms: statement and grace days from a month on, the rest at once.
    Edit(CardEditArgs),
    /// Set a card's APR or minimum-payment rule (the rate part of 'pfos card edit').
    Set(super::plan_args::CardSetArgs),
    /// When a card's balance is paid off, and what it costs, under the minimum, the usual and a chosen payment.
    Payoff(super::plan_args::PayoffArgs),
}

#[derive(Debug, Subcommand)]
pub enum BucketCmd {
    /// Add a savings bucket.
    #[command(mut_arg("opening", |a| a.help("What the bucket holds when tracking starts (default 0)")))]
    Add {
        name: String,
        /// What should go into it each month.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        target_monthly: Option<String>,
        /// What it should reach.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        goal: Option<String>,
        /// The account that holds its money.
        #[arg(long = "in", value_name = "ACCOUNT")]
        held_in: Option<String>,
        #[command(flatten)]
        opening: OpeningArgs,
    },
    /// Rename a bucket or change its terms: the monthly target from a month on, the goal at once.
    Edit {
        name: String,
        /// A new name, unique whatever its case.
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
        /// What should go into it each month, from --from on.
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        target_monthly: Option<String>,
        /// The month the new target applies from (YYYY-MM; default this month).
        #[arg(long, value_name = "M")]
        from: Option<String>,
        /// What it should reach, or 'none'.
        #[arg(long, value_name = "AMT|none", allow_hyphen_values = true)]
        goal: Option<String>,
        /// Refused: the account a bucket is held in never changes.
        #[arg(long = "in", value_name = "ACCOUNT", hide = true)]
        held_in: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct CardEditArgs {
    pub name: String,
    /// A new name, unique whatever its case.
    #[arg(long, value_name = "NEW")]
    pub rename: Option<String>,
    /// Day of the month the statement closes (1–31; 31 means the last day), from --from on.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub statement_day: Option<String>,
    /// Days from statement to due date, from --from on.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub grace_days: Option<String>,
    /// The month the new statement or grace days apply from (YYYY-MM; default this month).
    #[arg(long, value_name = "M")]
    pub from: Option<String>,
    /// Credit limit, or 'none'.
    #[arg(long, value_name = "AMT|none", allow_hyphen_values = true)]
    pub limit: Option<String>,
    /// Annual percentage rate, in percent (19.99).
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub apr: Option<String>,
    /// Minimum payment: this percent of the statement, plus its interest.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub min_percent: Option<String>,
    /// Minimum payment: at least this much, or the whole statement when smaller.
    #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
    pub min_floor: Option<String>,
}
