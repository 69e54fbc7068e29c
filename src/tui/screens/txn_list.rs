//! The transactions list's state: a window of keyset pages around the selection, newest first.

use crate::domain::{Month, Query, QueryError, Txn};
use crate::error::Result;
use crate::ledger::browse::{Cursor, TxnFilter};
use crate::ledger::Ledger;
use crate::tui::widgets::field::TextField;

/// How many pages the window keeps before it drops the far end.
const KEEP_PAGES: usize = 4;

/// Loaded rows (newest first), the selection and the first row on screen.
#[derive(Debug, Clone, Default)]
pub struct TxnList {
    pub rows: Vec<Txn>,
    pub selected: usize,
    pub offset: usize,
    pub more_older: bool,
    pub more_newer: bool,
    /// Whether the search is being typed (after `/`, until Enter or Esc).
    pub filtering: bool,
    /// The search typed after `/` (see [`Query::parse`]).
    pub filter: TextField,
    /// The query the filter text made last: the list keeps showing it while the text is not a query.
    pub search: Query,
    /// Only this category, exactly (`U` shows `Uncategorized` rows), beside the text filter.
    pub category: Option<String>,
    /// Lines the list has on screen; a page is this many rows.
    pub height: usize,
    /// Rows marked with `m`, to link as one transfer (at most two; a third mark replaces the oldest).
    pub marked: Vec<crate::domain::TxnId>,
}

fn cursor(t: &Txn) -> Cursor {
    (t.date, t.id)
}

impl TxnList {
    fn page(&self) -> usize {
        self.height.max(1)
    }

    /// What the list shows: the filter text's query (the last one it made while it is not a query) and
    /// the category filter.
    pub fn query(&self) -> TxnFilter {
        TxnFilter {
            query: Query::parse(self.filter.text()).unwrap_or_else(|_| self.search.clone()),
            category: self.category.clone(),
        }
    }

    /// Why the filter text is not a query, when it is not.
    pub fn filter_error(&self) -> Option<QueryError> {
        Query::parse(self.filter.text()).err()
    }

    /// After the filter text changed: keeps its query when it is one (true), else leaves the list as it is.
    pub fn filter_changed(&mut self) -> bool {
        match Query::parse(self.filter.text()) {
            Ok(query) => {
                self.search = query;
                true
            }
            Err(_) => false,
        }
    }

    /// Whether a text or category filter hides some rows.
    pub fn is_filtered(&self) -> bool {
        !self.filter.is_empty() || self.category.is_some()
    }

    /// Drops the text and category filters; true if there was one.
    pub fn clear_filters(&mut self) -> bool {
        let had = self.is_filtered();
        self.filter = TextField::default();
        self.search = Query::default();
        self.category = None;
        had
    }

    /// Marks the selected row, or unmarks it; a third mark replaces the oldest.
    pub fn toggle_mark(&mut self) {
        let Some(id) = self.selected_txn().map(|t| t.id) else {
            return;
        };
        if let Some(at) = self.marked.iter().position(|m| *m == id) {
            self.marked.remove(at);
        } else {
            if self.marked.len() == 2 {
                self.marked.remove(0);
            }
            self.marked.push(id);
        }
    }

    pub fn selected_txn(&self) -> Option<&Txn> {
        self.rows.get(self.selected)
    }

    /// Loads the page just before `before` (the newest for `None`) and selects its first row.
    pub fn load_before(&mut self, ledger: &Ledger, before: Option<Cursor>) -> Result<()> {
        let filter = self.query();
        let page = self.page();
        self.rows = ledger.txns_before(before, &filter, page)?;
        self.more_older = self.rows.len() == page;
        // Nothing is newer than the newest page.
        self.more_newer = match (before, self.rows.first()) {
            (Some(_), Some(t)) => !ledger.txns_after(Some(cursor(t)), &filter, 1)?.is_empty(),
            _ => false,
        };
        self.selected = 0;
        self.offset = 0;
        Ok(())
    }

    /// Reloads around the row at the top of the screen, keeping the selection where it was; at the very
    /// top of the list, newer transactions (added here or by another process) come into view.
    pub fn reload(&mut self, ledger: &Ledger) -> Result<()> {
        let keep = self.selected.saturating_sub(self.offset);
        let at_newest = self.offset == 0 && !self.more_newer;
        let anchor = if at_newest {
            None
        } else {
            self.rows.get(self.offset).map(|t| (t.date, t.id + 1))
        };
        self.load_before(ledger, anchor)?;
        if self.rows.is_empty() && anchor.is_some() {
            self.load_before(ledger, None)?;
        }
        self.fill(ledger)?;
        self.selected = keep.min(self.rows.len().saturating_sub(1));
        self.scroll();
        Ok(())
    }

    /// Shows the transaction `(date, id)` at the top, selected.
    pub fn show(&mut self, ledger: &Ledger, at: Cursor) -> Result<()> {
        self.load_before(ledger, Some((at.0, at.1 + 1)))?;
        self.fill(ledger)
    }

    /// After a change: the rows on screen stay where they were (nothing newer slips above the top), and
    /// the transaction `(date, id)` is selected where it now is (scrolling as little as needed), or shown
    /// at the top of a fresh page if it moved out of the loaded rows.
    pub fn keep_and_select(&mut self, ledger: &Ledger, at: Cursor) -> Result<()> {
        self.reload(ledger)?;
        self.select(ledger, at)
    }

