//! Keys to actions, by mode; and the key list the help overlay shows. Tested without rendering.

use super::action::{Action, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A screen, with no popup.
    Normal(Screen),
    /// Typing the transactions filter.
    Filter,
    /// The quick-add or edit form.
    Form,
    /// A yes/no question or the Close Month dialog.
    Dialog,
    /// The import preview: scroll, Enter to import, `y` to import all but rejected rows, Esc back.
    Preview,
    Help,
}

/// The action for a key in a mode, if any. Key releases are ignored.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'q')) {
        return Some(Action::Quit);
    }
    if ctrl && key.code == KeyCode::Char('r') && matches!(mode, Mode::Normal(_)) {
        return Some(Action::Redo);
    }
    match mode {
        Mode::Normal(screen) => normal(screen, key.code),
        Mode::Filter | Mode::Form => text_entry(mode, key.code, ctrl),
        Mode::Dialog => match key.code {
            KeyCode::Enter | KeyCode::Char('y' | 'Y') => Some(Action::Confirm),
            KeyCode::Esc | KeyCode::Char('n' | 'N') => Some(Action::Cancel),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
        Mode::Preview => preview(key.code),
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter => Some(Action::Cancel),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
    }
}

fn normal(screen: Screen, code: KeyCode) -> Option<Action> {
    if let KeyCode::Char(c @ '0'..='9') = code {
        return screen_for_digit(c).map(Action::GoTo);
    }
    lookup(screen_bindings(screen), code).or_else(|| lookup(GLOBAL, code))
}

/// The screen a digit key opens: `1` is the first, `0` the tenth.
fn screen_for_digit(c: char) -> Option<Screen> {
    let index = match c {
        '0' => 9,
        _ => (c as usize).checked_sub('1' as usize)?,
    };
    Screen::ALL.get(index).copied()
}

fn lookup(table: &[Binding], code: KeyCode) -> Option<Action> {
    table.iter().find(|b| b.keys.contains(&code)).map(|b| b.action)
}

fn preview(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Enter => Action::Submit,
        KeyCode::Char('y' | 'Y') => Action::Confirm,
        KeyCode::Esc | KeyCode::Char('n' | 'N') => Action::Cancel,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('q') => Action::Quit,
        _ => return None,
    })
}

fn text_entry(mode: Mode, code: KeyCode, ctrl: bool) -> Option<Action> {
    Some(match code {
        KeyCode::Esc => Action::Cancel,
        KeyCode::Enter => Action::Submit,
        KeyCode::Tab if mode == Mode::Form => Action::NextField,
        KeyCode::BackTab if mode == Mode::Form => Action::PrevField,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::Home => Action::Home,
        KeyCode::End => Action::End,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Delete => Action::DeleteChar,
        KeyCode::Char('a') if ctrl => Action::Home,
        KeyCode::Char('e') if ctrl => Action::End,
        KeyCode::Char(c) if !ctrl => Action::Char(c),
        _ => return None,
    })
}

/// One key of the table: the keys that do it, how the help names them, what it does, and the
/// footer's short word for it (none: the key is in the help only).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    pub footer: Option<&'static str>,
}

const fn bind(
    keys: &'static [KeyCode],
    label: &'static str,
    action: Action,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        footer,
    }
}

use KeyCode::{BackTab, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};

/// Keys every screen shares (after the screen's own, which come first).
pub const GLOBAL: &[Binding] = &[
    bind(&[Tab], "Tab", Action::NextScreen, "next screen", None),
    bind(&[BackTab], "Shift-Tab", Action::PrevScreen, "previous screen", None),
    bind(&[Char('j'), Down], "j ↓", Action::Down, "move down", None),
    bind(&[Char('k'), Up], "k ↑", Action::Up, "move up", None),
    bind(&[PageDown], "PgDn", Action::PageDown, "page down", None),
    bind(&[PageUp], "PgUp", Action::PageUp, "page up", None),
    bind(&[Char('g'), Home], "g Home", Action::Top, "first", None),
    bind(&[Char('G'), End], "G End", Action::Bottom, "last", None),
    bind(&[Char('u')], "u", Action::Undo, "undo the latest change", None),
    // Ctrl-r is read before the table (it needs the modifier); listed here for the help.
    bind(&[], "Ctrl-r", Action::Redo, "redo the change undone last", None),
    bind(&[Char('a')], "a", Action::Add, "quick-add a transaction", Some("a add")),
    bind(
        &[Char('p')],
        "p",
        Action::PostRecurring,
        "post the recurring items due",
        None,
    ),
    bind(&[Char('?')], "?", Action::Help, "this help", Some("? help")),
    bind(
        &[Esc],
        "Esc",
        Action::Cancel,
        "close a popup or form, clear a filter",
        None,
    ),
    bind(
        &[Char('q')],
        "q  Ctrl-C",
        Action::Quit,
        "quit (asks first if a form has unsaved input)",
        Some("q quit"),
    ),
];

