//! The dashboard's figures at a date: this month so far, cards, buckets and the "Am I okay?" verdict.

use super::close::card_states_from_moves;
use super::lookback::Lookback;
use super::{Ledger, Outlook};
use crate::domain::forecast::Forecast;
use crate::domain::statement::due_before;
use crate::domain::verdict::{
    grown_categories, pace_warns, verdict, BucketFacts, BucketMonth, CardFacts, LoanFacts, OutlookFacts, Pace, Trouble,
    Verdict, VerdictInput,
};
use crate::domain::{
    Balances, BucketLine, CardState, Figures, Money, Month, MonthFlows, PlaceKind, Places, Txn, TxnKind,
};
use crate::error::Result;
use crate::store::{snapshots, txns};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything the dashboard and `pfos status` show.
pub struct Status {
    pub date: NaiveDate,
    pub month: Month,
    pub places: Places,
    pub balances: Balances,
    /// This month so far.
    pub figures: Figures,
    /// Net worth at the end of last month, if tracked then.
    pub net_worth_last_month: Option<Money>,
    /// Mean day-to-day spending of the (up to three) months before this one that have any transaction
    /// other than an opening.
    pub spending_average: Option<Money>,
    /// Mean day-to-day spending of the same days of those months (1st through this day): what this month
    /// so far is compared with.
    pub spending_usual_so_far: Option<Money>,
    pub cards: Vec<CardState>,
    pub buckets: Vec<BucketLine>,
    /// Net worth at the end of each tracked month up to this one, oldest first.
    pub net_worth_history: Vec<(Month, Money)>,
    pub verdict: Verdict,
    /// The latest closed month, if any.
    pub latest_closed: Option<Month>,
}

impl Ledger {
    /// The state of things after every transaction dated on or before `date`.
    pub fn status(&self, date: NaiveDate) -> Result<Status> {
        self.store.read(|conn| {
            let seen = Lookback::load(conn, date)?;
            let ahead = super::outlook::ahead(conn, &seen)?;
            status(conn, &seen, ahead.as_ref().map(|(_, f)| f))
        })
    }

    /// The status and the outlook at `date`, reading the ledger once and forecasting once for both (the
    /// dashboard and `pfos status`).
    pub fn dashboard(&self, date: NaiveDate) -> Result<(Status, Option<Outlook>)> {
        self.store.read(|conn| {
            let seen = Lookback::load(conn, date)?;
            let ahead = super::outlook::ahead(conn, &seen)?;
            let status = status(conn, &seen, ahead.as_ref().map(|(_, f)| f))?;
            let outlook = match ahead {
                Some((input, forecast)) => Some(super::outlook::outlook(conn, &seen, input, forecast)?),
                None => None,
            };
            Ok((status, outlook))
        })
    }
}

/// Months before this one the pace and the runway look at.
const BEFORE: i32 = 3;

