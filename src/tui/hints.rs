//! The app's words for an error's hints: each names the key (and the screen it is on) that does it, or
//! says in words what to do where the app has no key for it; never a command-line flag.

use crate::domain::PlaceClass;
use crate::error::{Error, Hint, Missing};

/// Where the place keys are (`x` archive, `e` edit, `n` new, `v` archived places).
const ACCOUNTS: &str = "Accounts (8)";
/// Where the month keys are (`c` close, `r` reopen).
const SNAPSHOTS: &str = "Snapshots (5)";
/// Where transactions are edited (`e`).
const TRANSACTIONS: &str = "Transactions (2)";

/// The error as the app says it, on the status line or in a form: its message, then what to do.
pub fn describe(error: &Error) -> String {
    crate::error::describe(error, word)
}

/// One hint in the app's words; `None` for one the app has nothing to say about.
pub fn word(hint: &Hint) -> Option<String> {
    use Hint::*;
    Some(match hint {
        Words(words) => words.clone(),
        AddPlace => format!("add one with n on {ACCOUNTS}"),
        AddAccount => format!("add an everyday account with n on {ACCOUNTS}"),
        ListPlaces(PlaceClass::Card) => "the cards are on Cards (3)".into(),
        ListPlaces(PlaceClass::Bucket) => "the buckets are on Buckets (4)".into(),
        ListPlaces(class) => format!("the {} are on {ACCOUNTS}", class.listing()),
        ListArchived(_) => format!("v on {ACCOUNTS} shows the archived places"),
        Unarchive { place } => format!("unarchive '{place}' first with x on {ACCOUNTS} (v shows archived places)"),
        ArchiveInstead { .. } => format!("archive it instead with x on {ACCOUNTS}"),
        ArchiveBucketsFirst { several, .. } => format!(
            "empty and archive {} with x on {ACCOUNTS}",
            if *several { "each" } else { "it" }
        ),
        EditAs { .. } => format!("edit it with e on {ACCOUNTS}"),
        NewAccountInstead { kind, place } => format!(
            "to make it {kind}, add a new {kind} account with n on {ACCOUNTS}, transfer the money to it, and archive '{place}' with x"
        ),
        NewBucketInstead { account, place } => format!(
            "to keep the money in '{account}', add a new bucket held in it with n on {ACCOUNTS}, transfer the money to it, and archive '{place}' with x"
        ),
        ChangeTerms(PlaceClass::Account) => "change the name (an account's kind never changes)".into(),
        ChangeTerms(_) => "change the name or one of the terms".into(),
        FromNeedsTerm(PlaceClass::Card) => "change the statement day or grace days with it, or leave the from month empty (the other terms change at once)".into(),
        FromNeedsTerm(PlaceClass::Bucket) => "change the monthly target with it, or leave the from month empty (the goal changes at once)".into(),
        FromNeedsTerm(_) => "leave the from month empty".into(),
        FromMonth { first } => format!("give {first} or later as the from month"),
        NoLimit { .. } => "leave the limit empty for no limit".into(),
        NoGoal => "leave the goal empty for no goal".into(),
        SetRates => "give an APR or a minimum-payment rule".into(),
        PayOff { place, amount } => format!("pay it off first with a transfer of {amount} to '{place}' (a)"),
        MoveMoneyOut { place, amount } => format!("move the money out first with a transfer of {amount} from '{place}' (a)"),
        BringToZero { place, amount } => format!("bring it to zero first with a transfer of {amount} to '{place}' (a)"),
        GiveCategory => "fill in the category".into(),
        NameCategory => "type one, like Groceries".into(),
        LeaveCategoryOut => "leave the category empty".into(),
        SplitLines { total: None } => "give the categories as lines, like Groceries=80; Household=40.50".into(),
        SplitLines { total: Some(total) } => format!(
            "give the new lines in the category too (like Groceries=80; Household=40.50), so that they add up to {total}"
        ),
        OneCategory => "for one category, give just its name".into(),
        GivePlace { side: "from" } => "fill in the place it comes from".into(),
        GivePlace { .. } => "fill in the place it goes to".into(),
        LeavePlaceOut { .. } => "leave that place empty".into(),
        EditAmount { id } => format!("to change it, edit #{id} with e on {TRANSACTIONS}"),
        ZeroOpening { .. } => format!("set its amount to zero with e on {TRANSACTIONS}"),
        EditOpening => format!("give it in the new-place form (n on {ACCOUNTS}), or edit it with e on {TRANSACTIONS}"),
        GiveAmount => "type the lender's figure as the amount".into(),
        RuleAction => "give a category or a transfer place, not both".into(),
        EndDate => "give an end date on or after the start".into(),
        EndOrCount => "give an end date or a number of times, not both".into(),
        LeaveDayOut => "leave the day out".into(),
        Reopen { latest, back_to } if latest == back_to => format!("reopen it first with r on {SNAPSHOTS}"),
        Reopen { latest, back_to } => {
            format!("reopen the closed months from {latest} back to {back_to} first, each with r on {SNAPSHOTS}")
        }
        CloseMonth { month } => format!("close {month} with c on {SNAPSHOTS}"),
        CloseUpTo { next, month } => format!("close {next} first with c on {SNAPSHOTS}, then each month up to {month}"),
        ForceClose { .. } => format!("close it anyway with c on {SNAPSHOTS}, which asks to confirm it"),
        AcceptDifferences { .. } => format!("close anyway with c on {SNAPSHOTS}, which shows the differences first"),
        SeeSnapshot { month } => format!("see {month} on {SNAPSHOTS}"),
        SeeStatus { .. } => "see the month so far on the Dashboard (1)".into(),
        MonthsInOrder => "give the earlier month first".into(),
        MonthsAhead { max } => format!("look from 1 to {max} months ahead"),
        SkipBadRows => "import the other rows with y in the preview".into(),
        NameColumns => "name the date and amount columns (or the debit and credit columns)".into(),
        NameDateColumn => "name the date column".into(),
        NameAmountColumn => "name the amount column, or the debit and credit columns".into(),
        GiveDateFormat => "give its date format (for example DD/MM/YYYY)".into(),
        ChooseDateFormat { choices } => format!("say which reading is right: {}", choices.join(" or ")),
        ChooseAccount { example } => format!("say which of the file's accounts to import (such as {example})"),
        Overwrite => "give another file name".into(),
        OtherOutFile => "make room where it goes, or write it to another file".into(),
        PointDb => "open a pfos database, or a new file name to start one".into(),
        RestoreIntoNew { .. } => "restore it into a new, empty database".into(),
        JsonExport => "give a file that pfos exported as JSON".into(),
        RestoreBackup { path } => format!("quit and bring back the backup '{}'", path.display()),
        ListBackups | ListIds(Missing::Backup) => "the automatic backups are kept beside the database".into(),
        ListIds(Missing::Transaction) => format!("the transactions are on {TRANSACTIONS}"),
        ListIds(Missing::RecurringItem | Missing::Rule) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Month;
    use crate::error::Refusal;
    use crate::tui::action::{Action, Screen};
    use crate::tui::keymap::{action_for, Mode};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_app_names_the_key_where_the_command_line_names_the_command() {
        let closed = Error::MonthClosed {
            month: month("2025-06"),
            latest: month("2025-06"),
            first: month("2025-01"),
        };
        assert_eq!(
            describe(&closed),
            "month 2025-06 is closed; reopen it first with r on Snapshots (5)"
        );
        assert_eq!(
            crate::cli::describe_error(&closed),
            "month 2025-06 is closed; reopen it with 'pfos reopen 2025-06' first"
        );
        let archived: Error = Refusal::new("'Visa' is archived")
            .hint(Hint::Unarchive { place: "Visa".into() })
            .into();
        let app = describe(&archived);
        let cli = crate::cli::describe_error(&archived);
        assert!(app.contains("x on Accounts (8)") && !app.contains("pfos"), "{app}");
        assert!(cli.contains("'pfos unarchive Visa'"), "{cli}");
        let rows: Error = Refusal::new("1 row(s) cannot be imported:\n  line 2: bad\n")
            .or("fix the file")
            .hint(Hint::SkipBadRows)
            .into();
        assert!(describe(&rows).ends_with("fix the file, or import the other rows with y in the preview"));
        assert!(crate::cli::describe_error(&rows).ends_with("--skip-bad"));
    }

    #[test]
    fn no_hint_in_the_app_names_a_flag_or_a_command() {
        let m = month("2025-06");
        let hints = [
            Hint::AddPlace,
            Hint::NoLimit { editing: true },
            Hint::FromMonth { first: m },
            Hint::ForceClose { month: m },
            Hint::AcceptDifferences { month: m },
            Hint::GiveAmount,
            Hint::SkipBadRows,
            Hint::EditAmount { id: 4 },
            Hint::ChooseDateFormat {
                choices: vec!["DD/MM/YYYY".into(), "MM/DD/YYYY".into()],
            },
            Hint::PointDb,
            Hint::Overwrite,
        ];
        for hint in hints {
            let said = word(&hint).unwrap_or_default();
            assert!(!said.contains("--") && !said.contains("'pfos"), "{hint:?}: {said}");
        }
    }

    #[test]
    fn the_keys_the_hints_name_do_what_they_say() {
        let key = |screen, c| {
            action_for(
                Mode::Normal(screen),
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            )
        };
        assert_eq!(key(Screen::Accounts, 'x'), Some(Action::Archive));
        assert_eq!(key(Screen::Accounts, 'e'), Some(Action::Edit));
        assert_eq!(key(Screen::Accounts, 'n'), Some(Action::NewPlace));
        assert_eq!(key(Screen::Accounts, 'v'), Some(Action::ToggleArchived));
        assert_eq!(key(Screen::Snapshots, 'c'), Some(Action::CloseMonth));
        assert_eq!(key(Screen::Snapshots, 'r'), Some(Action::Reopen));
        assert_eq!(key(Screen::Transactions, 'e'), Some(Action::Edit));
        for (screen, number) in [
            (Screen::Dashboard, '1'),
            (Screen::Transactions, '2'),
            (Screen::Cards, '3'),
            (Screen::Buckets, '4'),
            (Screen::Snapshots, '5'),
            (Screen::Accounts, '8'),
        ] {
            assert_eq!(key(Screen::Dashboard, number), Some(Action::GoTo(screen)));
        }
    }
}
