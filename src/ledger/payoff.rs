//! Card APR and payoff: setting a card's rates, and the debt-free date under the minimum, the usual
//! payments and a chosen payment.

use super::places::insert_card;
use super::{resolve, Ledger, NewCard};
use crate::domain::forecast::CardPlan;
use crate::domain::payoff::CardRates;
use crate::domain::payoff::{payoff, Apr, MinimumRule, PaymentPlan, Payoff};
use crate::domain::PlaceClass;
use crate::domain::{Money, Month, PlaceId, PlaceKind, Places};
use crate::error::{refused, refused_with, Hint, Result};
use crate::store::card_rates;
use crate::store::places as place_rows;
use crate::store::Change;
use chrono::NaiveDate;

/// New rates for a card; `None` keeps what is there.
#[derive(Debug, Clone, Copy, Default)]
pub struct RatesEdit {
    pub apr: Option<Apr>,
    pub min_percent_bp: Option<u32>,
    pub min_floor: Option<Money>,
}

/// What paying a card off costs and when it ends, three ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPayoff {
    pub card: PlaceId,
    pub name: String,
    /// What the card owes now.
    pub balance: Money,
    /// `None` when no APR was given (no interest is counted then).
    pub apr: Option<Apr>,
    pub rule: MinimumRule,
    /// How the card has been paid lately.
    pub usual: PaymentPlan,
    /// The month of the first payment: this month when a statement falls due later in it, else the next.
    pub first_payment: Month,
    pub minimum: Payoff,
    pub current: Payoff,
    /// A chosen monthly payment and its payoff.
    pub chosen: Option<(Money, Payoff)>,
}

/// Payoffs of one card from its forecast plan and what it owes; `extra` is added to the usual payments.
pub fn card_payoff(
    name: &str,
    plan: &CardPlan,
    apr: Option<Apr>,
    balance: Money,
    first_payment: Month,
    chosen: Option<Money>,
) -> CardPayoff {
    let run = |p: PaymentPlan, extra: Money| payoff(balance, plan.apr, &plan.rule, p, extra, first_payment);
    CardPayoff {
        card: plan.card,
        name: name.to_string(),
        balance,
        apr,
        rule: plan.rule,
        usual: plan.plan,
        first_payment,
        minimum: run(PaymentPlan::Minimum, Money::ZERO),
        current: run(plan.plan, plan.extra),
        chosen: chosen.map(|amount| (amount, run(PaymentPlan::Fixed(amount), Money::ZERO))),
    }
}

impl Ledger {
    /// Adds a card and its rates in one step.
    pub fn add_card_with_rates(
        &mut self,
        card: &NewCard<'_>,
        rates: RatesEdit,
        opening: Money,
        date: NaiveDate,
    ) -> Result<PlaceId> {
        self.store.write(|tx| {
            let (id, change) = insert_card(tx, card, opening, date)?;
            card_rates::set(tx, id, &merged(CardRates::default(), rates))?;
            Ok((id, change))
        })
    }

    /// Sets a card's APR and minimum-payment rule.
    pub fn set_card_rates(&mut self, name: &str, edit: RatesEdit) -> Result<(String, CardRates)> {
        if edit.apr.is_none() && edit.min_percent_bp.is_none() && edit.min_floor.is_none() {
            return refused_with("nothing to set", Hint::SetRates);
        }
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let id = card_named(&places, name)?;
            let now = card_rates::all(tx)?.get(&id).copied().unwrap_or_default();
            let rates = merged(now, edit);
            card_rates::set(tx, id, &rates)?;
            let what = format!("set the rates of {}", places.name(id));
            Ok(((places.name(id).to_string(), rates), Change::new("card", what)))
        })
    }

    /// The payoff of the card named `name` from what it owes today, with an optional chosen payment.
    pub fn card_payoff(&self, name: &str, chosen: Option<Money>) -> Result<CardPayoff> {
        let places = self.places()?;
        let id = card_named(&places, name)?;
        let input = self.forecast_input(self.today, 1)?;
        let Some(plan) = input.cards.iter().find(|c| c.card == id) else {
            return refused(format!(
                "card '{}' opened after {}; there is nothing to pay off yet",
                places.name(id),
                self.today
            ));
        };
        let apr = self.card_rates()?.get(&id).and_then(|r| r.apr);
        let balance = input.balances.get(id);
        let first = first_payment(plan, self.today);
        Ok(card_payoff(places.name(id), plan, apr, balance, first, chosen))
    }
}

/// The month of the next payment: this month when a statement falls due later in it, else the next.
pub fn first_payment(plan: &CardPlan, today: NaiveDate) -> Month {
    let this = Month::of(today);
    match plan.statement {
        Some((due, _, _)) if due > today && Month::of(due) == this => this,
        _ => this.next(),
    }
}

pub(super) fn merged(mut rates: CardRates, edit: RatesEdit) -> CardRates {
    if edit.apr.is_some() {
        rates.apr = edit.apr;
    }
    if let Some(p) = edit.min_percent_bp {
        rates.minimum.percent_bp = p;
    }
    if let Some(f) = edit.min_floor {
        rates.minimum.floor = f;
    }
    rates
}

/// Finds a card by name, or says why the name is not one.
pub(super) fn card_named(places: &Places, name: &str) -> Result<PlaceId> {
    let id = resolve(places, name)?;
    match places.kind(id) {
        Some(PlaceKind::Card) => Ok(id),
        kind => refused_with(
            format!(
                "'{}' is a {}, not a card",
                places.name(id),
                kind.map_or("place", PlaceKind::as_str)
            ),
            Hint::ListPlaces(PlaceClass::Card),
        ),
    }
}
