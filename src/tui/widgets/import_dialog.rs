//! The import dialog's state: a file and the place it comes from, then the preview a dry run gave.
//! Reading the directory for completion happens here, on a key; drawing never touches the disk.

use super::completion;
use super::field::TextField;
use super::field_list::FieldList;
use crate::domain::{PlaceKind, Places};
use crate::ledger::ImportOptions;
use crate::ledger::{ImportReport, Outcome};
use crate::tui::action::Action;
use crate::tui::screens::transactions::from_to;
use std::path::{Path, PathBuf};

/// The fields: the file, the place, then the overrides (one of `options`, which has its own focus).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    File,
    Place,
    Options,
}

/// The delimiters the Delimiter option goes through ("detect": pfos works it out).
pub const DELIMITERS: &[&str] = &["detect", ",", ";", "tab", "|"];

/// The overrides, as the command line has them; empty or "detect" leaves each to pfos.
pub fn option_fields() -> FieldList {
    FieldList::new(vec![
        FieldList::text(
            "Date format",
            "",
            "like DD/MM/YYYY when the dates are ambiguous; empty: detect",
        ),
        FieldList::choice("Delimiter", DELIMITERS, "detect"),
        FieldList::text("Date column", "", "a CSV column's name or number; empty: detect"),
        FieldList::text("Amount column", "", "one signed amount column; empty: detect"),
        FieldList::text("Debit column", "", "the money-out column, with Credit column"),
        FieldList::text("Credit column", "", "the money-in column, with Debit column"),
        FieldList::text("Text column", "", "the description column; empty: detect"),
        FieldList::choice("Negate", &["no", "yes"], "no"),
        FieldList::choice("Skip bad rows", &["no", "yes"], "no"),
        FieldList::text(
            "Account",
            "",
            "OFX, QIF or CAMT holding several accounts: its id (the end will do)",
        ),
    ])
}

/// What the overrides come to, as the import takes them.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub csv: ImportOptions,
    pub account: Option<String>,
    /// Import the good rows without asking when some are rejected.
    pub skip_bad: bool,
}

impl Overrides {
    /// The dialog's overrides; empty fields leave each to what pfos detects.
    pub fn of(dialog: &ImportDialog) -> Overrides {
        let o = &dialog.options;
        // "detect" names no delimiter: pfos works it out.
        let delimiter = crate::ledger::delimiter_named(o.get("Delimiter"));
        Overrides {
            csv: ImportOptions {
                date_col: o.optional("Date column"),
                amount_col: o.optional("Amount column"),
                debit_col: o.optional("Debit column"),
                credit_col: o.optional("Credit column"),
                desc_col: o.optional("Text column"),
                negate: o.get("Negate") == "yes",
                date_format: o.optional("Date format"),
                delimiter,
                is_card: false,
            },
            account: o.optional("Account"),
            skip_bad: o.get("Skip bad rows") == "yes",
        }
    }
}

/// The file's dates read more than one way: which reading to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateQuestion {
    pub choices: Vec<String>,
    pub at: usize,
}

/// What was typed, and the preview once a dry run has worked the file out.
#[derive(Debug, Clone)]
pub struct ImportDialog {
    pub file: TextField,
    pub place: TextField,
    pub focus: ImportField,
    /// Accounts and cards: the places a bank or card file can come from.
    places: Vec<String>,
    /// Files the last Tab or ↑/↓ on File found, as they would be typed.
    pub files: Vec<String>,
    /// The last refusal, in the ledger's words; what was typed stays.
    pub error: Option<String>,
    pub preview: Option<Preview>,
    /// The overrides of what pfos works out about the file.
    pub options: FieldList,
    /// Asked when the dates can be read more than one way.
    pub date_question: Option<DateQuestion>,
    /// The terminal's size (columns, rows): the preview pages by the rows it shows.
    pub size: (u16, u16),
}

