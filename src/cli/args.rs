//! Command-line arguments (clap). Amounts, dates and months arrive as text and are parsed with pfos's own messages.

pub use super::place_args::*;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "pfos",
    version,
    about = "Personal Finance OS: am I actually okay financially?"
)]
pub struct Cli {
    /// The database file (default: $PFOS_DB, else pfos.db in your data directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// The settings file (default: $PFOS_CONFIG, else config.toml in your config directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Take this date as today (YYYY-MM-DD); for scripts and tests.
    #[arg(long, global = true, env = "PFOS_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add an account (checking, savings, investment or cash), or rename one.
    #[command(subcommand)]
    Account(AccountCmd),
    /// Add a credit card, change its terms, set its rates, see its payoff.
    #[command(subcommand)]
    Card(CardCmd),
    /// Add a savings bucket or change its terms.
    #[command(subcommand)]
    Bucket(BucketCmd),
    /// Add a loan (mortgage, car, student, personal, buy-now-pay-later), change its terms or post its interest.
    #[command(subcommand)]
    Loan(LoanCmd),
    /// List accounts with their balances (archived ones with --all).
    Accounts(PlaceListArgs),
    /// List cards with their balances and statements (archived ones with --all).
    Cards(PlaceListArgs),
    /// List buckets with their balances and targets (archived ones with --all).
    Buckets(PlaceListArgs),
    /// List loans: balance, APR, payment, payment day, paid this month, interest this year.
    Loans(PlaceListArgs),
    /// Archive a place on a date: its balance is zero then, and it takes no transaction after it.
    Archive(ArchiveArgs),
    /// Lift a place's archive.
    Unarchive(PlaceArg),
    /// Remove a place nothing but its opening refers to (else archive it).
    Remove(PlaceArg),
    /// Add a transaction.
    #[command(subcommand)]
    Add(AddCmd),
    /// List, edit or delete transactions.
    #[command(subcommand)]
    Txn(TxnCmd),
    /// Close a month: freeze its snapshot and lock it.
    Close(CloseArgs),
    /// Reopen the latest closed month: delete its snapshot and unlock it.
    Reopen(MonthArg),
    /// Show a closed month's snapshot.
    Snapshot(SnapshotArgs),
    /// Dashboard figures and the "Am I okay?" verdict.
    Status(StatusArgs),
    /// Recompute every snapshot from the transactions and verify the identities.
    Check,
    /// Where the money went: figures by category or by tag over months.
    #[command(subcommand)]
    Report(ReportCmd),
    /// Import transactions from a bank file (CSV, OFX/QFX, QIF, CAMT.053), or restore a JSON export.
    Import(Box<ImportArgs>),
    /// Import rules: categorise rows or turn them into transfers.
    #[command(subcommand)]
    Rule(RuleCmd),
    /// Export everything: an hledger/ledger journal, CSV of the transactions, or JSON of all data.
    Export(ExportArgs),
    /// Copy the database to FILE, safely even while pfos is open elsewhere.
    Backup(BackupArgs),
    /// The activity log: every change, newest first.
    Log(LogArgs),
    /// Record what a bank or card statement showed for a place on a date, and compare.
    Reconcile(ReconcileArgs),
    /// Take back the latest change (again and again).
    Undo,
    /// List the automatic backups (made before each upgrade and the first Close Month of a day).
    Backups(ListArgs),
    /// Bring back a backup, keeping the current database aside.
    Restore(RestoreArgs),
    /// Put back the change undone last.
    Redo,
    /// Open the app on a demo household, made fresh in a temporary folder (or at --db).
    Demo(DemoArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell) on stdout.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout: `pfos man | man -l -`.
    Man,
    /// Print the settings in force and where each comes from (the config file or the default).
    Config,
    /// Time the app's frames on the database without a terminal (for benchmarks).
    #[command(hide = true)]
    BenchFrames,
    /// Recurring items: rent, salary, subscriptions, transfers on a schedule.
    #[command(subcommand)]
    Recurring(super::plan_args::RecurringCmd),
    /// Month by month from now: income, spending, cards, savings, free cash and net worth.
    Forecast(super::plan_args::ForecastArgs),
    /// The forecast again with changes, next to the baseline.
    Whatif(super::plan_args::WhatifArgs),
}

