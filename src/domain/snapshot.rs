//! The monthly snapshot: the month's figures, places, cards, loans, buckets, categories and the projection
//! for the next month, with the terms it was computed with.

use super::calendar::Month;
use super::engine::{Balances, MonthFlows};
use super::money::Money;
use super::place::{PlaceId, PlaceKind};
use super::places::Places;
use super::statement::CardState;
use std::collections::{HashMap, HashSet};

/// The month's figures and what the identities need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub total_income: Money,
    pub total_expense: Money,
    pub cash_outflow: Money,
    pub savings_added: Money,
    pub from_buckets: Money,
    pub market_change: Money,
    pub total_cc_balance: Money,
    pub total_loan_balance: Money,
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
            total_loan_balance: closing.total_loan_debt(places),
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
    /// The target in force for the month.
    pub target_monthly: Money,
    pub goal: Option<Money>,
    /// The target in force for the month after, as known at the close (what `planned_savings` counts).
    pub next_target: Money,
    /// Archived on or before the month's last day: it plans no savings.
    pub archived: bool,
}

impl BucketLine {
    /// What the bucket adds to next month's `planned_savings`: its next target, capped at what it still
    /// lacks of its goal (never below zero; no cap without a goal).
    pub fn planned(&self) -> Money {
        if self.archived {
            return Money::ZERO;
        }
        match self.goal {
            Some(goal) => self.next_target.min((goal - self.balance).max(Money::ZERO)),
            None => self.next_target,
        }
    }
}

/// A loan at the end of the month: what it owes, its scheduled payment, what was paid and charged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanLine {
    pub place_id: PlaceId,
    pub name: String,
    pub balance: Money,
    /// The scheduled monthly payment when the month closed.
    pub payment: Money,
    /// Transfers to it dated in the month.
    pub paid: Money,
    /// Expenses on it dated in the month, net of refunds to it.
    pub charged: Money,
}

/// One category's figures in the month: expense lines net of refund lines, and income lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryLine {
    pub name: String,
    pub expense: Money,
    pub income: Money,
}

/// The terms a stored snapshot was computed with, so that recomputing it (`pfos check`) ignores terms
/// changed after the close.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeptTerms {
    /// The places the snapshot lists.
    pub listed: HashSet<PlaceId>,
    /// Each bucket's line as stored (target, goal, next target, archived).
    pub buckets: HashMap<PlaceId, BucketLine>,
    /// Each loan's payment as stored.
    pub loan_payments: HashMap<PlaceId, Money>,
    /// Each card's limit as stored.
    pub card_limits: HashMap<PlaceId, Option<Money>>,
}

impl KeptTerms {
    /// The terms `snapshot` keeps.
    pub fn of(snapshot: &Snapshot) -> KeptTerms {
        KeptTerms {
            listed: snapshot.places.iter().map(|p| p.place_id).collect(),
            buckets: snapshot.buckets.iter().map(|b| (b.place_id, b.clone())).collect(),
            loan_payments: snapshot.loans.iter().map(|l| (l.place_id, l.payment)).collect(),
            card_limits: snapshot.cards.iter().map(|c| (c.place_id, c.limit)).collect(),
        }
    }
}

/// What next month probably looks like: income and day-to-day spending are means over up to three closed
/// months ending with this one; planned savings are the buckets' targets, capped at what each lacks of its goal.
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
    pub loans: Vec<LoanLine>,
    pub buckets: Vec<BucketLine>,
    pub categories: Vec<CategoryLine>,
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
    /// The terms of the stored snapshot being recomputed (`None` when closing).
    pub kept: Option<&'a KeptTerms>,
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
            kept,
        } = input;
        let figures = Figures::new(places, flows, closing);
        let listed = |p: &&crate::domain::Place| match kept {
            Some(k) => k.listed.contains(&p.id),
            None => p.listed_in(month),
        };
        let place_lines = places
            .iter()
            .filter(listed)
            .map(|p| PlaceLine {
                place_id: p.id,
                name: p.name.clone(),
                kind: p.kind,
                opening: opening.get(p.id),
                closing: closing.get(p.id),
            })
            .collect();
        let cards = cards
            .into_iter()
            .filter(|c| places.get(c.place_id).is_some_and(|p| listed(&p)))
            .map(|mut c| {
                if let Some(limit) = kept.and_then(|k| k.card_limits.get(&c.place_id)) {
                    c.limit = *limit;
                }
                c
            })
            .collect();
        let loans = places
            .loans()
            .filter(listed)
            .map(|l| LoanLine {
                place_id: l.id,
                name: l.name.clone(),
                balance: closing.get(l.id),
                payment: kept
                    .and_then(|k| k.loan_payments.get(&l.id).copied())
                    .unwrap_or_else(|| l.loan.map_or(Money::ZERO, |t| t.payment)),
                paid: flows.loan_paid(l.id),
                charged: flows.loan_charged(l.id),
            })
            .collect();
        let buckets: Vec<BucketLine> = places
            .buckets()
            .filter(listed)
            .map(|b| {
                let stored = kept.and_then(|k| k.buckets.get(&b.id));
                BucketLine {
                    place_id: b.id,
                    name: b.name.clone(),
                    balance: closing.get(b.id),
                    added: flows.bucket_added(b.id),
                    target_monthly: stored.map_or_else(|| b.target_for(month), |s| s.target_monthly),
                    goal: stored.map_or_else(|| b.goal(), |s| s.goal),
                    next_target: stored.map_or_else(|| b.target_for(month.next()), |s| s.next_target),
                    archived: stored.map_or_else(|| b.archived_by(month.last_day()), |s| s.archived),
                }
            })
            .collect();
        let categories = flows
            .category_lines()
            .into_iter()
            .map(|c| CategoryLine {
                name: c.name.clone(),
                expense: c.expense,
                income: c.income,
            })
            .collect();
        let planned_savings = buckets.iter().map(BucketLine::planned).sum();
        let skip = previous.len().saturating_sub(2);
        let mut window: Vec<&Figures> = previous[skip..].iter().collect();
        window.push(&figures);
        let projection = Projection::new(&window, planned_savings);
        Snapshot {
            month,
            figures,
            places: place_lines,
            cards,
            loans,
            buckets,
            categories,
            projection,
        }
    }
}