/// The help's line for the digit keys, which `normal` maps to screens.
pub fn digits_help() -> (String, String) {
    let last = Screen::ALL.len();
    let label = if last >= 10 {
        "1 … 9 0".to_string()
    } else {
        format!("1 … {last}")
    };
    (label, "the screens, numbered as in the tab bar".to_string())
}

/// Keys of one screen: its key handling, its help and its footer.
pub fn screen_bindings(screen: Screen) -> &'static [Binding] {
    match screen {
        Screen::Dashboard => DASHBOARD_KEYS,
        Screen::Transactions => TRANSACTIONS_KEYS,
        Screen::Cards => CARDS_KEYS,
        Screen::Buckets => BUCKETS_KEYS,
        Screen::Snapshots => SNAPSHOTS_KEYS,
        Screen::NetWorth => NET_WORTH_KEYS,
        Screen::WhatIf => WHAT_IF_KEYS,
        Screen::Accounts => ACCOUNTS_KEYS,
        Screen::Reports => REPORTS_KEYS,
        Screen::Recurring => RECURRING_KEYS,
    }
}

const DASHBOARD_KEYS: &[Binding] = &[];

const TRANSACTIONS_KEYS: &[Binding] = &[
    bind(
        &[Char('/')],
        "/",
        Action::Filter,
        "search words, cat: tag: place: kind: amt: date:",
        Some("/ filter"),
    ),
    bind(
        &[Char('[')],
        "[",
        Action::PrevMonth,
        "jump to the previous (older) month",
        None,
    ),
    bind(&[Char(']')], "]", Action::NextMonth, "jump to the next month", None),
    bind(
        &[Char('e'), Enter],
        "e  Enter",
        Action::Edit,
        "edit the selected transaction",
        Some("e edit"),
    ),
    bind(
        &[Char('d'), Delete],
        "d  Del",
        Action::Delete,
        "delete the selected transaction (asks; u takes it back)",
        None,
    ),
    bind(
        &[Char('i')],
        "i",
        Action::Import,
        "import a bank file: file, place, options, preview",
        Some("i import"),
    ),
    bind(
        &[Char('U')],
        "U",
        Action::Uncategorized,
        "only Uncategorized transactions (U or Esc: all)",
        Some("U uncategorized"),
    ),
    bind(
        &[Char('C')],
        "C",
        Action::Categorize,
        "set the category, then on to the next Uncategorized",
        Some("C categorize"),
    ),
    bind(
        &[Char('m')],
        "m",
        Action::Mark,
        "mark a row (again: unmark); L links two as one transfer",
        None,
    ),
    bind(
        &[Char('L')],
        "L",
        Action::Link,
        // Described with `m`, on the same help row.
        "",
        None,
    ),
];

const CARDS_KEYS: &[Binding] = &[
    // j and k are the global moves; named here for the help and the footer.
    bind(&[], "j k", Action::Down, "choose a card", Some("j/k card")),
    bind(
        &[Char('n')],
        "n",
        Action::NewPlace,
        "add a place (a card, to start with)",
        Some("n new place"),
    ),
];

const BUCKETS_KEYS: &[Binding] = &[
    bind(
        &[Char('f')],
        "f",
        Action::Fund,
        "fund the selected bucket (a transfer)",
        Some("f fund"),
    ),
    bind(
        &[Char('n')],
        "n",
        Action::NewPlace,
        "add a place (a bucket, to start with)",
        Some("n new place"),
    ),
];

const SNAPSHOTS_KEYS: &[Binding] = &[
    bind(
        &[Char('c')],
        "c",
        Action::CloseMonth,
        "close the next month (shows what it stores first)",
        Some("c close month"),
    ),
    bind(
        &[Char('r')],
        "r",
        Action::Reopen,
        "reopen the latest closed month",
        Some("r reopen"),
    ),
];

const NET_WORTH_KEYS: &[Binding] = &[
    bind(&[Char('[')], "[", Action::PrevMonth, "show fewer months", None),
    bind(
        &[Char(']')],
        "]",
        Action::NextMonth,
        "show more months (and up to 12 forecast)",
        Some("[ ] range"),
    ),
];

const WHAT_IF_KEYS: &[Binding] = &[
    bind(
        &[Char('n')],
        "n",
        Action::NewChange,
        "a new change, typed on one line (examples below)",
        Some("n new"),
    ),
    bind(
        &[Char('e'), Enter],
        "e  Enter",
        Action::Edit,
        "edit the selected change",
        Some("e edit"),
    ),
    bind(
        &[Char('d'), Delete],
        "d  Del",
        Action::Delete,
        "remove the selected change",
        Some("d drop"),
    ),
    bind(
        &[Char('+'), Char('=')],
        "+",
        Action::More,
        "the selected change's amount up by 50",
        Some("+/-"),
    ),
    bind(
        &[Char('-')],
        "-",
        Action::Less,
        "the selected change's amount down by 50",
        None,
    ),
    bind(
        &[Char('[')],
        "[",
        Action::PrevMonth,
        "look 6 months less ahead (6 to 60)",
        None,
    ),
    bind(
        &[Char(']')],
        "]",
        Action::NextMonth,
        "look 6 months more ahead",
        Some("[ ] months"),
    ),
];

