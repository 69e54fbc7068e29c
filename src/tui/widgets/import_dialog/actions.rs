//! What the import dialog's keys do: complete the fields, preview with a dry run, import on
//! confirmation. The file is read and the ledger asked here, on a key, never while drawing.

use super::{DateQuestion, ImportDialog, Overrides, Preview};
use crate::error::{Error, Result};
use crate::ledger::{ImportReport, ImportRequest, ImportSource, Ledger};
use crate::tui::action::Action;
use crate::tui::app::Message;
use crate::tui::keymap::Mode;
use crate::tui::theme::Theme;
use crate::tui::widgets::component::{Component, Outcome, Scroll, Wrote};
use crate::tui::widgets::field::TextField;
use crate::tui::widgets::import_view::{self, preview_rows};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

impl ImportDialog {
    /// The fields: typing, completing, and Enter to preview.
    fn fields_update(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        match action {
            Action::Cancel => return Outcome::Closed,
            Action::Quit => return Outcome::Quit,
            Action::Submit => self.run_preview(ledger),
            Action::NextField => self.next_field(),
            Action::PrevField => self.other_field(),
            Action::Up => self.pick(-1),
            Action::Down => self.pick(1),
            Action::Right => self.right(),
            edit if TextField::edits(edit) => self.edit(edit),
            _ => {}
        }
        Outcome::Open
    }

    /// Reads the file and works the import out without storing anything; a refusal stays in the
    /// dialog. Dates that read more than one way become a question (which reading?) instead of an error.
    fn run_preview(&mut self, ledger: &mut Ledger) {
        self.complete_place();
        self.files.clear();
        match self.dry_run(ledger) {
            Ok(preview) => {
                self.error = None;
                self.preview = Some(preview);
            }
            Err(e) => match date_choices(&e) {
                Some(choices) => {
                    self.error = None;
                    self.date_question = Some(DateQuestion { choices, at: 0 });
                }
                None => self.error = Some(crate::tui::hints::describe(&e)),
            },
        }
    }

    /// ←→ or ↑↓ choose a reading of the dates; Enter uses it (it goes in the Date format field) and
    /// previews again; Esc goes back to the fields.
    fn date_question_update(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        let Some(question) = self.date_question.as_mut() else {
            return Outcome::Open;
        };
        let n = question.choices.len().max(1);
        match action {
            Action::Quit => return Outcome::Quit,
            Action::Cancel => self.date_question = None,
            Action::Left | Action::Up | Action::PrevField => question.at = (question.at + n - 1) % n,
            Action::Right | Action::Down | Action::NextField | Action::Char(' ') => question.at = (question.at + 1) % n,
            Action::Submit => {
                let chosen = question.choices.get(question.at).cloned().unwrap_or_default();
                self.date_question = None;
                self.options.set("Date format", &chosen);
                self.run_preview(ledger);
            }
            _ => {}
        }
        Outcome::Open
    }

    fn dry_run(&self, ledger: &mut Ledger) -> Result<Preview> {
        if self.file.text().trim().is_empty() {
            return Err(Error::refusal(
                "give the bank file to import (CSV, OFX/QFX, QIF or CAMT.053), like ~/Downloads/visa.csv (Tab completes file names)",
            ));
        }
        if self.place.text().trim().is_empty() {
            return Err(Error::refusal(
                "give the account or card the file comes from, like Visa (↑↓ go through them)",
            ));
        }
        let path = self.path();
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let places = ledger.places()?;
        let place = places
            .get(ledger.resolve(&places, self.place.text().trim())?)
            .map_or_else(|| self.place.text().trim().to_string(), |p| p.name.clone());
        // Rejected rows are part of what the preview shows, so the dry run keeps going past them.
        let overrides = Overrides::of(self);
        let report = import(ledger, &place, &bytes, &overrides, true, true)?;
        let mut preview = Preview::new(&path, place, bytes, report, &places);
        preview.overrides = overrides;
        Ok(preview)
    }

    fn preview_update(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        let Some(preview) = self.preview.as_mut() else {
            return Outcome::Open;
        };
        let rows = preview_rows(preview, self.size);
        let page = rows as isize;
        let rejected = !preview.report.rejected.is_empty();
        match action {
            Action::Quit => return Outcome::Quit,
            Action::Cancel if preview.asking => preview.asking = false,
            Action::Cancel => self.preview = None,
            Action::Up => preview.scroll(-1, rows),
            Action::Down => preview.scroll(1, rows),
            Action::PageUp => preview.scroll(-page, rows),
            Action::PageDown => preview.scroll(page, rows),
            Action::Top => preview.scroll(isize::MIN, rows),
            Action::Bottom => preview.scroll(isize::MAX, rows),
            // With rejected rows, importing the rest is its own answer: Enter asks, only `y` imports.
            // Skip bad rows set in the dialog: that is the answer already.
            Action::Submit if rejected && preview.overrides.skip_bad => return self.confirm_import(ledger, true),
            Action::Submit | Action::Confirm if rejected && !preview.asking => preview.asking = true,
            Action::Confirm if rejected => return self.confirm_import(ledger, true),
            Action::Submit | Action::Confirm if !rejected => return self.confirm_import(ledger, false),
            _ => {}
        }
        Outcome::Open
    }

    /// Imports the previewed bytes for real; the status line gives the summary and the list opens at
    /// the newest row imported. A refusal goes back to the fields with what was typed.
    fn confirm_import(&mut self, ledger: &mut Ledger, skip_bad: bool) -> Outcome {
        let Some(preview) = self.preview.take() else {
            return Outcome::Open;
        };
        match import(
            ledger,
            &preview.place,
            &preview.bytes,
            &preview.overrides,
            skip_bad,
            false,
        ) {
            Ok(report) => Outcome::Wrote(Wrote {
                message: Message::Info(report.counts(&preview.file_name)),
                select: report.newest,
                scroll: Scroll::Jump,
                stay_open: false,
            }),
            Err(e) => {
                self.error = Some(crate::tui::hints::describe(&e));
                Outcome::Open
            }
        }
    }
}

fn import(
    ledger: &mut Ledger,
    place: &str,
    bytes: &[u8],
    overrides: &Overrides,
    skip_bad: bool,
    dry_run: bool,
) -> Result<ImportReport> {
    let request = ImportRequest {
        place,
        source: ImportSource::Bytes(bytes),
        options: overrides.csv.clone(),
        format: None,
        account: overrides.account.clone(),
        skip_bad,
        dry_run,
    };
    ledger.import_file(request, &|_, _| {})
}

/// The readings of the dates a refusal offers, when the file's dates can be read more than one way.
fn date_choices(e: &Error) -> Option<Vec<String>> {
    e.hints().into_iter().find_map(|h| match h {
        crate::error::Hint::ChooseDateFormat { choices } => Some(choices),
        _ => None,
    })
}

impl Component for ImportDialog {
    fn handle(&mut self, action: Action, ledger: &mut Ledger) -> Outcome {
        if self.preview.is_some() {
            self.preview_update(action, ledger)
        } else if self.date_question.is_some() {
            self.date_question_update(action, ledger)
        } else {
            self.fields_update(action, ledger)
        }
    }

    fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        import_view::render(self, theme, area, buf);
    }

    /// The preview is a list to page through; the fields take text.
    fn mode(&self) -> Mode {
        if self.preview.is_some() {
            Mode::Preview
        } else {
            Mode::Form
        }
    }

    fn resize(&mut self, size: (u16, u16)) {
        self.size = size;
    }
}
