//! Everything a key can ask the app to do: one enum, mapped from keys in `keymap`.

/// The screens, in tab order (each one's number is its key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Dashboard,
    Transactions,
    Cards,
    Buckets,
    Snapshots,
    NetWorth,
    WhatIf,
    Accounts,
    Reports,
    Recurring,
}

impl Screen {
    pub const ALL: [Screen; 10] = [
        Screen::Dashboard,
        Screen::Transactions,
        Screen::Cards,
        Screen::Buckets,
        Screen::Snapshots,
        Screen::NetWorth,
        Screen::WhatIf,
        Screen::Accounts,
        Screen::Reports,
        Screen::Recurring,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Dashboard => "Dashboard",
            Screen::Transactions => "Transactions",
            Screen::Cards => "Cards",
            Screen::Buckets => "Buckets",
            Screen::Snapshots => "Snapshots",
            Screen::NetWorth => "Net worth",
            Screen::WhatIf => "What-if",
            Screen::Accounts => "Accounts",
            Screen::Reports => "Reports",
            Screen::Recurring => "Recurring & rules",
        }
    }

    /// The title where the tab bar is narrow.
    pub fn short_title(self) -> &'static str {
        match self {
            Screen::Dashboard => "Dash",
            Screen::Transactions => "Txns",
            Screen::Buckets => "Bkts",
            Screen::WhatIf => "WhatIf",
            Screen::Snapshots => "Snaps",
            Screen::NetWorth => "Net",
            Screen::Accounts => "Accts",
            Screen::Reports => "Rpts",
            Screen::Recurring => "Rules",
            other => other.title(),
        }
    }

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// The screen `step` tabs away, wrapping around.
    pub fn cycle(self, step: isize) -> Screen {
        let n = Screen::ALL.len() as isize;
        let i = (self.index() as isize + step).rem_euclid(n);
        Screen::ALL[i as usize]
    }
}

/// What the app does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Quit (asks first when a form holds unsaved input).
    Quit,
    GoTo(Screen),
    NextScreen,
    PrevScreen,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Help,
    /// Esc: close the popup or form, or clear the filter.
    Cancel,
    /// Enter or `y` in a dialog.
    Confirm,
    PrevMonth,
    NextMonth,
    Filter,
    Add,
    Edit,
    Delete,
    Fund,
    CloseMonth,
    Reopen,
    /// `u`: take back the latest change.
    Undo,
    /// `Ctrl-r`: put back the change undone last.
    Redo,
    /// `i`: the import dialog.
    Import,
    /// `U`: show only `Uncategorized` transactions, or everything again.
    Uncategorized,
    /// `C`: the category prompt for the selected transaction.
    Categorize,
    /// Post the recurring items that are due (after a confirmation).
    PostRecurring,
    /// What-if: a new change, or the selected change's amount up or down.
    NewChange,
    More,
    Less,
    /// Enter on Accounts: the selected place's register.
    Open,
    /// `n` on Accounts, Cards and Buckets: the new-place form.
    NewPlace,
    /// `x`: archive the selected place (or unarchive an archived one), after a confirmation.
    Archive,
    /// `D`: remove the selected place, after a confirmation.
    Remove,
    /// `i` on a loan: post a month's interest.
    Interest,
    /// `r` on Accounts: reconcile the selected place against a statement.
    Reconcile,
    /// `v` on Accounts: show or hide archived places.
    ToggleArchived,
    /// ← → on Recurring & rules: the other list.
    SwitchPane,
    /// `m` on Transactions: mark the selected row (or unmark it), to link two marked rows.
    Mark,
    /// `L` on Transactions: link the two marked rows (an expense and an income) into one transfer.
    Link,
    /// `v` on Reports: the next view.
    NextView,
    /// `r` on Reports: the next range of months.
    NextRange,
    /// `n` on Recurring & rules: a new recurring item or rule.
    NewPlan,
    /// `K` / `J` on the rules: the selected rule tried earlier / later.
    RaiseRule,
    LowerRule,
    // Text entry in forms and the filter.
    Char(char),
    Backspace,
    DeleteChar,
    Left,
    Right,
    Home,
    End,
    NextField,
    PrevField,
    Submit,
}
