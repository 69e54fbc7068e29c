//! The looking-ahead part of the JSON export: card rates, recurring items, what they posted, and the
//! recurring part of closed months' projections. Written only when there is any, so older exports and
//! exports without plans stay exactly as they were; read back with every field checked.

use super::json_restore::{amount, date, Problem};
use crate::domain::cadence::{Cadence, End, Schedule};
use crate::domain::forecast::RecurringPart;
use crate::domain::payoff::CardRates;
use crate::domain::payoff::{Apr, MinimumRule, MAX_APR_BP};
use crate::domain::recurring::Post;
use crate::domain::recurring::{RecurringItem, RECURRING_KINDS};
use crate::domain::txn::check_shape;
use crate::domain::{Month, PlaceId, PlaceKind, Places, TxnKind};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// Everything looking ahead that a database holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plans {
    pub card_rates: Vec<(PlaceId, CardRates)>,
    pub recurring: Vec<RecurringItem>,
    pub posts: Vec<Post>,
    pub snapshot_plans: Vec<(Month, RecurringPart)>,
}

#[derive(Serialize, Deserialize, Default)]
pub struct PlansRec {
    #[serde(default)]
    pub card_rates: Vec<CardRateRec>,
    #[serde(default)]
    pub recurring: Vec<RecurringRec>,
    #[serde(default)]
    pub recurring_posts: Vec<PostRec>,
    #[serde(default)]
    pub snapshot_plans: Vec<SnapshotPlanRec>,
}

impl PlansRec {
    pub fn is_empty(&self) -> bool {
        self.card_rates.is_empty()
            && self.recurring.is_empty()
            && self.recurring_posts.is_empty()
            && self.snapshot_plans.is_empty()
    }
}

#[derive(Serialize, Deserialize)]
pub struct CardRateRec {
    pub place_id: i64,
    /// Basis points of a percent: 1999 is 19.99%; null when not set.
    pub apr_bp: Option<u32>,
    pub min_payment_bp: u32,
    pub min_payment_floor: String,
}

#[derive(Serialize, Deserialize)]
pub struct RecurringRec {
    pub id: i64,
    pub kind: String,
    pub amount: String,
    pub from_id: Option<i64>,
    pub to_id: Option<i64>,
    pub category: Option<String>,
    pub description: String,
    pub cadence: String,
    pub day: Option<u32>,
    pub start: String,
    pub until: Option<String>,
    pub count: Option<u32>,
}

#[derive(Serialize, Deserialize)]
pub struct PostRec {
    pub txn_id: i64,
    pub item_id: Option<i64>,
    pub date: String,
}

#[derive(Serialize, Deserialize)]
pub struct SnapshotPlanRec {
    pub month: String,
    pub next_income: String,
    pub next_spending: String,
    pub past_income: String,
    pub past_spending: String,
}

pub fn to_rec(plans: &Plans) -> PlansRec {
    PlansRec {
        card_rates: plans
            .card_rates
            .iter()
            .filter(|(_, r)| *r != CardRates::default())
            .map(|(id, r)| CardRateRec {
                place_id: *id,
                apr_bp: r.apr.map(Apr::bp),
                min_payment_bp: r.minimum.percent_bp,
                min_payment_floor: r.minimum.floor.to_string(),
            })
            .collect(),
        recurring: plans
            .recurring
            .iter()
            .map(|i| {
                let (until, count) = match i.schedule.end {
                    End::Never => (None, None),
                    End::Until(d) => (Some(d.to_string()), None),
                    End::Count(n) => (None, Some(n)),
                };
                RecurringRec {
                    id: i.id,
                    kind: i.kind.as_str().to_string(),
                    amount: i.amount.to_string(),
                    from_id: i.from,
                    to_id: i.to,
                    category: i.category.clone(),
                    description: i.description.clone(),
                    cadence: i.schedule.cadence.name().to_string(),
                    day: i.schedule.cadence.day(),
                    start: i.schedule.start.to_string(),
                    until,
                    count,
                }
            })
            .collect(),
        recurring_posts: plans
            .posts
            .iter()
            .map(|p| PostRec {
                txn_id: p.txn,
                item_id: p.item,
                date: p.date.to_string(),
            })
            .collect(),
        snapshot_plans: plans
            .snapshot_plans
            .iter()
            .map(|(m, p)| SnapshotPlanRec {
                month: m.to_string(),
                next_income: p.next_income.to_string(),
                next_spending: p.next_spending.to_string(),
                past_income: p.past_income.to_string(),
                past_spending: p.past_spending.to_string(),
            })
            .collect(),
    }
}

