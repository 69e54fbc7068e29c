//! The Dashboard: "Am I okay?" with each check's reason, free cash, net worth, card dues, spending, buckets.

use super::dashboard_ahead::{debt_free_lines, health_line, render_due};
use crate::domain::verdict::{Check, Level};
use crate::ledger::{LoanSummary, Outlook, Status};
use crate::tui::theme::{level_mark, Theme};
use crate::tui::widgets::meter::meter;
use crate::tui::widgets::money::{fit, gauge_ratio, pad, plot, spread};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline, Widget};

/// What the dashboard draws from.
pub struct DashboardView<'a> {
    pub status: &'a Status,
    /// Health, dues and debt-free dates, when the forecast could be worked out.
    pub outlook: Option<&'a Outlook>,
    /// Open loans with what they owe and this month's payments.
    pub loans: &'a [LoanSummary],
    pub theme: Theme,
}

/// The Money and Card dues panels' height, and the least the Buckets panel takes when there is room.
const MIDDLE: u16 = 8;
const BOTTOM: u16 = 4;

/// One row of the verdict: a check in full, or the titles of the checks folded into one row for lack of
/// room (none is hidden without a sign).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Row {
    Check(usize),
    Folded(Level, Vec<&'static str>),
}

/// The rows the checks take in `rows` rows: every check in full when they fit, else the least telling
/// folded into one row per level (not judged first, then ok ones, from the last up), warnings and
/// problems last of all.
fn check_rows(checks: &[Check], rows: usize) -> Vec<Row> {
    let mut folded = vec![false; checks.len()];
    let needed = |folded: &[bool]| {
        let levels: std::collections::BTreeSet<Level> = checks
            .iter()
            .zip(folded)
            .filter(|(_, f)| **f)
            .map(|(c, _)| c.level)
            .collect();
        folded.iter().filter(|f| !**f).count() + levels.len()
    };
    let mut order: Vec<usize> = (0..checks.len()).collect();
    order.sort_by_key(|i| (checks[*i].level, std::cmp::Reverse(*i)));
    for i in order {
        if needed(&folded) <= rows {
            break;
        }
        folded[i] = true;
    }
    let mut out: Vec<Row> = (0..checks.len()).filter(|i| !folded[*i]).map(Row::Check).collect();
    for level in [Level::Bad, Level::Warn, Level::Ok, Level::None] {
        let titles: Vec<&'static str> = checks
            .iter()
            .zip(&folded)
            .filter(|(c, f)| **f && c.level == level)
            .map(|(c, _)| c.title)
            .collect();
        if !titles.is_empty() {
            out.push(Row::Folded(level, titles));
        }
    }
    out
}

/// The rows needed with only the ok and not-judged checks folded.
fn least_rows(checks: &[Check]) -> u16 {
    let serious = checks.iter().filter(|c| c.level >= Level::Warn).count();
    let ok = usize::from(checks.iter().any(|c| c.level == Level::Ok));
    let none = usize::from(checks.iter().any(|c| c.level == Level::None));
    u16::try_from(serious + ok + none).unwrap_or(u16::MAX)
}

/// `text` in lines of at most `width` columns, broken at spaces (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in crate::text::units(text) {
        let word = word.as_str();
        let wide = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        if !line.is_empty() && wide(&line) + 1 + wide(word) > width {
            lines.push(fit(&std::mem::take(&mut line), width));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(fit(&line, width));
    lines
}