/// The status from what the dashboard read at `seen.as_of`, judged with the forecast from there.
fn status(conn: &Connection, seen: &Lookback, forecast: Option<&Forecast>) -> Result<Status> {
    let (date, state) = (seen.as_of, &seen.state);
    let month = Month::of(date);
    let places = &state.places;
    let balances = state.balances().clone();
    let flows = state.replay.months.get(&month).cloned().unwrap_or_default();
    let figures = Figures::new(places, &flows, &balances);

    // Month-end figures of tracked months: snapshots where closed, the replay where open.
    let first_month = txns::earliest_date(conn)?.map(Month::of);
    let mut history: BTreeMap<Month, (Money, Money)> = BTreeMap::new(); // net worth, day-to-day spending
    let since = month.plus(-12);
    for (m, f, _) in snapshots::figures_since(conn, Some(since))? {
        if m < month {
            history.insert(m, (f.net_worth, f.day_to_day_spending()));
        }
    }
    if let Some(first) = first_month {
        let mut m = since.max(first);
        while m < month {
            if !history.contains_key(&m) && state.checkpoint.is_none_or(|c| m > c) {
                let at_end = state.balances_at_end_of(m);
                let spent = state
                    .replay
                    .months
                    .get(&m)
                    .map_or(Money::ZERO, MonthFlows::day_to_day_spending);
                history.insert(m, (at_end.net_worth(places), spent));
            }
            m = m.next();
        }
    }
    let net_worth_3_months_ago = history.get(&month.plus(-3)).map(|(nw, _)| *nw);

    // The months before this one that count: any transaction other than an opening (`recent` reaches
    // back to the first of them).
    let earliest = month.plus(-BEFORE).first_day();
    let counted: BTreeSet<Month> = seen
        .recent
        .iter()
        .filter(|t| t.kind != TxnKind::Opening && t.date >= earliest && t.date < month.first_day())
        .map(|t| Month::of(t.date))
        .collect();
    let monthly_spending: Vec<Money> = counted
        .iter()
        .filter_map(|m| history.get(m).map(|(_, spent)| *spent))
        .collect();
    let pace = pace(conn, places, seen, &flows, &counted)?;

    // `recent` reaches back past every card's statement window at `date`.
    let mut cards = card_states_from_moves(places, &balances, date, &seen.card_moves);
    cards.retain(|c| !places.get(c.place_id).is_some_and(|p| p.archived_by(date)));
    let card_facts: Vec<CardFacts> = cards
        .iter()
        .map(|c| CardFacts {
            name: c.name.clone(),
            balance: c.balance,
            limit: c.limit,
            past_due: places.get(c.place_id).and_then(|p| {
                let moves = seen.card_moves.get(&c.place_id).cloned().unwrap_or_default();
                due_before(p, c.balance, date, &moves)
            }),
        })
        .collect();

    let open_buckets: Vec<&crate::domain::Place> = places
        .buckets()
        .filter(|b| b.opened_on <= date && !b.archived_by(date))
        .collect();
    let buckets: Vec<BucketLine> = open_buckets
        .iter()
        .map(|b| BucketLine {
            place_id: b.id,
            name: b.name.clone(),
            balance: balances.get(b.id),
            added: flows.bucket_added(b.id),
            target_monthly: b.target_for(month),
            goal: b.goal(),
            next_target: b.target_for(month.next()),
            archived: b.archived_by(date),
        })
        .collect();
    let last = month.prev();
    // The last complete month's buckets: its snapshot when closed (the terms it was closed with), else
    // the replay.
    let closed_last: Option<HashMap<i64, BucketLine>> = if state.checkpoint == Some(last) {
        Some(
            snapshots::bucket_lines(conn, last, places)?
                .into_iter()
                .map(|b| (b.place_id, b))
                .collect(),
        )
    } else {
        None
    };
    let replayed_last = state.checkpoint.is_none_or(|c| last > c);
    let last_balances = replayed_last.then(|| state.balances_at_end_of(last));
    let last_flows = state.replay.months.get(&last);
    let bucket_facts: Vec<BucketFacts> = open_buckets
        .iter()
        .map(|b| {
            let last_month = if b.opened_on > last.last_day() {
                None
            } else if let Some(lines) = &closed_last {
                lines.get(&b.id).map(|l| BucketMonth {
                    added: l.added,
                    target: l.target_monthly,
                    balance: l.balance,
                })
            } else {
                last_balances.as_ref().map(|at_end| BucketMonth {
                    added: last_flows.map_or(Money::ZERO, |f| f.bucket_added(b.id)),
                    target: b.target_for(last),
                    balance: at_end.get(b.id),
                })
            };
            BucketFacts {
                name: b.name.clone(),
                opened_on: b.opened_on,
                goal: b.goal(),
                last_month,
                this_month: BucketMonth {
                    added: flows.bucket_added(b.id),
                    target: b.target_for(month),
                    balance: balances.get(b.id),
                },
            }
        })
        .collect();

    let loans: Vec<LoanFacts> = places
        .loans()
        .filter(|l| l.opened_on <= date && !l.archived_by(date))
        .filter_map(|l| {
            let terms = l.loan?;
            Some(LoanFacts {
                name: l.name.clone(),
                opened_on: l.opened_on,
                payment_date: terms.payment_date(month),
                payment: terms.payment,
                owed: balances.get(l.id),
                paid: flows.loan_paid(l.id),
            })
        })
        .collect();

    let outlook = forecast
        .filter(|f| f.usual.months > 0)
        .map(|f| outlook_facts(f, places));
    let spending_places = places
        .iter()
        .any(|p| (p.kind.is_spending() || p.kind == PlaceKind::Card) && p.opened_on <= date && !p.archived_by(date));
    let verdict = verdict(&VerdictInput {
        date,
        only_openings: !txns::any_besides_openings_through(conn, date)?,
        current: &figures,
        spending_places,
        cards: &card_facts,
        buckets: &bucket_facts,
        pace: &pace,
        net_worth_3_months_ago,
        monthly_spending: &monthly_spending,
        loans: &loans,
        outlook: outlook.as_ref(),
    });
    let mut net_worth_history: Vec<(Month, Money)> = history.iter().map(|(m, (nw, _))| (*m, *nw)).collect();
    net_worth_history.push((month, figures.net_worth));
    Ok(Status {
        date,
        month,
        places: state.places.clone(),
        net_worth_last_month: history.get(&month.prev()).map(|(nw, _)| *nw),
        spending_average: (!monthly_spending.is_empty()).then(|| Money::mean(&monthly_spending)),
        spending_usual_so_far: pace.usual(),
        balances,
        figures,
        cards,
        buckets,
        net_worth_history,
        verdict,
        latest_closed: snapshots::latest_month(conn)?,
    })
}