impl ImportDialog {
    pub fn new(places: &Places, size: (u16, u16)) -> ImportDialog {
        ImportDialog {
            file: TextField::default(),
            place: TextField::default(),
            focus: ImportField::File,
            places: places
                .iter()
                .filter(|p| p.kind != PlaceKind::Bucket)
                .map(|p| p.name.clone())
                .collect(),
            files: Vec::new(),
            error: None,
            preview: None,
            options: option_fields(),
            date_question: None,
            size,
        }
    }

    fn focused(&mut self) -> Option<&mut TextField> {
        match self.focus {
            ImportField::File => Some(&mut self.file),
            ImportField::Place => Some(&mut self.place),
            ImportField::Options => None,
        }
    }

    /// Applies an edit to the focused field (an option takes it itself); the file list no longer fits.
    pub fn edit(&mut self, action: Action) {
        match self.focused() {
            Some(field) => field.apply(action),
            None => {
                self.options.handle(action);
            }
        }
        self.files.clear();
    }

    /// Tab: on File, completes the path as far as the directory allows and stays while there is a choice
    /// to make; otherwise (and on Place, after completing a unique place name) moves on: File, Into, then
    /// each override, then File again.
    pub fn next_field(&mut self) {
        if self.focus == ImportField::File && (self.complete_file() || self.files.len() > 1) {
            return;
        }
        self.step_field(1);
    }

    /// Shift-Tab: the field before, always.
    pub fn other_field(&mut self) {
        self.step_field(-1);
    }

    fn step_field(&mut self, step: isize) {
        self.complete_place();
        self.files.clear();
        let last = self.options.entries.len().saturating_sub(1);
        self.focus = match (self.focus, step > 0) {
            (ImportField::File, true) => ImportField::Place,
            (ImportField::Place, true) => {
                self.options.focus = 0;
                ImportField::Options
            }
            (ImportField::Options, true) if self.options.focus < last => {
                self.options.focus += 1;
                ImportField::Options
            }
            (ImportField::Options, true) => ImportField::File,
            (ImportField::File, false) => {
                self.options.focus = last;
                ImportField::Options
            }
            (ImportField::Place, false) => ImportField::File,
            (ImportField::Options, false) if self.options.focus > 0 => {
                self.options.focus -= 1;
                ImportField::Options
            }
            (ImportField::Options, false) => ImportField::Place,
        };
    }

    /// Completes the file name from its directory as far as every match agrees; true if the text changed.
    pub fn complete_file(&mut self) -> bool {
        let typed = self.file.text().to_string();
        if typed == "~" {
            self.file.set("~/");
            return true;
        }
        self.files = file_candidates(&typed);
        let common = common_prefix(&self.files);
        if common.chars().count() > typed.chars().count() {
            self.file.set(&common);
            if self.files.len() == 1 {
                self.files.clear();
            }
            return true;
        }
        false
    }

    /// A place name only one account or card starts with becomes that name.
    pub fn complete_place(&mut self) {
        if let Some(name) = completion::unique(&self.places, self.place.text()) {
            self.place.set(&name);
        }
    }

    /// ↑/↓: the next file of the directory, or the next account or card name (on an override: the
    /// field above or below).
    pub fn pick(&mut self, step: isize) {
        match self.focus {
            ImportField::Options => self.step_field(step),
            ImportField::File => {
                if self.files.is_empty() {
                    self.files = file_candidates(self.file.text());
                }
                if let Some(i) = completion::pick(&self.files, self.file.text(), step) {
                    let name = self.files[i].clone();
                    self.file.set(&name);
                }
            }
            ImportField::Place => {
                if let Some(i) = completion::pick(&self.places, self.place.text(), step) {
                    let name = self.places[i].clone();
                    self.place.set(&name);
                }
            }
        }
    }

    /// →: moves the cursor; at the end of the text it accepts the first suggestion (on an override:
    /// the next choice, or the cursor).
    pub fn right(&mut self) {
        let field = match self.focus {
            ImportField::File => &self.file,
            ImportField::Place => &self.place,
            ImportField::Options => return self.edit(Action::Right),
        };
        if !field.at_end() {
            return self.edit(Action::Right);
        }
        if let Some(s) = self.suggestions().first().cloned() {
            if let Some(field) = self.focused() {
                field.set(&s);
            }
            self.files.clear();
        }
    }

