//! Drawing the whole app from its state: tabs, the screen, the status line and any popup.

use super::action::Screen;
use super::app::{App, Message};
use super::keymap;
use super::screens::accounts::AccountsView;
use super::screens::buckets::BucketsView;
use super::screens::cards::CardsView;
use super::screens::dashboard::DashboardView;
use super::screens::first_run::FirstRunView;
use super::screens::networth::NetWorthView;
use super::screens::recurring::RecurringView;
use super::screens::reports_view::ReportsView;
use super::screens::snapshots::SnapshotsView;
use super::screens::transactions::TransactionsView;
use super::screens::whatif::WhatIfView;
use super::widgets::confirm::render_question;
use super::widgets::money::fit;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// Below this size the app shows a notice instead of its screens.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(area, buf);
            return;
        }
        let [tabs, body, footer] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
        self.tabs(tabs, buf);
        self.body(body, buf);
        self.footer(footer, buf);
        if let Some(popup) = &self.popup {
            popup.render(self.theme, area, buf);
        }
        if self.asking_to_quit {
            let question = "The form has input that is not saved. Quit and lose it?";
            render_question("Quit?", question, self.theme, area, buf);
        }
        show_text_safely(area, buf);
    }
}

/// Every cell of the frame through the one safe-text function: ratatui already drops control
/// characters, and this shows a direction override in a name or description as a symbol too.
fn show_text_safely(area: Rect, buf: &mut Buffer) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let Some(cell) = buf.cell_mut((x, y)) else {
                continue;
            };
            if let std::borrow::Cow::Owned(safe) = crate::text::visible(cell.symbol()) {
                cell.set_symbol(&safe);
            }
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let lines = vec![
        Line::raw("Terminal too small"),
        Line::raw(format!(
            "need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{}",
            area.width, area.height
        )),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let inner = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    Paragraph::new(lines)
        .centered()
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

impl App {
    fn tabs(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let mut spans = Vec::new();
        // Every tab's number stays on screen: short titles when the full ones do not fit.
        // Every tab's number stays on screen: short titles when the full ones do not fit, and on the
        // narrowest terminals only the current screen's title.
        let width = |title: fn(Screen) -> &'static str| -> usize {
            Screen::ALL.iter().map(|s| title(*s).chars().count() + 3).sum()
        };
        let room = usize::from(area.width);
        let short = width(Screen::title) + 12 > room;
        let numbers_only = width(Screen::short_title) + 2 > room;
        for (i, screen) in Screen::ALL.iter().enumerate() {
            let title = match (*screen == self.screen, numbers_only, short) {
                (true, true, _) => screen.title(),
                (false, true, _) => "",
                (_, false, true) => screen.short_title(),
                _ => screen.title(),
            };
            let text = if title.is_empty() {
                format!(" {}", (i + 1) % 10)
            } else {
                format!(" {} {}", (i + 1) % 10, title)
            };
            let style = if *screen == self.screen {
                theme.selected().patch(theme.title())
            } else {
                theme.dim()
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans).render(area, buf);
        if self.ledger.is_read_only() {
            // The database cannot be written: say so where every screen shows it.
            let banner = " READ-ONLY ";
            let width = u16::try_from(banner.len()).unwrap_or(0);
            let at = Rect {
                x: area.x + area.width.saturating_sub(width),
                width: width.min(area.width),
                ..area
            };
            Span::styled(banner, theme.bad().patch(theme.title())).render(at, buf);
        }
    }

    fn body(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let Some(status) = &self.data.status else {
            Paragraph::new("Could not read the ledger; see the message below.").render(area, buf);
            return;
        };
        match self.screen {
            Screen::Dashboard if self.data.places.is_empty() => (&FirstRunView { theme }).render(area, buf),
            Screen::Dashboard => (&DashboardView {
                status,
                outlook: self.data.outlook.as_ref(),
                loans: &self.data.loans,
                theme,
            })
                .render(area, buf),
            Screen::Transactions => (&TransactionsView {
                list: &self.screens.transactions,
                places: &self.data.places,
                latest_closed: status.latest_closed,
                filtering: self.screens.transactions.filtering,
                theme,
            })
                .render(area, buf),
            Screen::Cards => (&CardsView {
                cards: &status.cards,
                series: &self.data.series,
                selected: self.screens.cards.at(),
                theme,
                reconciled: &self.data.reconciled,
            })
                .render(area, buf),
            Screen::Buckets => (&BucketsView {
                buckets: &status.buckets,
                places: &status.places,
                selected: self.screens.buckets.at(),
                theme,
            })
                .render(area, buf),
            Screen::Snapshots => (&SnapshotsView {
                closed: &self.data.closed,
                selected: self.screens.snapshots.at(),
                next_to_close: self.data.next_to_close,
                theme,
            })
                .render(area, buf),
            Screen::NetWorth => (&NetWorthView {
                series: &self.data.series,
                months: self.range_months(),
                forecast: self.data.outlook.as_ref().map(|o| &o.forecast),
                theme,
            })
                .render(area, buf),
            Screen::WhatIf => (&WhatIfView {
                state: &self.screens.whatif,
                theme,
            })
                .render(area, buf),
            Screen::Accounts => (&AccountsView {
                screen: &self.screens.accounts,
                theme,
            })
                .render(area, buf),
            Screen::Reports => (&ReportsView {
                screen: &self.screens.reports,
                theme,
            })
                .render(area, buf),
            Screen::Recurring => (&RecurringView {
                screen: &self.screens.recurring,
                theme,
            })
                .render(area, buf),
        }
    }

    fn footer(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = usize::from(area.width);
        let line = match &self.message {
            Some(Message::Error(text)) => Line::styled(fit(&format!("error: {text}"), width), theme.error()),
            Some(Message::Info(text)) => Line::styled(fit(text, width), theme.ok()),
            Some(Message::Warning(text)) => Line::styled(fit(&format!("warning: {text}"), width), theme.warn()),
            None => match self.search_error() {
                Some(why) => Line::styled(fit(&why, width), theme.warn()),
                None => Line::styled(fit(&self.hint(width), width), theme.dim()),
            },
        };
        line.render(area, buf);
    }

    /// While the search being typed is not a query: why (the list shows the last one that was).
    fn search_error(&self) -> Option<String> {
        let typing = self.screens.transactions.filtering && self.screen == Screen::Transactions;
        typing
            .then(|| self.screens.transactions.filter_error())
            .flatten()
            .map(|e| e.to_string())
    }

    /// The footer's key hints, as many as `width` holds: the screen's own first, then what is due and
    /// the global ones; the screens' digits go first when room is short, and `? help` always stays.
    fn hint(&self, width: usize) -> String {
        if self.screens.transactions.filtering {
            return "words, cat: tag: place: kind: amt:>100 date:2025-10 · Enter keep · Esc clear".into();
        }
        let own: Vec<String> = match self.screen {
            Screen::Accounts if self.screens.accounts.register.is_some() => keymap::REGISTER
                .iter()
                .filter_map(|b| b.footer)
                .map(String::from)
                .collect(),
            screen => keymap::footer_hints(screen).into_iter().map(String::from).collect(),
        };
        let due = self.data.outlook.as_ref().map_or(0, |o| o.due.len());
        let due = (due > 0).then(|| format!("p post {due} due"));
        let global = keymap::global_footer_hints();
        let digits = if Screen::ALL.len() >= 10 {
            "0-9 screens".to_string()
        } else {
            format!("1-{} screens", Screen::ALL.len())
        };
        // Short of room, the screens' digits go first, then `q quit`, then the screen's last hints.
        let compose = |own: &[String], digits: Option<&str>, quit: bool| -> String {
            let mut hints: Vec<&str> = own.iter().map(String::as_str).collect();
            hints.extend(due.as_deref());
            for (i, hint) in global.iter().enumerate() {
                if !quit && *hint == "q quit" {
                    continue;
                }
                hints.push(hint);
                // The screens' digits go after the first global key (quick-add), before help and quit.
                if i == 0 {
                    hints.extend(digits);
                }
            }
            hints.join(" · ")
        };
        let fits = |line: &String| line.chars().count() <= width;
        for line in [compose(&own, Some(&digits), true), compose(&own, None, true)] {
            if fits(&line) {
                return line;
            }
        }
        let mut own = own;
        loop {
            let line = compose(&own, None, false);
            if fits(&line) || own.is_empty() {
                return line;
            }
            own.pop();
        }
    }
}
