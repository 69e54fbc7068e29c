//! The Recurring & rules screen (`0`): recurring items with their next date and what is due, and the
//! import rules in the order they are tried. ← → choose the list; each list keeps its own selection.

use super::selection::Selection;
use crate::domain::cadence::End;
use crate::domain::recurring::RecurringItem;
use crate::domain::rules::RuleAction;
use crate::domain::rules::RuleRow;
use crate::domain::Places;
use crate::error::Result;
use crate::ledger::Ledger;
use crate::tui::theme::Theme;
use crate::tui::widgets::money::{fit, pad};
use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// Which list has the selection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Items,
    Rules,
}

/// A recurring item as the list shows it.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub item: RecurringItem,
    pub places: String,
    pub next: Option<NaiveDate>,
    pub due: usize,
}

/// The screen's own state: both lists, loaded on every reload, and their selections.
#[derive(Debug, Default)]
pub struct RecurringScreen {
    pub pane: Pane,
    pub items: Vec<ItemRow>,
    pub rules: Vec<(RuleRow, String)>,
    pub item_at: Selection,
    pub rule_at: Selection,
}

impl RecurringScreen {
    /// Reads both lists (a few rows each) through the ledger.
    pub fn reload(&mut self, ledger: &Ledger, places: &Places) -> Result<()> {
        let today = ledger.today();
        let due = ledger.due_recurring(today)?;
        let after_today = today.succ_opt().unwrap_or(today);
        self.items = ledger
            .recurring()?
            .into_iter()
            .map(|item| {
                let from = item.from.map(|p| places.name(p).to_string());
                let to = item.to.map(|p| places.name(p).to_string());
                let places = match (from, to) {
                    (Some(f), Some(t)) => format!("{f} → {t}"),
                    (Some(f), None) => f,
                    (None, Some(t)) => format!("→ {t}"),
                    (None, None) => String::new(),
                };
                ItemRow {
                    next: item.schedule.next_on_or_after(after_today),
                    due: due.iter().filter(|d| d.item.id == item.id).count(),
                    places,
                    item,
                }
            })
            .collect();
        self.rules = ledger
            .rules()?
            .into_iter()
            .map(|rule| {
                let then = match &rule.action {
                    RuleAction::Category(c) => c.clone(),
                    RuleAction::Transfer(p) => format!("transfer with {}", places.name(*p)),
                };
                (rule, then)
            })
            .collect();
        self.item_at.clamp(self.items.len());
        self.rule_at.clamp(self.rules.len());
        Ok(())
    }

    pub fn move_by(&mut self, step: isize) {
        match self.pane {
            Pane::Items => self.item_at.move_by(step, self.items.len()),
            Pane::Rules => self.rule_at.move_by(step, self.rules.len()),
        }
    }

    pub fn switch_pane(&mut self) {
        self.pane = match self.pane {
            Pane::Items => Pane::Rules,
            Pane::Rules => Pane::Items,
        };
    }

    pub fn selected_item(&self) -> Option<&RecurringItem> {
        (self.pane == Pane::Items)
            .then(|| self.items.get(self.item_at.at()).map(|r| &r.item))
            .flatten()
    }

    /// The selected rule and its position (1 is tried first).
    pub fn selected_rule(&self) -> Option<(&RuleRow, usize)> {
        (self.pane == Pane::Rules)
            .then(|| {
                self.rules
                    .get(self.rule_at.at())
                    .map(|(r, _)| (r, self.rule_at.at() + 1))
            })
            .flatten()
    }
}

/// What the screen draws from.
pub struct RecurringView<'a> {
    pub screen: &'a RecurringScreen,
    pub theme: Theme,
}

impl Widget for &RecurringView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let s = self.screen;
        let rules_height = u16::try_from(s.rules.len())
            .unwrap_or(u16::MAX)
            .saturating_add(3)
            .clamp(5, area.height / 2);
        let [top, bottom] = Layout::vertical([Constraint::Min(5), Constraint::Length(rules_height)]).areas(area);
        self.items(top, buf);
        self.rules(bottom, buf);
    }
}

