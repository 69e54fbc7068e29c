//! `pfos export ledger|csv|json`, `pfos import json` and `pfos backup`.

use super::args::{BackupArgs, ExportArgs, ExportFormat};
use super::output::say_text;
use crate::error::Result;
use crate::ledger::Ledger;
use std::path::Path;

pub fn export(ledger: &Ledger, args: ExportArgs) -> Result<()> {
    let text = match args.format {
        ExportFormat::Ledger => ledger.export_journal()?,
        ExportFormat::Csv => ledger.export_csv()?,
        ExportFormat::Json => ledger.export_json()?,
    };
    match &args.out {
        None => say_text(&text),
        Some(path) => {
            ledger.save_export(path, args.force, &text)?;
            say!("exported to {}", path.display());
        }
    }
    Ok(())
}

pub fn import_json(ledger: &mut Ledger, file: &Path) -> Result<()> {
    let s = ledger.import_json(file)?;
    say!(
        "imported {} places, {} transactions and {} closed months from {}",
        s.places,
        s.transactions,
        s.snapshots,
        file.display()
    );
    Ok(())
}

pub fn backup(ledger: &Ledger, args: BackupArgs) -> Result<()> {
    ledger.backup_to(&args.file, args.force)?;
    say!("backed up {} to {}", ledger.path().display(), args.file.display());
    Ok(())
}
