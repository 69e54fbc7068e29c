//! The Accounts screen (`8`): every place grouped (accounts, cards, loans, buckets) with its balance,
//! terms and last reconciliation, and on Enter the selected place's register, a month at a time.

use crate::domain::register::{older_month, RegisterRow};
use crate::domain::{Money, Month, PlaceKind};
use crate::error::Result;
use crate::ledger::{Ledger, PlaceOverview};
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{fit, pad};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Whether a kind of place belongs to a group.
type InGroup = fn(PlaceKind) -> bool;

/// The groups, in the order they are listed.
const GROUPS: [(&str, InGroup); 4] = [
    ("Accounts", PlaceKind::is_account),
    ("Cards", |k| k == PlaceKind::Card),
    ("Loans", |k| k == PlaceKind::Loan),
    ("Buckets", |k| k == PlaceKind::Bucket),
];

/// How close to the end of the loaded rows the register reads the month before.
const LOAD_AHEAD: usize = 10;

/// A place's register: its rows so far (newest first) and the next older month to read.
#[derive(Debug, Clone, Default)]
pub struct Register {
    pub name: String,
    pub kind: Option<PlaceKind>,
    pub rows: Vec<RegisterRow>,
    pub selected: usize,
    /// The next older month to read, `None` once the opening month is read.
    older: Option<Month>,
    first: Option<Month>,
    place: crate::domain::PlaceId,
}

/// The screen's own state.
#[derive(Debug, Clone, Default)]
pub struct AccountsScreen {
    /// Places in list order: grouped, then in the order they were added.
    pub places: Vec<PlaceOverview>,
    pub selected: usize,
    /// Archived places are listed too (`v` toggles).
    pub show_archived: bool,
    pub register: Option<Register>,
}

impl AccountsScreen {
    /// Reads the places again, keeping the selection on the same place.
    pub fn reload(&mut self, ledger: &Ledger) -> Result<()> {
        let keep = self.selected_place().map(|p| p.place.id);
        let all = ledger.places_overview(self.show_archived)?;
        self.places = GROUPS
            .iter()
            .flat_map(|(_, in_group)| all.iter().filter(|p| in_group(p.place.kind)).cloned())
            .collect();
        self.selected = keep
            .and_then(|id| self.places.iter().position(|p| p.place.id == id))
            .unwrap_or(self.selected)
            .min(self.places.len().saturating_sub(1));
        if let Some(register) = &self.register {
            let place = register.place;
            self.register = None;
            if let Some(at) = self.places.iter().position(|p| p.place.id == place) {
                self.selected = at;
                self.open_register(ledger)?;
            }
        }
        Ok(())
    }

    pub fn selected_place(&self) -> Option<&PlaceOverview> {
        self.places.get(self.selected)
    }

    /// Moves the selection (in the register when it is open); `isize::MIN`/`MAX` go to the ends.
    pub fn move_by(&mut self, step: isize, ledger: &Ledger) -> Result<()> {
        let clamp = |at: usize, len: usize| -> usize {
            match step {
                isize::MIN => 0,
                isize::MAX => len.saturating_sub(1),
                _ => (at as isize)
                    .saturating_add(step)
                    .clamp(0, len.saturating_sub(1) as isize) as usize,
            }
        };
        match &mut self.register {
            Some(register) => {
                if step == isize::MAX {
                    while register.older.is_some() {
                        register.read_older(ledger)?;
                    }
                }
                register.selected = clamp(register.selected, register.rows.len());
                while register.older.is_some() && register.selected + LOAD_AHEAD >= register.rows.len() {
                    register.read_older(ledger)?;
                }
            }
            None => self.selected = clamp(self.selected, self.places.len()),
        }
        Ok(())
    }

    /// Opens the selected place's register at its newest rows.
    pub fn open_register(&mut self, ledger: &Ledger) -> Result<()> {
        let Some(p) = self.selected_place() else {
            return Ok(());
        };
        let today = Month::of(ledger.today());
        let first = Month::of(p.place.opened_on);
        let mut register = Register {
            name: p.place.name.clone(),
            kind: Some(p.place.kind),
            place: p.place.id,
            first: Some(first),
            older: Some(today.max(first)),
            ..Register::default()
        };
        // Transactions dated ahead of today belong at the top too.
        if let Some(latest) = ledger.txns_latest_date()? {
            register.older = Some(Month::of(latest).max(today).max(first));
        }
        // A few rows first; scrolling reads older months as it nears the end of what is read.
        while register.older.is_some() && register.rows.len() < LOAD_AHEAD {
            register.read_older(ledger)?;
        }
        self.register = Some(register);
        Ok(())
    }

    /// Esc in the register: back to the list. False when there was no register to close.
    pub fn close_register(&mut self) -> bool {
        self.register.take().is_some()
    }

    /// Shows or hides archived places.
    pub fn toggle_archived(&mut self, ledger: &Ledger) -> Result<()> {
        self.show_archived = !self.show_archived;
        self.reload(ledger)
    }
}

impl Register {
    /// Reads the next older month's rows.
    fn read_older(&mut self, ledger: &Ledger) -> Result<()> {
        let (Some(month), Some(first)) = (self.older, self.first) else {
            return Ok(());
        };
        self.rows.extend(ledger.register_month(self.place, month)?);
        self.older = older_month(month, first);
        Ok(())
    }
}

/// What the Accounts screen draws from.
pub struct AccountsView<'a> {
    pub screen: &'a AccountsScreen,
    pub theme: Theme,
}

