//! Human output: aligned tables with right-aligned, thousands-separated money; JSON printing.

use crate::error::Result;
use comfy_table::{presets, CellAlignment, ContentArrangement, Table};

/// A borderless table; `right` lists the columns to right-align (money).
pub fn table(header: &[&str], right: &[usize], rows: Vec<Vec<String>>) -> String {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for row in rows {
        t.add_row(row);
    }
    for &i in right {
        if let Some(col) = t.column_mut(i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    t.lines()
        .map(|l| l.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Label-value lines with values right-aligned in one column.
pub fn pairs(rows: &[(&str, String)]) -> String {
    let width = rows.iter().map(|(_, v)| v.chars().count()).max().unwrap_or(0);
    let label_width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    rows.iter()
        .map(|(l, v)| format!("{l:<label_width$}  {v:>width$}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn print_json(value: &serde_json::Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| crate::error::Error::Refused(format!("cannot write JSON: {e}")))?;
    say_line(&text);
    Ok(())
}

/// Prints a line to stdout; a closed pipe (`pfos … | head`) ends the output quietly instead of panicking.
pub fn say_line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}") {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("warning: cannot write output: {e}");
        }
    }
}

/// Prints text as it is (an export); a closed pipe ends the output quietly, like [`say_line`].
pub fn say_text(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("warning: cannot write output: {e}");
        }
    }
}

/// `println!` through [`say_line`].
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::say_line(&format!($($arg)*))
    };
}
