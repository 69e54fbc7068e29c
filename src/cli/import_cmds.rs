//! `pfos import csv` and `pfos rule add|list|delete`.

use super::args::{CsvFlags, ImportArgs, ImportCmd, ImportStatementArgs, RuleCmd};
use super::output::{print_json, table};
use crate::domain::rules::RuleAction;
use crate::error::{refused, Error, Hint, Refusal, Result};
use crate::io::bank_file::Format;
use crate::ledger::{ImportOptions as CsvOptions, ImportSource as CsvSource};
use crate::ledger::{ImportReport, ImportRequest, Ledger, Outcome};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

fn delimiter(text: &str) -> Result<char> {
    match crate::ledger::delimiter_named(text) {
        Some(c) => Ok(c),
        None => refused(format!(
            "delimiter '{text}' is not one pfos reads; use ',', ';', '|' or 'tab'"
        )),
    }
}

/// One import as the command line asks for it.
struct Asked {
    file: std::path::PathBuf,
    into: String,
    format: Option<Format>,
    csv: CsvFlags,
    account: Option<String>,
    skip_bad: bool,
    dry_run: bool,
}

/// `pfos import csv|ofx|qif|camt FILE --into PLACE`, or `pfos import FILE --into PLACE`.
pub fn import(ledger: &mut Ledger, args: ImportArgs) -> Result<()> {
    let statement = |a: ImportStatementArgs, format| Asked {
        file: a.file,
        into: a.into,
        format: Some(format),
        csv: CsvFlags {
            date_format: a.date_format,
            ..CsvFlags::default()
        },
        account: a.account,
        skip_bad: a.skip_bad,
        dry_run: a.dry_run,
    };
    let asked = match args.cmd {
        Some(ImportCmd::Csv(a)) => Asked {
            file: a.file,
            into: a.into,
            format: Some(Format::Csv),
            csv: a.csv,
            account: None,
            skip_bad: a.skip_bad,
            dry_run: a.dry_run,
        },
        Some(ImportCmd::Ofx(a)) => statement(a, Format::Ofx),
        Some(ImportCmd::Qif(a)) => statement(a, Format::Qif),
        Some(ImportCmd::Camt(a)) => statement(a, Format::Camt),
        Some(ImportCmd::Json { .. }) => return refused("'pfos import json FILE' restores an export"),
        None => {
            let Some(file) = args.file else {
                return refused(
                    "give the file to import: 'pfos import FILE --into PLACE' (CSV, OFX/QFX, QIF or CAMT.053, told from its content), or 'pfos import csv|ofx|qif|camt FILE --into PLACE'",
                );
            };
            let Some(into) = args.into else {
                return refused(format!(
                    "say which account or card '{}' belongs to with --into PLACE",
                    file.display()
                ));
            };
            Asked {
                file,
                into,
                format: None,
                csv: args.csv,
                account: args.account,
                skip_bad: args.skip_bad,
                dry_run: args.dry_run,
            }
        }
    };
    run(ledger, asked)
}

fn run(ledger: &mut Ledger, args: Asked) -> Result<()> {
    // Read as a stream by the import (never whole); opened here first so a missing file is told plainly.
    let io_error = |source| Error::Io {
        path: args.file.clone(),
        source,
    };
    let meta = std::fs::File::open(&args.file)
        .and_then(|f| f.metadata())
        .map_err(io_error)?;
    if meta.is_dir() {
        // Reading a directory fails, and says so as reading any unreadable file does.
        std::fs::read(&args.file).map_err(io_error)?;
    }
    let size = meta.len();
    let flags = args.csv;
    let options = CsvOptions {
        date_col: flags.date_col,
        amount_col: flags.amount_col,
        debit_col: flags.debit_col,
        credit_col: flags.credit_col,
        desc_col: flags.desc_col,
        negate: flags.negate,
        date_format: flags.date_format,
        delimiter: flags.delimiter.as_deref().map(delimiter).transpose()?,
        is_card: false,
    };
    let bar = if std::io::stderr().is_terminal() && size > 256 * 1024 {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} rows").unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let request = ImportRequest {
        place: &args.into,
        source: CsvSource::File(&args.file),
        options,
        format: args.format,
        account: args.account,
        skip_bad: args.skip_bad,
        dry_run: args.dry_run,
    };
    let report = ledger.import_file(request, &progress);
    bar.finish_and_clear();
    let report = report?;
    let places = ledger.places()?;
    let file = args.file.display().to_string();
    if !report.dry_run {
        say!("{}", report.summary(&file));
    } else {
        // The preview: the rows, the rejected rows in a table of their own, then the counts.
        say!("{}", preview(&report, &places));
        if !report.rejected.is_empty() {
            say!("{}", rejected(&report));
        }
        say!("{}\n{}", report.counts(&file), report.detection());
        for line in report.balance_lines() {
            say!("{line}");
        }
        say!("a dry run: nothing was imported");
        if !report.rejected.is_empty() && !args.skip_bad {
            return Err(Refusal::new(format!(
                "{} row(s) cannot be imported, so the import would refuse the file and import nothing",
                report.rejected.len()
            ))
            .or("fix the file")
            .hint(Hint::SkipBadRows)
            .into());
        }
    }
    // Charges over a limit are recorded all the same; say so, as adding one by hand does.
    if !report.dry_run && report.imported() > 0 {
        if let Some(warning) = ledger.card_over_limit(&args.into)? {
            eprintln!("warning: {}", crate::text::visible_lines(&warning.to_string()));
        }
    }
    Ok(())
}