/// What `pfos export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// An hledger/ledger journal.
    Ledger,
    /// One row per transaction.
    Csv,
    /// Everything (places, transactions, rules, snapshots), for 'pfos import json'.
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// `pfos import FILE --into PLACE` (the format told from the content), or a subcommand.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub cmd: Option<ImportCmd>,
    /// The bank or card file: CSV, OFX/QFX, QIF or CAMT.053, told from its content.
    pub file: Option<PathBuf>,
    /// The account or card the file belongs to.
    #[arg(long = "into", value_name = "PLACE")]
    pub into: Option<String>,
    /// Which account of a file holding several (OFX ACCTID, QIF account name, CAMT IBAN; the end of it will do).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    #[command(flatten)]
    pub csv: CsvFlags,
    /// Import the readable rows even if some cannot be read.
    #[arg(long)]
    pub skip_bad: bool,
    /// Show what would be imported without storing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCmd {
    /// Import a bank or card CSV file into a place.
    Csv(ImportCsvArgs),
    /// Import an OFX or QFX file (1.x SGML or 2.x XML; bank or card statement) into a place.
    Ofx(ImportStatementArgs),
    /// Import a QIF file (!Type:Bank, CCard or Cash) into a place.
    Qif(ImportStatementArgs),
    /// Import a CAMT.053 statement (camt.053.001.02 and later) into a place.
    Camt(ImportStatementArgs),
    /// Restore a 'pfos export json' file into an empty database.
    Json {
        /// The file made by 'pfos export json'.
        file: PathBuf,
    },
}

/// What pfos would otherwise guess about a CSV.
#[derive(Debug, Args, Clone, Default)]
pub struct CsvFlags {
    /// The date column (header name or 1-based number).
    #[arg(long, value_name = "COL")]
    pub date_col: Option<String>,
    /// One signed amount column.
    #[arg(long, value_name = "COL")]
    pub amount_col: Option<String>,
    /// The money-out column.
    #[arg(long, value_name = "COL")]
    pub debit_col: Option<String>,
    /// The money-in column.
    #[arg(long, value_name = "COL")]
    pub credit_col: Option<String>,
    /// The description column.
    #[arg(long, value_name = "COL")]
    pub desc_col: Option<String>,
    /// Turn every amount around (money in ↔ money out).
    #[arg(long)]
    pub negate: bool,
    /// The date format, such as DD/MM/YYYY, when the dates are ambiguous (CSV and QIF).
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// The delimiter: ',', ';' or 'tab'.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    /// The CSV file.
    pub file: PathBuf,
    /// The account or card the file belongs to.
    #[arg(long = "into", value_name = "PLACE")]
    pub into: String,
    #[command(flatten)]
    pub csv: CsvFlags,
    /// Import the readable rows even if some cannot be read.
    #[arg(long)]
    pub skip_bad: bool,
    /// Show what would be imported without storing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ImportStatementArgs {
    /// The file.
    pub file: PathBuf,
    /// The account or card the file belongs to.
    #[arg(long = "into", value_name = "PLACE")]
    pub into: String,
    /// Which account of a file holding several (OFX ACCTID, QIF account name, CAMT IBAN; the end of it will do).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// The date format of a QIF's D lines, such as DD/MM/YY, when they are ambiguous.
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// Import the readable rows even if some cannot be read.
    #[arg(long)]
    pub skip_bad: bool,
    /// Show what would be imported without storing anything.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum RuleCmd {
    /// Add a rule, tried after the existing ones.
    Add {
        /// Text to find in a description (any case), or a regular expression with --regex.
        pattern: String,
        /// Give matching rows this category.
        #[arg(long, value_name = "CAT", conflicts_with = "transfer")]
        category: Option<String>,
        /// Turn matching rows into transfers to or from this place.
        #[arg(long, value_name = "PLACE")]
        transfer: Option<String>,
        /// The pattern is a regular expression.
        #[arg(long)]
        regex: bool,
    },
    /// List rules in the order they are tried.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Delete a rule.
    Delete { id: String },
    /// Move a rule to another place in the order rules are tried (1 is tried first).
    Move {
        id: String,
        /// The rule's new position; past the end puts it last.
        #[arg(value_parser = clap::value_parser!(u64).range(1..))]
        position: u64,
    },
    /// Payees categorised the same way three times or more, as ready-made 'pfos rule add' commands.
    Suggest,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file, mode 0600).
    pub file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Make the demo database and print where it is, without opening the app.
    #[arg(long)]
    pub no_open: bool,
    /// Years of history.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub years: u32,
    /// Transactions per month, about.
    #[arg(long, default_value_t = 40, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub per_month: u32,
    /// The random seed: the same seed makes the same household.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// The account or card.
    pub place: String,
    /// The balance the statement showed (a card: the amount owed; may be negative or zero).
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    /// The statement's date (default today).
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to bring back (see 'pfos backups').
    pub file: PathBuf,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// How many changes to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// Each category's spending (net of refunds) and income.
    Categories {
        /// One month (YYYY-MM).
        #[arg(long, value_name = "M", conflicts_with_all = ["from", "to"])]
        month: Option<String>,
        #[command(flatten)]
        range: MonthRange,
        /// Compare the month with its usual: the mean of the 3 months before (one month only).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        vs_usual: bool,
        #[arg(long)]
        json: bool,
    },
    /// Income, day-to-day spending, spending from buckets, savings added and cash outflow, month by month.
    Cashflow {
        /// How many months up to this one (1–240).
        #[arg(long, value_name = "N", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=240))]
        months: u32,
        #[arg(long)]
        json: bool,
    },
    /// What each tag cost: the transactions that carry it, whole amounts.
    Tags {
        #[command(flatten)]
        range: MonthRange,
        #[arg(long)]
        json: bool,
    },
}

