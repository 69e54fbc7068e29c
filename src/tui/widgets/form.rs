//! The quick-add and edit form: kind, amount, places, category, date, description; with completion.

use super::completion;
use super::field::TextField;
use crate::domain::{parse_date, Money, Place, PlaceKind, Split, Txn, TxnId, TxnKind};
use crate::error::Result;
use crate::ledger::{TxnEdit, TxnInput};
use chrono::NaiveDate;

/// A form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldId {
    Kind,
    Amount,
    From,
    To,
    Category,
    Tags,
    Date,
    Description,
}

impl FieldId {
    pub fn label(self, kind: TxnKind) -> &'static str {
        match self {
            FieldId::Kind => "Kind",
            FieldId::Amount if kind == TxnKind::Valuation => "Value",
            FieldId::Amount => "Amount",
            FieldId::From => "From",
            FieldId::To if kind == TxnKind::Valuation => "Account",
            FieldId::To => "To",
            FieldId::Category => "Category",
            FieldId::Tags => "Tags",
            FieldId::Date => "Date",
            FieldId::Description => "Description",
        }
    }

    fn slot(self) -> usize {
        match self {
            FieldId::Kind | FieldId::Amount => 0,
            FieldId::From => 1,
            FieldId::To => 2,
            FieldId::Category => 3,
            FieldId::Date => 4,
            FieldId::Description => 5,
            FieldId::Tags => 6,
        }
    }
}

/// The kinds the form can add, in the order the Kind field cycles through them.
pub const KINDS: [TxnKind; 5] = [
    TxnKind::Expense,
    TxnKind::Income,
    TxnKind::Transfer,
    TxnKind::Refund,
    TxnKind::Valuation,
];

/// Adding a new transaction or editing a stored one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormMode {
    Add,
    Edit(TxnId),
}

/// The form's state. Names for completion are copied in when it opens.
#[derive(Debug, Clone)]
pub struct Form {
    pub mode: FormMode,
    pub kind: TxnKind,
    fields: [TextField; 7],
    pub focus: FieldId,
    /// The last refusal, in the ledger's own words; what was typed stays.
    pub error: Option<String>,
    pub dirty: bool,
    places: Vec<(String, PlaceKind)>,
    categories: Vec<String>,
    /// Which suggestion ↑/↓ picked, if any.
    pub pick: Option<usize>,
    /// Tags in use, for completing the Tags field's last word.
    tags: Vec<String>,
}

impl Form {
    /// A new expense dated `today`, cursor in Amount.
    pub fn add(today: NaiveDate, places: &[Place], categories: Vec<String>) -> Form {
        let mut form = Form {
            mode: FormMode::Add,
            kind: TxnKind::Expense,
            fields: Default::default(),
            focus: FieldId::Amount,
            error: None,
            dirty: false,
            // Places archived before the date take no transaction: they are not offered.
            places: places
                .iter()
                .filter(|p| p.archived_on.is_none_or(|on| on >= today))
                .map(|p| (p.name.clone(), p.kind))
                .collect(),
            categories,
            pick: None,
            tags: Vec::new(),
        };
        form.fields[FieldId::Date.slot()].set(&today.to_string());
        form
    }

    /// A transfer into `bucket`, from the account that holds it (or the first spending account).
    pub fn fund(today: NaiveDate, places: &[Place], categories: Vec<String>, bucket: &Place) -> Form {
        let mut form = Form::add(today, places, categories);
        form.kind = TxnKind::Transfer;
        let from = bucket
            .held_in()
            .and_then(|id| places.iter().find(|p| p.id == id))
            .or_else(|| places.iter().find(|p| p.kind.is_spending() && p.archived_on.is_none()));
        if let Some(from) = from {
            form.fields[FieldId::From.slot()].set(&from.name);
        }
        form.fields[FieldId::To.slot()].set(&bucket.name);
        form.fields[FieldId::Description.slot()].set(&format!("Fund {}", bucket.name));
        form
    }

    /// The stored transaction, ready to change; its kind stays.
    pub fn edit(txn: &Txn, place_name: impl Fn(i64) -> String, places: &[Place], categories: Vec<String>) -> Form {
        let mut form = Form::add(txn.date, places, categories);
        form.mode = FormMode::Edit(txn.id);
        form.kind = txn.kind;
        let set = |form: &mut Form, id: FieldId, text: &str| form.fields[id.slot()].set(text);
        set(&mut form, FieldId::Amount, &txn.amount.to_string());
        if let Some(id) = txn.from {
            set(&mut form, FieldId::From, &place_name(id));
        }
        if let Some(id) = txn.to {
            set(&mut form, FieldId::To, &place_name(id));
        }
        let category = if txn.is_split() {
            let lines: Vec<String> = txn
                .splits
                .iter()
                .map(|s| format!("{}={}", s.category, s.amount))
                .collect();
            lines.join("; ")
        } else {
            txn.category.clone().unwrap_or_default()
        };
        set(&mut form, FieldId::Category, &category);
        set(&mut form, FieldId::Tags, &txn.tags.join(" "));
        set(&mut form, FieldId::Description, &txn.description);
        form
    }

