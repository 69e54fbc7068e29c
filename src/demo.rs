//! A realistic demo household, generated through the ledger's use cases and deterministic from a seed.

use crate::domain::{Money, Month, PlaceKind, TxnKind};
use crate::error::Result;
use crate::ledger::{Ledger, NewBucket, NewCard, RatesEdit, RecurringInput, TxnInput};
use chrono::NaiveDate;

/// What [`generate`] made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub first_month: Month,
    pub transactions: usize,
    pub closed_months: usize,
}

/// One planned transaction; card payments and valuations are worked out when their day comes.
enum Plan {
    Txn(TxnInput),
    /// Pay this share (in percent) of the card's latest statement remaining.
    PayCard {
        card: &'static str,
        percent: u32,
    },
    /// Record the brokerage's market value: its balance moved by a random return.
    Valuation,
    /// Post the car loan's interest for the month (on its payment day).
    LoanInterest,
    /// Pay the car loan's scheduled payment, or what is left of it.
    PayLoan,
}

/// The demo's car loan: name, what it owes at the start, APR, monthly payment, payment day.
const CAR_LOAN: (&str, i64, &str, i64, u32) = ("Car loan", 2_400_000, "5.9", 46_000, 15);

/// Fills an empty ledger with `years` of a household ending on `end`: three accounts, two cards
/// (Mastercard carries a balance past its due date in the last months), a car loan (paid and charged
/// interest monthly), four buckets, salary, rent, groceries (a split receipt a month), card spending and
/// payments, bucket funding, a tagged trip every six months paid from the Travel bucket through Visa,
/// and valuations: about `per_month` transactions a month; every month before `end`'s is closed. The
/// same seed gives the same ledger.
pub fn generate(ledger: &mut Ledger, end: NaiveDate, years: u32, per_month: u32, seed: u64) -> Result<DemoSummary> {
    let mut rng = fastrand::Rng::with_seed(seed);
    ledger.set_activity_log(false);
    let first_month = Month::of(end).plus(1 - 12 * i32::try_from(years.max(1)).unwrap_or(1));
    let start = first_month.first_day();
    let cents = Money::from_cents;
    ledger.add_account("Checking", PlaceKind::Checking, cents(320_000), start)?;
    ledger.add_account("HYSA", PlaceKind::Savings, cents(900_000), start)?;
    ledger.add_account("Brokerage", PlaceKind::Investment, cents(1_500_000), start)?;
    let visa = NewCard {
        name: "Visa",
        statement_day: 15,
        grace_days: 25,
        limit: Some(cents(800_000)),
    };
    let apr = |text: &str| RatesEdit {
        apr: crate::domain::payoff::Apr::parse(text).ok(),
        ..RatesEdit::default()
    };
    ledger.add_card_with_rates(&visa, apr("24.99"), Money::ZERO, start)?;
    let mc = NewCard {
        name: "Mastercard",
        statement_day: 5,
        grace_days: 25,
        limit: Some(cents(300_000)),
    };
    ledger.add_card_with_rates(&mc, apr("27.49"), Money::ZERO, start)?;
    let (loan, owed, loan_apr, payment, payment_day) = CAR_LOAN;
    let car = crate::ledger::NewLoan {
        name: loan,
        apr: crate::domain::payoff::Apr::parse(loan_apr).unwrap_or_default(),
        payment: cents(payment),
        payment_day,
    };
    ledger.add_loan(&car, cents(owed), start)?;
    let buckets: [(&str, i64, Option<i64>, &str, i64); 4] = [
        ("Emergency Fund", 30_000, Some(1_500_000), "HYSA", 400_000),
        ("Loan Savings", 25_000, Some(600_000), "HYSA", 100_000),
        ("Investments", 40_000, None, "Brokerage", 0),
        ("Travel", 15_000, Some(300_000), "Checking", 60_000),
    ];
    for (name, target, goal, held_in, opening) in buckets {
        let bucket = NewBucket {
            name,
            target_monthly: cents(target),
            goal: goal.map(cents),
            held_in: Some(held_in),
        };
        ledger.add_bucket(&bucket, cents(opening), start)?;
    }

    let mut count = 0;
    let mut closed = 0;
    let mut month = first_month;
    let last_month = Month::of(end);
    let mut index = 0u32;
    while month <= last_month {
        let carrying = last_month.until(month) >= -3 && month > first_month;
        let mut plans = month_plans(&mut rng, month, index, per_month, carrying);
        plans.sort_by_key(|(day, _)| *day);
        let mut inputs = Vec::with_capacity(plans.len());
        for (day, plan) in plans {
            let date = month.clamped_day(day);
            if date > end {
                continue;
            }
            if !matches!(plan, Plan::Txn(_)) {
                // This plan looks at balances: enter what came before it first.
                count += ledger.add_txns(&std::mem::take(&mut inputs))?.len();
            }
            if matches!(plan, Plan::LoanInterest) {
                // Nothing to post once the loan is paid off (or before it opened).
                match ledger.post_loan_interest(CAR_LOAN.0, month, None) {
                    Ok(_) => count += 1,
                    Err(crate::error::Error::NoInterest(_)) => {}
                    Err(e) => return Err(e),
                }
                continue;
            }
            if let Some(input) = realize(ledger, &mut rng, plan, date)? {
                inputs.push(input);
            }
        }
        // A month at a time, checked once: generation cost follows the month, not the history.
        count += ledger.add_txns(&inputs)?.len();
        if month.last_day() < end {
            ledger.close_month(month, false)?;
            closed += 1;
        }
        month = month.next();
        index += 1;
    }
    ledger.set_activity_log(true);
    // The rent as a recurring item from next month on: past rent looks just like it, so the forecast
    // counts it once.
    let rent = RecurringInput {
        kind: Some(TxnKind::Expense),
        amount: cents(185_000),
        from: Some("Checking".into()),
        category: Some("Rent".into()),
        description: Some("Rent".into()),
        cadence: "monthly".into(),
        day: Some(2),
        start: Some(last_month.next().first_day()),
        ..RecurringInput::default()
    };
    ledger.add_recurring(&rent)?;
    Ok(DemoSummary {
        first_month,
        transactions: count,
        closed_months: closed,
    })
}