/// The rows a dry run rejects, with what the file says in each and why.
fn rejected(r: &ImportReport) -> String {
    let shown = |text: &str| crate::text::visible(text).into_owned();
    let rows = r
        .rejected
        .iter()
        .map(|b| {
            vec![
                b.line.to_string(),
                shown(&b.date),
                shown(&b.amount),
                shown(&b.text),
                shown(&b.reason),
            ]
        })
        .collect();
    let title = format!("{} rejected row(s):", r.rejected.len());
    format!(
        "{title}\n{}",
        table(&["Line", "Date", "Amount", "Text", "Reason"], &[0], rows)
    )
}

fn preview(r: &ImportReport, places: &crate::domain::Places) -> String {
    let name = |id: Option<i64>| id.map_or(String::new(), |i| places.name(i).to_string());
    let rows = r
        .rows
        .iter()
        .map(|p| {
            let what = match p.outcome {
                Outcome::Imported(_) => "new".to_string(),
                Outcome::Duplicate(id) => format!("duplicate of #{id}"),
                Outcome::Matched(id) => format!("matches #{id}"),
            };
            vec![
                p.line.to_string(),
                p.draft.date.to_string(),
                p.draft.kind.to_string(),
                p.draft.amount.grouped(),
                name(p.draft.from),
                name(p.draft.to),
                p.category_text(),
                crate::text::visible(&p.draft.description).into_owned(),
                what,
            ]
        })
        .collect();
    table(
        &[
            "Line",
            "Date",
            "Kind",
            "Amount",
            "From",
            "To",
            "Category",
            "Description",
            "Outcome",
        ],
        &[0, 3],
        rows,
    )
}

pub fn rule(ledger: &mut Ledger, cmd: RuleCmd) -> Result<()> {
    match cmd {
        RuleCmd::Add {
            pattern,
            category,
            transfer,
            regex,
        } => {
            let id = ledger.add_rule(&pattern, regex, category.as_deref(), transfer.as_deref())?;
            say!("added rule #{id}: '{pattern}'{}", if regex { " (regex)" } else { "" });
            Ok(())
        }
        RuleCmd::List { json } => {
            let rules = ledger.rules()?;
            let places = ledger.places()?;
            let action = |a: &RuleAction| match a {
                RuleAction::Category(c) => format!("category {c}"),
                RuleAction::Transfer(p) => format!("transfer with {}", places.name(*p)),
            };
            if json {
                let list = rules
                    .iter()
                    .map(|r| {
                        let (category, transfer) = match &r.action {
                            RuleAction::Category(c) => (Some(c.clone()), None),
                            RuleAction::Transfer(p) => (None, Some(places.name(*p).to_string())),
                        };
                        serde_json::json!({"id": r.id, "pattern": r.pattern, "regex": r.is_regex, "category": category, "transfer": transfer})
                    })
                    .collect();
                return print_json(&serde_json::Value::Array(list));
            }
            if rules.is_empty() {
                say!("no rules yet; add one with 'pfos rule add PATTERN --category CAT'");
                return Ok(());
            }
            let rows = rules
                .iter()
                .map(|r| {
                    vec![
                        r.id.to_string(),
                        r.pattern.clone(),
                        if r.is_regex { "regex" } else { "text" }.into(),
                        action(&r.action),
                    ]
                })
                .collect();
            say!("{}", table(&["ID", "Pattern", "Match", "Then"], &[0], rows));
            Ok(())
        }
        RuleCmd::Suggest => {
            let found = ledger.suggest_rules()?;
            if found.is_empty() {
                say!(
                    "no payee has been categorised the same way {} times or more without a rule yet",
                    crate::ledger::SUGGEST_TIMES
                );
                return Ok(());
            }
            let word = super::shell_word;
            for s in found {
                say!(
                    "pfos rule add {} --category {}  # {} times",
                    word(&s.pattern),
                    word(&s.category),
                    s.times
                );
            }
            Ok(())
        }
        RuleCmd::Delete { id } => {
            let Ok(id) = id.trim().parse::<i64>() else {
                return refused(format!("'{id}' is not a rule id; see 'pfos rule list'"));
            };
            ledger.delete_rule(id)?;
            say!("deleted rule #{id}");
            Ok(())
        }
        RuleCmd::Move { id, position } => {
            let position = usize::try_from(position).unwrap_or(usize::MAX);
            let Ok(id) = id.trim().parse::<i64>() else {
                return refused(format!("'{id}' is not a rule id; see 'pfos rule list'"));
            };
            let at = ledger.move_rule(id, position)?;
            say!("rule #{id} is now tried {}", ordinal(at));
            Ok(())
        }
    }
}

/// "1st", "2nd", "3rd", "4th", … "11th", "21st".
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}
