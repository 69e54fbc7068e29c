//! Arguments of the looking-ahead commands: `recurring`, `forecast`, `whatif`, `card set` and `card payoff`.

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum RecurringCmd {
    /// Add a recurring expense, income or transfer.
    Add(RecurringAddArgs),
    /// List recurring items with their next date and what is due.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Change a recurring item.
    Edit(RecurringEditArgs),
    /// Delete a recurring item (the transactions it posted stay).
    Delete { id: String },
    /// Post every occurrence due through a date (default today) as a transaction, once.
    Post {
        /// Post what is due on or before this date (YYYY-MM-DD).
        #[arg(long, value_name = "D")]
        through: Option<String>,
        /// Show what would be posted without storing anything.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct RecurringAddArgs {
    /// expense, income or transfer.
    pub kind: String,
    #[arg(allow_hyphen_values = true)]
    pub amount: String,
    #[arg(long, value_name = "PLACE")]
    pub from: Option<String>,
    #[arg(long, value_name = "PLACE")]
    pub to: Option<String>,
    #[arg(long, value_name = "CAT")]
    pub category: Option<String>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub desc: Option<String>,
    /// weekly, biweekly (every two weeks), monthly or yearly.
    #[arg(long, value_name = "CADENCE")]
    pub every: String,
    /// For monthly: the day of the month (1–31; 31 means the last day). Default: the start date's day.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub day: Option<String>,
    /// The first date it may happen (default today).
    #[arg(long, value_name = "D")]
    pub start: Option<String>,
    /// The last date it may happen.
    #[arg(long, value_name = "D", conflicts_with = "count")]
    pub until: Option<String>,
    /// How many times it happens in all.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub count: Option<String>,
}

#[derive(Debug, Args)]
pub struct RecurringEditArgs {
    pub id: String,
    #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
    pub amount: Option<String>,
    #[arg(long, value_name = "PLACE")]
    pub from: Option<String>,
    #[arg(long, value_name = "PLACE")]
    pub to: Option<String>,
    #[arg(long, value_name = "CAT")]
    pub category: Option<String>,
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub desc: Option<String>,
    #[arg(long, value_name = "CADENCE")]
    pub every: Option<String>,
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub day: Option<String>,
    #[arg(long, value_name = "D")]
    pub start: Option<String>,
    /// The last date it may happen, or 'never'.
    #[arg(long, value_name = "D|never", conflicts_with = "count")]
    pub until: Option<String>,
    /// How many times it happens in all, or 'never' to end it never.
    #[arg(long, value_name = "N|never", allow_hyphen_values = true)]
    pub count: Option<String>,
}

#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// Whole months to look ahead after this one (1–120).
    #[arg(long, value_name = "N", default_value = "12", allow_hyphen_values = true)]
    pub months: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct WhatifArgs {
    #[command(flatten)]
    pub forecast: ForecastArgs,
    /// Pay AMT more to a card or a loan every month: CARD=AMT or LOAN=AMT.
    #[arg(long, value_name = "CARD=AMT")]
    pub extra: Vec<String>,
    /// A one-off purchase: PLACE=AMT@DATE (today or later), optionally :TEXT.
    #[arg(long, value_name = "PLACE=AMT@DATE")]
    pub purchase: Vec<String>,
    /// AMT more income a month, from next month or @MONTH.
    #[arg(long, value_name = "AMT[@MONTH]", allow_hyphen_values = true)]
    pub raise: Vec<String>,
    /// AMT less income a month (a lost income), from next month or @MONTH.
    #[arg(long, value_name = "AMT[@MONTH]", allow_hyphen_values = true)]
    pub lose: Vec<String>,
    /// A bucket's monthly target: BUCKET=AMT.
    #[arg(long, value_name = "BUCKET=AMT")]
    pub target: Vec<String>,
    /// A new recurring item: KIND,AMT,PLACE[>PLACE],CADENCE[,START].
    #[arg(long, value_name = "SPEC")]
    pub add: Vec<String>,
    /// A recurring item that stops: its id.
    #[arg(long, value_name = "ID")]
    pub drop: Vec<String>,
}

impl WhatifArgs {
    /// Every change as (kind, text), in the order of the kinds.
    pub fn changes(&self) -> Vec<(&'static str, &str)> {
        let groups: [(&'static str, &Vec<String>); 7] = [
            ("extra", &self.extra),
            ("purchase", &self.purchase),
            ("raise", &self.raise),
            ("lose", &self.lose),
            ("target", &self.target),
            ("add", &self.add),
            ("drop", &self.drop),
        ];
        groups
            .into_iter()
            .flat_map(|(kind, values)| values.iter().map(move |v| (kind, v.as_str())))
            .collect()
    }
}

#[derive(Debug, Args)]
pub struct CardSetArgs {
    pub name: String,
    /// Annual percentage rate, in percent (19.99).
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub apr: Option<String>,
    /// Minimum payment: this percent of the statement, plus its interest (default 1).
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub min_percent: Option<String>,
    /// Minimum payment: at least this much (default 25.00), or the whole statement when smaller.
    #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
    pub min_floor: Option<String>,
}

#[derive(Debug, Args)]
pub struct PayoffArgs {
    pub name: String,
    /// A monthly payment to compare with the minimum and the usual payments.
    #[arg(long, value_name = "AMT", allow_hyphen_values = true)]
    pub pay: Option<String>,
    #[arg(long)]
    pub json: bool,
}
