//! One period of the forecast: each planned movement applied as a transaction, with its effect on free cash.

use super::{figures, CardMonth, Driver, ForecastInput, ForecastMonth, LoanMonth, Period};
use crate::domain::calendar::add_days;
use crate::domain::engine::{Balances, MonthFlows};
use crate::domain::money::Money;
use crate::domain::place::{PlaceId, PlaceKind};
use crate::domain::places::Places;
use crate::domain::txn::{Txn, TxnKind};
use chrono::NaiveDate;
use std::collections::HashMap;

/// How many drivers with an amount a month keeps.
const DRIVERS: usize = 4;

/// The state of one period while it is worked out.
pub(super) struct Step<'a> {
    places: &'a Places,
    balances: &'a mut Balances,
    flows: MonthFlows,
    /// Effects on free cash by label, in the order first seen.
    effects: Vec<(String, Money)>,
    events: Vec<String>,
    interest: Money,
    payments: Money,
    loan_payments: Money,
}

impl<'a> Step<'a> {
    pub(super) fn new(places: &'a Places, balances: &'a mut Balances) -> Step<'a> {
        Step {
            places,
            balances,
            flows: MonthFlows::default(),
            effects: Vec::new(),
            events: Vec::new(),
            interest: Money::ZERO,
            payments: Money::ZERO,
            loan_payments: Money::ZERO,
        }
    }

    /// Applies one movement and notes its effect on free cash under `label`.
    fn post(
        &mut self,
        label: &str,
        kind: TxnKind,
        amount: Money,
        from: Option<PlaceId>,
        to: Option<PlaceId>,
        date: NaiveDate,
    ) {
        if amount.is_zero() {
            return;
        }
        let txn = Txn {
            id: 0,
            date,
            kind,
            amount,
            from,
            to,
            category: None,
            description: String::new(),
            splits: Vec::new(),
            tags: Vec::new(),
        };
        let before = self.balances.free_cash(self.places);
        let change = self.balances.apply(self.places, &txn);
        self.flows.record(self.places, &txn, change);
        let effect = self.balances.free_cash(self.places) - before;
        match self.effects.iter_mut().find(|(l, _)| l == label) {
            Some((_, total)) => *total += effect,
            None => self.effects.push((label.to_string(), effect)),
        }
    }

    pub(super) fn run(
        mut self,
        input: &ForecastInput,
        period: Period,
        first: bool,
        last_interest: &mut HashMap<PlaceId, Money>,
    ) -> ForecastMonth {
        let start_owed: HashMap<PlaceId, Money> = input
            .cards
            .iter()
            .map(|c| (c.card, self.balances.get(c.card)))
            .collect();
        let mut paid_by_items: HashMap<PlaceId, Money> = HashMap::new();
        let mut saved_by_items: HashMap<PlaceId, Money> = HashMap::new();

        // 1. Recurring items, with what is overdue first.
        let mut occurrences: Vec<(NaiveDate, usize)> = Vec::new();
        if first {
            for o in &input.overdue {
                if let Some(i) = input.items.iter().position(|it| it.id == o.item) {
                    occurrences.push((o.date, i));
                }
            }
        }
        for (i, item) in input.items.iter().enumerate() {
            occurrences.extend(
                item.schedule
                    .between(period.from, period.through)
                    .into_iter()
                    .map(|d| (d, i)),
            );
        }
        occurrences.sort();
        for (date, i) in occurrences {
            let item = &input.items[i];
            if let Some(to) = item.to.filter(|_| item.kind == TxnKind::Transfer) {
                match self.places.kind(to) {
                    Some(PlaceKind::Card | PlaceKind::Loan) => *paid_by_items.entry(to).or_default() += item.amount,
                    Some(PlaceKind::Bucket) => *saved_by_items.entry(to).or_default() += item.amount,
                    _ => {}
                }
            }
            self.post(&item.label(), item.kind, item.amount, item.from, item.to, date);
        }

        // 2. A what-if's one-off purchases and income changes.
        // The first period takes one dated today too: the forecast starts from the balances before it.
        let starts = if first { input.as_of } else { period.from };
        for o in input
            .one_offs
            .iter()
            .filter(|o| o.date >= starts && o.date <= period.through)
        {
            let label = format!("one-off: {}", o.description);
            self.post(&label, TxnKind::Expense, o.amount, Some(o.place), None, o.date);
        }
        for change in input.income_changes.iter().filter(|c| period.month >= c.from) {
            let label = if change.monthly.is_negative() {
                "income lost"
            } else {
                "raise"
            };
            let amount = change.monthly.times(period.fraction);
            self.post(
                label,
                TxnKind::Income,
                amount,
                None,
                Some(input.primary),
                period.through,
            );
        }

        // 3. The usual income and spending, pro rata for the rest of a month.
        let usual = &input.usual;
        let income = usual.income.times(period.fraction);
        self.post(
            "usual income",
            TxnKind::Income,
            income,
            None,
            Some(input.primary),
            period.through,
        );
        let spending = usual.spending.times(period.fraction);
        for (place, amount) in split(spending, &usual.weights, input.primary) {
            self.post(
                "usual spending",
                TxnKind::Expense,
                amount,
                Some(place),
                None,
                period.through,
            );
        }

        // 4. Buckets up to their targets, never past a goal.
        for b in &input.buckets {
            let already = saved_by_items.get(&b.bucket).copied().unwrap_or(Money::ZERO)
                + if period.partial {
                    b.added_this_month
                } else {
                    Money::ZERO
                };
            let mut amount = (b.target - already).max(Money::ZERO);
            let balance = self.balances.get(b.bucket);
            if let Some(goal) = b.goal {
                amount = if balance >= goal {
                    Money::ZERO
                } else {
                    amount.min(goal - balance)
                };
            }
            let label = format!("to {}", self.places.name(b.bucket));
            self.post(
                &label,
                TxnKind::Transfer,
                amount,
                Some(b.source),
                Some(b.bucket),
                period.through,
            );
            if b.goal.is_some_and(|g| balance < g && self.balances.get(b.bucket) >= g) {
                self.events
                    .push(format!("{} reaches its goal", self.places.name(b.bucket)));
            }
        }

        // 5. Cards: the statement paid under the usual behaviour, interest on what is left.
        let mut cards = Vec::new();
        for c in &input.cards {
            let name = self.places.name(c.card).to_string();
            let statement = start_owed.get(&c.card).copied().unwrap_or(Money::ZERO);
            let mut by_items = paid_by_items.get(&c.card).copied().unwrap_or(Money::ZERO);
            let previous_interest = last_interest.get(&c.card).copied().unwrap_or(Money::ZERO);
            // The statements this period pays, each (what is on it, its due date, the payment wanted): for
            // a whole month what was owed when it began; for the rest of a month only those falling due in
            // it: the latest closed one, less the credits so far, and one closing in these days and due
            // before the month ends. An extra payment goes with each payment, this month's included.
            let mut dues: Vec<(Money, NaiveDate, Money)> = Vec::new();
            if !period.partial {
                let planned = c.plan.payment(statement, previous_interest, &c.rule, c.extra);
                dues.push((statement, period.through, planned));
            } else {
                if let Some((due, balance, credits)) = c.statement {
                    if due >= period.from && due <= period.through {
                        let left = (balance - credits).max(Money::ZERO);
                        let planned = c.plan.payment(balance, Money::ZERO, &c.rule, c.extra);
                        dues.push((left, due, (planned - credits).max(Money::ZERO)));
                    }
                }
                let terms = self.places.get(c.card).and_then(|p| p.card_terms_for(period.month));
                if let Some(t) = terms {
                    let closes = crate::domain::statement::statement_date(&t, period.month);
                    let due = add_days(closes, t.grace_days);
                    if closes >= period.from && due <= period.through {
                        let already: Money = dues.iter().map(|(left, _, _)| *left).sum();
                        let on_it = (statement - already).max(Money::ZERO);
                        let planned = c.plan.payment(on_it, Money::ZERO, &c.rule, c.extra);
                        dues.push((on_it, due, planned));
                    }
                }
            }
            // Recurring payments to the card count first, toward each statement in turn.
            let mut paid = by_items;
            let mut carried = Money::ZERO;
            for (on_statement, due_date, wanted) in &dues {
                let owed_now = self.balances.get(c.card).max(Money::ZERO);
                let payment = (*wanted - by_items).max(Money::ZERO).min(owed_now);
                self.post(
                    &format!("{name} payment"),
                    TxnKind::Transfer,
                    payment,
                    Some(c.payer),
                    Some(c.card),
                    *due_date,
                );
                paid += payment;
                carried += (*on_statement - by_items - payment).max(Money::ZERO);
                by_items = (by_items - *on_statement).max(Money::ZERO);
            }
            self.payments += paid;
            let interest = c.apr.monthly_interest(carried);
            if !dues.is_empty() {
                last_interest.insert(c.card, interest);
            }
            self.post(
                &format!("interest on {name}"),
                TxnKind::Expense,
                interest,
                Some(c.card),
                None,
                period.through,
            );
            self.interest += interest;
            let owed = self.balances.get(c.card);
            let limit = self.places.get(c.card).and_then(|p| p.card).and_then(|t| t.limit);
            let over_limit = limit.is_some_and(|l| owed > l);
            // Named in the month it goes over (and in the first period when it is over already).
            let was_over = limit.is_some_and(|l| statement > l);
            if let Some(l) = limit.filter(|l| owed > *l && (first || !was_over)) {
                let verb = if was_over { "stays" } else { "goes" };
                self.events.push(format!(
                    "{name} {verb} over its {} limit ({} owed)",
                    l.grouped(),
                    owed.grouped()
                ));
            }
            cards.push(CardMonth {
                card: c.card,
                statement,
                paid,
                interest,
                owed,
                carried,
                over_limit,
            });
        }

        // 6. Loans on their payment day: interest on what is owed at the start of it, then the payment.
        let mut loans = Vec::new();
        for l in &input.loans {
            let day = period.month.clamped_day(l.payment_day);
            let from_items = paid_by_items.get(&l.loan).copied().unwrap_or(Money::ZERO);
            let (mut interest, mut payment) = (Money::ZERO, Money::ZERO);
            if day >= period.from && day <= period.through {
                let name = self.places.name(l.loan).to_string();
                interest = l.apr.monthly_interest(self.balances.get(l.loan));
                self.post(
                    &format!("interest on {name}"),
                    TxnKind::Expense,
                    interest,
                    Some(l.loan),
                    None,
                    day,
                );
                let already = if first { l.paid_this_month } else { Money::ZERO };
                let owed = self.balances.get(l.loan).max(Money::ZERO);
                payment = (l.payment + l.extra - from_items - already).max(Money::ZERO).min(owed);
                self.post(
                    &format!("{name} payment"),
                    TxnKind::Transfer,
                    payment,
                    Some(l.payer),
                    Some(l.loan),
                    day,
                );
                if owed.is_positive() && !self.balances.get(l.loan).is_positive() {
                    self.events.push(format!("{name} is paid off"));
                }
            }
            self.interest += interest;
            self.loan_payments += payment + from_items;
            loans.push(LoanMonth {
                loan: l.loan,
                interest,
                paid: payment + from_items,
                owed: self.balances.get(l.loan),
            });
        }

        let figures = figures(self.places, &self.flows, self.balances);
        let spending = figures.day_to_day_spending() - self.interest;
        ForecastMonth {
            month: period.month,
            from: period.from,
            partial: period.partial,
            figures,
            spending,
            interest: self.interest,
            card_payments: self.payments,
            loan_payments: self.loan_payments,
            cards,
            loans,
            drivers: drivers(self.effects, self.events),
        }
    }
}

