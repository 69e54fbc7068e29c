//! The command line's words for an error's hints: each names the command and flags that do it.

use crate::domain::PlaceClass;
use crate::error::{Error, Hint, Missing};

/// The error as the command line says it: its message, then what to do, naming the command.
pub fn describe(error: &Error) -> String {
    crate::error::describe(error, |hint| Some(word(hint)))
}

/// One hint in the command line's words.
pub fn word(hint: &Hint) -> String {
    use Hint::*;
    match hint {
        Words(words) => words.clone(),
        AddPlace => "add one with 'pfos account add', 'pfos card add' or 'pfos bucket add'".into(),
        AddAccount => "add one with 'pfos account add NAME --kind checking'".into(),
        ListPlaces(class) => format!("see 'pfos {}' for {} names", class.listing(), class.noun()),
        ListArchived(class) => format!("the archived places are listed with 'pfos {} --all'", class.listing()),
        Unarchive { place } => format!("unarchive '{place}' first with 'pfos unarchive {}'", shell_word(place)),
        ArchiveInstead { place } => format!("archive it instead with 'pfos archive {}'", shell_word(place)),
        ArchiveBucketsFirst { bucket, several } => format!(
            "empty and archive {} with 'pfos archive {}'",
            if *several { "each" } else { "it" },
            shell_word(bucket)
        ),
        EditAs { class, place } => format!("edit it with 'pfos {} edit {}'", class.noun(), shell_word(place)),
        NewAccountInstead { kind, place } => format!(
            "to make it {kind}, open a new account with 'pfos account add NAME --kind {kind}', transfer the money to it, and archive '{place}'"
        ),
        NewBucketInstead { account, place } => format!(
            "to keep the money in '{account}', open a new bucket with 'pfos bucket add NAME --in {}', transfer the money to it, and archive '{place}'",
            shell_word(account)
        ),
        ChangeTerms(class) => format!("give {}", term_flags(*class)),
        FromNeedsTerm(PlaceClass::Card) => "give --statement-day N or --grace-days N with --from, or leave --from out (the other terms change at once)".into(),
        FromNeedsTerm(PlaceClass::Bucket) => "give --target-monthly AMT with --from, or leave --from out (the goal changes at once)".into(),
        FromNeedsTerm(_) => "leave --from out".into(),
        FromMonth { first } => format!("give --from {first} or later"),
        NoLimit { editing: true } => "give --limit none for no limit".into(),
        NoLimit { editing: false } => "leave --limit out for no limit".into(),
        NoGoal => "give --goal none for no goal".into(),
        SetRates => "give --apr PCT, --min-percent PCT or --min-floor AMT".into(),
        PayOff { place, amount } => format!(
            "pay it off first, as in 'pfos add transfer {amount} --from ACCOUNT --to {}'",
            shell_word(place)
        ),
        MoveMoneyOut { place, amount } => format!(
            "move the money out first, as in 'pfos add transfer {amount} --from {} --to PLACE'",
            shell_word(place)
        ),
        BringToZero { place, amount } => format!(
            "bring it to zero first, as in 'pfos add transfer {amount} --from PLACE --to {}'",
            shell_word(place)
        ),
        GiveCategory => "add --category CAT".into(),
        NameCategory => "give one, like --category Groceries".into(),
        LeaveCategoryOut => "leave --category out".into(),
        SplitLines { total: None } => "give the categories as --split CAT=AMT lines".into(),
        SplitLines { total: Some(total) } => {
            format!("give the new lines with --split CAT=AMT too, so that they add up to {total}")
        }
        OneCategory => "for one category use --category".into(),
        GivePlace { side } => format!("give --{side} PLACE"),
        LeavePlaceOut { side } => format!("leave --{side} out"),
        EditAmount { id } => format!("to change it, 'pfos txn edit {id} --amount AMT'"),
        ZeroOpening { id } => format!("set it to zero with 'pfos txn edit {id} --amount 0'"),
        EditOpening => "give it with --opening when adding the place, or edit it with 'pfos txn edit'".into(),
        GiveAmount => "give the lender's figure with --amount AMT".into(),
        RuleAction => "give exactly one of --category CAT or --transfer PLACE".into(),
        EndDate => "give --until on or after the start".into(),
        EndOrCount => "give --until or --count, not both".into(),
        LeaveDayOut => "leave --day out".into(),
        Reopen { latest, back_to } if latest == back_to => format!("reopen it with 'pfos reopen {latest}' first"),
        Reopen { latest, back_to } => {
            format!("reopen the closed months back to {back_to} first, starting with 'pfos reopen {latest}'")
        }
        CloseMonth { month } => format!("close {month} with 'pfos close {month}'"),
        CloseUpTo { next, month } => format!("run 'pfos close {next}' first, then each month up to {month}"),
        ForceClose { month } => format!("close it anyway with 'pfos close {month} --force'"),
        AcceptDifferences { month } => format!("close anyway with 'pfos close {month} --accept-differences'"),
        SeeSnapshot { month } => format!("see {month} with 'pfos snapshot {month} --json'"),
        SeeStatus { date: None } => "see the month so far with 'pfos status'".into(),
        SeeStatus { date: Some(date) } => format!("see it so far with 'pfos status --date {date}'"),
        MonthsInOrder => "give the earlier month with --from and the later with --to".into(),
        MonthsAhead { .. } => "give how many months to look ahead, like --months 12".into(),
        SkipBadRows => "import the other rows with --skip-bad".into(),
        NameColumns => "name the columns with --date-col and --amount-col (or --debit-col/--credit-col)".into(),
        NameDateColumn => "name it with --date-col".into(),
        NameAmountColumn => "name it with --amount-col, or --debit-col and --credit-col".into(),
        GiveDateFormat => "give its format with --date-format (for example DD/MM/YYYY)".into(),
        ChooseDateFormat { choices } => {
            format!("say which with --date-format {}", choices.first().map_or("FORMAT", String::as_str))
        }
        ChooseAccount { example } => format!("say which to import with --account {example}"),
        Overwrite => "give another file name, or add --force to replace it".into(),
        OtherOutFile => "make room where it goes, or give another file with --out FILE".into(),
        PointDb => "point --db at a pfos database, or at a new file name to start one".into(),
        RestoreIntoNew { file } => format!(
            "import into a new database with 'pfos --db NEW.db import json {}'",
            shell_word(&file.display().to_string())
        ),
        JsonExport => "give a file made by 'pfos export json'".into(),
        RestoreBackup { path } => format!("bring it back with 'pfos restore {}'", shell_word(&path.display().to_string())),
        ListBackups | ListIds(Missing::Backup) => "see 'pfos backups' for the backups there are".into(),
        ListIds(Missing::Transaction) => "see 'pfos txn list' for ids".into(),
        ListIds(Missing::RecurringItem) => "see 'pfos recurring list' for ids".into(),
        ListIds(Missing::Rule) => "see 'pfos rule list' for ids".into(),
    }
}