/// Reads the plans back, checking ids, references and the rules of recurring items; `has_txn` says
/// whether a transaction id is in the file.
pub fn from_rec(
    rec: &PlansRec,
    places: &Places,
    has_txn: &dyn Fn(i64) -> bool,
    closed: &[Month],
) -> Result<Plans, Problem> {
    let mut card_rates = Vec::new();
    for r in &rec.card_rates {
        let what = format!("card rates of place {}", r.place_id);
        if places.kind(r.place_id) != Some(PlaceKind::Card) {
            return Err(format!("{what}: place {} is not a card in the file", r.place_id));
        }
        let apr = match r.apr_bp {
            None => None,
            Some(bp) => Some(Apr::from_bp(bp).ok_or_else(|| format!("{what}: apr_bp {bp} is over {MAX_APR_BP}"))?),
        };
        if r.min_payment_bp > MAX_APR_BP {
            return Err(format!(
                "{what}: min_payment_bp {} is over {MAX_APR_BP}",
                r.min_payment_bp
            ));
        }
        let floor = amount(&format!("{what}, min_payment_floor"), &r.min_payment_floor)?;
        if floor.is_negative() {
            return Err(format!("{what}: min_payment_floor cannot be negative"));
        }
        card_rates.push((
            r.place_id,
            CardRates {
                apr,
                minimum: MinimumRule {
                    percent_bp: r.min_payment_bp,
                    floor,
                },
            },
        ));
    }
    let mut ids = HashSet::new();
    let mut recurring = Vec::new();
    for r in &rec.recurring {
        let what = format!("recurring item {}", r.id);
        if r.id <= 0 || !ids.insert(r.id) {
            return Err(format!("{what}: ids must be positive and unique"));
        }
        let kind: TxnKind = r.kind.parse().map_err(|e| format!("{what}: {e}"))?;
        if !RECURRING_KINDS.contains(&kind) {
            return Err(format!("{what}: a {kind} cannot recur"));
        }
        let start = date(&format!("{what}, start"), &r.start)?;
        let cadence = Cadence::from_parts(&r.cadence, r.day, start).map_err(|e| format!("{what}: {e}"))?;
        if (cadence.day().is_some()) != r.day.is_some() {
            return Err(format!("{what}: only a monthly item has a day, and it needs one"));
        }
        let end = match (&r.until, r.count) {
            (Some(_), Some(_)) => return Err(format!("{what}: give until or count, not both")),
            (Some(u), None) => End::Until(date(&format!("{what}, until"), u)?),
            (None, Some(0)) => return Err(format!("{what}: count must be 1 or more")),
            (None, Some(n)) => End::Count(n),
            (None, None) => End::Never,
        };
        let item = RecurringItem {
            id: r.id,
            kind,
            amount: amount(&format!("{what}, amount"), &r.amount)?,
            from: r.from_id,
            to: r.to_id,
            category: r.category.clone(),
            description: r.description.clone(),
            schedule: Schedule { cadence, start, end },
        };
        for id in [item.from, item.to].into_iter().flatten() {
            if places.get(id).is_none() {
                return Err(format!("{what}: place {id} is not in the file"));
            }
        }
        if !item.amount.is_positive() {
            return Err(format!("{what}: the amount must be more than zero"));
        }
        check_shape(&item.draft(start), |id| places.get(id)).map_err(|e| format!("{what}: {e}"))?;
        recurring.push(item);
    }
    let mut posted = HashSet::new();
    let mut occurrences = HashSet::new();
    let mut posts = Vec::new();
    for p in &rec.recurring_posts {
        let what = format!("recurring post of transaction {}", p.txn_id);
        if !has_txn(p.txn_id) {
            return Err(format!("{what}: the transaction is not in the file"));
        }
        let d = date(&format!("{what}, date"), &p.date)?;
        if p.item_id.is_some_and(|i| !ids.contains(&i)) {
            return Err(format!("{what}: its recurring item is not in the file"));
        }
        if !posted.insert(p.txn_id) || p.item_id.is_some_and(|i| !occurrences.insert((i, d))) {
            return Err(format!("{what} appears twice"));
        }
        posts.push(Post {
            txn: p.txn_id,
            item: p.item_id,
            date: d,
        });
    }
    let mut snapshot_plans = Vec::new();
    for p in &rec.snapshot_plans {
        let what = format!("snapshot plan of {}", p.month);
        let month = Month::parse(&p.month).map_err(|e| format!("{what}: {e}"))?;
        if !closed.contains(&month) {
            return Err(format!("{what}: that month has no snapshot in the file"));
        }
        let money = |field: &str, text: &str| amount(&format!("{what}, {field}"), text);
        snapshot_plans.push((
            month,
            RecurringPart {
                next_income: money("next_income", &p.next_income)?,
                next_spending: money("next_spending", &p.next_spending)?,
                past_income: money("past_income", &p.past_income)?,
                past_spending: money("past_spending", &p.past_spending)?,
            },
        ));
    }
    Ok(Plans {
        card_rates,
        recurring,
        posts,
        snapshot_plans,
    })
}