    /// Place names starting with what is typed, or the files the last Tab found.
    pub fn suggestions(&self) -> Vec<String> {
        match self.focus {
            ImportField::File => self.files.clone(),
            ImportField::Place => completion::suggestions(&self.places, self.place.text()),
            ImportField::Options => Vec::new(),
        }
    }

    /// The file to read: what was typed, trimmed, with `~` expanded.
    pub fn path(&self) -> PathBuf {
        expand_home(self.file.text().trim())
    }
}

/// `~` or `~/…` at the start stands for the home directory.
pub fn expand_home(text: &str) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (text.strip_prefix('~'), home) {
        (Some(""), Some(home)) => PathBuf::from(home),
        (Some(rest), Some(home)) if rest.starts_with('/') => PathBuf::from(home).join(rest.trim_start_matches('/')),
        _ => PathBuf::from(text),
    }
}

/// Entries of the typed path's directory whose names start with its last part, written the way they
/// would be typed (`~` kept), directories ending in `/`, sorted. Hidden entries only after a typed dot.
pub fn file_candidates(typed: &str) -> Vec<String> {
    let (dir_typed, stem) = match typed.rfind('/') {
        Some(i) => typed.split_at(i + 1),
        None => ("", typed),
    };
    let dir = if dir_typed.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_typed)
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(stem) || (name.starts_with('.') && !stem.starts_with('.')) {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            Some(format!("{dir_typed}{name}{slash}"))
        })
        .collect();
    found.sort();
    found
}

/// The longest start all the texts share (empty for none).
fn common_prefix(texts: &[String]) -> String {
    let Some(first) = texts.first() else {
        return String::new();
    };
    let mut end = first.len();
    for text in &texts[1..] {
        end = first
            .char_indices()
            .zip(text.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(text.len()), |((i, _), _)| i.min(end));
    }
    first[..end].to_string()
}

/// One line of the preview table, cells ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowCells {
    pub line: u64,
    pub date: String,
    pub kind: String,
    pub amount: String,
    pub places: String,
    pub category: String,
    pub description: String,
    pub outcome: String,
    /// Will be stored (not a duplicate, not the other side of a recorded transfer).
    pub is_new: bool,
}

/// A row of the file: what it becomes, or why it cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PreviewLine {
    Row(RowCells),
    /// A row that cannot be imported: what the file says in it, and why.
    Rejected {
        line: u64,
        date: String,
        amount: String,
        text: String,
        reason: String,
    },
}

impl PreviewLine {
    pub fn line(&self) -> u64 {
        match self {
            PreviewLine::Row(r) => r.line,
            PreviewLine::Rejected { line, .. } => *line,
        }
    }
}

/// What a dry run found, kept with the bytes it read so that confirming imports exactly that.
#[derive(Debug, Clone)]
pub struct Preview {
    /// The file's name, for the title and the summary.
    pub file_name: String,
    /// The place, as the ledger spells it.
    pub place: String,
    pub bytes: Vec<u8>,
    pub report: ImportReport,
    /// Rows and rejected rows, in the order of their lines in the file.
    pub lines: Vec<PreviewLine>,
    pub selected: usize,
    pub offset: usize,
    /// Some rows are rejected and Enter asked whether to import the others: `y` does.
    pub asking: bool,
    /// The overrides the preview was worked out with; importing uses the same.
    pub overrides: Overrides,
}

