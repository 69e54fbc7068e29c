//! The import dialog's state: a file and the place it comes from, then the preview a dry run gave.
//! Reading the directory for completion happens here, on a key; drawing never touches the disk.

use super::completion;
use super::field::TextField;
use crate::domain::{PlaceKind, Places};
use crate::ledger::{ImportReport, Outcome};
use crate::tui::screens::transactions::from_to;
use std::path::{Path, PathBuf};

/// The two fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    File,
    Place,
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
}

impl ImportDialog {
    pub fn new(places: &Places) -> ImportDialog {
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
        }
    }

    fn focused(&mut self) -> &mut TextField {
        match self.focus {
            ImportField::File => &mut self.file,
            ImportField::Place => &mut self.place,
        }
    }

    /// Applies a text edit to the focused field; the file list no longer fits what is typed.
    pub fn edit(&mut self, op: impl FnOnce(&mut TextField)) {
        op(self.focused());
        self.files.clear();
    }

    /// Tab: on File, completes the path as far as the directory allows and stays while there is a choice
    /// to make; otherwise (and on Place, after completing a unique place name) moves to the other field.
    pub fn next_field(&mut self) {
        if self.focus == ImportField::File && (self.complete_file() || self.files.len() > 1) {
            return;
        }
        self.other_field();
    }

    /// Shift-Tab: the other field, always.
    pub fn other_field(&mut self) {
        self.complete_place();
        self.files.clear();
        self.focus = match self.focus {
            ImportField::File => ImportField::Place,
            ImportField::Place => ImportField::File,
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

    /// ↑/↓: the next file of the directory, or the next account or card name.
    pub fn pick(&mut self, step: isize) {
        match self.focus {
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

    /// →: moves the cursor; at the end of the text it accepts the first suggestion.
    pub fn right(&mut self) {
        let field = match self.focus {
            ImportField::File => &self.file,
            ImportField::Place => &self.place,
        };
        if !field.at_end() {
            return self.focused().right();
        }
        if let Some(s) = self.suggestions().first().cloned() {
            self.focused().set(&s);
            self.files.clear();
        }
    }

    /// Place names starting with what is typed, or the files the last Tab found.
    pub fn suggestions(&self) -> Vec<String> {
        match self.focus {
            ImportField::File => self.files.clone(),
            ImportField::Place => completion::suggestions(&self.places, self.place.text()),
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
    Rejected { line: u64, reason: String },
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
        let mut d = ImportDialog::new(&Places::default());
        d.file.set(&format!("{base}v"));
        d.next_field();
        assert_eq!(d.file.text(), format!("{base}visa-2025-1"), "as far as both agree");
        assert_eq!(d.files.len(), 2);
        assert_eq!(d.focus, ImportField::File, "stays while there is a choice");
        d.edit(|f| f.insert('1'));
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