const ACCOUNTS_KEYS: &[Binding] = &[
    bind(
        &[Char('n')],
        "n",
        Action::NewPlace,
        "add an account, card, loan or bucket (← → on Kind)",
        Some("n new"),
    ),
    bind(
        &[Char('e')],
        "e",
        Action::Edit,
        "edit the selected place: rename, terms (from a month)",
        Some("e edit"),
    ),
    bind(
        &[Enter],
        "Enter",
        Action::Open,
        "its register: transactions, newest first (Esc back)",
        Some("Enter register"),
    ),
    bind(
        &[Char('x')],
        "x",
        Action::Archive,
        "archive the selected place, or unarchive it (asks first)",
        None,
    ),
    bind(
        &[Char('D')],
        "D",
        Action::Remove,
        "remove the selected place (asks first)",
        None,
    ),
    bind(
        &[Char('i')],
        "i",
        Action::Interest,
        "post a loan's interest for a month (amount prefilled)",
        Some("i interest"),
    ),
    bind(
        &[Char('r')],
        "r",
        Action::Reconcile,
        "reconcile against a statement: its balance, the difference at once",
        Some("r reconcile"),
    ),
    bind(
        &[Char('v')],
        "v",
        Action::ToggleArchived,
        "show / hide archived places",
        None,
    ),
];

const REPORTS_KEYS: &[Binding] = &[
    bind(
        &[Char('v')],
        "v",
        Action::NextView,
        "the next view: categories, trends, cash flow, tags",
        Some("v view"),
    ),
    bind(
        &[Char('r')],
        "r",
        Action::NextRange,
        "the range of months: 1, 3, 6 or 12 to the month shown",
        Some("r range"),
    ),
    bind(
        &[Enter],
        "Enter",
        Action::Open,
        "the transactions of the selected category or tag",
        Some("Enter transactions"),
    ),
    bind(&[Char('[')], "[", Action::PrevMonth, "the month before", None),
    bind(
        &[Char(']')],
        "]",
        Action::NextMonth,
        "the month after",
        Some("[ ] month"),
    ),
];

const RECURRING_KEYS: &[Binding] = &[
    bind(
        &[Left, Right, Char('h'), Char('l')],
        "← →",
        Action::SwitchPane,
        "recurring items / import rules",
        Some("← → list"),
    ),
    bind(
        &[Char('n')],
        "n",
        Action::NewPlan,
        "a new recurring item or rule (the list's)",
        Some("n new"),
    ),
    bind(
        &[Char('e'), Enter],
        "e  Enter",
        Action::Edit,
        "edit the selected recurring item",
        Some("e edit"),
    ),
    bind(
        &[Char('d'), Delete],
        "d  Del",
        Action::Delete,
        "delete the selected item or rule (asks first)",
        Some("d delete"),
    ),
    bind(
        &[Char('K')],
        "K",
        Action::RaiseRule,
        "the selected rule is tried earlier",
        None,
    ),
    bind(
        &[Char('J')],
        "J",
        Action::LowerRule,
        "the selected rule is tried later",
        Some("K/J reorder"),
    ),
];

/// The keys of a place's register, open on the Accounts screen (its footer and help).
pub const REGISTER: &[Binding] = &[
    bind(
        &[Esc],
        "Esc",
        Action::Cancel,
        "back to the list of places",
        Some("Esc back"),
    ),
    bind(
        &[Char('j'), Char('k')],
        "j k",
        Action::Down,
        "move; older months load as you scroll",
        Some("j/k move"),
    ),
];

/// What-if change lines, shown under the What-if keys in the help.
pub const WHATIF_EXAMPLES: &[&str] = &[
    "extra Visa=200 · purchase Visa=900@DATE (today on)",
    "raise 300 · lose 4200@MONTH · target Travel=250",
    "add expense,15,Visa,monthly · drop 3",
];

/// The footer's hints for a screen: its own keys with a short word, then the global ones.
pub fn footer_hints(screen: Screen) -> Vec<&'static str> {
    let own = screen_bindings(screen).iter().filter_map(|b| b.footer);
    own.collect()
}

/// The global keys the footer always names, after the screen's own and what is due.
pub fn global_footer_hints() -> Vec<&'static str> {
    GLOBAL.iter().filter_map(|b| b.footer).collect()
}

/// Keys of the quick-add form, for its help line and the overlay.
pub const FORM_KEYS: &[(&str, &str)] = &[
    ("Tab / Shift-Tab", "next / previous field"),
    ("← →  Space", "change the kind (on Kind)"),
    ("↑ ↓", "pick a suggested name"),
    ("→ at the end", "accept the suggestion"),
    ("Enter", "save, from any field"),
    ("Esc", "cancel"),
];

#[cfg(test)]
mod tests;
