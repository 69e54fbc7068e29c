//! Frame timing without a terminal: the app's real event handling and drawing on a `TestBackend`, timed
//! from opening the ledger to the first frame and from each key press to the next frame.

use super::{App, Theme};
use crate::error::Result;
use crate::ledger::Ledger;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a run measured.
pub struct FrameReport {
    pub first_frame: Duration,
    /// Each key press with the time to its next frame, in the order pressed.
    pub frames: Vec<(String, Duration)>,
    /// The time spent, between keys, reading screens not on view (as the app does while no key comes).
    pub idle: Duration,
}

impl FrameReport {
    /// The `p`-th percentile (0–100) of the key-to-frame times.
    pub fn percentile(&self, p: usize) -> Duration {
        let mut times: Vec<Duration> = self.frames.iter().map(|(_, d)| *d).collect();
        times.sort();
        times
            .get((times.len().saturating_sub(1)) * p.min(100) / 100)
            .copied()
            .unwrap_or_default()
    }
}

/// The keys a session presses: every screen, deep scrolling in the transactions, month jumps, searches, the
/// Transactions popups (quick-add, edit, category, import, delete) and Close Month's preview, help,
/// what-if changes worked out again, the Accounts screen with a register and the place forms, Reports
/// months, and the Recurring & rules lists with their forms.
fn script() -> Vec<KeyCode> {
    let mut keys: Vec<KeyCode> = "1234567".chars().map(KeyCode::Char).collect();
    keys.push(KeyCode::Char('2'));
    keys.extend(std::iter::repeat_n(KeyCode::PageDown, 200));
    keys.extend(std::iter::repeat_n(KeyCode::Char('j'), 50));
    keys.extend(std::iter::repeat_n(KeyCode::Char('['), 24));
    keys.push(KeyCode::End);
    keys.extend(std::iter::repeat_n(KeyCode::PageUp, 20));
    keys.push(KeyCode::Home);
    // Searches typed a key at a time (a word on an eighth of the rows, then a rare one), paged, cleared.
    for word in ["cinema", "costco"] {
        keys.push(KeyCode::Char('/'));
        keys.extend(word.chars().map(KeyCode::Char));
        keys.push(KeyCode::Enter);
        keys.extend(std::iter::repeat_n(KeyCode::PageDown, 10));
        keys.push(KeyCode::Esc);
    }
    // The popups of the Transactions screen: quick-add typed into, edit, category, import, delete.
    keys.extend([KeyCode::Char('a'), KeyCode::Char('1'), KeyCode::Char('2'), KeyCode::Tab]);
    keys.extend([KeyCode::Char('x'), KeyCode::Esc, KeyCode::Char('e'), KeyCode::Esc]);
    keys.extend([KeyCode::Char('C'), KeyCode::Esc, KeyCode::Char('i'), KeyCode::Esc]);
    keys.extend([KeyCode::Char('d'), KeyCode::Esc]);
    keys.extend([
        KeyCode::Char('?'),
        KeyCode::Esc,
        KeyCode::Char('3'),
        KeyCode::Char('j'),
        KeyCode::Char('6'),
    ]);
    keys.extend([
        KeyCode::Char(']'),
        KeyCode::Char('['),
        KeyCode::Char('5'),
        KeyCode::Char('j'),
        KeyCode::Char('c'),
        KeyCode::Esc,
        KeyCode::Char('1'),
    ]);
    // What-if: a change typed in, nudged up and down, the horizon stepped through, the change dropped.
    keys.extend([KeyCode::Char('7'), KeyCode::Char('n')]);
    keys.extend("raise 250".chars().map(KeyCode::Char));
    keys.push(KeyCode::Enter);
    keys.extend(std::iter::repeat_n(KeyCode::Char('+'), 5));
    keys.extend(std::iter::repeat_n(KeyCode::Char('-'), 3));
    keys.extend(std::iter::repeat_n(KeyCode::Char(']'), 4));
    keys.extend(std::iter::repeat_n(KeyCode::Char('['), 4));
    keys.extend([KeyCode::Char('d'), KeyCode::Char('1')]);
    // Accounts: the list, a register paged back through months, the new-place form's kinds, an edit form.
    keys.extend([KeyCode::Char('8'), KeyCode::Char('j'), KeyCode::Enter]);
    keys.extend(std::iter::repeat_n(KeyCode::PageDown, 30));
    keys.extend([KeyCode::Esc, KeyCode::Char('n'), KeyCode::Tab]);
    keys.extend(std::iter::repeat_n(KeyCode::Right, 7));
    keys.extend([KeyCode::Esc, KeyCode::Char('e'), KeyCode::Esc, KeyCode::Char('1')]);
    // Reports: months stepped back and forth. Recurring & rules: both lists, the item and rule forms.
    keys.push(KeyCode::Char('9'));
    keys.extend(std::iter::repeat_n(KeyCode::Char('['), 6));
    keys.extend(std::iter::repeat_n(KeyCode::Char(']'), 6));
    // Every view (trends, cash flow, tags, back to categories), a range, a step back.
    keys.extend([
        KeyCode::Char('v'),
        KeyCode::Char('v'),
        KeyCode::Char('v'),
        KeyCode::Char('v'),
    ]);
    keys.extend([
        KeyCode::Char('r'),
        KeyCode::Char('['),
        KeyCode::Char('r'),
        KeyCode::Char('r'),
        KeyCode::Char('r'),
    ]);
    keys.extend([KeyCode::Char('0'), KeyCode::Char('j'), KeyCode::Char('n'), KeyCode::Esc]);
    keys.extend([
        KeyCode::Right,
        KeyCode::Char('j'),
        KeyCode::Char('n'),
        KeyCode::Esc,
        KeyCode::Char('1'),
    ]);
    keys
}

/// Opens the ledger at `db`, draws the first frame, then presses the script's keys, timing each.
pub fn run(db: &Path, today: chrono::NaiveDate, size: (u16, u16)) -> Result<FrameReport> {
    let started = Instant::now();
    let ledger = Ledger::open(db, today)?;
    let mut app = App::new(ledger, Theme::plain(), size);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1))
        .map_err(|e| crate::error::Error::refusal(format!("cannot draw: {e}")))?;
    let mut draw = |app: &App| {
        let _ = terminal.draw(|f| f.render_widget(app, f.area()));
    };
    draw(&app);
    let first_frame = started.elapsed();
    let mut frames = Vec::new();
    let mut idle = Duration::ZERO;
    for code in script() {
        // A person's pause before the key: the app reads what it had left for when no key comes.
        let pause = Instant::now();
        while app.work_when_idle() {}
        idle += pause.elapsed();
        let t = Instant::now();
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        draw(&app);
        frames.push((format!("{code:?}"), t.elapsed()));
    }
    Ok(FrameReport {
        first_frame,
        frames,
        idle,
    })
}