/// The days of month `m` the pace compares: the 1st through `day`, or the month's end if shorter.
fn same_days(m: Month, day: u32) -> (NaiveDate, NaiveDate) {
    (m.first_day(), m.clamped_day(day))
}

/// Day-to-day spending of the transactions dated from `first` to `last`.
fn spending_between(places: &Places, txns: &[Txn], first: NaiveDate, last: NaiveDate) -> Money {
    let mut flows = MonthFlows::default();
    for t in txns.iter().filter(|t| t.date >= first && t.date <= last) {
        flows.record(places, t, Money::ZERO);
    }
    flows.day_to_day_spending()
}

/// Spending by category of the transactions dated from `first` to `last` that no bucket paid for.
fn categories_between(places: &Places, txns: &[Txn], first: NaiveDate, last: NaiveDate) -> Vec<(String, Money)> {
    let from_bucket = |p: Option<i64>| p.and_then(|id| places.kind(id)) == Some(PlaceKind::Bucket);
    let mut out: BTreeMap<String, (String, Money)> = BTreeMap::new();
    for t in txns.iter().filter(|t| t.date >= first && t.date <= last) {
        let refund = match t.kind {
            TxnKind::Expense if !from_bucket(t.from) => false,
            TxnKind::Refund if !from_bucket(t.to) => true,
            _ => continue,
        };
        for (category, amount) in t.category_lines() {
            let name = category.unwrap_or(crate::domain::UNCATEGORIZED);
            let entry = out
                .entry(crate::domain::category_key(name))
                .or_insert_with(|| (name.to_string(), Money::ZERO));
            entry.1 += if refund { -amount } else { amount };
        }
    }
    out.into_values().collect()
}

/// This month's spending pace against the same days of the counted months before (those of the three
/// calendar months before that have a transaction other than an opening); the
/// categories that grew are read, with their text, only when the pace is out of line.
fn pace(
    conn: &Connection,
    places: &Places,
    seen: &Lookback,
    flows: &MonthFlows,
    counted: &BTreeSet<Month>,
) -> Result<Pace> {
    let date = seen.as_of;
    let month = Month::of(date);
    let day = date.day();
    let spent = flows.day_to_day_spending();
    let before: Vec<Money> = counted
        .iter()
        .map(|m| {
            let (first, last) = same_days(*m, day);
            spending_between(places, &seen.recent, first, last)
        })
        .collect();
    let mut pace = Pace {
        spent,
        before,
        grew: Vec::new(),
    };
    if pace.usual().is_some_and(|usual| pace_warns(spent, usual)) {
        let earliest = counted.iter().next().map_or(month.first_day(), |m| m.first_day());
        let with_text = txns::between_with_categories(conn, earliest, date)?;
        let now = categories_between(places, &with_text, month.first_day(), date);
        let earlier: Vec<Vec<(String, Money)>> = counted
            .iter()
            .map(|m| {
                let (first, last) = same_days(*m, day);
                categories_between(places, &with_text, first, last)
            })
            .collect();
        pace.grew = grown_categories(&now, &earlier);
    }
    Ok(pace)
}

/// What the forecast shows for the outlook check: the first month with free cash below zero or a card
/// over its limit, and the lowest free cash.
fn outlook_facts(f: &Forecast, places: &Places) -> OutlookFacts {
    let mut trouble = None;
    let mut lowest: Option<(Month, Money)> = None;
    for p in &f.months {
        let free = p.figures.free_cash;
        if lowest.is_none_or(|(_, l)| free < l) {
            lowest = Some((p.month, free));
        }
        if trouble.is_some() {
            continue;
        }
        if free.is_negative() {
            trouble = Some(Trouble::FreeCash {
                month: p.month,
                free_cash: free,
            });
        } else if let Some(c) = p.cards.iter().find(|c| c.over_limit) {
            let limit = places
                .get(c.card)
                .and_then(|pl| pl.card)
                .and_then(|t| t.limit)
                .unwrap_or(Money::ZERO);
            trouble = Some(Trouble::OverLimit {
                month: p.month,
                card: places.name(c.card).to_string(),
                owed: c.owed,
                limit,
            });
        }
    }
    OutlookFacts {
        months: u32::try_from(f.months.iter().filter(|p| !p.partial).count()).unwrap_or(u32::MAX),
        trouble,
        lowest,
        limits: places.cards().any(|c| c.card.and_then(|t| t.limit).is_some()),
    }
}
