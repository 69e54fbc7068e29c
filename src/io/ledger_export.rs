//! An hledger/ledger journal from pfos's places and transactions.
//!
//! Places are accounts (`assets:…`, a held bucket as a sub-account of its account, `liabilities:…` for
//! cards and loans), categories are `expenses:…` and `income:…` (a refund is a negative expense; a split
//! posts each line to its own category), openings come from `equity:opening balances`, and a valuation's
//! market change is booked against `equity:unrealized gains`: it changes net worth but is neither income
//! nor expense, as in pfos. Tags are hledger tags (`; trip-2026:`), one to a comment line so that ledger
//! reads them too.

use crate::domain::{Balances, Money, PlaceId, Places, Txn, TxnKind};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

pub const OPENING_EQUITY: &str = "equity:opening balances";
pub const GAINS_EQUITY: &str = "equity:unrealized gains";
pub const UNCATEGORIZED_INCOME: &str = "income:uncategorized";
const UNCATEGORIZED_EXPENSE: &str = "expenses:uncategorized";

/// One segment of an account name. A colon would start a sub-account and becomes `-`; a semicolon
/// could start a comment and becomes `,`; control characters and runs of spaces become one space
/// (two spaces end an account name); nothing is left at either end.
pub fn clean_segment(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            ':' => '-',
            ';' => ',',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let joined = replaced
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if joined.is_empty() {
        "unnamed".to_string()
    } else {
        joined
    }
}

/// Every place's account name. Names that clean to the same account get ` #ID` appended (in id
/// order), so every place keeps its own balance.
pub fn place_accounts(places: &Places) -> HashMap<PlaceId, String> {
    let mut names: HashMap<PlaceId, String> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    let held = |id: PlaceId| places.get(id).and_then(|p| p.held_in()).is_some();
    // Accounts before the buckets held in them, so a bucket can name its parent.
    let order = places
        .iter()
        .filter(|p| !held(p.id))
        .chain(places.iter().filter(|p| held(p.id)));
    for p in order {
        let segment = clean_segment(&p.name);
        let base = match (p.kind, p.held_in()) {
            (kind, _) if kind.is_liability() => format!("liabilities:{segment}"),
            (_, Some(account)) => match names.get(&account) {
                Some(parent) => format!("{parent}:{segment}"),
                None => format!("assets:{segment}"),
            },
            _ => format!("assets:{segment}"),
        };
        let mut name = base.clone();
        while taken.contains(&name.to_lowercase()) {
            name = format!("{name} #{}", p.id);
        }
        taken.insert(name.to_lowercase());
        names.insert(p.id, name);
    }
    names
}

/// A description for the first line of a transaction: hledger ends a description at `;`.
fn clean_description(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ';' => ',',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// The whole journal: account declarations, then every transaction in date-then-entry order.
pub fn journal(places: &Places, txns: &[Txn]) -> String {
    let mut journal = Journal::new(places);
    let mut out = journal.head();
    for t in txns {
        journal.entry(t, &mut out);
    }
    out
}

/// A journal written a transaction at a time (so a million of them need not be in memory): the head,
/// then each transaction's entry in date-then-entry order.
pub struct Journal<'a> {
    places: &'a Places,
    accounts: HashMap<PlaceId, String>,
    /// Replaying gives each valuation's market change: the stated value minus the balance before it.
    balances: Balances,
}

impl<'a> Journal<'a> {
    pub fn new(places: &'a Places) -> Journal<'a> {
        Journal {
            places,
            accounts: place_accounts(places),
            balances: Balances::default(),
        }
    }

    fn account(&self, id: Option<PlaceId>) -> String {
        match id {
            Some(id) => self
                .accounts
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("assets:unknown place #{id}")),
            None => "assets:unknown place".to_string(),
        }
    }

    /// The comment lines and account declarations.
    pub fn head(&self) -> String {
        let mut out = String::new();
        out.push_str("; pfos journal, readable by hledger and ledger.\n");
        out.push_str(
            "; A bucket held in an account is its sub-account: the account with its sub-accounts is what the bank shows.\n",
        );
        out.push_str("; Cards and loans are liabilities: their balance is what is owed.\n");
        out.push_str("; Valuations book market changes against equity:unrealized gains: neither income nor expense.\n");
        out.push_str("; A split transaction posts each of its lines to its own category; tags are hledger tags.\n\n");
        for p in self.places.iter() {
            let _ = writeln!(out, "account {}", self.account(Some(p.id)));
        }
        let _ = writeln!(out, "account {OPENING_EQUITY}");
        let _ = writeln!(out, "account {GAINS_EQUITY}");
        out
    }