impl RecurringView<'_> {
    fn block(&self, title: &str, pane: Pane, keys: &str) -> Block<'static> {
        let theme = self.theme;
        let focused = self.screen.pane == pane;
        let style = if focused { theme.title() } else { theme.dim() };
        let marker = if focused { "▶ " } else { "  " };
        Block::bordered()
            .title(Span::styled(format!(" {marker}{title} "), style))
            .title_bottom(Line::styled(format!(" {keys} "), theme.dim()).right_aligned())
    }

    fn items(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let block = self.block("Recurring items", Pane::Items, "n new · e edit · d delete · p post due");
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        // Id, kind, amount, every, next, due fixed; what and places share the rest.
        let fixed = 4 + 9 + 11 + 10 + 11 + 4;
        let rest = width.saturating_sub(fixed);
        let what_w = rest / 2;
        let places_w = rest - what_w;
        let header = format!(
            "{:>3} {}{:>10} {}{}{}{:<11}{:>3}",
            "Id",
            pad("Kind", 9),
            "Amount",
            pad("What", what_w),
            pad("Places", places_w),
            pad("Every", 10),
            "Next",
            "Due"
        );
        let mut lines = vec![Line::styled(fit(&header, width), theme.header())];
        if s.items.is_empty() {
            lines.push(Line::styled(
                "No recurring items yet: n adds one (rent, a salary, a transfer to a bucket).",
                theme.dim(),
            ));
        }
        let room = usize::from(inner.height).saturating_sub(1).max(1);
        let first = s.item_at.at().saturating_sub(room - 1);
        for (i, row) in s.items.iter().enumerate().skip(first).take(room) {
            // "monthly 3" for the day of the month; a star for an item with an end.
            let cadence = row.item.schedule.cadence;
            let mut every = match cadence.day() {
                Some(day) => format!("{} {day}", cadence.name()),
                None => cadence.name().to_string(),
            };
            if row.item.schedule.end != End::Never {
                every.push('*');
            }
            let text = format!(
                "{:>3} {}{:>10} {}{}{}{:<11}{:>3}",
                row.item.id,
                pad(row.item.kind.as_str(), 9),
                row.item.amount.grouped(),
                pad(&row.item.label(), what_w),
                pad(&row.places, places_w),
                pad(&every, 10),
                row.next.map_or("-".to_string(), |d| d.to_string()),
                if row.due > 0 { row.due.to_string() } else { "-".into() }
            );
            let line = Line::raw(fit(&text, width));
            let selected = s.pane == Pane::Items && i == s.item_at.at();
            lines.push(if selected { line.style(theme.selected()) } else { line });
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn rules(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.screen;
        let block = self.block(
            "Import rules, in the order tried",
            Pane::Rules,
            "n new · d delete · K J move up/down",
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let find_w = width.saturating_sub(4 + 6 + 2) / 2;
        let header = format!("{:>3} {}{}{}", "#", pad("Finds", find_w), pad("Match", 6), "Then");
        let mut lines = vec![Line::styled(fit(&header, width), theme.header())];
        if s.rules.is_empty() {
            lines.push(Line::styled(
                "No rules yet: n adds one (text in a description → a category or a transfer).",
                theme.dim(),
            ));
        }
        let room = usize::from(inner.height).saturating_sub(1).max(1);
        let first = s.rule_at.at().saturating_sub(room - 1);
        for (i, (rule, then)) in s.rules.iter().enumerate().skip(first).take(room) {
            let kind = if rule.is_regex { "regex" } else { "text" };
            let text = format!("{:>3} {}{}{}", i + 1, pad(&rule.pattern, find_w), pad(kind, 6), then);
            let line = Line::raw(fit(&text, width));
            let selected = s.pane == Pane::Rules && i == s.rule_at.at();
            lines.push(if selected { line.style(theme.selected()) } else { line });
        }
        Paragraph::new(lines).render(inner, buf);
    }
}
