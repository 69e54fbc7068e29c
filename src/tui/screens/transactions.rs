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

struct Columns {
    description: usize,
}

const DATE: usize = 10;
const KIND: usize = 9;
const CATEGORY: usize = 11;
const PLACES: usize = 17;
const AMOUNT: usize = 12;

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
        let block = Block::bordered().title(Line::from(title));
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let fixed = DATE + KIND + CATEGORY + PLACES + AMOUNT + 5;
        let cols = Columns {
            description: width.saturating_sub(fixed).max(4),
        };
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
        pad(kind, KIND),
        pad(desc, cols.description),
        pad(category, CATEGORY),
        pad(places, PLACES),
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

impl TransactionsView<'_> {
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
        let places = from_to(self.places, t.from, t.to);
        let amount_style = match t.kind {
            TxnKind::Expense => theme.bad().remove_modifier(ratatui::style::Modifier::BOLD),
            TxnKind::Income | TxnKind::Refund => theme.ok(),
            _ => theme.text(),
        };
        let closed = self.latest_closed.is_some_and(|c| Month::of(t.date) <= c);
        let base = if closed { theme.dim() } else { Style::new() };
        // A split shows as "Split (N)" (its lines are in the edit form); tags follow the description.
        let category = if t.is_split() {
            format!("Split ({})", t.splits.len())
        } else {
            t.category.clone().unwrap_or_default()
        };
        let description = if t.tags.is_empty() {
            t.description.clone()
        } else {
            format!("{} #{}", t.description, t.tags.join(" #"))
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