    /// The fields shown for the current kind, in Tab order.
    pub fn order(&self) -> Vec<FieldId> {
        use FieldId::*;
        let mut order = Vec::with_capacity(7);
        if self.mode == FormMode::Add {
            order.push(Kind);
        }
        order.push(Amount);
        if self.kind == TxnKind::Opening {
            order.extend([Date, Description]);
            return order;
        }
        if self.kind.has_from() {
            order.push(From);
        }
        if self.kind.has_to() {
            order.push(To);
        }
        if self.kind.takes_category() {
            order.push(Category);
        }
        order.push(Date);
        if self.kind != TxnKind::Valuation {
            order.extend([Description, Tags]);
        }
        order
    }

    pub fn field(&self, id: FieldId) -> &TextField {
        &self.fields[id.slot()]
    }

    fn focused(&mut self) -> Option<&mut TextField> {
        (self.focus != FieldId::Kind).then(|| &mut self.fields[self.focus.slot()])
    }

    /// Moves focus by `step` fields, completing a place name left half-typed.
    pub fn move_focus(&mut self, step: isize) {
        self.complete_place();
        let order = self.order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[(at + step).rem_euclid(n) as usize];
        self.pick = None;
    }

    pub fn cycle_kind(&mut self, step: isize) {
        if self.mode != FormMode::Add {
            return;
        }
        let at = KINDS.iter().position(|k| *k == self.kind).unwrap_or(0) as isize;
        self.kind = KINDS[(at + step).rem_euclid(KINDS.len() as isize) as usize];
        self.dirty = true;
    }

    /// A typed character: text in a text field; on Kind, a kind's first letter or Space.
    pub fn type_char(&mut self, c: char) {
        if self.focus == FieldId::Kind {
            match c {
                ' ' => self.cycle_kind(1),
                _ => {
                    if let Some(k) = KINDS.iter().find(|k| k.as_str().starts_with(c.to_ascii_lowercase())) {
                        self.kind = *k;
                        self.dirty = true;
                    }
                }
            }
            return;
        }
        if let Some(f) = self.focused() {
            f.insert(c);
        }
        self.dirty = true;
        self.pick = None;
    }

    pub fn edit_text(&mut self, op: impl FnOnce(&mut TextField)) {
        if let Some(f) = self.focused() {
            op(f);
        }
        self.dirty = true;
        self.pick = None;
    }

    pub fn left(&mut self) {
        match self.focused() {
            Some(f) => f.left(),
            None => self.cycle_kind(-1),
        }
    }

    /// Right moves the cursor; at the end of the text it accepts the suggestion.
    pub fn right(&mut self) {
        if self.focus == FieldId::Kind {
            return self.cycle_kind(1);
        }
        let at_end = self.field(self.focus).at_end();
        if at_end {
            if let Some(s) = self.suggestions().first().cloned() {
                self.fields[self.focus.slot()].set(&s);
                self.dirty = true;
            }
        } else if let Some(f) = self.focused() {
            f.right();
        }
    }

    /// ↑/↓: on Kind, change it; on a place or category field, fill in the next suggestion.
    pub fn pick_suggestion(&mut self, step: isize) {
        if self.focus == FieldId::Kind {
            return self.cycle_kind(step);
        }
        if self.focus == FieldId::Tags {
            return;
        }
        let all = self.names_for(self.focus);
        let Some(next) = completion::pick(&all, self.field(self.focus).text(), step) else {
            return;
        };
        self.fields[self.focus.slot()].set(&all[next]);
        self.pick = Some(next);
        self.dirty = true;
    }

    /// Every name that fits the focused field's kind of place, or every category.
    /// A single category typed that no transaction has yet (compared the way the ledger joins
    /// spellings): saving it starts a new category, which the form marks.
    pub fn category_is_new(&self) -> bool {
        let text = self.field(FieldId::Category).text().trim();
        if text.is_empty() || text.contains('=') || !self.kind.takes_category() {
            return false;
        }
        let key = crate::domain::category_key(text);
        !self.categories.iter().any(|c| crate::domain::category_key(c) == key)
    }

    fn names_for(&self, id: FieldId) -> Vec<String> {
        let fits = |k: PlaceKind| match (self.kind, id) {
            (TxnKind::Valuation, _) => k == PlaceKind::Investment,
            (TxnKind::Income, FieldId::To) => k != PlaceKind::Card,
            _ => true,
        };
        match id {
            FieldId::From | FieldId::To => self
                .places
                .iter()
                .filter(|(_, k)| fits(*k))
                .map(|(n, _)| n.clone())
                .collect(),
            FieldId::Category => self.categories.clone(),
            FieldId::Tags => self.tags.clone(),
            _ => Vec::new(),
        }
    }

