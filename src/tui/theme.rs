//! Colours and emphasis; with `NO_COLOR` set only bold, dim and reversed text remain.

use crate::domain::verdict::Level;
use crate::settings::ThemeName;
use ratatui::style::{Color, Modifier, Style};

/// The app's styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    /// Bright colours and no dimmed text.
    pub high_contrast: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        Theme::of(ThemeName::Default)
    }

    /// The palette the settings name; `NO_COLOR` still turns colour off.
    pub fn of(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: !no_color && name != ThemeName::Mono,
            high_contrast: name == ThemeName::HighContrast,
        }
    }

    pub fn plain() -> Theme {
        Theme {
            color: false,
            high_contrast: false,
        }
    }

    /// The default palette in colour (for tests and captures).
    pub fn colour() -> Theme {
        Theme {
            color: true,
            high_contrast: false,
        }
    }

    fn fg(self, color: Color) -> Style {
        if !self.color {
            return Style::new();
        }
        let color = if self.high_contrast {
            match color {
                Color::Cyan => Color::LightCyan,
                Color::Green => Color::LightGreen,
                Color::Red => Color::LightRed,
                Color::Yellow => Color::LightYellow,
                Color::Magenta => Color::LightMagenta,
                Color::DarkGray => Color::Gray,
                other => other,
            }
        } else {
            color
        };
        Style::new().fg(color)
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn dim(self) -> Style {
        if self.high_contrast {
            return self.fg(Color::DarkGray);
        }
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
        assert_eq!(Theme::colour().bad().fg, Some(Color::Red));
        let bright = Theme {
            color: true,
            high_contrast: true,
        };
        assert_eq!(bright.bad().fg, Some(Color::LightRed));
        assert!(!bright.dim().add_modifier.contains(Modifier::DIM), "nothing dimmed");
        assert_eq!(bright.dim().fg, Some(Color::Gray));
    }
}
