//! The monthly snapshot: figures of SPEC §3, places, cards, buckets and the projection of §5.

use super::calendar::Month;
use super::engine::{Balances, MonthFlows};
use super::money::Money;
use super::place::{PlaceId, PlaceKind};
use super::places::Places;
use super::statement::CardState;

/// The month's figures (SPEC §3) and what the identities need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub total_income: Money,
    pub total_expense: Money,
    pub cash_outflow: Money,
    pub savings_added: Money,
    pub from_buckets: Money,
    pub market_change: Money,
    pub total_cc_balance: Money,
    pub net_worth: Money,
    pub free_cash: Money,
    /// Σ asset places at the end of the month.
    pub total_assets: Money,
    /// Σ savings places at the end of the month.
    pub total_savings: Money,
    pub cash_advances: Money,
    pub openings: Money,
    pub asset_openings: Money,
}

impl Figures {
    /// Figures from a month's flows and the balances at its end.
    pub fn new(places: &Places, flows: &MonthFlows, closing: &Balances) -> Figures {
        Figures {
            total_income: flows.total_income,
            total_expense: flows.total_expense,
            cash_outflow: flows.cash_outflow,
            savings_added: flows.savings_added,
            from_buckets: flows.from_buckets,
            market_change: flows.market_change,
            total_cc_balance: closing.total_card_debt(places),
            net_worth: closing.net_worth(places),
            free_cash: closing.free_cash(places),
            total_assets: closing.total_assets(places),
            total_savings: closing.total_savings(places),
            cash_advances: flows.cash_advances,
            openings: flows.openings,
            asset_openings: flows.asset_openings,
        }
    }

    /// Day-to-day spending: expenses not funded by a bucket.
    pub fn day_to_day_spending(&self) -> Money {
        self.total_expense - self.from_buckets
    }
}

/// One place's balance at the start and end of the month (its own balance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceLine {
    pub place_id: PlaceId,
    pub name: String,
    pub kind: PlaceKind,
    pub opening: Money,
    pub closing: Money,
}

/// A bucket at the end of the month against its monthly target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketLine {
    pub place_id: PlaceId,
    pub name: String,
    pub balance: Money,
    pub added: Money,
    pub target_monthly: Money,
    pub goal: Option<Money>,
}

/// What next month probably looks like (SPEC §5).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Projection {
    pub expected_income: Money,
    pub expected_spending: Money,
    pub planned_savings: Money,
    pub projected_net_worth: Money,
    pub projected_free_cash: Money,
}

impl Projection {
    /// `window` holds up to 3 months' figures ending with `current` (which is last).
    pub fn new(window: &[&Figures], planned_savings: Money) -> Projection {
        let Some(current) = window.last() else {
            return Projection::default();
        };
        let incomes: Vec<Money> = window.iter().map(|f| f.total_income).collect();
        let spending: Vec<Money> = window.iter().map(|f| f.day_to_day_spending()).collect();
        let expected_income = Money::mean(&incomes);
        let expected_spending = Money::mean(&spending);
        Projection {
            expected_income,
            expected_spending,
            planned_savings,
            projected_net_worth: current.net_worth + expected_income - expected_spending,
            projected_free_cash: current.free_cash + expected_income - expected_spending - planned_savings,
        }
    }
}

/// Everything Close Month freezes for a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub month: Month,
    pub figures: Figures,
    pub places: Vec<PlaceLine>,
    pub cards: Vec<CardState>,
    pub buckets: Vec<BucketLine>,
    pub projection: Projection,
}

/// What a month's snapshot is built from.
pub struct SnapshotInput<'a> {
    pub month: Month,
    pub places: &'a Places,
    pub opening: &'a Balances,
    pub closing: &'a Balances,
    pub flows: &'a MonthFlows,
    pub cards: Vec<CardState>,
    /// Figures of up to two closed months just before, oldest first.
    pub previous: &'a [Figures],
}

impl Snapshot {
    pub fn build(input: SnapshotInput<'_>) -> Snapshot {
        let SnapshotInput {
            month,
            places,
            opening,
            closing,
            flows,
            cards,
            previous,
        } = input;
        let figures = Figures::new(places, flows, closing);
        let open_by_then = |p: &&crate::domain::Place| p.opened_on <= month.last_day();
        let place_lines = places
            .iter()
            .filter(open_by_then)
            .map(|p| PlaceLine {
                place_id: p.id,
                name: p.name.clone(),
                kind: p.kind,
                opening: opening.get(p.id),
                closing: closing.get(p.id),
            })
            .collect();
        let buckets: Vec<BucketLine> = places
            .buckets()
            .filter(open_by_then)
            .map(|b| BucketLine {
                place_id: b.id,
                name: b.name.clone(),
                balance: closing.get(b.id),
                added: flows.bucket_added(b.id),
                target_monthly: b.target_monthly(),
                goal: b.bucket.and_then(|t| t.goal),
            })
            .collect();
        let planned_savings = buckets.iter().map(|b| b.target_monthly).sum();
        let skip = previous.len().saturating_sub(2);
        let mut window: Vec<&Figures> = previous[skip..].iter().collect();
        window.push(&figures);
        let projection = Projection::new(&window, planned_savings);
        Snapshot {
            month,
            figures,
            places: place_lines,
            cards,
            buckets,
            projection,
        }
    }
}
