//! Loans (owed like a card, but paid on a schedule, with no statements): adding one, posting a month's
//! interest, and what each owes and has been paid.

use super::places::insert_place;
use super::{locks, Ledger};
use crate::domain::loan::{interest_day, monthly_interest, INTEREST_CATEGORY};
use crate::domain::payoff::Apr;
use crate::domain::PlaceClass;
use crate::domain::{LoanTerms, Money, Month, Place, PlaceId, PlaceKind, Places, TxnDraft, TxnId, TxnKind};
use crate::error::{refused, refused_with, Hint, Result};
use crate::store::places::{self as place_rows, NewPlace};
use crate::store::{loan_interest, txns, Change};
use chrono::{Datelike, NaiveDate};

/// A loan to add.
pub struct NewLoan<'a> {
    pub name: &'a str,
    pub apr: Apr,
    pub payment: Money,
    pub payment_day: u32,
}

/// One loan as `pfos loans` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanSummary {
    pub place: Place,
    pub balance: Money,
    /// Transfers to it dated in the current month.
    pub paid_this_month: Money,
    /// Interest (expenses in `Interest`, net of refunds) dated in the current year.
    pub interest_this_year: Money,
}

/// Checks a loan's terms.
pub(super) fn check_loan_terms(payment: Money, payment_day: u32) -> Result<()> {
    if !(1..=31).contains(&payment_day) {
        return refused(format!(
            "payment day {payment_day} is outside 1–31; give the day of the month the payment is due (31 means the month's last day)"
        ));
    }
    if !payment.is_positive() {
        return refused("the scheduled payment must be more than zero");
    }
    Ok(())
}

impl Ledger {
    pub fn add_loan(&mut self, loan: &NewLoan<'_>, opening: Money, date: NaiveDate) -> Result<PlaceId> {
        check_loan_terms(loan.payment, loan.payment_day)?;
        self.store.write(|tx| {
            let place = NewPlace {
                name: loan.name,
                kind: PlaceKind::Loan,
                opened_on: date,
                card: None,
                bucket: None,
                loan: Some(LoanTerms {
                    apr: loan.apr,
                    payment: loan.payment,
                    payment_day: loan.payment_day,
                }),
            };
            insert_place(tx, place, opening)
        })
    }

    /// Posts `month`'s interest on the loan named `name`: the computed amount, or `amount` (the lender's
    /// figure). Returns the transaction's id and amount.
    pub fn post_loan_interest(&mut self, name: &str, month: Month, amount: Option<Money>) -> Result<(TxnId, Money)> {
        self.store.write(|tx| {
            let places = Places::new(place_rows::all(tx)?);
            let loan = loan_named(&places, name)?.clone();
            let day = interest_day(&loan, month)?;
            if let Some(existing) = loan_interest::posted(tx, loan.id, month)? {
                return refused_with(
                    format!("{month}'s interest on '{}' is already posted as #{existing}", loan.name),
                    Hint::EditAmount { id: existing },
                );
            }
            if loan.archived_by(day) {
                return refused_with(
                    format!("'{}' is archived", loan.name),
                    Hint::Unarchive { place: loan.name },
                );
            }
            locks::ensure_open(tx, day)?;
            let owed = txns::owed_at_start_of(tx, loan.id, day)?;
            let computed = monthly_interest(&loan, month, owed)?;
            let amount = amount.unwrap_or(computed);
            if !amount.is_positive() {
                return refused_with(
                    format!(
                        "the interest on '{}' for {month} works out at 0.00 (APR {})",
                        loan.name,
                        loan.loan.map(|t| t.apr).unwrap_or_default()
                    ),
                    Hint::GiveAmount,
                );
            }
            let draft = TxnDraft::plain(
                day,
                TxnKind::Expense,
                amount,
                Some(loan.id),
                None,
                Some(INTEREST_CATEGORY.to_string()),
                format!("Interest for {month}"),
            );
            let id = txns::insert(tx, &draft)?;
            super::txns::revalidate(tx)?;
            loan_interest::insert(tx, loan.id, month, id)?;
            let what = format!("post {month}'s interest on '{}': {}", loan.name, amount.grouped());
            Ok(((id, amount), Change::new("interest", what)))
        })
    }

    /// The interest `month` would get on the loan named `name`, without posting it (for a prefilled form).
    pub fn loan_interest_due(&self, name: &str, month: Month) -> Result<Money> {
        let conn = self.store.conn();
        let places = self.places()?;
        let loan = loan_named(&places, name)?;
        let day = interest_day(loan, month)?;
        let owed = txns::owed_at_start_of(conn, loan.id, day)?;
        Ok(monthly_interest(loan, month, owed)?)
    }

    /// Every loan with its balance, this month's payments and this year's interest (archived ones with `all`).
    pub fn loan_summaries(&self, all: bool) -> Result<Vec<LoanSummary>> {
        let state = self.load_state()?;
        self.summaries(&state.places, state.balances(), all)
    }

    /// The open loans of a status already worked out (the dashboard's), without reading the ledger's
    /// state again.
    pub fn loan_summaries_of(&self, status: &super::Status) -> Result<Vec<LoanSummary>> {
        self.summaries(&status.places, &status.balances, false)
    }

    fn summaries(&self, places: &Places, balances: &crate::domain::Balances, all: bool) -> Result<Vec<LoanSummary>> {
        let conn = self.store.conn();
        let today = self.today;
        let month = Month::of(today);
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let mut out = Vec::new();
        for loan in places.loans().filter(|l| all || !l.archived_by(today)) {
            let (paid, _) =
                txns::paid_and_charged_in(conn, loan.id, INTEREST_CATEGORY, month.first_day(), month.last_day())?;
            let (_, interest) =
                txns::paid_and_charged_in(conn, loan.id, INTEREST_CATEGORY, year_start, year_end(today))?;
            out.push(LoanSummary {
                place: loan.clone(),
                balance: balances.get(loan.id),
                paid_this_month: paid,
                interest_this_year: interest,
            });
        }
        Ok(out)
    }
}

fn year_end(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year(), 12, 31).unwrap_or(today)
}

/// The loan named `name`, or an error that says what it is instead.
fn loan_named<'a>(places: &'a Places, name: &str) -> Result<&'a Place> {
    let id = super::resolve(places, name)?;
    match places.get(id) {
        Some(p) if p.kind == PlaceKind::Loan => Ok(p),
        Some(p) => refused_with(
            format!("'{}' is a {}, not a loan", p.name, p.kind),
            Hint::ListPlaces(PlaceClass::Loan),
        ),
        None => refused(format!("no place named '{name}'")),
    }
}
