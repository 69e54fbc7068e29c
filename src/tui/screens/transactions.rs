//! The Transactions screen: every transaction newest first under month headers, closed months marked.

use super::txn_list::TxnList;
use crate::domain::{Month, PlaceId, Places, Txn, TxnKind};
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{fit, pad};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Lines of list the screen has in a body of `height` lines (borders and the column header taken off).
pub fn list_height(body_height: u16) -> usize {
    usize::from(body_height.saturating_sub(3))
}

/// What the screen draws from.
pub struct TransactionsView<'a> {
    pub list: &'a TxnList,
    pub places: &'a Places,
    pub latest_closed: Option<Month>,
    pub filtering: bool,
    pub theme: Theme,
}

/// The widths of the columns that share the room by what they hold.
struct Columns {
    kind: usize,
    description: usize,
    category: usize,
    places: usize,
}

const DATE: usize = 10;
const AMOUNT: usize = 12;
/// Narrowest widths, in the order kind, description, category, places.
const MIN_WIDTHS: [usize; 4] = [4, 12, 8, 9];

/// Shares `room` columns among columns wanting `wants`: each gets what it wants when everything fits
/// (the first, the description, takes what is left over); otherwise the widest is narrowed, one column at
/// a time, never below its minimum.
fn share_widths(wants: [usize; 4], room: usize) -> [usize; 4] {
    let mut widths: [usize; 4] = std::array::from_fn(|i| wants[i].max(MIN_WIDTHS[i]));
    let mut total: usize = widths.iter().sum();
    while total > room {
        let widest = (0..4)
            .filter(|i| widths[*i] > MIN_WIDTHS[*i])
            .max_by_key(|i| (widths[*i], *i));
        let Some(i) = widest else { break };
        widths[i] -= 1;
        total -= 1;
    }
    if total < room {
        widths[1] += room - total;
    }
    widths
}

impl Widget for &TransactionsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let list = self.list;
        let filter = list.filter.text();
        let mut title = vec![Span::styled(" Transactions ", theme.title())];
        if self.filtering || !filter.is_empty() {
            let cursor = if self.filtering { "▏" } else { "" };
            title.push(Span::styled(format!("filter: {filter}{cursor} "), theme.accent()));
        }
        if let Some(category) = &list.category {
            title.push(Span::styled(
                format!("· only {category} (U shows all) "),
                theme.accent(),
            ));
        }
        if !list.marked.is_empty() {
            let what = if list.marked.len() == 2 {
                "L links them"
            } else {
                "mark one more with m"
            };
            title.push(Span::styled(
                format!("· {} marked: {what} ", list.marked.len()),
                theme.accent(),
            ));
        }
        let block = Block::bordered().title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let cols = self.columns(width, usize::from(inner.height));
        let mut lines = vec![Line::styled(
            row_text(
                &cols,
                "Date",
                "Kind",
                "Description",
                "Category",
                "From → To",
                &format!("{:>AMOUNT$}", "Amount"),
            ),
            theme.header(),
        )];
        if list.rows.is_empty() {
            let text = if let Some(category) = &list.category {
                format!("Nothing is {category}. U or Esc shows every transaction.")
            } else if filter.is_empty() {
                "No transactions yet. Press a to add one.".to_string()
            } else if list.filter_error().is_some() {
                "Nothing matched the search so far; finish it, or Esc clears it.".to_string()
            } else {
                format!("Nothing matches '{filter}'. Esc clears the filter.")
            };
            lines.push(Line::styled(text, theme.dim()));
        }
        let room = usize::from(inner.height).saturating_sub(1);
        let mut previous: Option<Month> = None;
        for (i, t) in list.rows.iter().enumerate().skip(list.offset) {
            let month = Month::of(t.date);
            if previous != Some(month) {
                if lines.len() > room {
                    break;
                }
                lines.push(self.month_header(month, width));
                previous = Some(month);
            }
            if lines.len() > room {
                break;
            }
            lines.push(self.txn_line(&cols, t, i == list.selected));
        }
        Paragraph::new(lines).render(inner, buf);
    }
}

fn row_text(cols: &Columns, date: &str, kind: &str, desc: &str, category: &str, places: &str, amount: &str) -> String {
    format!(
        "{} {} {} {} {} {}",
        pad(date, DATE),
        pad(kind, cols.kind),
        pad(desc, cols.description),
        pad(category, cols.category),
        pad(places, cols.places),
        amount
    )
}

/// `Checking → Visa` (each name cut to 7 columns), `Visa` (money out only) or `→ Checking` (money in only).
pub fn from_to(places: &Places, from: Option<PlaceId>, to: Option<PlaceId>) -> String {
    let name = |id: Option<PlaceId>| id.map(|i| places.name(i).to_string());
    match (name(from), name(to)) {
        (Some(f), Some(to)) => format!("{} → {}", fit(&f, 7), fit(&to, 7)),
        (Some(f), None) => f,
        (None, Some(to)) => format!("→ {to}"),
        (None, None) => String::new(),
    }
}