/// `--from M --to M` (each defaults to the current month).
#[derive(Debug, Args)]
pub struct MonthRange {
    /// The first month (YYYY-MM; default the current month).
    #[arg(long, value_name = "M")]
    pub from: Option<String>,
    /// The last month (YYYY-MM; default the current month).
    #[arg(long, value_name = "M")]
    pub to: Option<String>,
}

#[derive(Debug, Args)]
pub struct TxnArgs {
    /// Date (YYYY-MM-DD; default today).
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
    /// Description.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub desc: Option<String>,
    /// A tag (letters, digits, '-', '_', '/'); repeat for more.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

/// Split lines: `--split CAT=AMT`, repeated; instead of `--category`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// A split line CATEGORY=AMOUNT; repeat for each line (they must add up to the amount).
    #[arg(long = "split", value_name = "CAT=AMT", allow_hyphen_values = true)]
    pub split: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum AddCmd {
    /// Spending from an account, card or bucket.
    Expense {
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long, value_name = "PLACE")]
        from: String,
        #[arg(
            long,
            value_name = "CAT",
            required_unless_present = "split",
            conflicts_with = "split"
        )]
        category: Option<String>,
        #[command(flatten)]
        split: SplitArgs,
        #[command(flatten)]
        common: TxnArgs,
    },
    /// Money earned, into an account or bucket.
    Income {
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long, value_name = "PLACE")]
        to: String,
        #[arg(long, value_name = "CAT", conflicts_with = "split")]
        category: Option<String>,
        #[command(flatten)]
        split: SplitArgs,
        #[command(flatten)]
        common: TxnArgs,
    },
    /// Money moved between places (to a card: a payment; from a card: a cash advance).
    Transfer {
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long, value_name = "PLACE")]
        from: String,
        #[arg(long, value_name = "PLACE")]
        to: String,
        #[command(flatten)]
        common: TxnArgs,
    },
    /// Money given back: a negative expense in its category.
    Refund {
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long, value_name = "PLACE")]
        to: String,
        #[arg(
            long,
            value_name = "CAT",
            required_unless_present = "split",
            conflicts_with = "split"
        )]
        category: Option<String>,
        #[command(flatten)]
        split: SplitArgs,
        #[command(flatten)]
        common: TxnArgs,
    },
    /// An investment account's market value on a date.
    Valuation {
        /// The market value on the date.
        #[arg(allow_hyphen_values = true)]
        amount: String,
        #[arg(long, value_name = "ACCOUNT")]
        to: String,
        #[arg(long, value_name = "D")]
        date: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TxnCmd {
    /// List transactions, oldest first.
    List {
        /// Only this month (YYYY-MM).
        #[arg(long, value_name = "M")]
        month: Option<String>,
        /// Only those the query matches: words of the description ("quoted phrase" for whole words in a
        /// row), cat:NAME, tag:TAG, place:NAME, kind:KIND, amt:>100, amt:50..80, date:2025-10,
        /// date:2025-10-01..2025-12-31; every term must hold.
        #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a transaction.
    Edit {
        id: String,
        #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
        amount: Option<String>,
        #[arg(long, value_name = "D")]
        date: Option<String>,
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        desc: Option<String>,
        #[arg(long, value_name = "CAT", conflicts_with = "split")]
        category: Option<String>,
        #[command(flatten)]
        split: SplitArgs,
        #[arg(long, value_name = "PLACE")]
        from: Option<String>,
        #[arg(long, value_name = "PLACE")]
        to: Option<String>,
        /// Replace the tags with these (repeat for more).
        #[arg(long = "tag", value_name = "TAG", conflicts_with = "no_tags")]
        tags: Vec<String>,
        /// Remove every tag.
        #[arg(long)]
        no_tags: bool,
    },
    /// Delete a transaction.
    Delete { id: String },
    /// Turn an expense in one place and an income in another (same amount, dated at most 10 days apart)
    /// into one transfer between them; re-importing either file adds nothing.
    Link {
        /// One side (the expense or the income).
        a: String,
        /// The other side.
        b: String,
    },
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The month to close (YYYY-MM).
    pub month: String,
    /// Close a month that has not ended yet.
    #[arg(long)]
    pub force: bool,
    /// Close even though reconciliations in the month no longer agree.
    #[arg(long)]
    pub accept_differences: bool,
}

#[derive(Debug, Args)]
pub struct MonthArg {
    /// The month (YYYY-MM).
    pub month: String,
}

#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// The closed month (YYYY-MM).
    pub month: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The date to look at (default today).
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
    #[arg(long)]
    pub json: bool,
}
