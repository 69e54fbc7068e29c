//! `pfos demo`: a fresh demo database (never the person's own), in a temporary folder or at `--db`.

use super::args::DemoArgs;
use crate::demo::generate;
use crate::error::{refused, Error, Result};
use crate::ledger::Ledger;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Makes the demo ledger and returns it open; refuses a `--db` file that already exists.
pub fn make_demo(db: Option<PathBuf>, today: NaiveDate, args: &DemoArgs) -> Result<Ledger> {
    let path = match db {
        Some(path) if path.exists() => {
            return refused(format!(
                "'{}' already exists; the demo only writes a new file, so give a path that does not exist or leave --db out",
                path.display()
            ))
        }
        Some(path) => path,
        None => {
            let dir = tempfile::Builder::new()
                .prefix("pfos-demo-")
                .tempdir()
                .map_err(|source| Error::Io { path: std::env::temp_dir(), source })?;
            dir.keep().join("demo.db")
        }
    };
    let mut ledger = Ledger::open(&path, today)?;
    let summary = generate(&mut ledger, today, args.years, args.per_month, args.seed)?;
    println!(
        "demo database {}: {} transactions from {}, {} months closed",
        path.display(),
        summary.transactions,
        summary.first_month,
        summary.closed_months
    );
    Ok(ledger)
}