/// Splits `total` over places in proportion to `weights`, to the cent; any rounding goes to the heaviest.
/// Without weights everything comes from `fallback`.
pub(super) fn split(total: Money, weights: &[(PlaceId, Money)], fallback: PlaceId) -> Vec<(PlaceId, Money)> {
    let positive: Vec<(PlaceId, Money)> = weights.iter().copied().filter(|(_, w)| w.is_positive()).collect();
    let sum: Money = positive.iter().map(|(_, w)| *w).sum();
    if !sum.is_positive() {
        return vec![(fallback, total)];
    }
    let mut parts: Vec<(PlaceId, Money)> = positive
        .iter()
        .map(|(p, w)| (*p, total.times(w.decimal() / sum.decimal())))
        .collect();
    let rest = total - parts.iter().map(|(_, a)| *a).sum();
    let heaviest = positive.iter().max_by_key(|(_, w)| *w).map(|(p, _)| *p);
    if let Some(part) = parts.iter_mut().find(|(p, _)| Some(*p) == heaviest) {
        part.1 += rest;
    }
    parts
}

/// The biggest effects on free cash (by size), then the events.
fn drivers(effects: Vec<(String, Money)>, events: Vec<String>) -> Vec<Driver> {
    let mut effects: Vec<(String, Money)> = effects.into_iter().filter(|(_, a)| !a.is_zero()).collect();
    effects.sort_by_key(|(_, a)| std::cmp::Reverse(if a.is_negative() { -*a } else { *a }));
    effects
        .into_iter()
        .take(DRIVERS)
        .map(|(label, amount)| Driver {
            label,
            amount: Some(amount),
        })
        .chain(events.into_iter().map(|label| Driver { label, amount: None }))
        .collect()
}