    /// Selects the transaction `(date, id)`: where it is if loaded, else at the top of a fresh page.
    pub fn select(&mut self, ledger: &Ledger, at: Cursor) -> Result<()> {
        match self.rows.iter().position(|t| cursor(t) == at) {
            Some(i) => {
                self.selected = i;
                self.scroll();
                self.fill(ledger)
            }
            None => self.show(ledger, at),
        }
    }

    fn load_older(&mut self, ledger: &Ledger) -> Result<()> {
        let Some(last) = self.rows.last().filter(|_| self.more_older) else {
            return Ok(());
        };
        let page = self.page();
        let filter = self.query();
        let more = ledger.txns_before(Some(cursor(last)), &filter, page)?;
        self.more_older = more.len() == page;
        self.rows.extend(more);
        let max = page * KEEP_PAGES;
        let cut = self.rows.len().saturating_sub(max).min(self.offset);
        if cut > 0 {
            self.rows.drain(..cut);
            self.selected -= cut;
            self.offset -= cut;
            self.more_newer = true;
        }
        Ok(())
    }

    fn load_newer(&mut self, ledger: &Ledger) -> Result<()> {
        let Some(first) = self.rows.first().filter(|_| self.more_newer) else {
            return Ok(());
        };
        let page = self.page();
        let filter = self.query();
        let mut more = ledger.txns_after(Some(cursor(first)), &filter, page)?;
        self.more_newer = more.len() == page;
        more.reverse();
        let added = more.len();
        self.rows.splice(0..0, more);
        self.selected += added;
        self.offset += added;
        let keep = (page * KEEP_PAGES).max(self.offset + page);
        if self.rows.len() > keep {
            self.rows.truncate(keep);
            self.more_older = true;
        }
        Ok(())
    }

    /// Makes sure the screen below the first shown row is filled when more rows exist.
    fn fill(&mut self, ledger: &Ledger) -> Result<()> {
        if self.rows.len() < self.offset + self.height && self.more_older {
            self.load_older(ledger)?;
        }
        Ok(())
    }

    pub fn down(&mut self, ledger: &Ledger, steps: usize) -> Result<()> {
        for _ in 0..steps {
            if self.selected + 1 >= self.rows.len() {
                self.load_older(ledger)?;
            }
            if self.selected + 1 < self.rows.len() {
                self.selected += 1;
            }
        }
        self.scroll();
        self.fill(ledger)
    }

    pub fn up(&mut self, ledger: &Ledger, steps: usize) -> Result<()> {
        for _ in 0..steps {
            if self.selected == 0 {
                self.load_newer(ledger)?;
            }
            self.selected = self.selected.saturating_sub(1);
        }
        self.scroll();
        Ok(())
    }

    pub fn top(&mut self, ledger: &Ledger) -> Result<()> {
        self.load_before(ledger, None)?;
        self.fill(ledger)
    }

    pub fn bottom(&mut self, ledger: &Ledger) -> Result<()> {
        let filter = self.query();
        let page = self.page();
        let mut rows = ledger.txns_after(None, &filter, page)?;
        rows.reverse();
        self.more_newer = rows.len() == page;
        self.more_older = false;
        self.rows = rows;
        self.selected = self.rows.len().saturating_sub(1);
        self.offset = 0;
        self.scroll();
        Ok(())
    }

    /// Jumps to the newest transaction of the month before the selected one's; false if there is none.
    pub fn older_month(&mut self, ledger: &Ledger) -> Result<bool> {
        let Some(month) = self.selected_txn().map(|t| Month::of(t.date)) else {
            return Ok(false);
        };
        let at = Some((month.first_day(), i64::MIN));
        let filter = self.query();
        if ledger.txns_before(at, &filter, 1)?.is_empty() {
            return Ok(false);
        }
        self.load_before(ledger, at)?;
        self.fill(ledger)?;
        Ok(true)
    }

    /// Jumps to the newest transaction of the month after the selected one's; false if there is none.
    pub fn newer_month(&mut self, ledger: &Ledger) -> Result<bool> {
        let Some(month) = self.selected_txn().map(|t| Month::of(t.date)) else {
            return Ok(false);
        };
        let filter = self.query();
        let next = ledger.txns_after(Some((month.last_day(), i64::MAX)), &filter, 1)?;
        let Some(target) = next.first().map(|t| Month::of(t.date)) else {
            return Ok(false);
        };
        self.load_before(ledger, Some((target.next().first_day(), i64::MIN)))?;
        self.fill(ledger)?;
        Ok(true)
    }

    /// Screen lines rows `from..=to` take, with a month header above the first row and at each new month.
    pub fn lines_between(&self, from: usize, to: usize) -> usize {
        let mut lines = 1;
        for i in from..=to.min(self.rows.len().saturating_sub(1)) {
            lines += 1;
            if i > from && Month::of(self.rows[i].date) != Month::of(self.rows[i - 1].date) {
                lines += 1;
            }
        }
        lines
    }

    /// Moves the first shown row so the selection is on screen.
    fn scroll(&mut self) {
        if self.selected < self.offset {
            self.offset = self.selected;
        }
        while self.offset < self.selected && self.lines_between(self.offset, self.selected) > self.height {
            self.offset += 1;
        }
    }

    pub fn set_height(&mut self, height: usize) {
        self.height = height;
        self.scroll();
    }
}