fn txn(kind: TxnKind, amount: Money, from: Option<&str>, to: Option<&str>, category: Option<&str>, desc: &str) -> Plan {
    Plan::Txn(TxnInput {
        kind: Some(kind),
        amount,
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        category: category.map(str::to_string),
        date: None,
        description: Some(desc.to_string()),
        splits: Vec::new(),
        tags: Vec::new(),
    })
}

/// A planned transaction with a tag.
fn tagged(plan: Plan, tag: String) -> Plan {
    match plan {
        Plan::Txn(mut input) => {
            input.tags = vec![tag];
            Plan::Txn(input)
        }
        other => other,
    }
}

/// A receipt split between groceries and household goods.
fn split_receipt(rng: &mut fastrand::Rng) -> Plan {
    let groceries = amount(rng, 4_000, 14_000);
    let household = amount(rng, 1_000, 6_000);
    Plan::Txn(TxnInput {
        kind: Some(TxnKind::Expense),
        amount: groceries + household,
        from: Some("Visa".into()),
        description: Some("Costco".into()),
        splits: vec![
            crate::domain::Split {
                category: "Groceries".into(),
                amount: groceries,
            },
            crate::domain::Split {
                category: "Household".into(),
                amount: household,
            },
        ],
        ..TxnInput::default()
    })
}

fn amount(rng: &mut fastrand::Rng, low: i64, high: i64) -> Money {
    Money::from_cents(rng.i64(low..=high))
}

const SHOPS: [(&str, &str, i64, i64); 8] = [
    ("Groceries", "Trader Joe's", 3_500, 16_000),
    ("Groceries", "Farmers market", 1_500, 6_000),
    ("Dining", "Café Olé", 1_200, 4_500),
    ("Dining", "寿司 dinner", 4_000, 12_000),
    ("Transport", "Metro card", 2_000, 6_000),
    ("Shopping", "Hardware store", 1_500, 9_000),
    ("Health", "Pharmacy", 800, 4_500),
    ("Fun", "Cinema", 1_400, 3_600),
];

