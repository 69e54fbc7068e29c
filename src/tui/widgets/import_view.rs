//! Drawing the import dialog: the two fields, then the preview (what pfos worked out, the counts, a table
//! of every row with its category and outcome, the rejected rows with their reasons).

use super::field_list::Value;
use super::form_view::editing_spans;
use super::import_dialog::{shown_from, DateQuestion, ImportDialog, ImportField, Preview, PreviewLine, RowCells};
use super::money::{fit, pad};
use super::popup_area;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const LABEL: usize = 8;

pub fn render(dialog: &ImportDialog, theme: Theme, area: Rect, buf: &mut Buffer) {
    match (&dialog.preview, &dialog.date_question) {
        (Some(preview), _) => render_preview(preview, theme, area, buf),
        (None, Some(question)) => render_date_question(question, theme, area, buf),
        (None, None) => render_fields(dialog, theme, area, buf),
    }
}

/// The dates read more than one way: the readings, the chosen one marked.
fn render_date_question(q: &DateQuestion, theme: Theme, area: Rect, buf: &mut Buffer) {
    let popup = popup_area(area, 64, 7 + u16::try_from(q.choices.len()).unwrap_or(0));
    Clear.render(popup, buf);
    let block = Block::bordered().title(Span::styled(" Which dates? ", theme.title()));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let w = usize::from(inner.width);
    let mut lines = vec![
        Line::raw(fit("The file's dates can be read more than one way.", w)),
        Line::raw(fit("Which is how your bank writes them?", w)),
        Line::raw(""),
    ];
    for (i, choice) in q.choices.iter().enumerate() {
        let line = Line::raw(format!("{} {choice}", if i == q.at { "›" } else { " " }));
        lines.push(if i == q.at { line.style(theme.selected()) } else { line });
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit("↑↓ choose · Enter preview with it · Esc back", w),
        theme.dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

fn render_fields(dialog: &ImportDialog, theme: Theme, area: Rect, buf: &mut Buffer) {
    let width = 72u16.min(area.width);
    let text_width = usize::from(width.saturating_sub(2)).max(1);
    let error = dialog.error.as_ref().map(|e| wrap(&format!("error: {e}"), text_width));
    let error_rows = error.as_ref().map_or(0, Vec::len);
    let options = u16::try_from(dialog.options.entries.len()).unwrap_or(0);
    let popup = popup_area(area, width, 10 + options + u16::try_from(error_rows).unwrap_or(0));
    Clear.render(popup, buf);
    let block = Block::bordered().title(Span::styled(
        " Import a bank or card file (CSV, OFX, QIF, CAMT) ",
        theme.title(),
    ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let w = usize::from(inner.width);
    let suggestions = dialog.suggestions();
    let mut lines = vec![
        field_line(dialog, ImportField::File, theme, w),
        field_line(dialog, ImportField::Place, theme, w),
        Line::styled(fit("Overrides (empty: pfos works it out)", w), theme.dim()),
    ];
    lines.extend(option_lines(dialog, theme, w));
    lines.push(Line::raw(""));
    if suggestions.is_empty() {
        lines.push(Line::raw(""));
    } else {
        let names: Vec<String> = suggestions.iter().map(|s| last_part(s)).collect();
        lines.push(Line::styled(fit(&format!("→ {}", names.join("  ")), w), theme.dim()));
    }
    for line in error.into_iter().flatten() {
        lines.push(Line::styled(line, theme.error()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(
            "Tab next · ↑↓ choose · ←→ change · Enter preview (stores nothing) · Esc cancel",
            w,
        ),
        theme.dim(),
    ));
    Paragraph::new(lines).render(inner, buf);
}

/// What the suggestion line shows of a path: its last part (a directory keeps its slash).
fn last_part(path: &str) -> String {
    let trimmed = path.strip_suffix('/').unwrap_or(path);
    let name = trimmed.rsplit('/').next().unwrap_or(trimmed);
    if trimmed.len() < path.len() {
        format!("{name}/")
    } else {
        name.to_string()
    }
}

/// The overrides, one line each; the focused one shows what it takes.
fn option_lines(dialog: &ImportDialog, theme: Theme, width: usize) -> Vec<Line<'static>> {
    let on = dialog.focus == ImportField::Options;
    dialog
        .options
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let focused = on && dialog.options.focus == i;
            let marker = if focused { "›" } else { " " };
            let mut spans = vec![Span::styled(
                format!("{marker} {}", pad(e.label, 14)),
                if focused { theme.title() } else { theme.text() },
            )];
            match (&e.value, focused) {
                (Value::Text(f), true) => spans.extend(editing_spans(f, None, theme)),
                (Value::Text(f), false) => spans.push(Span::raw(fit(f.text(), width.saturating_sub(16)))),
                (Value::Choice { options, at }, _) => {
                    let chosen = options.get(*at).copied().unwrap_or("");
                    let shown = if focused {
                        format!("‹ {chosen} ›")
                    } else {
                        format!("  {chosen}")
                    };
                    spans.push(Span::styled(shown, theme.accent()));
                }
            }
            if focused {
                spans.push(Span::styled(format!("  {}", e.note), theme.dim()));
            }
            Line::from(spans)
        })
        .collect()
}

fn field_line(dialog: &ImportDialog, id: ImportField, theme: Theme, width: usize) -> Line<'static> {
    let focused = dialog.focus == id;
    let (label, field) = match id {
        ImportField::File => ("File", &dialog.file),
        ImportField::Place | ImportField::Options => ("Into", &dialog.place),
    };
    let marker = if focused { "›" } else { " " };
    let label = Span::styled(
        format!("{marker}{}", pad(label, LABEL - 1)),
        if focused { theme.title() } else { theme.text() },
    );
    if !focused {
        return Line::from(vec![label, Span::raw(fit(field.text(), width.saturating_sub(LABEL)))]);
    }
    let ghost = match id {
        ImportField::Place => dialog.suggestions().into_iter().next(),
        ImportField::File | ImportField::Options => None,
    };
    let mut spans = vec![label];
    spans.extend(editing_spans(field, ghost.as_deref(), theme));
    Line::from(spans)
}

/// The preview's parts, worked out the same way for drawing and for scrolling.
struct Parts {
    head: Vec<String>,
    detail: Vec<String>,
    notice: Vec<String>,
    table: u16,
}

/// The popup the preview takes in an area of this size.
fn preview_popup(area: Rect) -> Rect {
    popup_area(area, 120, 40)
}

fn parts(p: &Preview, popup: Rect) -> Parts {
    let w = usize::from(popup.width.saturating_sub(2)).max(1);
    let r = &p.report;
    let mut head = wrap(&r.detection(), w);
    head.extend(wrap(&r.counts(&p.file_name), w));
    let mut detail = match p.selected_line() {
        Some(PreviewLine::Row(c)) => wrap(
            &format!(
                "line {}: {} · {} {} · {} · {}",
                c.line,
                if c.description.is_empty() {
                    "(no description)"
                } else {
                    &c.description
                },
                c.kind,
                c.amount,
                if c.category.is_empty() {
                    "no category"
                } else {
                    &c.category
                },
                c.outcome
            ),
            w,
        ),
        Some(PreviewLine::Rejected {
            line,
            date,
            amount,
            text,
            reason,
        }) => wrap(
            &format!("line {line} cannot be imported: {reason} (date '{date}', amount '{amount}', text '{text}')"),
            w,
        ),
        None => vec!["The file has no rows to import.".to_string()],
    };
    detail.truncate(2);
    let notice: Vec<String> = notice(p).iter().flat_map(|n| wrap(n, w)).collect();
    let used = head.len() + detail.len() + notice.len() + 1;
    let table = usize::from(popup.height.saturating_sub(2)).saturating_sub(used);
    Parts {
        head,
        detail,
        notice,
        table: u16::try_from(table).unwrap_or(0),
    }
}

/// Rows of the table the preview shows in a terminal of `size` (columns, rows): what scrolling moves by.
pub fn preview_rows(p: &Preview, size: (u16, u16)) -> usize {
    let popup = preview_popup(Rect::new(0, 0, size.0, size.1));
    usize::from(parts(p, popup).table).max(1)
}

/// What Enter does now, on lines of their own so the keys never break across lines.
fn notice(p: &Preview) -> Vec<String> {
    let r = &p.report;
    let new = r.imported();
    let bad = r.rejected.len();
    let rows = |n: usize| {
        if n == 1 {
            "1 row".to_string()
        } else {
            format!("{n} rows")
        }
    };
    if bad == 0 {
        vec![format!(
            "Enter imports {} into {} · ↑↓ PgUp PgDn scroll · Esc back to the file",
            rows(new),
            p.place
        )]
    } else if p.overrides.skip_bad {
        vec![
            format!("✗ {} cannot be imported: see the list.", rows(bad)),
            format!(
                "Enter imports the other {} without them (Skip bad rows is on) · Esc back to the file",
                rows(new)
            ),
        ]
    } else if p.asking {
        vec![
            format!(
                "Import the other {} into {} and leave out the {} marked ✗?",
                rows(new),
                p.place,
                rows(bad)
            ),
            "y imports them · n or Esc: not now".to_string(),
        ]
    } else {
        vec![
            format!("✗ {} cannot be imported: see the list.", rows(bad)),
            format!(
                "Enter: import the other {} without them (asks first) · Esc back to the file",
                rows(new)
            ),
        ]
    }
}

/// Column widths for the row cells, from every row (not only those on screen) so they do not jump.
struct Widths {
    line: usize,
    kind: usize,
    amount: usize,
    places: usize,
    category: usize,
    description: usize,
    outcome: usize,
}

const DATE: usize = 10;

fn widths(lines: &[PreviewLine], width: usize) -> Widths {
    let widest = |get: fn(&RowCells) -> &str, min: usize, max: usize| {
        lines
            .iter()
            .filter_map(|l| match l {
                PreviewLine::Row(c) => Some(get(c).width()),
                PreviewLine::Rejected { .. } => None,
            })
            .fold(min, usize::max)
            .min(max)
    };
    let line = lines.iter().map(|l| l.line().to_string().len()).fold(4, usize::max);
    // A rejected row's amount is shown as the file has it.
    let rejected_amount = lines
        .iter()
        .filter_map(|l| match l {
            PreviewLine::Rejected { amount, .. } => Some(amount.width()),
            PreviewLine::Row(_) => None,
        })
        .fold(0, usize::max);
    let mut w = Widths {
        line,
        kind: widest(|c| &c.kind, 4, 9),
        amount: widest(|c| &c.amount, 6, 14).max(rejected_amount.min(14)),
        places: widest(|c| &c.places, 9, 14),
        category: widest(|c| &c.category, 8, 14),
        description: 0,
        outcome: widest(|c| &c.outcome, 7, 16),
    };
    // Narrow terminals: the category and the places give way before the description does; the
    // selected row is also shown in full below the table.
    loop {
        let fixed = w.line + DATE + w.kind + w.amount + w.places + w.category + w.outcome + 7;
        w.description = width.saturating_sub(fixed);
        if w.description >= 10 || (w.category <= 8 && w.places <= 9) {
            break;
        }
        if w.category > 8 {
            w.category -= 1;
        } else {
            w.places -= 1;
        }
    }
    w
}

#[allow(clippy::too_many_arguments)]
fn cells(
    w: &Widths,
    line: &str,
    date: &str,
    kind: &str,
    amount: &str,
    places: &str,
    category: &str,
    description: &str,
    outcome: &str,
) -> String {
    format!(
        "{:>lw$} {} {} {:>aw$} {} {} {} {}",
        fit(line, w.line),
        pad(date, DATE),
        pad(kind, w.kind),
        fit(amount, w.amount),
        pad(places, w.places),
        pad(category, w.category),
        pad(description, w.description),
        fit(outcome, w.outcome),
        lw = w.line,
        aw = w.amount,
    )
}

fn render_preview(p: &Preview, theme: Theme, area: Rect, buf: &mut Buffer) {
    let popup = preview_popup(area);
    Clear.render(popup, buf);
    let title = format!(" Import {} into {}: preview, nothing stored yet ", p.file_name, p.place);
    let block = Block::bordered().title(Span::styled(
        fit(&title, usize::from(popup.width.saturating_sub(2))),
        theme.title(),
    ));
    let inner = block.inner(popup);
    block.render(popup, buf);
    let parts = parts(p, popup);
    let width = usize::from(inner.width);
    let w = widths(&p.lines, width);
    let mut lines: Vec<Line> = parts
        .head
        .iter()
        .map(|l| Line::styled(l.clone(), theme.dim()))
        .collect();
    lines.push(Line::styled(
        pad(
            &cells(
                &w,
                "Line",
                "Date",
                "Kind",
                "Amount",
                "From → To",
                "Category",
                "Description",
                "Outcome",
            ),
            width,
        ),
        theme.header(),
    ));
    let rows = usize::from(parts.table);
    let from = shown_from(p.offset, p.selected, rows);
    for (i, line) in p.lines.iter().enumerate().skip(from).take(rows) {
        let mut shown = match line {
            PreviewLine::Row(c) => Line::styled(
                pad(
                    &cells(
                        &w,
                        &c.line.to_string(),
                        &c.date,
                        &c.kind,
                        &c.amount,
                        &c.places,
                        &c.category,
                        &c.description,
                        &c.outcome,
                    ),
                    width,
                ),
                if c.is_new { theme.text() } else { theme.dim() },
            ),
            // What the file says in the row, in the table's columns, and the reason where the outcome goes.
            PreviewLine::Rejected {
                line,
                date,
                amount,
                text,
                reason,
            } => Line::styled(
                pad(
                    &cells(&w, &line.to_string(), date, "✗", amount, "", "", text, reason),
                    width,
                ),
                theme.error(),
            ),
        };
        if i == p.selected {
            shown = shown.patch_style(theme.selected());
        }
        lines.push(shown);
    }
    let shown = p.lines.len().saturating_sub(from).min(rows);
    lines.extend(std::iter::repeat_n(Line::raw(""), rows - shown));
    lines.extend(parts.detail.iter().map(|l| Line::raw(l.clone())));
    let notice_style = if p.report.rejected.is_empty() {
        theme.accent()
    } else {
        theme.warn()
    };
    lines.extend(parts.notice.iter().map(|l| Line::styled(l.clone(), notice_style)));
    Paragraph::new(lines).render(inner, buf);
}

/// Words of `text` in lines of at most `width` columns; a word longer than a line is cut across lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let gap = usize::from(!current.is_empty());
        if current.width() + gap + word.width() <= width {
            if gap == 1 {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        for c in word.chars() {
            if current.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_by_words_and_cuts_long_ones() {
        assert_eq!(wrap("read as UTF-8, delimiter", 12), ["read as", "UTF-8,", "delimiter"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 5), [""]);
        assert!(wrap("寿司 dinner with Ana", 6).iter().all(|l| l.width() <= 6));
    }

    #[test]
    fn paths_show_their_last_part() {
        assert_eq!(last_part("~/bank/visa.csv"), "visa.csv");
        assert_eq!(last_part("~/bank/old/"), "old/");
        assert_eq!(last_part("visa.csv"), "visa.csv");
    }
}
