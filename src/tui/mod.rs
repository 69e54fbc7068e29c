//! The full-screen app: terminal setup, the event loop, and the modules it is built from.

pub mod action;
pub mod app;
pub mod bench;
mod categorize;
pub mod hints;
pub mod keymap;
mod places;
mod recurring;
mod reports;
pub mod screens;
pub mod theme;
mod update;
pub mod view;
pub mod whatif;
pub mod widgets;

pub use app::App;
pub use theme::Theme;

use crate::ledger::Ledger;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::DefaultTerminal;

/// Runs the app until the person quits. Install `color_eyre` first: `ratatui::init` then
/// restores the terminal on panic as well as on quit and error.
pub fn run(ledger: Ledger, theme: Theme) -> color_eyre::Result<()> {
    let mut terminal = ratatui::init();
    let result = run_on(&mut terminal, ledger, theme);
    ratatui::restore();
    result
}

fn run_on(terminal: &mut DefaultTerminal, ledger: Ledger, theme: Theme) -> color_eyre::Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(ledger, theme, (size.width, size.height));
    while !app.should_quit() {
        terminal.draw(|frame| frame.render_widget(&app, frame.area()))?;
        // Waiting for a key, read the screens not on view that are still to be read (one at a time, so a
        // key is never kept waiting long), and look now and then whether another process wrote.
        let wait = if app.has_idle_work() { 20 } else { 500 };
        if !event::poll(std::time::Duration::from_millis(wait))? {
            if !app.work_when_idle() {
                app.refresh_if_changed_elsewhere();
            }
            continue;
        }
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => app.handle_key(key),
            Event::Resize(width, height) => app.resize(width, height),
            _ => {}
        }
    }
    Ok(())
}