impl Widget for &AccountsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        match &self.screen.register {
            Some(register) => self.register(register, area, buf),
            None => self.list(area, buf),
        }
    }
}

impl AccountsView<'_> {
    fn list(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let shown = if self.screen.show_archived {
            "archived shown (v hides)"
        } else {
            "archived hidden (v shows)"
        };
        let block = Block::bordered()
            .title(Span::styled(" Accounts ", theme.title()))
            .title_bottom(Line::styled(format!(" {shown} · D remove · ? keys "), theme.dim()).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        if self.screen.places.is_empty() {
            Paragraph::new("No places yet. Press n to add an account, card, loan or bucket.").render(inner, buf);
            return;
        }
        let width = usize::from(inner.width);
        let mut lines: Vec<(Line, Option<usize>)> = Vec::new();
        for (title, in_group) in GROUPS {
            let members: Vec<usize> = (0..self.screen.places.len())
                .filter(|&i| in_group(self.screen.places[i].place.kind))
                .collect();
            if members.is_empty() {
                continue;
            }
            lines.push((Line::styled(title.to_string(), theme.title()), None));
            for i in members {
                lines.push((self.place_line(i, width), Some(i)));
            }
        }
        // Keep the selected line in view.
        let height = usize::from(inner.height);
        let at = lines
            .iter()
            .position(|(_, i)| *i == Some(self.screen.selected))
            .unwrap_or(0);
        let skip = (at + 1).saturating_sub(height);
        for (row, (line, _)) in lines.into_iter().skip(skip).take(height).enumerate() {
            line.render(
                Rect {
                    y: inner.y + row as u16,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
    }

    fn place_line(&self, i: usize, width: usize) -> Line<'static> {
        let theme = self.theme;
        let p = &self.screen.places[i];
        let selected = i == self.screen.selected;
        let mut name = format!("{} {}", if selected { "›" } else { " " }, p.place.name);
        if p.place.archived_on.is_some() {
            name.push_str(" (archived)");
        }
        let mut about = detail(p);
        if let Some(on) = p.reconciled {
            about.push_str(&format!(" · reconciled {on}"));
        }
        let text = format!("{}{:>13}  {}", pad(&name, 22), p.displayed.grouped(), about);
        let style = if selected { theme.selected() } else { theme.text() };
        Line::styled(fit(&text, width), style)
    }

    fn register(&self, register: &Register, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let owed = register.kind.is_some_and(PlaceKind::is_liability);
        let block = Block::bordered()
            .title(Span::styled(
                format!(" {} — register, newest first ", register.name),
                theme.title(),
            ))
            .title_bottom(Line::styled(" Esc back to the list ", theme.dim()).right_aligned());
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let balance = if owed { "Owed after" } else { "Balance after" };
        let header = format!(
            " {:<10}  {:<9}{:>13}  {:<24}{:>14}",
            "Date", "Kind", "Amount", "Category", balance
        );
        Line::styled(fit(&header, width), theme.dim()).render(Rect { height: 1, ..inner }, buf);
        if register.rows.is_empty() {
            Paragraph::new("No transactions yet.").render(
                Rect {
                    y: inner.y + 1,
                    height: inner.height.saturating_sub(1),
                    ..inner
                },
                buf,
            );
            return;
        }
        let rows = usize::from(inner.height.saturating_sub(1));
        let skip = (register.selected + 1).saturating_sub(rows);
        for (slot, (i, r)) in register.rows.iter().enumerate().skip(skip).take(rows).enumerate() {
            let t = &r.txn;
            let what = if t.is_split() {
                format!("Split ({})", t.splits.len())
            } else {
                t.category.clone().unwrap_or_default()
            };
            let line = format!(
                "{}{}  {:<9}{:>13}  {}{:>14}  {}",
                if i == register.selected { "›" } else { " " },
                t.date,
                t.kind.as_str(),
                t.amount.grouped(),
                pad(&fit(&what, 22), 24),
                r.balance.grouped(),
                t.description
            );
            let style = if i == register.selected {
                theme.selected()
            } else {
                theme.text()
            };
            Line::styled(fit(&line, width), style).render(
                Rect {
                    y: inner.y + 1 + slot as u16,
                    height: 1,
                    ..inner
                },
                buf,
            );
        }
    }
}

/// The line's detail: an account's own part, a card's limit use, a loan's payment and payoff, a bucket's
/// target and goal.
fn detail(p: &PlaceOverview) -> String {
    let kind = p.place.kind;
    match kind {
        PlaceKind::Card => match p.limit_use {
            Some((limit, percent)) => format!("limit {} · {percent}% used", limit.grouped()),
            None => "no limit".to_string(),
        },
        PlaceKind::Loan => {
            let terms = p.place.loan;
            let payment = terms.map_or(Money::ZERO, |t| t.payment);
            let day = terms.map_or(1, |t| t.payment_day);
            let payoff = match p.payoff {
                Some(m) if !p.balance.is_positive() => format!("paid off ({m})"),
                Some(m) => format!("paid off {}", m.label()),
                None => "never paid off at this payment".to_string(),
            };
            format!("{} on day {day} · {payoff}", payment.grouped())
        }
        PlaceKind::Bucket => {
            let target = p.target;
            match p.place.goal() {
                Some(goal) => format!("target {} · goal {}", target.grouped(), goal.grouped()),
                None => format!("target {}", target.grouped()),
            }
        }
        _ if p.displayed != p.balance => format!("{kind} · own {}", p.balance.grouped()),
        _ => kind.to_string(),
    }
}
