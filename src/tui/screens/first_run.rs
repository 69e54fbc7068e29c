//! The dashboard on a database with no places yet: "Not yet", and how to begin.

use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

/// The first-run guide.
pub struct FirstRunView {
    pub theme: Theme,
}

impl Widget for &FirstRunView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = Block::bordered().title(Span::styled(" Am I okay? Not yet ", theme.title()));
        let inner = block.inner(area);
        block.render(area, buf);
        let key = |k: &str, what: &str| {
            Line::from(vec![
                Span::styled(format!("  {k:<10}"), theme.accent()),
                Span::raw(what.to_string()),
            ])
        };
        let lines = vec![
            Line::raw("There is nothing to judge yet: pfos knows none of your accounts. To begin:"),
            Line::raw(""),
            key("8 then n", "add your first account: its name, kind and today's balance"),
            key("← →", "on Kind: a card (statement day), a loan (payment) or a bucket"),
            key(
                "3 n / 4 n",
                "a card from the Cards screen, a bucket from the Buckets screen",
            ),
            key("a", "then add what came in and went out, from any screen"),
            key("2 then i", "or import a bank or card file into an account"),
            Line::raw(""),
            Line::styled(
                "To look around first, quit (q) and run 'pfos demo': a household with two years of history.",
                theme.dim(),
            ),
            Line::styled("? lists every key.", theme.dim()),
        ];
        Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf);
    }
}
