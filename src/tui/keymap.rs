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
        "post the recurring items due (asks first)",
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
        "filter by text, category or place (Esc clears)",
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
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ch(c: char) -> KeyEvent {
        key(KeyCode::Char(c))
    }

    #[test]
    fn digits_choose_screens_everywhere() {
        for screen in Screen::ALL {
            for (i, target) in Screen::ALL.iter().enumerate() {
                // 1 … 9, then 0 for the tenth.
                let digit = char::from(b'0' + ((i + 1) % 10) as u8);
                assert_eq!(action_for(Mode::Normal(screen), ch(digit)), Some(Action::GoTo(*target)));
            }
        }
    }

    #[test]
    fn fixed_navigation_keys() {
        let m = Mode::Normal(Screen::Dashboard);
        assert_eq!(action_for(m, key(KeyCode::Tab)), Some(Action::NextScreen));
        assert_eq!(
            action_for(m, KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevScreen)
        );
        assert_eq!(action_for(m, ch('j')), Some(Action::Down));
        assert_eq!(action_for(m, key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(action_for(m, ch('k')), Some(Action::Up));
        assert_eq!(action_for(m, key(KeyCode::Up)), Some(Action::Up));
        assert_eq!(action_for(m, ch('?')), Some(Action::Help));
        assert_eq!(action_for(m, key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(action_for(m, ch('q')), Some(Action::Quit));
        assert_eq!(
            action_for(m, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn screen_keys_only_where_they_belong() {
        let tx = Mode::Normal(Screen::Transactions);
        assert_eq!(action_for(tx, ch('a')), Some(Action::Add));
        assert_eq!(action_for(tx, ch('e')), Some(Action::Edit));
        assert_eq!(action_for(tx, ch('d')), Some(Action::Delete));
        assert_eq!(action_for(tx, ch('/')), Some(Action::Filter));
        assert_eq!(action_for(tx, ch('[')), Some(Action::PrevMonth));
        assert_eq!(action_for(tx, ch(']')), Some(Action::NextMonth));
        assert_eq!(action_for(Mode::Normal(Screen::Buckets), ch('f')), Some(Action::Fund));
        assert_eq!(
            action_for(Mode::Normal(Screen::Snapshots), ch('c')),
            Some(Action::CloseMonth)
        );
        assert_eq!(
            action_for(Mode::Normal(Screen::Snapshots), ch('r')),
            Some(Action::Reopen)
        );
        assert_eq!(
            action_for(Mode::Normal(Screen::NetWorth), ch(']')),
            Some(Action::NextMonth)
        );
        assert_eq!(action_for(Mode::Normal(Screen::Dashboard), ch('d')), None);
        assert_eq!(action_for(Mode::Normal(Screen::Cards), ch('c')), None);
        assert_eq!(action_for(Mode::Normal(Screen::Dashboard), ch('f')), None);
        let whatif = Mode::Normal(Screen::WhatIf);
        assert_eq!(action_for(whatif, ch('n')), Some(Action::NewChange));
        assert_eq!(action_for(whatif, ch('+')), Some(Action::More));
        assert_eq!(action_for(whatif, ch('-')), Some(Action::Less));
        assert_eq!(action_for(whatif, ch('d')), Some(Action::Delete));
        assert_eq!(action_for(whatif, key(KeyCode::Enter)), Some(Action::Edit));
        assert_eq!(action_for(Mode::Normal(Screen::Transactions), ch('n')), None);
        for screen in Screen::ALL {
            assert_eq!(action_for(Mode::Normal(screen), ch('p')), Some(Action::PostRecurring));
        }
    }

    #[test]
    fn forms_take_letters_as_text() {
        assert_eq!(action_for(Mode::Form, ch('q')), Some(Action::Char('q')));
        assert_eq!(action_for(Mode::Form, ch('1')), Some(Action::Char('1')));
        assert_eq!(action_for(Mode::Form, ch('j')), Some(Action::Char('j')));
        assert_eq!(action_for(Mode::Form, key(KeyCode::Tab)), Some(Action::NextField));
        assert_eq!(action_for(Mode::Form, key(KeyCode::BackTab)), Some(Action::PrevField));
        assert_eq!(action_for(Mode::Form, key(KeyCode::Enter)), Some(Action::Submit));
        assert_eq!(action_for(Mode::Form, key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(action_for(Mode::Form, key(KeyCode::Backspace)), Some(Action::Backspace));
        assert_eq!(
            action_for(Mode::Form, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(action_for(Mode::Filter, ch('/')), Some(Action::Char('/')));
        assert_eq!(action_for(Mode::Filter, key(KeyCode::Tab)), None);
    }

    #[test]
    fn undo_and_redo_everywhere_but_in_text() {
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        for screen in Screen::ALL {
            assert_eq!(action_for(Mode::Normal(screen), ch('u')), Some(Action::Undo));
            assert_eq!(action_for(Mode::Normal(screen), ctrl_r), Some(Action::Redo));
        }
        assert_eq!(action_for(Mode::Form, ch('u')), Some(Action::Char('u')));
        assert_ne!(action_for(Mode::Form, ctrl_r), Some(Action::Redo));
        assert_ne!(action_for(Mode::Filter, ctrl_r), Some(Action::Redo));
    }

    #[test]
    fn dialogs_confirm_or_cancel() {
        assert_eq!(action_for(Mode::Dialog, key(KeyCode::Enter)), Some(Action::Confirm));
        assert_eq!(action_for(Mode::Dialog, ch('y')), Some(Action::Confirm));
        assert_eq!(action_for(Mode::Dialog, key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(action_for(Mode::Dialog, ch('n')), Some(Action::Cancel));
        assert_eq!(action_for(Mode::Dialog, ch('j')), None);
        assert_eq!(action_for(Mode::Help, key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(action_for(Mode::Help, ch('?')), Some(Action::Cancel));
    }

    #[test]
    fn the_accounts_keys_and_new_place_on_three_screens() {
        let accounts = Mode::Normal(Screen::Accounts);
        assert_eq!(
            action_for(Mode::Normal(Screen::Dashboard), ch('8')),
            Some(Action::GoTo(Screen::Accounts))
        );
        assert_eq!(action_for(accounts, key(KeyCode::Enter)), Some(Action::Open));
        assert_eq!(action_for(accounts, ch('e')), Some(Action::Edit));
        assert_eq!(action_for(accounts, ch('x')), Some(Action::Archive));
        assert_eq!(action_for(accounts, ch('D')), Some(Action::Remove));
        assert_eq!(action_for(accounts, ch('v')), Some(Action::ToggleArchived));
        for screen in [Screen::Accounts, Screen::Cards, Screen::Buckets] {
            assert_eq!(
                action_for(Mode::Normal(screen), ch('n')),
                Some(Action::NewPlace),
                "n on {screen:?}"
            );
        }
        assert_eq!(action_for(Mode::Normal(Screen::Dashboard), ch('n')), None);
        assert_eq!(action_for(Mode::Normal(Screen::Snapshots), ch('x')), None);
    }

    #[test]
    fn import_and_categorize_keys_only_on_transactions() {
        let tx = Mode::Normal(Screen::Transactions);
        assert_eq!(action_for(tx, ch('i')), Some(Action::Import));
        assert_eq!(action_for(tx, ch('U')), Some(Action::Uncategorized));
        assert_eq!(action_for(tx, ch('C')), Some(Action::Categorize));
        for screen in Screen::ALL.into_iter().filter(|s| *s != Screen::Transactions) {
            for c in ['U', 'C'] {
                assert_eq!(action_for(Mode::Normal(screen), ch(c)), None, "{c} on {screen:?}");
            }
            // On Accounts, i posts a loan's interest.
            let i = (screen == Screen::Accounts).then_some(Action::Interest);
            assert_eq!(action_for(Mode::Normal(screen), ch('i')), i, "i on {screen:?}");
        }
        // In the import fields and the category prompt they are letters.
        assert_eq!(action_for(Mode::Form, ch('U')), Some(Action::Char('U')));
        assert_eq!(action_for(Mode::Form, ch('C')), Some(Action::Char('C')));
        assert_eq!(action_for(Mode::Form, ch('i')), Some(Action::Char('i')));
    }

    #[test]
    fn the_import_preview_scrolls_and_tells_enter_from_yes() {
        let p = Mode::Preview;
        assert_eq!(action_for(p, key(KeyCode::Enter)), Some(Action::Submit));
        assert_eq!(action_for(p, ch('y')), Some(Action::Confirm));
        assert_eq!(action_for(p, ch('Y')), Some(Action::Confirm));
        assert_eq!(action_for(p, key(KeyCode::Esc)), Some(Action::Cancel));
        assert_eq!(action_for(p, ch('n')), Some(Action::Cancel));
        assert_eq!(action_for(p, ch('j')), Some(Action::Down));
        assert_eq!(action_for(p, key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(action_for(p, ch('k')), Some(Action::Up));
        assert_eq!(action_for(p, key(KeyCode::PageDown)), Some(Action::PageDown));
        assert_eq!(action_for(p, key(KeyCode::PageUp)), Some(Action::PageUp));
        assert_eq!(action_for(p, ch('g')), Some(Action::Top));
        assert_eq!(action_for(p, key(KeyCode::End)), Some(Action::Bottom));
        assert_eq!(action_for(p, ch('q')), Some(Action::Quit));
        assert_eq!(action_for(p, ch('i')), None);
        assert_eq!(action_for(p, key(KeyCode::Tab)), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut release = ch('q');
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(Mode::Normal(Screen::Dashboard), release), None);
    }

    #[test]
    fn the_table_drives_keys_help_and_footer() {
        // Every key the help lists for a screen does what the help says, on that screen.
        for screen in Screen::ALL {
            for binding in screen_bindings(screen).iter().chain(GLOBAL) {
                for code in binding.keys {
                    let expected = lookup(screen_bindings(screen), *code).or_else(|| lookup(GLOBAL, *code));
                    assert_eq!(
                        action_for(Mode::Normal(screen), key(*code)),
                        expected,
                        "{code:?} on {screen:?}"
                    );
                }
            }
            // A footer word names a key that exists on the screen.
            for hint in footer_hints(screen) {
                assert!(screen_bindings(screen).iter().any(|b| b.footer == Some(hint)), "{hint}");
            }
        }
        assert!(footer_hints(Screen::Transactions).contains(&"/ filter"));
        assert!(global_footer_hints().contains(&"? help"));
        let (digits, _) = digits_help();
        assert!(digits.starts_with("1 …"), "{digits}");
    }

    #[test]
    fn every_screen_has_help_for_its_own_keys() {
        let labels = |s: Screen| -> Vec<&str> { screen_bindings(s).iter().map(|b| b.label).collect() };
        assert!(labels(Screen::Transactions).iter().any(|k| k.contains('/')));
        for key in ["i", "U", "C"] {
            assert!(labels(Screen::Transactions).contains(&key), "{key}");
        }
        assert!(labels(Screen::Snapshots).contains(&"c"));
        assert!(labels(Screen::Buckets).contains(&"f"));
    }
}
