//! Keys to actions, screen by screen, and the table behind the help and the footer.
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
    // Every key the help lists does the action the help gives it: no key is bound twice on a screen,
    // and no screen's key takes a global key away.
    for screen in Screen::ALL {
        for binding in screen_bindings(screen).iter().chain(GLOBAL) {
            for code in binding.keys {
                assert_eq!(
                    action_for(Mode::Normal(screen), key(*code)),
                    Some(binding.action),
                    "{code:?} ({}) on {screen:?}",
                    binding.label
                );
            }
        }
        // A footer hint starts with the key it is for ("e edit", "j/k card", "[ ] month").
        for b in screen_bindings(screen).iter().filter(|b| b.footer.is_some()) {
            let word = b.footer.unwrap_or_default();
            let is_word = |t: &str| t.len() >= 2 && t.chars().all(|c| c.is_ascii_lowercase());
            let keys: Vec<&str> = word
                .split(' ')
                .take_while(|t| !is_word(t))
                .flat_map(|t| if t == "/" { vec![t] } else { t.split('/').collect() })
                .collect();
            assert!(
                b.label.split(' ').any(|k| keys.contains(&k)),
                "footer '{word}' for key '{}' on {screen:?}",
                b.label
            );
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

#[test]
fn the_reports_recurring_and_linking_keys() {
    let dash = Mode::Normal(Screen::Dashboard);
    assert_eq!(action_for(dash, ch('9')), Some(Action::GoTo(Screen::Reports)));
    assert_eq!(action_for(dash, ch('0')), Some(Action::GoTo(Screen::Recurring)));
    let reports = Mode::Normal(Screen::Reports);
    assert_eq!(action_for(reports, ch('[')), Some(Action::PrevMonth));
    assert_eq!(action_for(reports, ch(']')), Some(Action::NextMonth));
    let rec = Mode::Normal(Screen::Recurring);
    assert_eq!(action_for(rec, ch('n')), Some(Action::NewPlan));
    assert_eq!(action_for(rec, ch('e')), Some(Action::Edit));
    assert_eq!(action_for(rec, key(KeyCode::Enter)), Some(Action::Edit));
    assert_eq!(action_for(rec, ch('d')), Some(Action::Delete));
    assert_eq!(action_for(rec, ch('K')), Some(Action::RaiseRule));
    assert_eq!(action_for(rec, ch('J')), Some(Action::LowerRule));
    assert_eq!(action_for(rec, key(KeyCode::Left)), Some(Action::SwitchPane));
    assert_eq!(action_for(rec, key(KeyCode::Right)), Some(Action::SwitchPane));
    assert_eq!(
        action_for(rec, ch('p')),
        Some(Action::PostRecurring),
        "p posts what is due here too"
    );
    let tx = Mode::Normal(Screen::Transactions);
    assert_eq!(action_for(tx, ch('m')), Some(Action::Mark));
    assert_eq!(action_for(tx, ch('L')), Some(Action::Link));
    for screen in Screen::ALL.into_iter().filter(|s| *s != Screen::Transactions) {
        assert_ne!(
            action_for(Mode::Normal(screen), ch('L')),
            Some(Action::Link),
            "L on {screen:?}"
        );
    }
    for screen in Screen::ALL.into_iter().filter(|s| *s != Screen::Recurring) {
        assert_ne!(
            action_for(Mode::Normal(screen), ch('K')),
            Some(Action::RaiseRule),
            "K on {screen:?}"
        );
    }
}
