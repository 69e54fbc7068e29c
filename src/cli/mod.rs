//! The command line (a stable contract: tests and scripts depend on it): argument definitions and dispatch;
//! one file per group of subcommands.

#[macro_use]
mod output;
mod activity_cmds;
mod args;
mod completions;
mod demo_cmd;
mod export_cmds;
mod forecast_cmds;
mod hints;
mod import_cmds;
mod json;
mod json_outlook;
mod life_cmds;
mod loan_cmds;
mod month_cmds;
mod outlook_text;
mod payoff_cmds;
mod place_args;
mod place_cmds;
mod plan_args;
mod recurring_cmds;
mod report_cmds;
mod status_cmd;
mod txn_cmds;

pub use args::{Cli, Command, DemoArgs, StatusArgs};
pub use demo_cmd::make_demo;
pub use hints::{describe as describe_error, shell_word};

use crate::error::{Error, Result};
use crate::ledger::Ledger;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Where the database lives: `--db`, else `$PFOS_DB`, else `pfos.db` in the user's data directory.
pub fn database_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(path) = std::env::var_os("PFOS_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "pfos")
        .map(|dirs| dirs.data_dir().join("pfos.db"))
        .ok_or_else(|| {
            Error::refusal("cannot find your data directory (is $HOME set?); give the database with --db FILE")
        })
}

/// "Today": `--today`/`$PFOS_TODAY` when given (for scripts and tests), else the local date.
pub fn today(flag: Option<&str>) -> Result<NaiveDate> {
    match flag {
        Some(text) => Ok(crate::domain::parse_date(text)?),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Runs one subcommand against the database.
pub fn run(cli: Cli, command: Command) -> Result<()> {
    let today = today(cli.today.as_deref())?;
    if let Command::Demo(args) = command {
        return make_demo(cli.db, today, &args).map(drop);
    }
    // These two describe pfos itself: no database is opened.
    match command {
        Command::Completions { shell } => return completions::completions(shell),
        Command::Man => return completions::man(),
        Command::Config => return show_config(&settings(&cli)?),
        _ => {}
    }
    let path = database_path(cli.db)?;
    run_on(&path, today, command).map_err(|e| crate::ledger::explain(e, &path))
}

fn run_on(path: &std::path::Path, today: NaiveDate, command: Command) -> Result<()> {
    let mut ledger = Ledger::open(path, today)?;
    if !ledger.upgrade_notes().is_empty() {
        eprintln!("upgraded: every closed month was recomputed by the current money rules and stays closed");
        for note in ledger.upgrade_notes() {
            eprintln!("  {}", crate::text::visible_lines(note));
        }
    }
    match command {
        Command::Account(cmd) => place_cmds::account(&mut ledger, cmd),
        Command::Card(cmd) => place_cmds::card(&mut ledger, cmd),
        Command::Bucket(cmd) => place_cmds::bucket(&mut ledger, cmd),
        Command::Loan(cmd) => loan_cmds::loan(&mut ledger, cmd),
        Command::Loans(list) => loan_cmds::list(&ledger, &list),
        Command::Accounts(list) => place_cmds::list(&ledger, place_cmds::Listing::Accounts, &list),
        Command::Cards(list) => place_cmds::list(&ledger, place_cmds::Listing::Cards, &list),
        Command::Buckets(list) => place_cmds::list(&ledger, place_cmds::Listing::Buckets, &list),
        Command::Archive(args) => life_cmds::archive(&mut ledger, &args),
        Command::Unarchive(args) => life_cmds::unarchive(&mut ledger, &args),
        Command::Remove(args) => life_cmds::remove(&mut ledger, &args),
        Command::Add(cmd) => txn_cmds::add(&mut ledger, cmd),
        Command::Txn(cmd) => txn_cmds::txn(&mut ledger, cmd),
        Command::Close(args) => month_cmds::close(&mut ledger, args),
        Command::Reopen(args) => month_cmds::reopen(&mut ledger, args),
        Command::Snapshot(args) => month_cmds::snapshot(&ledger, args),
        Command::Status(args) => status_cmd::status(&ledger, args),
        Command::Check => month_cmds::check(&ledger),
        Command::Report(cmd) => report_cmds::report(&ledger, cmd),
        Command::Import(args) => match *args {
            args::ImportArgs {
                cmd: Some(args::ImportCmd::Json { file }),
                ..
            } => export_cmds::import_json(&mut ledger, &file),
            args => import_cmds::import(&mut ledger, args),
        },
        Command::Rule(cmd) => import_cmds::rule(&mut ledger, cmd),
        Command::Export(args) => export_cmds::export(&ledger, args),
        Command::Backup(args) => export_cmds::backup(&ledger, args),
        Command::Recurring(cmd) => recurring_cmds::recurring(&mut ledger, cmd),
        Command::Forecast(args) => forecast_cmds::forecast(&ledger, &args),
        Command::Whatif(args) => forecast_cmds::whatif(&ledger, &args),
        // Run by the binary, which holds both front ends (see main.rs).
        Command::Demo(_) | Command::Completions { .. } | Command::Man | Command::Config | Command::BenchFrames => {
            Ok(())
        }
        Command::Log(args) => activity_cmds::log(&ledger, args),
        Command::Undo => activity_cmds::undo(&mut ledger),
        Command::Redo => activity_cmds::redo(&mut ledger),
        Command::Reconcile(args) => activity_cmds::reconcile(&mut ledger, args),
        Command::Backups(list) => activity_cmds::backups(&ledger, list.json),
        Command::Restore(args) => activity_cmds::restore(&mut ledger, args),
    }
}

/// The settings in force: the file `--config`, `$PFOS_CONFIG` or the config directory names, read.
pub fn settings(cli: &Cli) -> Result<crate::settings::Settings> {
    let env = std::env::var("PFOS_CONFIG").ok();
    let path = crate::settings::config_path(cli.config.as_deref(), env.as_deref());
    crate::settings::load(path.as_deref())
}

/// `pfos config`: each setting, its value and where it comes from.
fn show_config(settings: &crate::settings::Settings) -> Result<()> {
    match &settings.file {
        Some(path) => say!("settings file: {}", path.display()),
        None => say!("settings file: none (every setting is its default)"),
    }
    let rows: Vec<Vec<String>> = settings
        .describe()
        .into_iter()
        .map(|(key, value, from)| vec![key, value, from])
        .collect();
    say!("{}", output::table(&["Setting", "Value", "From"], &[], rows));
    Ok(())
}