/// `Checking → Emergency Fund` in at most `width` columns: both names cut evenly when it does not fit.
fn from_to_within(places: &Places, from: Option<PlaceId>, to: Option<PlaceId>, width: usize) -> String {
    let name = |id: Option<PlaceId>| id.map(|i| places.name(i).to_string());
    match (name(from), name(to)) {
        (Some(f), Some(t)) => {
            let full = format!("{f} → {t}");
            if unicode_width::UnicodeWidthStr::width(full.as_str()) <= width {
                return full;
            }
            // The shorter name whole if it leaves the other some room, the longer one cut to the rest.
            let room = width.saturating_sub(3);
            let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
            let short = w(&f).min(w(&t)).min(room.saturating_sub(room / 3)).max(room / 2);
            let (fw, tw) = if w(&f) <= w(&t) {
                (short.min(w(&f)), room - short.min(w(&f)))
            } else {
                (room - short.min(w(&t)), short.min(w(&t)))
            };
            format!("{} → {}", fit(&f, fw), fit(&t, tw))
        }
        (Some(f), None) => f,
        (None, Some(t)) => format!("→ {t}"),
        (None, None) => String::new(),
    }
}

/// What a row shows in the category column: its category, or "Split (N)".
fn category_text(t: &Txn) -> String {
    if t.is_split() {
        format!("Split ({})", t.splits.len())
    } else {
        t.category.clone().unwrap_or_default()
    }
}

/// The description with its tags after it.
fn description_text(t: &Txn) -> String {
    if t.tags.is_empty() {
        t.description.clone()
    } else {
        format!("{} #{}", t.description, t.tags.join(" #"))
    }
}

impl TransactionsView<'_> {
    /// Widths for the rows on screen: each column as wide as its widest text there.
    fn columns(&self, width: usize, height: usize) -> Columns {
        let text_width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let mut wants = [4, 11, 8, 9]; // the headers
        for t in self.list.rows.iter().skip(self.list.offset).take(height) {
            let places = from_to_within(self.places, t.from, t.to, usize::MAX);
            let row = [
                t.kind.as_str().len(),
                text_width(&description_text(t)),
                text_width(&category_text(t)),
                text_width(&places),
            ];
            for (want, w) in wants.iter_mut().zip(row) {
                *want = (*want).max(w);
            }
        }
        let room = width.saturating_sub(DATE + AMOUNT + 5);
        let [kind, description, category, places] = share_widths(wants, room);
        Columns {
            kind,
            description,
            category,
            places,
        }
    }

    fn month_header(&self, month: Month, width: usize) -> Line<'static> {
        let closed = self.latest_closed.is_some_and(|c| month <= c);
        let label = if closed {
            format!("── {} · closed, locked ", month.label())
        } else {
            format!("── {} ", month.label())
        };
        let rule = "─".repeat(width.saturating_sub(label.chars().count()));
        Line::styled(
            format!("{label}{rule}"),
            if closed { self.theme.dim() } else { self.theme.accent() },
        )
    }

    fn txn_line(&self, cols: &Columns, t: &Txn, selected: bool) -> Line<'static> {
        let theme = self.theme;
        let places = from_to_within(self.places, t.from, t.to, cols.places);
        let amount_style = match t.kind {
            TxnKind::Expense => theme.bad().remove_modifier(ratatui::style::Modifier::BOLD),
            TxnKind::Income | TxnKind::Refund => theme.ok(),
            _ => theme.text(),
        };
        let closed = self.latest_closed.is_some_and(|c| Month::of(t.date) <= c);
        let base = if closed { theme.dim() } else { Style::new() };
        // A split shows as "Split (N)" (its lines are in the edit form); tags follow the description.
        let category = category_text(t);
        let marked = self.list.marked.contains(&t.id);
        // A row marked for linking starts with ◆ (seen without colour too).
        let description = if marked {
            format!("◆ {}", description_text(t))
        } else {
            description_text(t)
        };
        let text = row_text(
            cols,
            &t.date.to_string(),
            t.kind.as_str(),
            &description,
            &category,
            &places,
            "",
        );
        let amount = format!("{:>AMOUNT$}", fit(&t.amount.grouped(), AMOUNT));
        let line = Line::from(vec![
            Span::styled(text, base),
            Span::styled(amount, base.patch(amount_style)),
        ]);
        if selected {
            line.style(theme.selected())
        } else {
            line
        }
    }
}

#[cfg(test)]
mod tests {
    use super::share_widths;

    #[test]
    fn columns_share_the_room_by_content() {
        // Everything fits: the description takes what is left.
        assert_eq!(share_widths([8, 20, 10, 16], 60), [8, 26, 10, 16]);
        // Too wide: the widest is narrowed first, so short columns keep their text.
        assert_eq!(share_widths([8, 40, 10, 25], 53), [8, 18, 10, 17]);
        // Never below the minimums, even when the room is smaller still.
        assert_eq!(share_widths([9, 40, 30, 30], 10), [4, 12, 8, 9]);
        // Short headers still get the minimum.
        assert_eq!(share_widths([1, 1, 1, 1], 33), [4, 12, 8, 9]);
    }
}