    /// Appends the entry of the next transaction to `out` (a zero opening has none).
    pub fn entry(&mut self, t: &Txn, out: &mut String) {
        let places = self.places;
        let change = self.balances.apply(places, t);
        let a = t.amount;
        // The category lines: a split's, or the whole amount in the transaction's category.
        let lines = |root: &str, fallback: &str, negate: bool| -> Vec<(String, Money)> {
            let name = |c: Option<&str>| match c {
                Some(c) => format!("{root}:{}", clean_segment(c)),
                None => fallback.to_string(),
            };
            t.category_lines()
                .map(|(c, amount)| (name(c), if negate { -amount } else { amount }))
                .collect()
        };
        let postings: Vec<(String, Money)> = match t.kind {
            TxnKind::Expense => {
                let mut p = lines("expenses", UNCATEGORIZED_EXPENSE, false);
                p.push((self.account(t.from), -a));
                p
            }
            TxnKind::Income => {
                let mut p = vec![(self.account(t.to), a)];
                p.extend(lines("income", UNCATEGORIZED_INCOME, true));
                p
            }
            TxnKind::Refund => {
                let mut p = vec![(self.account(t.to), a)];
                p.extend(lines("expenses", UNCATEGORIZED_EXPENSE, true));
                p
            }
            TxnKind::Transfer => vec![(self.account(t.to), a), (self.account(t.from), -a)],
            TxnKind::Valuation => vec![(self.account(t.to), change), (GAINS_EQUITY.to_string(), -change)],
            TxnKind::Opening if a.is_zero() => return,
            TxnKind::Opening => {
                let place = t.to.and_then(|id| places.get(id));
                match (place.map(|p| p.kind), place.and_then(|p| p.held_in())) {
                    // What a card or loan owes at the start.
                    (Some(kind), _) if kind.is_liability() => {
                        vec![(self.account(t.to), -a), (OPENING_EQUITY.to_string(), a)]
                    }
                    // A bucket opened in an account is an allocation from the account's own money.
                    (_, Some(parent)) => vec![(self.account(t.to), a), (self.account(Some(parent)), -a)],
                    _ => vec![(self.account(t.to), a), (OPENING_EQUITY.to_string(), -a)],
                }
            }
        };
        let description = clean_description(&t.description);
        let _ = write!(out, "\n{} ({})", t.date, t.id);
        if !description.is_empty() {
            let _ = write!(out, " {description}");
        }
        out.push('\n');
        let _ = write!(out, "    ; kind: {}", t.kind);
        if t.kind == TxnKind::Valuation {
            let _ = write!(out, ", value: {}", t.amount);
        }
        out.push('\n');
        if description != t.description {
            let _ = writeln!(
                out,
                "    ; description: {}",
                t.description.replace(char::is_control, " ")
            );
        }
        // A tag holds letters, digits, '-', '_' and '/' only: nothing that could end it early.
        // One to a line: hledger reads `a:, b:` as two tags, ledger only the first.
        for tag in &t.tags {
            let _ = writeln!(out, "    ; {tag}:");
        }
        let width = postings.iter().map(|(name, _)| name.chars().count()).max().unwrap_or(0);
        for (name, amount) in &postings {
            let pad = width - name.chars().count();
            let _ = writeln!(out, "    {name}{:pad$}  {:>14}", "", amount.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BucketTerms, Place, PlaceKind, Split};
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, d).unwrap_or_default()
    }

    fn place(id: PlaceId, name: &str, kind: PlaceKind, held_in: Option<PlaceId>) -> Place {
        Place {
            id,
            name: name.to_string(),
            kind,
            opened_on: day(1),
            card: None,
            bucket: (kind == PlaceKind::Bucket).then_some(BucketTerms {
                target_monthly: Money::ZERO,
                goal: None,
                held_in,
            }),
            loan: None,
            archived_on: None,
            terms_changes: Vec::new(),
        }
    }

    #[test]
    fn segments_lose_colons_semicolons_and_extra_spaces() {
        assert_eq!(clean_segment("  Food:Out;  Late\tNight "), "Food-Out, Late Night");
        assert_eq!(clean_segment(" : "), "-");
        assert_eq!(clean_segment("   "), "unnamed");
        assert_eq!(clean_segment("Café 日本"), "Café 日本");
    }

