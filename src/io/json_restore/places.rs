//! Reading the places of a JSON export: ids, names, each kind's terms, archive dates and term changes.

use super::{amount, date, opt_amount, Problem};
use crate::domain::payoff::{percent_bp, Apr};
use crate::domain::place::{name_key, MAX_GRACE_DAYS};
use crate::domain::{BucketTerms, CardTerms, LoanTerms, Month, Place, PlaceKind, Places, TermsChange};
use crate::io::json_backup::{CardRec, LoanRec, PlaceRec, TermsChangeRec};
use std::collections::{HashMap, HashSet};

fn card_terms(what: &str, c: &CardRec) -> Result<CardTerms, Problem> {
    if !(1..=31).contains(&c.statement_day) {
        return Err(format!("{what}: statement day {} is outside 1–31", c.statement_day));
    }
    if c.grace_days > MAX_GRACE_DAYS {
        return Err(format!(
            "{what}: grace days {} is more than {MAX_GRACE_DAYS}",
            c.grace_days
        ));
    }
    let limit = opt_amount(&format!("{what}, limit"), &c.limit)?;
    if limit.is_some_and(|l| !l.is_positive()) {
        return Err(format!(
            "{what}: the card limit must be more than zero, or null for none"
        ));
    }
    Ok(CardTerms {
        statement_day: c.statement_day,
        grace_days: c.grace_days,
        limit,
    })
}

fn loan_terms(what: &str, l: &LoanRec) -> Result<LoanTerms, Problem> {
    let bp = percent_bp(&l.apr, "APR").map_err(|e| format!("{what}, apr: {e}"))?;
    let apr = Apr::from_bp(bp).ok_or_else(|| format!("{what}: APR '{}' is over 100%", l.apr))?;
    let payment = amount(&format!("{what}, payment"), &l.payment)?;
    if !payment.is_positive() {
        return Err(format!("{what}: the scheduled payment must be more than zero"));
    }
    if !(1..=31).contains(&l.payment_day) {
        return Err(format!("{what}: payment day {} is outside 1–31", l.payment_day));
    }
    Ok(LoanTerms {
        apr,
        payment,
        payment_day: l.payment_day,
    })
}

fn bucket_terms(what: &str, b: &crate::io::json_backup::BucketRec) -> Result<BucketTerms, Problem> {
    let target_monthly = amount(&format!("{what}, target_monthly"), &b.target_monthly)?;
    let goal = opt_amount(&format!("{what}, goal"), &b.goal)?;
    if target_monthly.is_negative() {
        return Err(format!("{what}: target_monthly cannot be negative"));
    }
    if goal.is_some_and(|g| !g.is_positive()) {
        return Err(format!("{what}: the goal must be more than zero, or null for none"));
    }
    Ok(BucketTerms {
        target_monthly,
        goal,
        held_in: b.held_in_id,
    })
}

/// Terms of the place's kind: present for its kind, absent for every other.
fn terms<'a, R, T>(
    what: &str,
    kind: PlaceKind,
    want: PlaceKind,
    key: &str,
    rec: &'a Option<R>,
    read: impl FnOnce(&'a R) -> Result<T, Problem>,
) -> Result<Option<T>, Problem> {
    match (kind == want, rec) {
        (true, None) => Err(format!("{what} is a {want} but has no \"{key}\" terms")),
        (true, Some(r)) => read(r).map(Some),
        (false, Some(_)) => Err(format!("{what} is not a {want} but has \"{key}\" terms")),
        (false, None) => Ok(None),
    }
}

/// A change of terms from a month on: a card's statement and grace days, a bucket's monthly target.
fn terms_change(what: &str, kind: PlaceKind, c: &TermsChangeRec) -> Result<TermsChange, Problem> {
    let from = Month::parse(&c.from).map_err(|e| format!("{what}, from: {e}"))?;
    let what = format!("{what} from {from}");
    let target_monthly = opt_amount(&format!("{what}, target_monthly"), &c.target_monthly)?;
    match kind {
        PlaceKind::Card => {
            if target_monthly.is_some() {
                return Err(format!("{what}: a card has no target_monthly"));
            }
            if c.statement_day.is_none() && c.grace_days.is_none() {
                return Err(format!("{what}: it changes nothing; give statement_day or grace_days"));
            }
            if let Some(day) = c.statement_day.filter(|d| !(1..=31).contains(d)) {
                return Err(format!("{what}: statement day {day} is outside 1–31"));
            }
            if let Some(days) = c.grace_days.filter(|d| *d > MAX_GRACE_DAYS) {
                return Err(format!("{what}: grace days {days} is more than {MAX_GRACE_DAYS}"));
            }
        }
        PlaceKind::Bucket => {
            if c.statement_day.is_some() || c.grace_days.is_some() {
                return Err(format!("{what}: a bucket has no statement_day or grace_days"));
            }
            match target_monthly {
                None => return Err(format!("{what}: it changes nothing; give target_monthly")),
                Some(t) if t.is_negative() => return Err(format!("{what}: target_monthly cannot be negative")),
                Some(_) => {}
            }
        }
        _ => {
            return Err(format!(
                "{what}: only a card's or a bucket's terms change from a month on"
            ))
        }
    }
    Ok(TermsChange {
        from,
        statement_day: c.statement_day,
        grace_days: c.grace_days,
        target_monthly,
    })
}

