//! Colours and emphasis; with `NO_COLOR` set only bold, dim and reversed text remain.

use crate::domain::verdict::Level;
use ratatui::style::{Color, Modifier, Style};

/// The app's styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn dim(self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn bad(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn level(self, level: Level) -> Style {
        match level {
            Level::None => self.dim(),
            Level::Ok => self.ok(),
            Level::Warn => self.warn(),
            Level::Bad => self.bad(),
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn header(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A secondary series in a chart (assets, projection).
    pub fn series(self, index: usize) -> Style {
        const COLORS: [Color; 5] = [Color::Cyan, Color::Green, Color::Red, Color::Yellow, Color::Magenta];
        self.fg(COLORS[index % COLORS.len()])
    }
}

/// The mark for a check's level, readable without colour.
pub fn level_mark(level: Level) -> &'static str {
    match level {
        Level::None => "·",
        Level::Ok => "✓",
        Level::Warn => "!",
        Level::Bad => "✗",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_only_emphasis_remains() {
        let plain = Theme::plain();
        for style in [
            plain.ok(),
            plain.warn(),
            plain.bad(),
            plain.title(),
            plain.dim(),
            plain.series(2),
        ] {
            assert_eq!(style.fg, None);
        }
        assert!(plain.bad().add_modifier.contains(Modifier::BOLD));
        assert_eq!(Theme { color: true }.bad().fg, Some(Color::Red));
    }
}