    #[test]
    fn held_buckets_are_sub_accounts_and_clashing_names_stay_apart() {
        let places = Places::new(vec![
            place(1, "Checking", PlaceKind::Checking, None),
            place(2, "Travel", PlaceKind::Bucket, Some(1)),
            place(3, "a:b", PlaceKind::Savings, None),
            place(4, "a-b", PlaceKind::Bucket, None),
            place(5, "Visa", PlaceKind::Card, None),
            place(6, "Car loan", PlaceKind::Loan, None),
        ]);
        let names = place_accounts(&places);
        assert_eq!(names[&1], "assets:Checking");
        assert_eq!(names[&2], "assets:Checking:Travel");
        assert_eq!(names[&3], "assets:a-b");
        assert_eq!(names[&4], "assets:a-b #4");
        assert_eq!(names[&5], "liabilities:Visa");
        assert_eq!(names[&6], "liabilities:Car loan");
    }

    #[test]
    fn every_kind_balances_and_semicolons_stay_out_of_the_description() {
        let places = Places::new(vec![
            place(1, "Checking", PlaceKind::Checking, None),
            place(2, "Travel", PlaceKind::Bucket, Some(1)),
            place(3, "Brokerage", PlaceKind::Investment, None),
            place(4, "Car loan", PlaceKind::Loan, None),
        ]);
        let txn = |id, kind, cents, from, to, category: Option<&str>, description: &str| Txn {
            id,
            splits: Vec::new(),
            tags: Vec::new(),
            date: day(2),
            kind,
            amount: Money::from_cents(cents),
            from,
            to,
            category: category.map(str::to_string),
            description: description.to_string(),
        };
        let txns = vec![
            txn(1, TxnKind::Opening, 100_000, None, Some(1), None, "Opening balance"),
            txn(2, TxnKind::Opening, 30_000, None, Some(2), None, "Opening balance"),
            txn(3, TxnKind::Opening, 50_000, None, Some(3), None, ""),
            txn(4, TxnKind::Valuation, 52_500, None, Some(3), None, ""),
            txn(5, TxnKind::Refund, 1_000, None, Some(2), Some("Trips"), "a;b"),
            txn(6, TxnKind::Opening, 1_200_000, None, Some(4), None, ""),
            Txn {
                splits: vec![
                    Split {
                        category: "Groceries".into(),
                        amount: Money::from_cents(8_000),
                    },
                    Split {
                        category: "Household".into(),
                        amount: Money::from_cents(4_050),
                    },
                ],
                tags: vec!["tax/2026".into(), "trip-2026".into()],
                ..txn(7, TxnKind::Expense, 12_050, Some(1), None, None, "Shop")
            },
            Txn {
                splits: vec![
                    Split {
                        category: "Salary".into(),
                        amount: Money::from_cents(900),
                    },
                    Split {
                        category: "Bonus".into(),
                        amount: Money::from_cents(100),
                    },
                ],
                ..txn(8, TxnKind::Income, 1_000, None, Some(1), None, "")
            },
        ];
        // Spacing is cosmetic: compare words.
        let text: String = journal(&places, &txns)
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ") + "\n")
            .collect();
        assert!(text.contains("2025-09-02 (2) Opening balance\n"), "{text}");
        assert!(
            text.contains("assets:Checking:Travel 300.00\nassets:Checking -300.00\n"),
            "a bucket opened in its account is an allocation: {text}"
        );
        assert!(
            text.contains("; kind: valuation, value: 525.00\nassets:Brokerage 25.00\nequity:unrealized gains -25.00\n"),
            "a valuation books its market change: {text}"
        );
        assert!(
            text.contains("2025-09-02 (5) a,b\n; kind: refund\n; description: a;b\n"),
            "{text}"
        );
        assert!(
            text.contains("expenses:Trips -10.00\n"),
            "a refund is a negative expense: {text}"
        );
        assert!(
            text.contains("liabilities:Car loan -12000.00\nequity:opening balances 12000.00\n"),
            "a loan owes its opening: {text}"
        );
        assert!(
            text.contains(
                "(7) Shop\n; kind: expense\n; tax/2026:\n; trip-2026:\nexpenses:Groceries 80.00\nexpenses:Household 40.50\nassets:Checking -120.50\n"
            ),
            "a split posts each line, tags are hledger tags: {text}"
        );
        assert!(
            text.contains("assets:Checking 10.00\nincome:Salary -9.00\nincome:Bonus -1.00\n"),
            "{text}"
        );
    }
}