/// The flags that change a place of `class`.
fn term_flags(class: PlaceClass) -> &'static str {
    match class {
        PlaceClass::Account => "--rename NEW (an account's kind never changes)",
        PlaceClass::Card => {
            "--rename NEW, --statement-day N, --grace-days N, --limit AMT|none, --apr PCT, --min-percent PCT or --min-floor AMT"
        }
        PlaceClass::Bucket => "--rename NEW, --target-monthly AMT or --goal AMT|none",
        PlaceClass::Loan => "--rename NEW, --apr PCT, --payment AMT or --payment-day N",
    }
}

/// A name as it would be typed in a shell: quoted when it has anything but letters, digits and `-_.`.
pub fn shell_word(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || "-_.".contains(c)) {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Month;
    use crate::error::Refusal;

    fn month(text: &str) -> Month {
        Month::parse(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn hints_name_the_command_and_its_flags() {
        let closed = Error::MonthClosed {
            month: month("2025-06"),
            latest: month("2025-06"),
            first: month("2025-01"),
        };
        assert_eq!(
            describe(&closed),
            "month 2025-06 is closed; reopen it with 'pfos reopen 2025-06' first"
        );
        let archived = Refusal::new("'Old Visa' is archived").hint(Hint::Unarchive {
            place: "Old Visa".into(),
        });
        assert_eq!(
            describe(&archived.into()),
            "'Old Visa' is archived; unarchive 'Old Visa' first with 'pfos unarchive \"Old Visa\"'"
        );
        let either = Refusal::new("2 row(s) cannot be imported:\n  line 3: bad\n")
            .or("fix the file")
            .hint(Hint::SkipBadRows);
        assert_eq!(
            describe(&either.into()),
            "2 row(s) cannot be imported:\n  line 3: bad\nfix the file, or import the other rows with --skip-bad"
        );
    }

    #[test]
    fn shell_words_are_quoted_when_a_shell_would_split_them() {
        assert_eq!(shell_word("Visa"), "Visa");
        assert_eq!(shell_word("Old Visa"), "\"Old Visa\"");
        assert_eq!(shell_word("a\"b"), "\"a\\\"b\"");
    }
}
