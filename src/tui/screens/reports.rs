//! The Reports screen (`9`): where the money went. Four views (`v` goes through them): the month's
//! categories against the usual, a 12-month trend per category, the cash flow month by month, and what
//! each tag cost. `[` `]` move the month, `r` the range of months, Enter opens the Transactions of the
//! selected category or tag.

use super::selection::Selection;
use crate::domain::report_trends::{trends, Comparison, Trend};
use crate::domain::{CategoryLine, Month};
use crate::error::Result;
use crate::ledger::browse::MonthSeries;
use crate::ledger::{CashflowMonth, Ledger};

/// The views, in the order `v` goes through them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Categories,
    Trends,
    Cashflow,
    Tags,
}

impl View {
    pub const ALL: [View; 4] = [View::Categories, View::Trends, View::Cashflow, View::Tags];

    pub fn title(self) -> &'static str {
        match self {
            View::Categories => "Categories",
            View::Trends => "Trends",
            View::Cashflow => "Cash flow",
            View::Tags => "Tags",
        }
    }
}

/// The ranges `r` goes through, in months (ending at the month shown).
pub const RANGES: [u32; 4] = [1, 3, 6, 12];
/// Months the trends and the cash flow show.
pub const TREND_MONTHS: u32 = 12;

/// The screen's own state: the view, the month and range, what they show, and the selection.
#[derive(Debug, Default)]
pub struct ReportsScreen {
    pub view: View,
    /// The last month shown; `None` until the first load, which picks the current month.
    pub month: Option<Month>,
    /// Which of `RANGES`.
    pub range: usize,
    /// The month (or range) against the usual; a range longer than a month has no usual.
    pub categories: Vec<Comparison>,
    /// How many months before the month the usual is the mean of (fewer than 3 on a new ledger).
    pub usual_months: u32,
    pub trends: Vec<Trend>,
    /// The months the trends cover, oldest first.
    pub trend_months: Vec<Month>,
    pub cashflow: Vec<CashflowMonth>,
    pub tags: Vec<CategoryLine>,
    pub selected: Selection,
}

impl ReportsScreen {
    pub fn months(&self) -> u32 {
        RANGES[self.range.min(RANGES.len() - 1)]
    }

    /// The first and last month of the range shown.
    pub fn span(&self) -> Option<(Month, Month)> {
        let last = self.month?;
        Some((last.plus(1 - i32::try_from(self.months()).unwrap_or(1)), last))
    }

    /// Reads what the view shows (the current month at first). The cash flow comes from `series`, the
    /// month-end figures the app already holds, when they reach back far enough.
    pub fn reload(&mut self, ledger: &Ledger, series: &MonthSeries) -> Result<()> {
        let last = *self.month.get_or_insert_with(|| Month::of(ledger.today()));
        let (first, _) = self.span().unwrap_or((last, last));
        match self.view {
            View::Categories if first == last => {
                // Spending only: a category with income alone is not a place the money went.
                let against = ledger.categories_vs_usual(last)?;
                self.categories = against.categories;
                self.usual_months = against.usual_months;
                self.categories.retain(|c| !c.spent.is_zero() || !c.usual.is_zero());
            }
            View::Categories => {
                let mut lines = ledger.category_report(first, last)?;
                lines.sort_by(|a, b| b.expense.cmp(&a.expense).then_with(|| a.name.cmp(&b.name)));
                self.categories = lines
                    .into_iter()
                    .map(|l| Comparison {
                        name: l.name,
                        spent: l.expense,
                        usual: crate::domain::Money::ZERO,
                        income: l.income,
                    })
                    .collect();
            }
            View::Trends => {
                let from = last.plus(1 - i32::try_from(TREND_MONTHS).unwrap_or(12));
                let months = ledger.category_months(from, last)?;
                self.trend_months = months.iter().map(|(m, _)| *m).collect();
                let lines: Vec<Vec<CategoryLine>> = months.into_iter().map(|(_, l)| l).collect();
                self.trends = trends(&lines);
            }
            View::Cashflow => {
                let from = last.plus(1 - i32::try_from(TREND_MONTHS).unwrap_or(12));
                let held = series.months.first().is_some_and(|p| p.month <= from);
                let points: Vec<CashflowMonth> = if held {
                    series
                        .months
                        .iter()
                        .map(|p| CashflowMonth::of(p.month, p.closed, &p.figures))
                        .collect()
                } else {
                    // Further back than the app holds: read the months up to the one shown.
                    let back = last.until(Month::of(ledger.today())).max(0);
                    ledger.cashflow(TREND_MONTHS + u32::try_from(back).unwrap_or(0))?
                };
                self.cashflow = points.into_iter().filter(|m| m.month <= last).collect();
                let keep = self.cashflow.len().saturating_sub(TREND_MONTHS as usize);
                self.cashflow.drain(..keep);
            }
            View::Tags => self.tags = ledger.tag_report(first, last)?,
        }
        self.selected.clamp(self.rows());
        Ok(())
    }

    /// Rows the selection moves over in the view.
    pub fn rows(&self) -> usize {
        match self.view {
            View::Categories => self.categories.len(),
            View::Trends => self.trends.len(),
            View::Cashflow => self.cashflow.len(),
            View::Tags => self.tags.len(),
        }
    }

    /// Moves to the month before or after and reads it.
    pub fn step_month(&mut self, later: bool, ledger: &Ledger, series: &MonthSeries) -> Result<()> {
        let now = self.month.unwrap_or_else(|| Month::of(ledger.today()));
        self.month = Some(if later { now.next() } else { now.prev() });
        self.reload(ledger, series)
    }

    /// The next view.
    pub fn next_view(&mut self, ledger: &Ledger, series: &MonthSeries) -> Result<()> {
        let at = View::ALL.iter().position(|v| *v == self.view).unwrap_or(0);
        self.view = View::ALL[(at + 1) % View::ALL.len()];
        self.selected.reset();
        self.reload(ledger, series)
    }

    /// The next range of months.
    pub fn next_range(&mut self, ledger: &Ledger, series: &MonthSeries) -> Result<()> {
        self.range = (self.range + 1) % RANGES.len();
        self.reload(ledger, series)
    }

    /// What Enter opens: the selected category, or the selected tag.
    pub fn selected_target(&self) -> Option<Target> {
        let at = self.selected.at();
        match self.view {
            View::Categories => self.categories.get(at).map(|c| Target::Category(c.name.clone())),
            View::Trends => self.trends.get(at).map(|t| Target::Category(t.name.clone())),
            View::Tags => self.tags.get(at).map(|t| Target::Tag(t.name.clone())),
            View::Cashflow => None,
        }
    }
}

/// What a row of a report stands for, to list its transactions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Category(String),
    Tag(String),
}
