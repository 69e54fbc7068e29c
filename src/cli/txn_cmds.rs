//! `pfos add …` and `pfos txn list|edit|delete`.

use super::args::{AddCmd, SplitArgs, TxnArgs, TxnCmd};
use super::output::{print_json_array, Lines, TableLayout};
use crate::domain::query::Term;
use crate::domain::{parse_date, Money, Month, Query, Split, Txn, TxnDraft, TxnKind};
use crate::error::{refused, Result};
use crate::io::report_json::txn_json;
use crate::ledger::{describe_txn, Ledger, TxnEdit, TxnInput};

pub fn add(ledger: &mut Ledger, cmd: AddCmd) -> Result<()> {
    let no_split = SplitArgs { split: Vec::new() };
    let (kind, amount, from, to, category, split, common) = match cmd {
        AddCmd::Expense {
            amount,
            from,
            category,
            split,
            common,
        } => (
            TxnKind::Expense,
            amount,
            Some(from),
            None,
            category,
            split,
            Some(common),
        ),
        AddCmd::Income {
            amount,
            to,
            category,
            split,
            common,
        } => (TxnKind::Income, amount, None, Some(to), category, split, Some(common)),
        AddCmd::Transfer {
            amount,
            from,
            to,
            common,
        } => (
            TxnKind::Transfer,
            amount,
            Some(from),
            Some(to),
            None,
            no_split,
            Some(common),
        ),
        AddCmd::Refund {
            amount,
            to,
            category,
            split,
            common,
        } => (TxnKind::Refund, amount, None, Some(to), category, split, Some(common)),
        AddCmd::Valuation { amount, to, date } => {
            let common = TxnArgs {
                date,
                desc: None,
                tags: Vec::new(),
            };
            (TxnKind::Valuation, amount, None, Some(to), None, no_split, Some(common))
        }
    };
    let common = common.unwrap_or(TxnArgs {
        date: None,
        desc: None,
        tags: Vec::new(),
    });
    let input = TxnInput {
        kind: Some(kind),
        amount: Money::parse_positive(&amount)?,
        from,
        to,
        category,
        date: common.date.as_deref().map(parse_date).transpose()?,
        description: common.desc,
        splits: split_lines(&split.split)?,
        tags: common.tags,
    };
    let id = ledger.add_txn(&input)?;
    let places = ledger.places()?;
    let txn = ledger.txn(id)?;
    say!("added #{id}: {}", describe_txn(&TxnDraft::from(&txn), &places));
    warn_over_limit(ledger, &txn)
}

/// Says on stderr when a charge left its card over its limit (it is recorded all the same).
fn warn_over_limit(ledger: &Ledger, txn: &Txn) -> Result<()> {
    if let Some(warning) = ledger.limit_warning(txn)? {
        eprintln!("warning: {}", crate::text::visible_lines(&warning.to_string()));
    }
    Ok(())
}

/// `--split CAT=AMT` lines as typed (the last `=` separates the amount, so a category may hold one).
fn split_lines(lines: &[String]) -> Result<Vec<Split>> {
    lines
        .iter()
        .map(|line| {
            let Some((category, amount)) = line.rsplit_once('=') else {
                return refused(format!(
                    "split line '{line}' is not CATEGORY=AMOUNT; write it like --split Groceries=80.00"
                ));
            };
            Ok(Split {
                category: category.trim().to_string(),
                amount: Money::parse_positive(amount.trim())?,
            })
        })
        .collect()
}

fn parse_id(text: &str) -> Result<i64> {
    match text.trim().parse::<i64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => refused(format!(
            "'{text}' is not a transaction id; ids are whole numbers shown by 'pfos txn list'"
        )),
    }
}

