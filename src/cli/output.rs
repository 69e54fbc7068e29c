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
    println!("{text}");
    Ok(())
}
