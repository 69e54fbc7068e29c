//! `pfos export ledger|csv|json`, `pfos import json` and `pfos backup`.

use super::args::{BackupArgs, ExportArgs, ExportFormat};
use super::output::Lines;
use crate::error::Result;
use crate::ledger::{ExportKind, Ledger};
use std::path::Path;

pub fn export(ledger: &Ledger, args: ExportArgs) -> Result<()> {
    let kind = match args.format {
        ExportFormat::Ledger => ExportKind::Journal,
        ExportFormat::Csv => ExportKind::Csv,
        ExportFormat::Json => ExportKind::Json,
    };
    match &args.out {
        None => {
            let mut out = Lines::stdout();
            ledger.write_export(kind, &mut out)?;
            out.finish()?;
        }
        Some(path) => {
            ledger.export_to(kind, path, args.force)?;
            say!("exported to {}", path.display());
        }
    }
    Ok(())
}

pub fn import_json(ledger: &mut Ledger, file: &Path) -> Result<()> {
    let s = ledger.import_json(file)?;
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    say!(
        "imported {} place{}, {} transaction{} and {} closed month{} from {}",
        s.places,
        plural(s.places),
        s.transactions,
        plural(s.transactions),
        s.snapshots,
        plural(s.snapshots),
        file.display()
    );
    if !s.recomputed.is_empty() {
        eprintln!("it was written by an older pfos: every closed month was recomputed by the current money rules and stays closed");
        for note in &s.recomputed {
            eprintln!("  {note}");
        }
    }
    Ok(())
}

pub fn backup(ledger: &Ledger, args: BackupArgs) -> Result<()> {
    ledger.backup_to(&args.file, args.force)?;
    say!("backed up {} to {}", ledger.path().display(), args.file.display());
    Ok(())
}
