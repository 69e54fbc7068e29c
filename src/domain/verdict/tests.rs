//! The verdict of SPEC §6: each check's level, and the worst one wins.

use super::*;
use crate::domain::place::PlaceId;

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn healthy() -> Figures {
    Figures {
        free_cash: m(100_000),
        net_worth: m(1_000_000),
        total_expense: m(200_000),
        total_savings: m(1_000_000),
        ..Figures::default()
    }
}

fn bucket(added: i64, target: i64) -> BucketLine {
    BucketLine {
        place_id: 9 as PlaceId,
        name: "Travel".into(),
        balance: m(0),
        added: m(added),
        target_monthly: m(target),
        goal: None,
        next_target: Money::ZERO,
        archived: false,
    }
}

fn card(carried: i64) -> CardState {
    CardState {
        place_id: 3,
        name: "Visa".into(),
        balance: m(carried),
        limit: None,
        statement: None,
        new_charges: m(0),
        carried_over: m(carried),
    }
}

fn run(f: &Figures, cards: &[CardState], buckets: &[BucketLine], recent: &[Money], then: Option<Money>) -> Verdict {
    verdict(&HealthInput {
        current: f,
        cards,
        buckets,
        recent_spending: recent,
        net_worth_3_months_ago: then,
    })
}

fn level(v: &Verdict, key: &str) -> Level {
    v.checks
        .iter()
        .find(|c| c.key == key)
        .map_or_else(|| panic!("no check {key}"), |c| c.level)
}

#[test]
fn all_ok_is_yes() {
    let v = run(
        &healthy(),
        &[card(0)],
        &[bucket(100, 100)],
        &[m(200_000)],
        Some(m(900_000)),
    );
    assert_eq!(v.answer, "Yes");
    assert_eq!(v.checks.len(), 6);
    assert!(v.checks.iter().all(|c| c.level == Level::Ok && !c.reason.is_empty()));
}

#[test]
fn negative_free_cash_is_living_on_credit() {
    let f = Figures {
        free_cash: m(-5_000),
        ..healthy()
    };
    let v = run(&f, &[], &[], &[], None);
    assert_eq!(level(&v, "cards_covered"), Level::Bad);
    assert_eq!(v.answer, "No");
    assert!(v.checks[0].reason.contains("50.00"));
}

#[test]
fn carried_debt_is_bad_and_named() {
    let v = run(&healthy(), &[card(8_700)], &[], &[], None);
    assert_eq!(level(&v, "no_carried_debt"), Level::Bad);
    assert!(v.checks[1].reason.contains("Visa 87.00"));
}

#[test]
fn an_underfunded_bucket_warns() {
    let v = run(&healthy(), &[], &[bucket(5_000, 20_000)], &[], None);
    assert_eq!(level(&v, "savings_on_target"), Level::Warn);
    assert_eq!(v.answer, "Mostly");
    assert!(v.checks[2].reason.contains("Travel 50.00 of 200.00"));
}

#[test]
fn spending_over_110_percent_of_the_average_warns() {
    let at_limit = Figures {
        total_expense: m(220_000),
        ..healthy()
    };
    assert_eq!(
        level(&run(&at_limit, &[], &[], &[m(200_000)], None), "spending_in_line"),
        Level::Ok
    );
    let over = Figures {
        total_expense: m(220_001),
        ..healthy()
    };
    assert_eq!(
        level(&run(&over, &[], &[], &[m(200_000)], None), "spending_in_line"),
        Level::Warn
    );
    let from_bucket = Figures {
        total_expense: m(300_000),
        from_buckets: m(100_000),
        ..healthy()
    };
    assert_eq!(
        level(&run(&from_bucket, &[], &[], &[m(200_000)], None), "spending_in_line"),
        Level::Ok
    );
}

#[test]
fn net_worth_below_three_months_ago_warns() {
    let v = run(&healthy(), &[], &[], &[], Some(m(1_000_001)));
    assert_eq!(level(&v, "net_worth_trend"), Level::Warn);
    let v = run(&healthy(), &[], &[], &[], Some(m(1_000_000)));
    assert_eq!(level(&v, "net_worth_trend"), Level::Ok);
}

#[test]
fn runway_under_three_months_warns() {
    let thin = Figures {
        total_savings: m(599_999),
        ..healthy()
    };
    assert_eq!(level(&run(&thin, &[], &[], &[m(200_000)], None), "runway"), Level::Warn);
    let enough = Figures {
        total_savings: m(600_000),
        ..healthy()
    };
    assert_eq!(level(&run(&enough, &[], &[], &[m(200_000)], None), "runway"), Level::Ok);
}