/// The month's transactions by day of month.
fn month_plans(rng: &mut fastrand::Rng, month: Month, index: u32, per_month: u32, carrying: bool) -> Vec<(u32, Plan)> {
    use TxnKind::{Expense, Income, Refund, Transfer};
    let salary = Money::from_cents(520_000 + i64::from(index / 12) * 15_000);
    let mut plans = vec![
        (
            1,
            txn(Income, salary, None, Some("Checking"), Some("Salary"), "Paycheck"),
        ),
        (
            2,
            txn(
                Expense,
                Money::from_cents(185_000),
                Some("Checking"),
                None,
                Some("Rent"),
                "Rent",
            ),
        ),
        (
            3,
            txn(
                Transfer,
                Money::from_cents(30_000),
                Some("Checking"),
                Some("Emergency Fund"),
                None,
                "Emergency fund",
            ),
        ),
        (
            3,
            txn(
                Transfer,
                Money::from_cents(25_000),
                Some("Checking"),
                Some("Loan Savings"),
                None,
                "Car loan savings",
            ),
        ),
        (
            3,
            txn(
                Transfer,
                Money::from_cents(40_000),
                Some("Checking"),
                Some("Investments"),
                None,
                "Monthly investing",
            ),
        ),
        (
            3,
            txn(
                Transfer,
                Money::from_cents(15_000),
                Some("Checking"),
                Some("Travel"),
                None,
                "Travel fund",
            ),
        ),
        (
            10,
            txn(
                Expense,
                amount(rng, 8_000, 14_000),
                Some("Checking"),
                None,
                Some("Utilities"),
                "Electric and water",
            ),
        ),
        (
            12,
            txn(
                Expense,
                Money::from_cents(6_500),
                Some("Visa"),
                None,
                Some("Phone"),
                "Phone plan",
            ),
        ),
        (
            20,
            txn(
                Expense,
                Money::from_cents(1_599),
                Some("Mastercard"),
                None,
                Some("Subscriptions"),
                "Streaming",
            ),
        ),
        (
            28,
            txn(
                Income,
                amount(rng, 1_800, 3_200),
                None,
                Some("HYSA"),
                Some("Interest"),
                "Interest",
            ),
        ),
        (
            25,
            Plan::PayCard {
                card: "Visa",
                percent: 100,
            },
        ),
        (
            26,
            Plan::PayCard {
                card: "Mastercard",
                percent: if carrying { 35 } else { 100 },
            },
        ),
        (31, Plan::Valuation),
        (CAR_LOAN.4, Plan::LoanInterest),
        (CAR_LOAN.4, Plan::PayLoan),
        (16, split_receipt(rng)),
    ];
    if index % 6 == 4 {
        let trip = amount(rng, 50_000, 90_000);
        let tag = format!("trip-{}-{:02}", month.year(), month.number());
        plans.push((
            8,
            tagged(
                txn(Expense, trip, Some("Visa"), None, Some("Travel"), "Flights and hotel"),
                tag.clone(),
            ),
        ));
        plans.push((
            9,
            tagged(
                txn(
                    Transfer,
                    trip,
                    Some("Travel"),
                    Some("Visa"),
                    None,
                    "Trip paid from Travel fund",
                ),
                tag,
            ),
        ));
    }
    if month.number() == 12 {
        plans.push((
            14,
            txn(
                Expense,
                amount(rng, 15_000, 40_000),
                Some("Visa"),
                None,
                Some("Gifts"),
                "Holiday gifts",
            ),
        ));
    }
    if index % 5 == 2 {
        plans.push((
            18,
            txn(
                Refund,
                amount(rng, 1_000, 4_000),
                None,
                Some("Visa"),
                Some("Shopping"),
                "Return",
            ),
        ));
    }
    let fixed = u32::try_from(plans.len()).unwrap_or(0);
    for _ in fixed..per_month.max(fixed) {
        let (category, desc, low, high) = SHOPS[rng.usize(..SHOPS.len())];
        let card = if rng.u8(..3) == 0 { "Mastercard" } else { "Visa" };
        let from = if rng.u8(..5) == 0 { "Checking" } else { card };
        let day = rng.u32(1..=28);
        plans.push((
            day,
            txn(Expense, amount(rng, low, high), Some(from), None, Some(category), desc),
        ));
    }
    plans
}

/// Turns a plan into a transaction dated `date`, asking the ledger for balances where needed.
fn realize(ledger: &Ledger, rng: &mut fastrand::Rng, plan: Plan, date: NaiveDate) -> Result<Option<TxnInput>> {
    match plan {
        Plan::Txn(mut input) => {
            input.date = Some(date);
            Ok(Some(input))
        }
        Plan::PayCard { card, percent } => {
            let status = ledger.status(date)?;
            let remaining = status
                .cards
                .iter()
                .find(|c| c.name == card)
                .and_then(|c| c.statement.as_ref())
                .map_or(Money::ZERO, |s| s.remaining);
            let pay = remaining.times(rust_decimal::Decimal::new(i64::from(percent), 2));
            Ok(pay.is_positive().then(|| TxnInput {
                kind: Some(TxnKind::Transfer),
                amount: pay,
                from: Some("Checking".into()),
                to: Some(card.into()),
                category: None,
                date: Some(date),
                description: Some(format!("{card} payment")),
                splits: Vec::new(),
                tags: Vec::new(),
            }))
        }
        Plan::LoanInterest => Ok(None),
        Plan::PayLoan => {
            let status = ledger.status(date)?;
            let owed = status
                .places
                .find(CAR_LOAN.0)
                .map_or(Money::ZERO, |l| status.balances.get(l.id));
            let pay = owed.min(Money::from_cents(CAR_LOAN.3));
            Ok(pay.is_positive().then(|| TxnInput {
                kind: Some(TxnKind::Transfer),
                amount: pay,
                from: Some("Checking".into()),
                to: Some(CAR_LOAN.0.into()),
                date: Some(date),
                description: Some("Car loan payment".into()),
                ..TxnInput::default()
            }))
        }
        Plan::Valuation => {
            let status = ledger.status(date)?;
            let Some(brokerage) = status.places.find("Brokerage") else {
                return Ok(None);
            };
            let value = status.balances.displayed(&status.places, brokerage.id);
            // A month's return between -3% and +4%, in basis points.
            let factor = rust_decimal::Decimal::new(10_000 + rng.i64(-300..=400), 4);
            let new_value = value.times(factor);
            Ok(new_value.is_positive().then(|| TxnInput {
                kind: Some(TxnKind::Valuation),
                amount: new_value,
                to: Some("Brokerage".into()),
                date: Some(date),
                ..TxnInput::default()
            }))
        }
    }
}
