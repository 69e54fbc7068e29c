//! What-if: the forecast again with changes applied, next to the baseline. Several changes combine.

use super::calendar::Month;
use super::forecast::{forecast, Forecast, ForecastInput, IncomeChange, OneOff};
use super::money::Money;
use super::place::PlaceId;
use super::places::Places;
use super::recurring::{Occurrence, RecurringId, RecurringItem};
use chrono::NaiveDate;

/// One change to the current path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Pay this much more to a card or a loan every month.
    ExtraPayment { place: PlaceId, monthly: Money },
    /// A one-off purchase on a date, paid from a place.
    Purchase {
        place: PlaceId,
        amount: Money,
        date: NaiveDate,
        description: String,
    },
    /// Monthly income up (a raise) or down (a lost income) from a month on.
    Income { monthly: Money, from: Month },
    /// A bucket's monthly target changed.
    BucketTarget { bucket: PlaceId, target: Money },
    /// A recurring item that does not exist yet.
    AddRecurring(RecurringItem),
    /// A recurring item that stops.
    RemoveRecurring(RecurringId),
}

impl Change {
    /// One line saying what the change is.
    pub fn describe(&self, places: &Places, items: &[RecurringItem]) -> String {
        match self {
            Change::ExtraPayment { place, monthly } => {
                format!("{} more to {} every month", monthly.grouped(), places.name(*place))
            }
            Change::Purchase {
                place,
                amount,
                date,
                description,
            } => {
                let what = if description.is_empty() {
                    "a purchase"
                } else {
                    description
                };
                format!("{what} of {} from {} on {date}", amount.grouped(), places.name(*place))
            }
            Change::Income { monthly, from } if monthly.is_negative() => {
                format!("income {} a month lower from {from}", (-*monthly).grouped())
            }
            Change::Income { monthly, from } => format!("a raise of {} a month from {from}", monthly.grouped()),
            Change::BucketTarget { bucket, target } => {
                format!("{} target {} a month", places.name(*bucket), target.grouped())
            }
            Change::AddRecurring(item) => format!(
                "new {} {} {} ({})",
                item.kind,
                item.label(),
                item.amount.grouped(),
                item.schedule.cadence
            ),
            Change::RemoveRecurring(id) => {
                let name = items
                    .iter()
                    .find(|i| i.id == *id)
                    .map_or("?".to_string(), RecurringItem::label);
                format!("recurring item {id} ({name}) stops")
            }
        }
    }
}

/// The input with every change applied. Added recurring items get ids below zero, so none clashes.
pub fn apply(input: &ForecastInput, changes: &[Change]) -> ForecastInput {
    let mut out = input.clone();
    let mut next_id: RecurringId = -1;
    for change in changes {
        match change {
            Change::ExtraPayment { place, monthly } => {
                if let Some(c) = out.cards.iter_mut().find(|c| c.card == *place) {
                    c.extra += *monthly;
                }
                if let Some(l) = out.loans.iter_mut().find(|l| l.loan == *place) {
                    l.extra += *monthly;
                }
            }
            Change::Purchase {
                place,
                amount,
                date,
                description,
            } => out.one_offs.push(OneOff {
                date: *date,
                place: *place,
                amount: *amount,
                description: description.clone(),
            }),
            Change::Income { monthly, from } => out.income_changes.push(IncomeChange {
                from: *from,
                monthly: *monthly,
            }),
            Change::BucketTarget { bucket, target } => {
                if let Some(b) = out.buckets.iter_mut().find(|b| b.bucket == *bucket) {
                    b.target = *target;
                }
            }
            Change::AddRecurring(item) => {
                let mut item = item.clone();
                item.id = next_id;
                next_id -= 1;
                // One falling today happens in the first period, as an occurrence due but not posted would.
                for date in item.schedule.between(input.as_of, input.as_of) {
                    out.overdue.push(Occurrence { item: item.id, date });
                }
                out.items.push(item);
            }
            Change::RemoveRecurring(id) => {
                out.items.retain(|i| i.id != *id);
                out.overdue.retain(|o| o.item != *id);
            }
        }
    }
    out
}

/// The baseline and the scenario, side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatIf {
    pub baseline: Forecast,
    pub scenario: Forecast,
}

pub fn whatif(input: &ForecastInput, changes: &[Change]) -> WhatIf {
    WhatIf {
        baseline: forecast(input),
        scenario: forecast(&apply(input, changes)),
    }
}

#[cfg(test)]
mod tests;