pub fn txn(ledger: &mut Ledger, cmd: TxnCmd) -> Result<()> {
    match cmd {
        TxnCmd::List { month, search, json } => {
            let month = month.as_deref().map(Month::parse).transpose()?;
            let query = search.as_deref().map(Query::parse).transpose()?.map(|q| match month {
                Some(m) => q.and(Term::Date {
                    first: m.first_day(),
                    last: m.last_day(),
                }),
                None => q,
            });
            let ledger = &*ledger;
            let each = |visit: &mut dyn FnMut(&Txn) -> Result<()>| match &query {
                Some(q) => ledger.search_txns(q, visit),
                None => ledger.each_txn(month, visit),
            };
            let places = ledger.places()?;
            if json {
                return print_json_array(|element| each(&mut |t| element(&txn_json(t, &places))));
            }
            // Two passes, so a listing of every transaction never holds them all: one measures the
            // columns, the next prints. (A change committed between them can only shift alignment.)
            let name = |id: Option<i64>| id.map_or(String::new(), |i| places.name(i).to_string());
            let cells = |t: &Txn| {
                [
                    t.id.to_string(),
                    t.date.to_string(),
                    t.kind.to_string(),
                    t.amount.grouped(),
                    name(t.from),
                    name(t.to),
                    category_cell(t),
                    tags_cell(t),
                    crate::text::visible(&t.description).into_owned(),
                ]
            };
            let header = [
                "ID",
                "Date",
                "Kind",
                "Amount",
                "From",
                "To",
                "Category",
                "Tags",
                "Description",
            ];
            let mut layout = TableLayout::new(&header, &[0, 3]);
            let mut count = 0usize;
            each(&mut |t| {
                layout.measure(&cells(t));
                count += 1;
                Ok(())
            })?;
            if count == 0 {
                say!(
                    "no transactions{}{}",
                    search.map(|s| format!(" match '{s}'")).unwrap_or_default(),
                    month.map(|m| format!(" in {m}")).unwrap_or_default()
                );
                return Ok(());
            }
            let mut out = Lines::stdout();
            out.line(&layout.header())?;
            each(&mut |t| out.line(&layout.line(&cells(t))))?;
            out.finish()
        }
        TxnCmd::Edit {
            id,
            amount,
            date,
            desc,
            category,
            split,
            from,
            to,
            tags,
            no_tags,
        } => {
            let id = parse_id(&id)?;
            let tags = if no_tags {
                Some(Vec::new())
            } else {
                (!tags.is_empty()).then_some(tags)
            };
            let edit = TxnEdit {
                amount: amount.as_deref().map(Money::parse_non_negative).transpose()?,
                date: date.as_deref().map(parse_date).transpose()?,
                description: desc,
                category,
                from,
                to,
                splits: (!split.split.is_empty())
                    .then(|| split_lines(&split.split))
                    .transpose()?,
                tags,
            };
            if edit.amount.is_none()
                && edit.date.is_none()
                && edit.description.is_none()
                && edit.category.is_none()
                && edit.from.is_none()
                && edit.to.is_none()
                && edit.splits.is_none()
                && edit.tags.is_none()
            {
                return refused(
                    "nothing to change; give at least one of --amount, --date, --desc, --category, --split, --tag, --no-tags, --from, --to",
                );
            }
            let txn = ledger.edit_txn(id, &edit)?;
            let places = ledger.places()?;
            say!("edited #{id}: {}", describe_txn(&TxnDraft::from(&txn), &places));
            warn_over_limit(ledger, &txn)
        }
        TxnCmd::Delete { id } => {
            let id = parse_id(&id)?;
            let txn = ledger.delete_txn(id)?;
            let places = ledger.places()?;
            say!("deleted #{id}: {}", describe_txn(&TxnDraft::from(&txn), &places));
            Ok(())
        }
        TxnCmd::Link { a, b } => {
            let (a, b) = (parse_id(&a)?, parse_id(&b)?);
            let txn = ledger.link_transfer(a, b)?;
            let places = ledger.places()?;
            let gone = if txn.id == a { b } else { a };
            say!(
                "linked #{a} and #{b}: #{} is now a {}; #{gone} is gone (its imported row is remembered with #{})",
                txn.id,
                describe_txn(&TxnDraft::from(&txn), &places),
                txn.id
            );
            Ok(())
        }
    }
}

/// A listing's category cell: the category, or a split's lines (`Groceries 80.00 + Household 40.50`).
fn category_cell(t: &Txn) -> String {
    if t.splits.is_empty() {
        return t.category.clone().unwrap_or_default();
    }
    let lines: Vec<String> = t
        .splits
        .iter()
        .map(|s| format!("{} {}", s.category, s.amount.grouped()))
        .collect();
    lines.join(" + ")
}

fn tags_cell(t: &Txn) -> String {
    t.tags.join(" ")
}
