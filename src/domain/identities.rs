//! The self-checks: what every month's figures must satisfy.

use super::money::Money;
use super::snapshot::Figures;

/// One identity that did not hold, with both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityBreak {
    pub identity: &'static str,
    pub expected: Money,
    pub actual: Money,
}

/// Checks a month's figures against the figures of the month before (none for the first month).
pub fn check_identities(previous: Option<&Figures>, month: &Figures) -> Vec<IdentityBreak> {
    let (prev_net_worth, prev_assets) = previous.map_or((Money::ZERO, Money::ZERO), |p| (p.net_worth, p.total_assets));
    let mut breaks = Vec::new();
    let nw_expected = month.total_income - month.total_expense + month.market_change + month.openings;
    let nw_actual = month.net_worth - prev_net_worth;
    if nw_expected != nw_actual {
        breaks.push(IdentityBreak {
            identity: "Δ net_worth = total_income − total_expense + market_change + openings",
            expected: nw_expected,
            actual: nw_actual,
        });
    }
    let assets_expected =
        month.total_income - month.cash_outflow + month.cash_advances + month.market_change + month.asset_openings;
    let assets_actual = month.total_assets - prev_assets;
    if assets_expected != assets_actual {
        breaks.push(IdentityBreak {
            identity: "Δ assets = total_income − cash_outflow + cash_advances + market_change + asset openings",
            expected: assets_expected,
            actual: assets_actual,
        });
    }
    breaks
}

/// The third identity: the categories' expenses add up to `total_expense`, their income to `total_income`.
pub fn check_category_sums(month: &Figures, categories: &[super::snapshot::CategoryLine]) -> Vec<IdentityBreak> {
    let expense: Money = categories.iter().map(|c| c.expense).sum();
    let income: Money = categories.iter().map(|c| c.income).sum();
    let mut breaks = Vec::new();
    if expense != month.total_expense {
        breaks.push(IdentityBreak {
            identity: "Σ categories' expense = total_expense",
            expected: month.total_expense,
            actual: expense,
        });
    }
    if income != month.total_income {
        breaks.push(IdentityBreak {
            identity: "Σ categories' income = total_income",
            expected: month.total_income,
            actual: income,
        });
    }
    breaks
}
