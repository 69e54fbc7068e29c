//! The words an import report is told in, shared by `pfos import csv` and the app's import dialog.

use super::import::FileAbout;
use super::{ImportReport, PlannedRow};
use crate::io::csv_import::{human_date_format, DecimalMark};

impl ImportReport {
    /// What pfos read and did, in one paragraph: the counts, what it worked out, each rejected line.
    pub fn summary(&self, file: &str) -> String {
        let mut text = format!("{}\n{}", self.counts(file), self.detection());
        for bad in &self.rejected {
            text.push_str(&format!("\nrejected line {}: {}", bad.line, bad.reason));
        }
        for line in self.balance_lines() {
            text.push('\n');
            text.push_str(&line);
        }
        text
    }

    /// A line for each balance the statement states: what the bank says, what pfos has, whether recorded.
    pub fn balance_lines(&self) -> Vec<String> {
        self.balances
            .iter()
            .map(|b| {
                let agreement = if b.stated == b.computed {
                    "they agree".to_string()
                } else {
                    format!("difference {}", (b.computed - b.stated).grouped())
                };
                let what = match (b.recorded, self.dry_run) {
                    (true, true) => "would be recorded as a reconciliation",
                    (true, false) => "recorded as a reconciliation",
                    (false, _) => "already recorded as a reconciliation",
                };
                format!(
                    "statement balance on {}: the bank says {}, pfos has {} ({agreement}); {what}",
                    b.date,
                    b.stated.grouped(),
                    b.computed.grouped()
                )
            })
            .collect()
    }

    /// The first line of the summary: how many rows were (or would be) imported, skipped, matched, rejected.
    pub fn counts(&self, file: &str) -> String {
        let verb = if self.dry_run { "would import" } else { "imported" };
        if let FileAbout::Statement { .. } = self.about {
            return format!(
                "{file}: {} {verb}, {} skipped as duplicates, {} matched to existing transfers, {} rejected, {} with nothing to import skipped",
                self.imported(),
                self.duplicates(),
                self.matched(),
                self.rejected.len(),
                self.skipped,
            );
        }
        format!(
            "{file}: {} {verb}, {} skipped as duplicates, {} matched to existing transfers, {} rejected, {} without an amount skipped",
            self.imported(),
            self.duplicates(),
            self.matched(),
            self.rejected.len(),
            self.skipped,
        )
    }

    /// The second line: what pfos worked out about the file by itself.
    pub fn detection(&self) -> String {
        let d = match &self.about {
            FileAbout::Csv(d) => d,
            FileAbout::Statement { about, .. } => return about.clone(),
        };
        let delimiter = match d.delimiter {
            '\t' => "tab".to_string(),
            c => format!("'{c}'"),
        };
        let mark = match d.decimal_mark {
            DecimalMark::Point => "decimal point",
            DecimalMark::Comma => "decimal comma",
        };
        format!(
            "read as {}, delimiter {delimiter}, {}, dates {}, {mark}{}",
            d.encoding,
            match d.header_line {
                Some(line) => format!("header on line {line}"),
                None => "no header row (columns by number)".to_string(),
            },
            human_date_format(d.date_format),
            if d.negated {
                ", amounts turned around (money out printed as positive)"
            } else {
                ""
            },
        )
    }
}

impl PlannedRow {
    /// The category a preview shows: the category, or each split line; "(learned)" when it is the one
    /// the payee had the last time.
    pub fn category_text(&self) -> String {
        let mut text = match &self.draft.category {
            Some(c) => crate::text::visible(c).into_owned(),
            None => self
                .draft
                .splits
                .iter()
                .map(|l| format!("{} {}", crate::text::visible(&l.category), l.amount.grouped()))
                .collect::<Vec<_>>()
                .join(" + "),
        };
        if self.learned {
            text.push_str(" (learned)");
        }
        text
    }
}
