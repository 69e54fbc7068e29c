//! Human output: aligned tables with right-aligned, thousands-separated money; JSON printing.

use crate::error::Result;
use unicode_width::UnicodeWidthStr;

/// A borderless table; `right` lists the columns to right-align (money).
pub fn table(header: &[&str], right: &[usize], rows: Vec<Vec<String>>) -> String {
    let mut layout = TableLayout::new(header, right);
    for row in &rows {
        layout.measure(row);
    }
    std::iter::once(layout.header())
        .chain(rows.iter().map(|row| layout.line(row)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The column widths of a borderless table, measured row by row, so a long listing can be measured in
/// one pass and printed in a second without holding its rows: each cell is padded to its column's
/// width with one space either side, and each line ends without trailing spaces.
pub struct TableLayout {
    header: Vec<String>,
    right: Vec<bool>,
    widths: Vec<usize>,
}

impl TableLayout {
    pub fn new(header: &[&str], right: &[usize]) -> TableLayout {
        TableLayout {
            header: header.iter().map(|h| h.to_string()).collect(),
            right: (0..header.len()).map(|i| right.contains(&i)).collect(),
            widths: header.iter().map(|h| h.width()).collect(),
        }
    }

    /// Widens the columns to fit `row`.
    pub fn measure<S: AsRef<str>>(&mut self, row: &[S]) {
        for (width, cell) in self.widths.iter_mut().zip(row) {
            *width = (*width).max(crate::text::visible(cell.as_ref()).width());
        }
    }

    pub fn header(&self) -> String {
        self.line(&self.header)
    }

    /// One row, laid out.
    pub fn line<S: AsRef<str>>(&self, row: &[S]) -> String {
        let mut out = String::new();
        for ((cell, width), right) in row.iter().zip(&self.widths).zip(&self.right) {
            // Every cell is stored text shown safely: a name or category cannot move the cursor.
            let cell = crate::text::visible(cell.as_ref());
            let cell = cell.as_ref();
            let pad = " ".repeat(width.saturating_sub(cell.width()));
            out.push(' ');
            if *right {
                out.push_str(&pad);
                out.push_str(cell);
            } else {
                out.push_str(cell);
                out.push_str(&pad);
            }
            out.push(' ');
        }
        out.truncate(out.trim_end().len());
        out
    }
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
        .map_err(|e| crate::error::Error::refusal(format!("cannot write JSON: {e}")))?;
    say_line(&text);
    Ok(())
}

/// Prints a JSON array element by element, laid out exactly as [`print_json`] lays out a whole array,
/// without holding it: `fill` hands each element to the function it is given.
pub fn print_json_array(
    fill: impl FnOnce(&mut dyn FnMut(&serde_json::Value) -> Result<()>) -> Result<()>,
) -> Result<()> {
    let mut out = Lines::stdout();
    let mut empty = true;
    let mut element = |value: &serde_json::Value| -> Result<()> {
        let text = serde_json::to_string_pretty(value)
            .map_err(|e| crate::error::Error::refusal(format!("cannot write JSON: {e}")))?;
        out.text(if empty { "[\n" } else { ",\n" })?;
        empty = false;
        for (i, line) in text.lines().enumerate() {
            out.text(if i == 0 { "  " } else { "\n  " })?;
            out.text(line)?;
        }
        Ok(())
    };
    fill(&mut element)?;
    out.text(if empty { "[]\n" } else { "\n]\n" })?;
    out.finish()
}

/// Buffered standard output for long output (listings, exports). A closed pipe (`pfos … | head`) ends
/// the output quietly, as [`say_line`] does; any other failure (a full disk behind `>`) is an error, so
/// a cut-short listing or export never looks complete.
pub struct Lines {
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    /// The reader went away: the rest is dropped.
    closed: bool,
}

/// What a failed write to standard output becomes.
fn stdout_error(e: std::io::Error) -> crate::error::Error {
    crate::error::Error::refusal(format!(
        "cannot write to standard output ({e}); make room where it goes, or send it elsewhere"
    ))
}

impl Lines {
    pub fn stdout() -> Lines {
        Lines {
            out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
            closed: false,
        }
    }

    pub fn text(&mut self, text: &str) -> Result<()> {
        std::io::Write::write_all(self, text.as_bytes()).map_err(stdout_error)
    }

    /// Prints `text` and a newline.
    pub fn line(&mut self, text: &str) -> Result<()> {
        self.text(text)?;
        self.text("\n")
    }

    /// Writes out what is buffered.
    pub fn finish(mut self) -> Result<()> {
        std::io::Write::flush(&mut self).map_err(stdout_error)
    }

    /// A write's result, with a closed pipe turned into quiet success.
    fn quiet_if_closed(&mut self, result: std::io::Result<()>) -> std::io::Result<()> {
        match result {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

impl std::io::Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.closed {
            let written = self.out.write_all(buf);
            self.quiet_if_closed(written)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.out.flush();
        self.quiet_if_closed(flushed)
    }
}

/// Prints a line to stdout; a closed pipe (`pfos … | head`) ends the output quietly instead of panicking.
pub fn say_line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // Messages are built around stored text: shown safely, line breaks kept.
    let text = crate::text::visible_lines(text);
    if let Err(e) = writeln!(out, "{text}") {
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
