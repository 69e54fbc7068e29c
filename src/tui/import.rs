//! What the import dialog's keys do: complete the fields, preview with a dry run, import on confirmation.
//! The file is read and the ledger asked here, on a key, never while drawing.

use super::action::Action;
use super::app::{App, Message, Popup};
use super::widgets::field::TextField;
use super::widgets::import_dialog::{DateQuestion, ImportDialog, Overrides, Preview};
use super::widgets::import_view::preview_rows;
use crate::error::{Error, Result};
use crate::ledger::{ImportReport, ImportRequest, ImportSource};

impl App {
    pub(crate) fn open_import(&mut self) {
        self.popup = Some(Popup::Import(Box::new(ImportDialog::new(&self.data.places))));
    }

    pub(crate) fn import_update(&mut self, mut dialog: Box<ImportDialog>, action: Action) {
        if dialog.preview.is_some() {
            return self.preview_update(dialog, action);
        }
        if dialog.date_question.is_some() {
            return self.date_question_update(dialog, action);
        }
        match action {
            Action::Cancel => return,
            Action::Quit => return self.set_quit(),
            Action::Submit => return self.run_preview(dialog),
            Action::NextField => dialog.next_field(),
            Action::PrevField => dialog.other_field(),
            Action::Up => dialog.pick(-1),
            Action::Down => dialog.pick(1),
            Action::Right => dialog.right(),
            edit if TextField::edits(edit) => dialog.edit(edit),
            _ => {}
        }
        self.popup = Some(Popup::Import(dialog));
    }

    /// Reads the file and works the import out without storing anything; a refusal stays in the dialog.
    /// Dates that read more than one way become a question (which reading?) instead of an error.
    fn run_preview(&mut self, mut dialog: Box<ImportDialog>) {
        dialog.complete_place();
        dialog.files.clear();
        match self.dry_run(&dialog) {
            Ok(preview) => {
                dialog.error = None;
                dialog.preview = Some(preview);
            }
            Err(e) => match date_choices(&e) {
                Some(choices) => {
                    dialog.error = None;
                    dialog.date_question = Some(DateQuestion { choices, at: 0 });
                }
                None => dialog.error = Some(crate::tui::hints::describe(&e)),
            },
        }
        self.popup = Some(Popup::Import(dialog));
    }

    /// ←→ or ↑↓ choose a reading of the dates; Enter uses it (it goes in the Date format field) and
    /// previews again; Esc goes back to the fields.
    fn date_question_update(&mut self, mut dialog: Box<ImportDialog>, action: Action) {
        let Some(question) = dialog.date_question.as_mut() else {
            return;
        };
        let n = question.choices.len().max(1);
        match action {
            Action::Quit => return self.set_quit(),
            Action::Cancel => dialog.date_question = None,
            Action::Left | Action::Up | Action::PrevField => question.at = (question.at + n - 1) % n,
            Action::Right | Action::Down | Action::NextField | Action::Char(' ') => question.at = (question.at + 1) % n,
            Action::Submit => {
                let chosen = question.choices.get(question.at).cloned().unwrap_or_default();
                dialog.date_question = None;
                dialog.options.set("Date format", &chosen);
                return self.run_preview(dialog);
            }
            _ => {}
        }
        self.popup = Some(Popup::Import(dialog));
    }

    fn dry_run(&mut self, dialog: &ImportDialog) -> Result<Preview> {
        if dialog.file.text().trim().is_empty() {
            return Err(Error::refusal(
                "give the bank file to import (CSV, OFX/QFX, QIF or CAMT.053), like ~/Downloads/visa.csv (Tab completes file names)",
            ));
        }
        if dialog.place.text().trim().is_empty() {
            return Err(Error::refusal(
                "give the account or card the file comes from, like Visa (↑↓ go through them)",
            ));
        }
        let path = dialog.path();
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let places = self.ledger.places()?;
        let place = places
            .get(self.ledger.resolve(&places, dialog.place.text().trim())?)
            .map_or_else(|| dialog.place.text().trim().to_string(), |p| p.name.clone());
        // Rejected rows are part of what the preview shows, so the dry run keeps going past them.
        let overrides = Overrides::of(dialog);
        let report = self.import(&place, &bytes, &overrides, true, true)?;
        let mut preview = Preview::new(&path, place, bytes, report, &places);
        preview.overrides = overrides;
        Ok(preview)
    }

    fn import(
        &mut self,
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
        self.ledger.import_file(request, &|_, _| {})
    }

    fn preview_update(&mut self, mut dialog: Box<ImportDialog>, action: Action) {
        let Some(preview) = dialog.preview.as_mut() else {
            return;
        };
        let rows = preview_rows(preview, self.size);
        let page = rows as isize;
        let rejected = !preview.report.rejected.is_empty();
        match action {
            Action::Quit => return self.set_quit(),
            Action::Cancel if preview.asking => preview.asking = false,
            Action::Cancel => dialog.preview = None,
            Action::Up => preview.scroll(-1, rows),
            Action::Down => preview.scroll(1, rows),
            Action::PageUp => preview.scroll(-page, rows),
            Action::PageDown => preview.scroll(page, rows),
            Action::Top => preview.scroll(isize::MIN, rows),
            Action::Bottom => preview.scroll(isize::MAX, rows),
            // With rejected rows, importing the rest is its own answer: Enter asks, only `y` imports.
            // Skip bad rows set in the dialog: that is the answer already.
            Action::Submit if rejected && preview.overrides.skip_bad => return self.confirm_import(dialog, true),
            Action::Submit | Action::Confirm if rejected && !preview.asking => preview.asking = true,
            Action::Confirm if rejected => return self.confirm_import(dialog, true),
            Action::Submit | Action::Confirm if !rejected => return self.confirm_import(dialog, false),
            _ => {}
        }
        self.popup = Some(Popup::Import(dialog));
    }

    /// Imports the previewed bytes for real; the status line gives the summary and the list reloads.
    fn confirm_import(&mut self, mut dialog: Box<ImportDialog>, skip_bad: bool) {
        let Some(preview) = dialog.preview.take() else {
            return;
        };
        match self.import(&preview.place, &preview.bytes, &preview.overrides, skip_bad, false) {
            Ok(report) => {
                self.message = Some(Message::Info(report.counts(&preview.file_name)));
                self.forget_categories();
                self.reload();
                let shown = match report.newest {
                    Some(at) => self.screens.transactions.show(&self.ledger, at),
                    None => self.screens.transactions.reload(&self.ledger),
                };
                self.report(shown);
            }
            Err(e) => {
                // Back to the fields with what was typed, and the ledger's reason.
                dialog.error = Some(crate::tui::hints::describe(&e));
                self.popup = Some(Popup::Import(dialog));
            }
        }
    }
}

/// The readings of the dates a refusal offers, when the file's dates can be read more than one way.
fn date_choices(e: &Error) -> Option<Vec<String>> {
    e.hints().into_iter().find_map(|h| match h {
        crate::error::Hint::ChooseDateFormat { choices } => Some(choices),
        _ => None,
    })
}