    /// Names starting with what is typed (case-insensitive), other than the exact text.
    pub fn suggestions(&self) -> Vec<String> {
        if self.focus == FieldId::Tags {
            // Tags complete word by word: the last one typed.
            let text = self.field(FieldId::Tags).text();
            let (head, last) = text.rsplit_once(' ').map_or(("", text), |(h, l)| (h, l));
            if last.is_empty() {
                return Vec::new();
            }
            let lead = if head.is_empty() {
                String::new()
            } else {
                format!("{head} ")
            };
            return completion::suggestions(&self.tags, last)
                .into_iter()
                .map(|t| format!("{lead}{t}"))
                .collect();
        }
        completion::suggestions(&self.names_for(self.focus), self.field(self.focus).text())
    }

    /// A half-typed place or category name that starts exactly one name becomes that name (a split's
    /// lines are left as typed).
    fn complete_place(&mut self) {
        let split = self.field(FieldId::Category).text().contains('=');
        let completes = match self.focus {
            FieldId::From | FieldId::To => true,
            FieldId::Category => !split,
            _ => false,
        };
        if !completes {
            return;
        }
        if let Some(name) = completion::unique(&self.names_for(self.focus), self.field(self.focus).text()) {
            self.fields[self.focus.slot()].set(&name);
        }
    }

    fn text_of(&self, id: FieldId) -> Option<String> {
        let text = self.field(id).text().trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    fn amount(&self) -> Result<Money> {
        let text = self.field(FieldId::Amount).text();
        Ok(if self.kind == TxnKind::Opening {
            Money::parse_non_negative(text)?
        } else {
            Money::parse_positive(text)?
        })
    }

    fn date(&self) -> Result<Option<NaiveDate>> {
        Ok(self.text_of(FieldId::Date).as_deref().map(parse_date).transpose()?)
    }

    /// Tags in use, for completion.
    pub fn with_tags(mut self, tags: Vec<String>) -> Form {
        self.tags = tags;
        self
    }

    /// The Category field as split lines when it holds `CAT=AMT` lines (`Groceries=80; Household=40.50`).
    fn split_lines(&self) -> Result<Option<Vec<Split>>> {
        let text = self.field(FieldId::Category).text();
        if !text.contains('=') {
            return Ok(None);
        }
        let lines = text
            .split(';')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let Some((category, amount)) = line.rsplit_once('=') else {
                    return Err(crate::error::Error::refusal(format!(
                        "split line '{line}' is not CATEGORY=AMOUNT; write the lines like Groceries=80; Household=40.50"
                    )));
                };
                Ok(Split {
                    category: category.trim().to_string(),
                    amount: Money::parse_positive(amount.trim())?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(lines))
    }

    /// The amount typed, or with a split and no amount, the lines' sum.
    fn amount_or_sum(&self, splits: &Option<Vec<Split>>) -> Result<Money> {
        match splits {
            Some(lines) if self.field(FieldId::Amount).text().trim().is_empty() => {
                Ok(lines.iter().map(|l| l.amount).sum())
            }
            _ => self.amount(),
        }
    }

    fn tag_list(&self) -> Vec<String> {
        self.field(FieldId::Tags)
            .text()
            .split([' ', ','])
            .map(|t| t.trim().trim_start_matches('#').to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// What the form holds as a new transaction, or the same refusal the command line gives.
    pub fn to_input(&mut self) -> Result<TxnInput> {
        self.complete_place();
        let shown = self.order();
        let value = |id: FieldId| shown.contains(&id).then(|| self.text_of(id)).flatten();
        let splits = if shown.contains(&FieldId::Category) {
            self.split_lines()?
        } else {
            None
        };
        Ok(TxnInput {
            kind: Some(self.kind),
            amount: self.amount_or_sum(&splits)?,
            from: value(FieldId::From),
            to: value(FieldId::To),
            category: if splits.is_some() {
                None
            } else {
                value(FieldId::Category)
            },
            date: self.date()?,
            description: value(FieldId::Description),
            splits: splits.unwrap_or_default(),
            tags: if shown.contains(&FieldId::Tags) {
                self.tag_list()
            } else {
                Vec::new()
            },
        })
    }

    /// What the form holds as changes to the stored transaction.
    pub fn to_edit(&mut self) -> Result<TxnEdit> {
        self.complete_place();
        let shown = self.order();
        let value = |id: FieldId| shown.contains(&id).then(|| self.text_of(id)).flatten();
        let splits = if shown.contains(&FieldId::Category) {
            self.split_lines()?
        } else {
            None
        };
        let category = if splits.is_some() {
            None
        } else if self.kind.needs_category() {
            Some(self.field(FieldId::Category).text().to_string())
        } else {
            value(FieldId::Category)
        };
        Ok(TxnEdit {
            amount: Some(self.amount_or_sum(&splits)?),
            date: self.date()?,
            description: Some(self.field(FieldId::Description).text().trim().to_string()),
            category,
            from: value(FieldId::From),
            to: value(FieldId::To),
            splits,
            tags: shown.contains(&FieldId::Tags).then(|| self.tag_list()),
        })
    }
}

mod actions;

#[cfg(test)]
mod tests;