impl Widget for &DashboardView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let v = &self.status.verdict;
        // Borders, and the line on how to begin when nothing can be judged yet.
        let around = 2 + u16::from(v.level == Level::None);
        let all = u16::try_from(v.checks.len()).unwrap_or(u16::MAX) + around;
        let least = least_rows(&v.checks) + around;
        let h = area.height;
        // The verdict comes first: every check when there is room, else folded; then Money and Card dues,
        // then Buckets and the trend when there is room for them too.
        let (verdict_h, bottom) = if h >= all + MIDDLE + BOTTOM {
            (all, true)
        } else if h >= least + MIDDLE + BOTTOM {
            (h - MIDDLE - BOTTOM, true)
        } else {
            (all.min(least.max(h.saturating_sub(4))).min(h), false)
        };
        let [verdict, rest] = Layout::vertical([Constraint::Length(verdict_h), Constraint::Min(0)]).areas(area);
        self.verdict(verdict, buf);
        let (middle, lower) = if bottom {
            let [m, b] = Layout::vertical([Constraint::Length(MIDDLE), Constraint::Min(0)]).areas(rest);
            (m, Some(b))
        } else {
            (rest, None)
        };
        let [money, dues] = Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(middle);
        self.money(money, buf);
        self.dues(dues, buf);
        if let Some(lower) = lower {
            let [buckets, trend] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(lower);
            self.buckets(buckets, buf);
            match self.outlook.filter(|o| !o.due.is_empty()) {
                Some(o) => render_due(o, self.theme, trend, buf),
                None => self.trend(trend, buf),
            }
        }
    }
}

