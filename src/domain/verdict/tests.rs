//! The "Am I okay?" verdict: each check at each level and at each boundary, and the worst wins.

use super::*;

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn d(text: &str) -> NaiveDate {
    super::super::calendar::parse_date(text).unwrap_or_else(|e| panic!("{e}"))
}

fn month(text: &str) -> Month {
    Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything a verdict looks at, owned, so each test changes only what it is about.
struct World {
    date: NaiveDate,
    only_openings: bool,
    figures: Figures,
    spending_places: bool,
    cards: Vec<CardFacts>,
    buckets: Vec<BucketFacts>,
    pace: Pace,
    net_worth_3_months_ago: Option<Money>,
    monthly_spending: Vec<Money>,
    loans: Vec<LoanFacts>,
    outlook: Option<OutlookFacts>,
}

impl World {
    fn run(&self) -> Verdict {
        verdict(&VerdictInput {
            date: self.date,
            only_openings: self.only_openings,
            current: &self.figures,
            spending_places: self.spending_places,
            cards: &self.cards,
            buckets: &self.buckets,
            pace: &self.pace,
            net_worth_3_months_ago: self.net_worth_3_months_ago,
            monthly_spending: &self.monthly_spending,
            loans: &self.loans,
            outlook: self.outlook.as_ref(),
        })
    }

    fn check(&self, key: &str) -> Check {
        self.run()
            .checks
            .into_iter()
            .find(|c| c.key == key)
            .unwrap_or_else(|| panic!("no check {key}"))
    }

    fn level(&self, key: &str) -> Level {
        self.check(key).level
    }
}

fn visa(balance: i64, limit: Option<i64>) -> CardFacts {
    CardFacts {
        name: "Visa".into(),
        balance: m(balance),
        limit: limit.map(m),
        past_due: None,
    }
}

/// Travel, open since January, 200.00 a month: it got `last` in October and `now` so far in November.
fn travel(last: i64, now: i64) -> BucketFacts {
    BucketFacts {
        name: "Travel".into(),
        opened_on: d("2025-01-01"),
        goal: None,
        last_month: Some(BucketMonth {
            added: m(last),
            target: m(20_000),
            balance: m(100_000),
        }),
        this_month: BucketMonth {
            added: m(now),
            target: m(20_000),
            balance: m(100_000 + now),
        },
    }
}

fn car_loan(paid: i64) -> LoanFacts {
    LoanFacts {
        name: "Car loan".into(),
        opened_on: d("2024-06-01"),
        payment_date: d("2025-11-15"),
        payment: m(46_000),
        owed: m(2_000_000),
        paid: m(paid),
    }
}

/// On 20 November 2025 every check is ok.
fn healthy() -> World {
    World {
        date: d("2025-11-20"),
        only_openings: false,
        figures: Figures {
            free_cash: m(100_000),
            net_worth: m(1_000_000),
            total_savings: m(1_000_000),
            ..Figures::default()
        },
        spending_places: true,
        cards: vec![visa(50_000, Some(300_000))],
        buckets: vec![travel(20_000, 20_000)],
        pace: Pace {
            spent: m(100_000),
            before: vec![m(100_000), m(100_000), m(100_000)],
            grew: Vec::new(),
        },
        net_worth_3_months_ago: Some(m(900_000)),
        monthly_spending: vec![m(200_000), m(200_000), m(200_000)],
        loans: vec![car_loan(46_000)],
        outlook: Some(OutlookFacts {
            months: 12,
            trouble: None,
            lowest: Some((month("2026-03"), m(80_000))),
            limits: true,
        }),
    }
}

#[test]
fn all_ok_is_yes_with_every_check_in_order() {
    let v = healthy().run();
    assert_eq!(v.answer, "Yes");
    assert_eq!(v.level, Level::Ok);
    let keys: Vec<&str> = v.checks.iter().map(|c| c.key).collect();
    assert_eq!(
        keys,
        [
            "cards_covered",
            "no_carried_debt",
            "card_limits",
            "savings_on_target",
            "spending_in_line",
            "net_worth_trend",
            "runway",
            "debts_on_schedule",
            "outlook"
        ]
    );
    assert!(
        v.checks.iter().all(|c| c.level == Level::Ok && !c.reason.is_empty()),
        "{v:?}"
    );
}

#[test]
fn the_worst_check_decides() {
    let mut w = healthy();
    w.net_worth_3_months_ago = Some(m(1_000_001));
    let v = w.run();
    assert_eq!((v.answer, v.level), ("Mostly", Level::Warn));
    assert!(v.reason.contains("Net worth trend"), "{}", v.reason);
    w.figures.free_cash = m(-1);
    let v = w.run();
    assert_eq!((v.answer, v.level), ("No", Level::Bad));
    assert!(v.reason.contains("Cards covered"), "{}", v.reason);
}

#[test]
fn not_yet_when_every_check_is_none() {
    let w = World {
        date: d("2025-11-20"),
        only_openings: false,
        figures: Figures::default(),
        spending_places: false,
        cards: Vec::new(),
        buckets: Vec::new(),
        pace: Pace::default(),
        net_worth_3_months_ago: None,
        monthly_spending: Vec::new(),
        loans: Vec::new(),
        outlook: None,
    };
    let v = w.run();
    assert_eq!((v.answer, v.level), (NOT_YET, Level::None));
    assert!(v.checks.iter().all(|c| c.level == Level::None));
    assert!(v.reason.contains("record"), "says how to begin: {}", v.reason);
}

#[test]
fn not_yet_when_the_ledger_holds_nothing_but_openings() {
    let mut w = healthy();
    w.only_openings = true;
    w.figures.free_cash = m(-50_000);
    let v = w.run();
    assert_eq!(v.answer, NOT_YET);
    assert_eq!(v.checks.len(), 9);
    assert!(v.checks.iter().all(|c| c.level == Level::None), "{v:?}");
}

#[test]
fn cards_covered_at_zero_below_zero_and_without_places() {
    let mut w = healthy();
    w.figures.free_cash = Money::ZERO;
    assert_eq!(w.level("cards_covered"), Level::Ok, "exactly zero is covered");
    w.figures.free_cash = m(-5_000);
    let c = w.check("cards_covered");
    assert_eq!(c.level, Level::Bad);
    assert!(
        c.reason.contains("living on credit") && c.reason.contains("50.00"),
        "{}",
        c.reason
    );
    w.spending_places = false;
    assert_eq!(w.level("cards_covered"), Level::None);
}

#[test]
fn carried_debt_is_bad_and_named_with_its_due_date() {
    let mut w = healthy();
    w.cards[0].past_due = Some((d("2025-11-10"), m(52_740)));
    let c = w.check("no_carried_debt");
    assert_eq!(c.level, Level::Bad);
    assert!(c.reason.contains("Visa 527.40 past due since Nov 10"), "{}", c.reason);
    // A statement due before D that was paid in full leaves nothing.
    w.cards[0].past_due = Some((d("2025-11-10"), Money::ZERO));
    assert_eq!(w.level("no_carried_debt"), Level::Ok);
    // Two cards: both named.
    let mut amex = visa(2_000, None);
    amex.name = "Amex".into();
    amex.past_due = Some((d("2025-11-01"), m(2_000)));
    w.cards[0].past_due = Some((d("2025-11-10"), m(52_740)));
    w.cards.push(amex);
    let c = w.check("no_carried_debt");
    assert!(c.reason.contains("Visa 527.40, Amex 20.00"), "{}", c.reason);
    w.cards.clear();
    assert_eq!(w.level("no_carried_debt"), Level::None);
}

#[test]
fn card_limits_at_each_boundary() {
    let mut w = healthy();
    w.cards = vec![visa(269_999, Some(300_000))];
    assert_eq!(w.level("card_limits"), Level::Ok, "just under 90%");
    assert!(w
        .check("card_limits")
        .reason
        .contains("Visa 2,699.99 of 3,000.00 (89%)"));
    w.cards = vec![visa(270_000, Some(300_000))];
    let c = w.check("card_limits");
    assert_eq!(c.level, Level::Warn, "exactly 90% of the limit");
    assert!(c.reason.contains("Visa 2,700.00 of 3,000.00 (90%)"), "{}", c.reason);
    w.cards = vec![visa(300_000, Some(300_000))];
    assert_eq!(w.level("card_limits"), Level::Warn, "at the limit is not over it");
    w.cards = vec![visa(300_001, Some(300_000))];
    assert_eq!(w.level("card_limits"), Level::Bad, "a cent over");
    // A card far over its limit: 2,008% of it.
    w.cards = vec![visa(1_004_000, Some(50_000))];
    let c = w.check("card_limits");
    assert_eq!(c.level, Level::Bad);
    assert!(c.reason.contains("Visa 10,040.00 of 500.00 (2008%)"), "{}", c.reason);
    w.cards = vec![visa(1_004_000, None)];
    assert_eq!(w.level("card_limits"), Level::None, "no card has a limit");
}

#[test]
fn savings_judge_the_last_complete_month() {
    let mut w = healthy();
    // October short: warn on any day of November, with this month's progress.
    w.buckets = vec![travel(5_000, 0)];
    let c = w.check("savings_on_target");
    assert_eq!(c.level, Level::Warn);
    assert!(
        c.reason.contains("in Oct Travel got 50.00 of 200.00") && c.reason.contains("Nov so far 0.00 of 200.00"),
        "{}",
        c.reason
    );
    // October met, nothing yet this month: fine on the 1st (no warning about this month's
    // target before its last seven days) and on the 20th.
    w.buckets = vec![travel(20_000, 0)];
    for day in ["2025-11-01", "2025-11-20", "2025-11-23"] {
        w.date = d(day);
        assert_eq!(w.level("savings_on_target"), Level::Ok, "{day}");
    }
}

#[test]
fn savings_in_the_last_seven_days_judge_this_month_too() {
    let mut w = healthy();
    w.buckets = vec![travel(20_000, 5_000)];
    // November has 30 days: its last 7 are the 24th to the 30th.
    w.date = d("2025-11-23");
    assert_eq!(w.level("savings_on_target"), Level::Ok, "the 8th-last day");
    w.date = d("2025-11-24");
    let c = w.check("savings_on_target");
    assert_eq!(c.level, Level::Warn, "the 7th-last day");
    assert!(
        c.reason.contains("6 days left in Nov: Travel 50.00 of 200.00"),
        "{}",
        c.reason
    );
    w.date = d("2025-11-30");
    assert!(w.check("savings_on_target").reason.contains("last day in Nov"));
    // This month's target met: fine.
    w.buckets = vec![travel(20_000, 20_000)];
    assert_eq!(w.level("savings_on_target"), Level::Ok);
    // A bucket opened this month is judged in the last 7 days, unless it opened in them.
    let mut new = travel(0, 0);
    new.last_month = None;
    new.opened_on = d("2025-11-23");
    w.buckets = vec![new.clone()];
    assert_eq!(w.level("savings_on_target"), Level::Warn);
    new.opened_on = d("2025-11-24");
    w.buckets = vec![new];
    assert_eq!(w.level("savings_on_target"), Level::Ok);
}

#[test]
fn a_bucket_at_its_goal_never_warns() {
    let mut w = healthy();
    w.date = d("2025-11-28");
    let mut b = travel(0, 0);
    // Exactly at its goal at the end of October and on D.
    b.goal = Some(m(100_000));
    w.buckets = vec![b.clone()];
    let c = w.check("savings_on_target");
    assert_eq!(c.level, Level::Ok, "{}", c.reason);
    // A cent short of it at the end of October: October is judged.
    b.goal = Some(m(100_001));
    w.buckets = vec![b.clone()];
    assert_eq!(w.level("savings_on_target"), Level::Warn);
    // Over its goal: never below target, whatever it got this month.
    b.goal = Some(m(50_000));
    w.buckets = vec![b];
    assert_eq!(w.level("savings_on_target"), Level::Ok);
}

#[test]
fn savings_skip_buckets_not_open_all_month_and_without_targets() {
    let mut w = healthy();
    let mut b = travel(0, 0);
    b.opened_on = d("2025-10-02");
    w.buckets = vec![b.clone()];
    w.date = d("2025-11-20");
    assert_eq!(w.level("savings_on_target"), Level::Ok, "not open all of October");
    b.opened_on = d("2025-10-01");
    w.buckets = vec![b];
    assert_eq!(w.level("savings_on_target"), Level::Warn, "open from its first day");
    let mut none = travel(0, 0);
    none.this_month.target = Money::ZERO;
    if let Some(l) = none.last_month.as_mut() {
        l.target = Money::ZERO;
    }
    w.buckets = vec![none];
    assert_eq!(w.level("savings_on_target"), Level::None);
    w.buckets.clear();
    assert_eq!(w.level("savings_on_target"), Level::None);
}

#[test]
fn spending_pace_at_110_percent_and_50_over() {
    let mut w = healthy();
    let pace = |spent: i64, usual: i64| Pace {
        spent: m(spent),
        before: vec![m(usual)],
        grew: Vec::new(),
    };
    // Exactly 110% of a usual 1,000.00 (100.00 over): in line; a cent more is not.
    w.pace = pace(110_000, 100_000);
    assert_eq!(w.level("spending_in_line"), Level::Ok);
    w.pace = pace(110_001, 100_000);
    assert_eq!(w.level("spending_in_line"), Level::Warn);
    // Exactly 50.00 over a usual 100.00 (150%): in line; a cent more is not.
    w.pace = pace(15_000, 10_000);
    assert_eq!(w.level("spending_in_line"), Level::Ok);
    w.pace = pace(15_001, 10_000);
    assert_eq!(w.level("spending_in_line"), Level::Warn);
    // Over 50.00 above but within 110% of a large usual: in line.
    w.pace = pace(1_050_000, 1_000_000);
    assert_eq!(w.level("spending_in_line"), Level::Ok);
    // No earlier month: nothing to judge.
    w.pace = Pace {
        spent: m(99_999),
        before: Vec::new(),
        grew: Vec::new(),
    };
    assert_eq!(w.level("spending_in_line"), Level::None);
}

#[test]
fn spending_reasons_name_the_figures_and_the_categories_that_grew() {
    let mut w = healthy();
    w.pace = Pace {
        spent: m(183_689),
        before: vec![m(100_000), m(120_000), m(110_001)],
        grew: vec![CategoryGrowth {
            name: "Dining".into(),
            now: m(42_000),
            usual: m(18_000),
        }],
    };
    let c = w.check("spending_in_line");
    assert_eq!(c.level, Level::Warn);
    // The usual: (1,000 + 1,200 + 1,100.01) / 3 = 1,100.003… → 1,100.00.
    assert!(
        c.reason.contains("1,836.89 by the 20th vs 1,100.00 usual")
            && c.reason.contains("Dining 420.00 vs 180.00 usual"),
        "{}",
        c.reason
    );
    w.pace.spent = m(100_000);
    let c = w.check("spending_in_line");
    assert!(
        c.reason.contains("1,000.00 by the 20th, usual 1,100.00 (3 months)"),
        "{}",
        c.reason
    );
}

#[test]
fn the_categories_that_grew_most_come_first() {
    let s = |name: &str, cents: i64| (name.to_string(), m(cents));
    let now = vec![
        s("Dining", 42_000),
        s("groceries", 30_000),
        s("Rent", 100_000),
        s("Books", 1_000),
    ];
    let before = vec![
        vec![s("Dining", 18_000), s("Groceries", 30_000), s("Rent", 100_000)],
        vec![s("dining", 18_000), s("Groceries", 27_000), s("Rent", 100_000)],
    ];
    let grew = grown_categories(&now, &before);
    let named: Vec<(String, Money, Money)> = grew.into_iter().map(|g| (g.name, g.now, g.usual)).collect();
    // Dining +240; Books +10 (absent before: usual 0); Groceries +15 (mean 285.00); Rent did not grow.
    assert_eq!(
        named,
        [
            ("Dining".to_string(), m(42_000), m(18_000)),
            ("groceries".to_string(), m(30_000), m(28_500)),
            ("Books".to_string(), m(1_000), Money::ZERO),
        ]
    );
    assert!(grown_categories(&now, &[]).is_empty());
}

#[test]
fn net_worth_trend_against_three_months_ago() {
    let mut w = healthy();
    w.net_worth_3_months_ago = Some(m(1_000_001));
    let c = w.check("net_worth_trend");
    assert_eq!(c.level, Level::Warn);
    assert!(c.reason.contains("10,000.00 is 0.01 below"), "{}", c.reason);
    w.net_worth_3_months_ago = Some(m(1_000_000));
    assert_eq!(w.level("net_worth_trend"), Level::Ok, "the same is not below");
    w.net_worth_3_months_ago = None;
    assert_eq!(w.level("net_worth_trend"), Level::None);
}

#[test]
fn runway_of_three_months() {
    let mut w = healthy();
    w.figures.total_savings = m(599_999);
    let c = w.check("runway");
    assert_eq!(c.level, Level::Warn);
    assert!(
        c.reason.contains("5,999.99 in savings: 2.9 months of 2,000.00") && c.reason.contains("aim for 6,000.00"),
        "{}",
        c.reason
    );
    w.figures.total_savings = m(600_000);
    assert_eq!(w.level("runway"), Level::Ok, "exactly 3 months");
    w.monthly_spending = vec![Money::ZERO];
    assert_eq!(w.level("runway"), Level::None, "no spending to cover");
    w.monthly_spending.clear();
    assert_eq!(w.level("runway"), Level::None);
}

#[test]
fn debts_on_schedule_after_the_payment_day() {
    let mut w = healthy();
    w.loans = vec![car_loan(0)];
    w.date = d("2025-11-15");
    let c = w.check("debts_on_schedule");
    assert_eq!(c.level, Level::Ok, "on the payment day it may still come");
    assert!(c.reason.contains("Car loan 460.00 due the 15th"), "{}", c.reason);
    w.date = d("2025-11-16");
    let c = w.check("debts_on_schedule");
    assert_eq!(c.level, Level::Warn);
    assert!(
        c.reason
            .contains("Car loan got 0.00 of its 460.00 payment, due the 15th"),
        "{}",
        c.reason
    );
    w.loans = vec![car_loan(45_999)];
    assert_eq!(w.level("debts_on_schedule"), Level::Warn, "a cent short");
    w.loans = vec![car_loan(46_000)];
    assert_eq!(w.level("debts_on_schedule"), Level::Ok);
    let mut paid_off = car_loan(0);
    paid_off.owed = Money::ZERO;
    w.loans = vec![paid_off];
    assert_eq!(w.level("debts_on_schedule"), Level::Ok, "nothing owed");
    let mut new = car_loan(0);
    new.opened_on = d("2025-11-16");
    w.loans = vec![new];
    assert_eq!(w.level("debts_on_schedule"), Level::Ok, "opened after its payment day");
    w.loans.clear();
    assert_eq!(w.level("debts_on_schedule"), Level::None);
}

#[test]
fn outlook_names_the_first_trouble() {
    let mut w = healthy();
    assert!(w
        .check("outlook")
        .reason
        .contains("lowest free cash in 12 months: 800.00 (Mar 2026)"));
    w.outlook = Some(OutlookFacts {
        months: 12,
        trouble: Some(Trouble::FreeCash {
            month: month("2026-04"),
            free_cash: m(-12_345),
        }),
        lowest: Some((month("2026-05"), m(-20_000))),
        limits: false,
    });
    let c = w.check("outlook");
    assert_eq!(c.level, Level::Warn);
    assert!(
        c.reason.contains("free cash falls to -123.45 in Apr 2026"),
        "{}",
        c.reason
    );
    w.outlook = Some(OutlookFacts {
        months: 12,
        trouble: Some(Trouble::OverLimit {
            month: month("2026-02"),
            card: "Visa".into(),
            owed: m(312_000),
            limit: m(300_000),
        }),
        lowest: None,
        limits: true,
    });
    let c = w.check("outlook");
    assert_eq!(c.level, Level::Warn);
    assert!(
        c.reason
            .contains("Visa reaches 3,120.00 in Feb 2026, over its 3,000.00 limit"),
        "{}",
        c.reason
    );
    w.outlook = None;
    assert_eq!(w.level("outlook"), Level::None);
}
