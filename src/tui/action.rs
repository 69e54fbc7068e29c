//! Everything a key can ask the app to do: one enum, mapped from keys in `keymap`.

/// The seven screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    Dashboard,
    Transactions,
    Cards,
    Buckets,
    Snapshots,
    NetWorth,
    WhatIf,
}

impl Screen {
    pub const ALL: [Screen; 7] = [
        Screen::Dashboard,
        Screen::Transactions,
        Screen::Cards,
        Screen::Buckets,
        Screen::Snapshots,
        Screen::NetWorth,
        Screen::WhatIf,
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