impl DashboardView<'_> {
    fn verdict(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let v = &self.status.verdict;
        let title = Line::from(vec![
            Span::styled(" Am I okay? ", theme.title()),
            Span::styled(format!("{} ", v.answer), theme.level(v.level)),
        ]);
        let mut block = Block::bordered()
            .title(title)
            .title_top(Line::styled(format!(" as of {} ", self.status.date), theme.dim()).right_aligned());
        // The extended health figures ride on the bottom border: no row is taken from the panels below.
        if let Some(o) = self.outlook {
            block = block.title_bottom(health_line(o, usize::from(area.width.saturating_sub(4)), theme));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let width = usize::from(inner.width);
        let reason_width = width.saturating_sub(20);
        let mut lines: Vec<Line> = Vec::new();
        if v.level == Level::None {
            // Nothing to judge: how to begin, above the checks.
            lines.push(Line::styled(fit(&v.reason, width), theme.dim()));
        }
        let rows = usize::from(inner.height).saturating_sub(lines.len());
        let shown = check_rows(&v.checks, rows);
        // Rows left over go to warnings and problems whose reason is longer than a line.
        let mut spare = rows.saturating_sub(shown.len());
        for row in shown {
            match row {
                Row::Check(i) => {
                    let c = &v.checks[i];
                    let wrapped = wrap(&c.reason, reason_width);
                    // Continuation rows for a warning or problem, as many as are spare; the last one shows
                    // with `…` whatever still does not fit.
                    let more = if c.level >= Level::Warn {
                        (wrapped.len() - 1).min(spare)
                    } else {
                        0
                    };
                    spare -= more;
                    let first = if more == 0 {
                        fit(&c.reason, reason_width)
                    } else {
                        wrapped[0].clone()
                    };
                    lines.push(Line::from(vec![
                        Span::styled(format!("{} ", level_mark(c.level)), theme.level(c.level)),
                        Span::styled(pad(c.title, 18), theme.level(c.level)),
                        Span::raw(first),
                    ]));
                    for k in 1..=more {
                        let text = if k == more {
                            fit(&wrapped[k..].join(" "), reason_width)
                        } else {
                            wrapped[k].clone()
                        };
                        lines.push(Line::raw(format!("{:20}{text}", "")));
                    }
                }
                Row::Folded(level, titles) => {
                    let what = match level {
                        Level::None => "not judged yet",
                        Level::Ok => "also ok",
                        Level::Warn | Level::Bad => "also",
                    };
                    let text = fit(&format!("{what}: {}", titles.join(", ")), width.saturating_sub(2));
                    lines.push(Line::from(vec![
                        Span::styled(format!("{} ", level_mark(level)), theme.level(level)),
                        Span::styled(text, theme.level(level)),
                    ]));
                }
            }
        }
        Paragraph::new(lines).render(inner, buf);
    }

    fn money(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let s = self.status;
        let f = &s.figures;
        let block = Block::bordered().title(Span::styled(" Money ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let change = s.net_worth_last_month.map(|then| f.net_worth - then);
        let spent = f.day_to_day_spending();
        let over = s
            .verdict
            .checks
            .iter()
            .any(|c| c.key == "spending_in_line" && c.level == Level::Warn);
        let lines = vec![
            Line::styled(
                spread("Free cash", &f.free_cash.grouped(), w),
                if f.free_cash.is_negative() {
                    theme.bad()
                } else {
                    theme.ok()
                },
            ),
            Line::raw(spread("Net worth", &f.net_worth.grouped(), w)),
            Line::styled(
                spread(
                    "  change this month",
                    &change.map_or("-".into(), crate::domain::Money::grouped_signed),
                    w,
                ),
                if change.is_some_and(|c| c.is_negative()) {
                    theme.warn()
                } else {
                    theme.dim()
                },
            ),
            Line::styled(
                spread("Spent this month", &spent.grouped(), w),
                if over { theme.warn() } else { theme.text() },
            ),
            Line::raw(spread(
                "  usual so far",
                &s.spending_usual_so_far.map_or("-".into(), |a| a.grouped()),
                w,
            )),
            Line::styled(spread("  + from buckets", &f.from_buckets.grouped(), w), theme.dim()),
        ];
        Paragraph::new(lines).render(inner, buf);
    }

    fn dues(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let today = self.status.date;
        let title = if self.loans.is_empty() {
            " Card dues "
        } else {
            " Card and loan dues "
        };
        let mut block = Block::bordered().title(Span::styled(title, theme.title()));
        if self
            .status
            .cards
            .iter()
            .any(|c| c.statement.as_ref().is_none_or(|s| s.due_date < today))
        {
            block = block.title_bottom(Line::styled(" ~ next statement so far ", theme.dim()).right_aligned());
        }
        let inner = block.inner(area);
        block.render(area, buf);
        let w = usize::from(inner.width);
        let mut lines = vec![Line::styled(
            format!(
                "{}{:>7}{:>11}{:>11}",
                pad("Card", w.saturating_sub(29)),
                "Due",
                "Remaining",
                // A card's carried-over debt; a loan's balance.
                if self.loans.is_empty() { "Carried" } else { "Carry/owe" }
            ),
            theme.header(),
        )];
        if self.status.cards.is_empty() && self.loans.is_empty() {
            lines.push(Line::styled("No cards.", theme.dim()));
        }
        for c in &self.status.cards {
            // The latest statement while it is still to pay; once its due date has passed, the next one,
            // with what has been charged towards it so far (marked ~).
            let due_now = c.statement.as_ref().filter(|s| s.due_date >= today);
            let (due, remaining) = match (due_now, self.status.places.get(c.place_id)) {
                (Some(s), _) => (s.due_date.format("%b %d").to_string(), s.remaining.grouped()),
                (None, Some(card)) => {
                    let (_, due) = crate::domain::statement::next_statement(card, today);
                    (due.format("%b %d").to_string(), format!("~{}", c.new_charges.grouped()))
                }
                (None, None) => ("-".to_string(), "-".to_string()),
            };
            let carried = c.carried_over.grouped();
            let carried_style = if c.carried_over.is_positive() {
                theme.bad()
            } else {
                theme.dim()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{}{due:>7}{remaining:>11}", pad(&c.name, w.saturating_sub(29)))),
                Span::styled(format!("{carried:>11}"), carried_style),
            ]));
        }
        lines.extend(self.loans.iter().map(|l| loan_row(l, today, w, theme)));
        let owed: crate::domain::Money = self.status.cards.iter().map(|c| c.balance).sum();
        let (label, figure) = if self.loans.is_empty() {
            ("Owed on all cards".to_string(), owed.grouped())
        } else {
            let on_loans: crate::domain::Money = self.loans.iter().map(|l| l.balance).sum();
            (
                "Owed".to_string(),
                format!("cards {} · loans {}", owed.grouped(), on_loans.grouped()),
            )
        };
        lines.push(Line::styled(spread(&label, &figure, w), theme.dim()));
        lines.extend(self.outlook.map(|o| debt_free_lines(o, w, theme)).unwrap_or_default());
        Paragraph::new(lines).render(inner, buf);
    }

    fn buckets(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(" Buckets: this month ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = usize::from(inner.height);
        let buckets = &self.status.buckets;
        // A bucket that does not fit is counted on the last row, not left out without a word.
        let shown = if buckets.len() > rows {
            rows.saturating_sub(1)
        } else {
            rows
        };
        if buckets.len() > rows && rows > 0 {
            let more = buckets.len() - shown;
            let row = Rect {
                y: inner.y + u16::try_from(shown).unwrap_or(0),
                height: 1,
                ..inner
            };
            Paragraph::new(Line::styled(format!("… and {more} more: see 4 Buckets"), theme.dim())).render(row, buf);
        }
        for (i, b) in buckets.iter().enumerate().take(shown) {
            let row = Rect {
                y: inner.y + i as u16,
                height: 1,
                ..inner
            };
            let [name, gauge] = Layout::horizontal([Constraint::Length(15), Constraint::Min(1)]).areas(row);
            Paragraph::new(fit(&b.name, 14)).render(name, buf);
            let at_goal = b.goal.is_some_and(|g| b.balance >= g);
            let style = if b.added >= b.target_monthly || at_goal {
                theme.ok()
            } else {
                theme.warn()
            };
            let label = format!("{} / {}", b.added.grouped(), b.target_monthly.grouped());
            meter(
                if b.target_monthly.is_zero() {
                    1.0
                } else {
                    gauge_ratio(b.added, b.target_monthly)
                },
                &label,
                style,
                theme,
                gauge,
                buf,
            );
        }
    }

    fn trend(&self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let history = &self.status.net_worth_history;
        let title = match (history.first(), history.last()) {
            (Some((first, _)), Some((last, _))) if first != last => {
                format!(" Net worth {first} … {last} ")
            }
            _ => " Net worth ".to_string(),
        };
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let values: Vec<f64> = history.iter().map(|(_, nw)| plot(*nw)).collect();
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // Heights above the lowest month, so the shape shows even when net worth moves little.
        let span = (high - low).max(1.0);
        let width = usize::from(inner.width);
        let each = (width / values.len().max(1)).clamp(1, 4);
        let bars: Vec<u64> = values
            .iter()
            .flat_map(|v| std::iter::repeat_n((1.0 + (v - low) / span * 99.0) as u64, each))
            .collect();
        let keep = width.min(bars.len());
        Sparkline::default()
            .data(&bars[bars.len() - keep..])
            .max(100)
            .style(theme.accent())
            .render(inner, buf);
    }
}

/// A loan in the dues table: this month's payment date, what is left of it ("paid" once done) and what
/// the loan owes.
fn loan_row(l: &LoanSummary, today: chrono::NaiveDate, w: usize, theme: Theme) -> Line<'static> {
    let Some(terms) = l.place.loan else {
        return Line::raw(String::new());
    };
    let due_on = crate::domain::Month::of(today).clamped_day(terms.payment_day);
    let left = terms.payment - l.paid_this_month;
    let (text, style) = if !left.is_positive() {
        ("paid".to_string(), theme.ok())
    } else if due_on < today {
        (left.grouped(), theme.bad())
    } else {
        (left.grouped(), theme.text())
    };
    Line::from(vec![
        Span::raw(format!(
            "{}{:>7}",
            pad(&l.place.name, w.saturating_sub(29)),
            due_on.format("%b %d")
        )),
        Span::styled(format!("{text:>11}"), style),
        Span::styled(format!("{:>11}", l.balance.grouped()), theme.dim()),
    ])
}
