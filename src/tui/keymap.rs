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
    let global = match code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char(c @ '1'..='8') => {
            let index = c as usize - '1' as usize;
            Action::GoTo(Screen::ALL[index])
        }
        KeyCode::Tab => Action::NextScreen,
        KeyCode::BackTab => Action::PrevScreen,
        KeyCode::Char('j') | KeyCode::Down => Action::Down,
        KeyCode::Char('k') | KeyCode::Up => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Char('g') | KeyCode::Home => Action::Top,
        KeyCode::Char('G') | KeyCode::End => Action::Bottom,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Esc => Action::Cancel,
        KeyCode::Char('a') => Action::Add,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('p') => Action::PostRecurring,
        _ => return screen_key(screen, code),
    };
    Some(global)
}

fn screen_key(screen: Screen, code: KeyCode) -> Option<Action> {
    match (screen, code) {
        (Screen::Transactions | Screen::NetWorth | Screen::WhatIf, KeyCode::Char('[')) => Some(Action::PrevMonth),
        (Screen::Transactions | Screen::NetWorth | Screen::WhatIf, KeyCode::Char(']')) => Some(Action::NextMonth),
        (Screen::Transactions, KeyCode::Char('/')) => Some(Action::Filter),
        (Screen::Transactions, KeyCode::Char('e') | KeyCode::Enter) => Some(Action::Edit),
        (Screen::Transactions, KeyCode::Char('d') | KeyCode::Delete) => Some(Action::Delete),
        (Screen::Transactions, KeyCode::Char('i')) => Some(Action::Import),
        (Screen::Transactions, KeyCode::Char('U')) => Some(Action::Uncategorized),
        (Screen::Transactions, KeyCode::Char('C')) => Some(Action::Categorize),
        (Screen::Buckets, KeyCode::Char('f')) => Some(Action::Fund),
        (Screen::Snapshots, KeyCode::Char('c')) => Some(Action::CloseMonth),
        (Screen::Snapshots, KeyCode::Char('r')) => Some(Action::Reopen),
        (Screen::WhatIf, KeyCode::Char('n')) => Some(Action::NewChange),
        (Screen::WhatIf, KeyCode::Char('e') | KeyCode::Enter) => Some(Action::Edit),
        (Screen::WhatIf, KeyCode::Char('d') | KeyCode::Delete) => Some(Action::Delete),
        (Screen::WhatIf, KeyCode::Char('+' | '=')) => Some(Action::More),
        (Screen::WhatIf, KeyCode::Char('-')) => Some(Action::Less),
        (Screen::Accounts, KeyCode::Enter) => Some(Action::Open),
        (Screen::Accounts | Screen::Cards | Screen::Buckets, KeyCode::Char('n')) => Some(Action::NewPlace),
        (Screen::Accounts, KeyCode::Char('e')) => Some(Action::Edit),
        (Screen::Accounts, KeyCode::Char('x')) => Some(Action::Archive),
        (Screen::Accounts, KeyCode::Char('D')) => Some(Action::Remove),
        (Screen::Accounts, KeyCode::Char('i')) => Some(Action::Interest),
        (Screen::Accounts, KeyCode::Char('r')) => Some(Action::Reconcile),
        (Screen::Accounts, KeyCode::Char('v')) => Some(Action::ToggleArchived),
        _ => None,
    }
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

/// Keys every screen shares, for the help overlay.
pub const GLOBAL_KEYS: &[(&str, &str)] = &[
    (
        "1 … 8",
        "Dashboard, Transactions, Cards, Buckets, Snapshots, Net worth, What-if, Accounts",
    ),
    ("Tab / Shift-Tab", "next / previous screen"),
    ("j k ↓ ↑", "move"),
    ("PgDn PgUp g G", "page down / up, first / last"),
    ("u  Ctrl-r", "undo the latest change / redo it"),
    ("a / p", "quick-add a transaction / post the recurring items due"),
    ("?", "this help"),
    ("Esc", "close a popup or form"),
    ("q  Ctrl-C", "quit (asks first if a form has unsaved input)"),
];

/// Keys of one screen, for the help overlay.
pub fn screen_keys(screen: Screen) -> &'static [(&'static str, &'static str)] {
    match screen {
        Screen::Dashboard => &[],
        Screen::Transactions => &[
            ("/", "filter by text, category or place (Esc clears)"),
            ("[ ]", "jump to the previous (older) / next month"),
            ("e  Enter", "edit the selected transaction"),
            ("d  Del", "delete the selected transaction (asks first)"),
            ("i", "import a bank or card CSV: file, place, preview, confirm"),
            ("U", "only Uncategorized transactions (U or Esc: all)"),
            ("C", "set the category, then on to the next Uncategorized"),
        ],
        Screen::Cards => &[("j k", "choose a card"), ("n", "add a place (a card, to start with)")],
        Screen::Buckets => &[
            ("f", "fund the selected bucket (a transfer)"),
            ("n", "add a place (a bucket, to start with)"),
        ],
        Screen::Snapshots => &[
            ("c", "close the next month (shows what it stores first)"),
            ("r", "reopen the latest closed month"),
        ],
        Screen::NetWorth => &[("[ ]", "show fewer / more months (and up to 12 forecast)")],
        Screen::WhatIf => &[
            ("n", "a new change, typed on one line, such as"),
            ("", "extra Visa=200 · purchase Visa=900@DATE (today on)"),
            ("", "raise 300 · lose 4200@MONTH · target Travel=250"),
            ("", "add expense,15,Visa,monthly · drop 3"),
            ("e  Enter", "edit the selected change"),
            ("d  Del", "remove the selected change"),
            ("+ -", "the selected change's amount up / down by 50"),
            ("j k", "choose a change"),
            ("[ ]", "look 6 months less / more ahead (6 to 60)"),
        ],
        Screen::Accounts => &[
            ("n", "add an account, card, loan or bucket (← → on Kind)"),
            ("e", "edit the selected place: rename, terms (from a month)"),
            ("Enter", "its register: transactions, newest first (Esc back)"),
            ("x", "archive the selected place, or unarchive it (asks first)"),
            ("D", "remove the selected place (asks first)"),
            ("i", "post a loan's interest for a month (amount prefilled)"),
            (
                "r",
                "reconcile against a statement: its balance, the difference at once",
            ),
            ("v", "show / hide archived places"),
        ],
    }
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
                let digit = char::from(b'1' + i as u8);
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
    fn every_screen_has_help_for_its_own_keys() {
        assert!(screen_keys(Screen::Transactions).iter().any(|(k, _)| k.contains('/')));
        for key in ["i", "U", "C"] {
            assert!(
                screen_keys(Screen::Transactions).iter().any(|(k, _)| *k == key),
                "{key}"
            );
        }
        assert!(screen_keys(Screen::Snapshots).iter().any(|(k, _)| k.contains('c')));
        assert!(screen_keys(Screen::Buckets).iter().any(|(k, _)| k.contains('f')));
    }
}