fn place(r: &PlaceRec) -> Result<Place, Problem> {
    let what = format!("place {} ('{}')", r.id, r.name);
    let kind: PlaceKind = r.kind.parse().map_err(|_| {
        format!(
            "{what}: type '{}' is not one of checking, cash, savings, investment, card, loan, bucket",
            r.kind
        )
    })?;
    let opened_on = date(&format!("{what}, opened_on"), &r.opened_on)?;
    let archived_on = r
        .archived_on
        .as_deref()
        .map(|d| date(&format!("{what}, archived_on"), d))
        .transpose()?;
    if let Some(on) = archived_on.filter(|on| *on < opened_on) {
        return Err(format!("{what}: archived on {on}, before it opened on {opened_on}"));
    }
    let card = terms(&what, kind, PlaceKind::Card, "card", &r.card, |c| card_terms(&what, c))?;
    let loan = terms(&what, kind, PlaceKind::Loan, "loan", &r.loan, |l| loan_terms(&what, l))?;
    let bucket = terms(&what, kind, PlaceKind::Bucket, "bucket", &r.bucket, |b| {
        bucket_terms(&what, b)
    })?;
    let change_what = format!("{what}, terms change");
    let mut terms_changes = r
        .terms_changes
        .iter()
        .map(|c| terms_change(&change_what, kind, c))
        .collect::<Result<Vec<_>, _>>()?;
    // In the order they apply: by from-month, and of one month in the order given (the later one wins).
    terms_changes.sort_by_key(|c| c.from);
    Ok(Place {
        id: r.id,
        name: r.name.clone(),
        kind,
        opened_on,
        card,
        bucket,
        loan,
        archived_on,
        terms_changes,
    })
}

/// Every place, checked alone and against the others: unique ids and names, buckets held in accounts
/// open (and not archived) when they opened, and archived with the account that holds them.
pub(super) fn places(recs: &[PlaceRec]) -> Result<Vec<Place>, Problem> {
    let mut ids = HashSet::new();
    let mut names = HashMap::new();
    let mut out = Vec::with_capacity(recs.len());
    for r in recs {
        let what = format!("place {} ('{}')", r.id, r.name);
        if r.id <= 0 || !ids.insert(r.id) {
            return Err(format!("{what}: place ids must be positive and unique"));
        }
        let name = r.name.trim();
        if name.is_empty() || name != r.name || name.chars().any(char::is_control) {
            return Err(format!(
                "{what}: a place name must be non-empty, without control characters or spaces at either end"
            ));
        }
        if let Some(other) = names.insert(name_key(name), r.id) {
            return Err(format!(
                "{what}: place {other} has the same name; names are unique whatever their case"
            ));
        }
        out.push(place(r)?);
    }
    let all = Places::new(out.clone());
    for p in &out {
        if let Some(account_id) = p.held_in() {
            let account = all.get(account_id).filter(|a| a.kind.is_account());
            let Some(account) = account else {
                return Err(format!(
                    "place {} ('{}') is held in place {account_id}, which is not an account in the file",
                    p.id, p.name
                ));
            };
            if account.opened_on > p.opened_on {
                return Err(format!(
                    "place {} ('{}') opened on {}, before '{}', the account that holds it, opened on {}",
                    p.id, p.name, p.opened_on, account.name, account.opened_on
                ));
            }
            if let Some(on) = account.archived_on {
                if on < p.opened_on {
                    return Err(format!(
                        "place {} ('{}') opened on {}, after '{}', the account that holds it, was archived on {on}",
                        p.id, p.name, p.opened_on, account.name
                    ));
                }
                if p.archived_on.is_none() {
                    return Err(format!(
                        "place {} ('{}') is not archived, but '{}', the account that holds it, was archived on {on}; an account is archived only with every bucket in it",
                        p.id, p.name, account.name
                    ));
                }
            }
        }
    }
    Ok(out)
}