impl Preview {
    pub fn new(file: &Path, place: String, bytes: Vec<u8>, report: ImportReport, places: &Places) -> Preview {
        let mut lines: Vec<PreviewLine> = report
            .rows
            .iter()
            .map(|p| {
                let d = &p.draft;
                let (outcome, is_new) = match p.outcome {
                    Outcome::Imported(_) => ("new".to_string(), true),
                    Outcome::Duplicate(id) => (format!("duplicate of #{id}"), false),
                    Outcome::Matched(id) => (format!("matches #{id}"), false),
                };
                PreviewLine::Row(RowCells {
                    line: p.line,
                    date: d.date.to_string(),
                    kind: d.kind.to_string(),
                    amount: d.amount.grouped(),
                    places: from_to(places, d.from, d.to),
                    category: p.category_text(),
                    description: d.description.clone(),
                    outcome,
                    is_new,
                })
            })
            .chain(report.rejected.iter().map(|b| PreviewLine::Rejected {
                line: b.line,
                date: b.date.clone(),
                amount: b.amount.clone(),
                text: b.text.clone(),
                reason: b.reason.clone(),
            }))
            .collect();
        lines.sort_by_key(PreviewLine::line);
        let file_name = file
            .file_name()
            .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
        Preview {
            file_name,
            place,
            bytes,
            report,
            lines,
            selected: 0,
            offset: 0,
            asking: false,
            overrides: Overrides::default(),
        }
    }

    /// Moves the selection by `step` rows (`isize::MIN`/`MAX`: first/last), keeping it among `visible` rows.
    pub fn scroll(&mut self, step: isize, visible: usize) {
        let last = self.lines.len().saturating_sub(1);
        self.selected = match step {
            isize::MIN => 0,
            isize::MAX => last,
            _ => (self.selected as isize + step).clamp(0, last as isize) as usize,
        };
        self.offset = shown_from(self.offset, self.selected, visible);
    }

    pub fn selected_line(&self) -> Option<&PreviewLine> {
        self.lines.get(self.selected)
    }
}

/// The first row to show so that `selected` is among `visible` rows, moving `offset` as little as possible.
pub fn shown_from(offset: usize, selected: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    offset.min(selected).max((selected + 1).saturating_sub(visible))
}

mod actions;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_file_names_from_the_directory() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for name in ["visa-2025-10.csv", "visa-2025-11.csv", "checking.csv", ".hidden.csv"] {
            std::fs::write(dir.path().join(name), "x").unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::create_dir(dir.path().join("old")).unwrap_or_else(|e| panic!("{e}"));
        let base = format!("{}/", dir.path().display());
        let mut d = ImportDialog::new(&Places::default(), (80, 24));
        d.file.set(&format!("{base}v"));
        d.next_field();
        assert_eq!(d.file.text(), format!("{base}visa-2025-1"), "as far as both agree");
        assert_eq!(d.files.len(), 2);
        assert_eq!(d.focus, ImportField::File, "stays while there is a choice");
        d.edit(Action::Char('1'));
        d.next_field();
        assert_eq!(d.file.text(), format!("{base}visa-2025-11.csv"));
        d.next_field();
        assert_eq!(d.focus, ImportField::Place, "a complete name moves on");
        d.other_field();
        d.file.set(&base);
        d.pick(1);
        assert_eq!(d.file.text(), format!("{base}checking.csv"), "sorted, no hidden files");
        d.pick(1);
        assert_eq!(d.file.text(), format!("{base}old/"), "directories end in a slash");
    }

    #[test]
    fn home_is_expanded_only_at_the_start() {
        let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) else {
            return;
        };
        let home = PathBuf::from(home);
        assert_eq!(expand_home("~"), home);
        assert_eq!(expand_home("~/bank/visa.csv"), home.join("bank/visa.csv"));
        assert_eq!(expand_home("a/~/b.csv"), PathBuf::from("a/~/b.csv"));
        assert_eq!(expand_home("~other/b.csv"), PathBuf::from("~other/b.csv"));
    }

    #[test]
    fn common_prefixes_respect_characters() {
        let texts = ["café-1.csv", "café-2.csv"].map(String::from);
        assert_eq!(common_prefix(&texts), "café-");
        assert_eq!(common_prefix(&["abc".to_string(), "ab".to_string()]), "ab");
        assert_eq!(common_prefix(&[]), "");
    }

    #[test]
    fn the_selection_stays_on_screen() {
        assert_eq!(shown_from(0, 12, 10), 3);
        assert_eq!(shown_from(3, 4, 10), 3);
        assert_eq!(shown_from(5, 2, 10), 2);
    }
}
