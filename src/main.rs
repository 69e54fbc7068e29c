//! The `pfos` binary: no subcommand opens the app, `demo` opens it on a demo household, otherwise the command line runs.

use clap::Parser;
use pfos::cli::{self, Cli, Command};
use pfos::ledger::Ledger;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    // The settings come first: how amounts are shown holds for everything after.
    let theme = match cli::settings(&cli) {
        Ok(settings) => {
            pfos::domain::money_format::set_display(settings.display.clone());
            pfos::tui::Theme::of(settings.theme)
        }
        Err(e) => {
            eprintln!("error: {}", pfos::text::visible_lines(&cli::describe_error(&e)));
            return ExitCode::FAILURE;
        }
    };
    let result = match cli.command.take() {
        Some(Command::Demo(args)) if !args.no_open => open_demo(cli, &args, theme),
        Some(Command::BenchFrames) => bench_frames(&cli).map_err(|e| cli::describe_error(&e)),
        Some(command) => cli::run(cli, command).map_err(|e| cli::describe_error(&e)),
        None => open_app(cli, theme),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors name places, categories and files: shown safely, line breaks kept.
            eprintln!("error: {}", pfos::text::visible_lines(&e));
            ExitCode::FAILURE
        }
    }
}

fn open_app(cli: Cli, theme: pfos::tui::Theme) -> Result<(), String> {
    need_terminal("run a command such as `pfos status`, or see `pfos --help`")?;
    let ledger = (|| {
        let today = cli::today(cli.today.as_deref())?;
        let path = cli::database_path(cli.db)?;
        Ledger::open(&path, today).map_err(|e| pfos::ledger::explain(e, &path))
    })()
    .map_err(|e| cli::describe_error(&e))?;
    run_app(ledger, theme)
}

fn open_demo(cli: Cli, args: &cli::DemoArgs, theme: pfos::tui::Theme) -> Result<(), String> {
    need_terminal("`pfos demo --no-open` makes the demo database without opening it")?;
    let today = cli::today(cli.today.as_deref()).map_err(|e| cli::describe_error(&e))?;
    let ledger = cli::make_demo(cli.db, today, args).map_err(|e| cli::describe_error(&e))?;
    let path = ledger.path().to_path_buf();
    run_app(ledger, theme)?;
    println!("the demo database stays at {}", path.display());
    Ok(())
}

/// The full-screen app reads keys from stdin and draws on stdout: without a terminal on both (a pipe, a
/// file, /dev/null, a cron job) it could not start, so this says so, and what to do `instead`, before
/// anything is opened or made.
fn need_terminal(instead: &str) -> Result<(), String> {
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    Err(format!("pfos needs a terminal for the full-screen app; {instead}"))
}

/// color-eyre goes in before the terminal is taken, so a panic restores it and reports cleanly.
fn run_app(ledger: Ledger, theme: pfos::tui::Theme) -> Result<(), String> {
    color_eyre::install().map_err(|e| e.to_string())?;
    pfos::tui::run(ledger, theme).map_err(|e| e.to_string())
}

/// `pfos bench-frames`: the app on the database without a terminal, each key's frame timed.
fn bench_frames(cli: &Cli) -> pfos::error::Result<()> {
    let today = cli::today(cli.today.as_deref())?;
    let path = cli::database_path(cli.db.clone())?;
    let report = pfos::tui::bench::run(&path, today, (120, 40))?;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("launch to first frame: {:.1} ms", ms(report.first_frame));
    println!(
        "key to next frame over {} keys: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        report.frames.len(),
        ms(report.percentile(50)),
        ms(report.percentile(95)),
        ms(report.percentile(100))
    );
    let mut slowest: Vec<&(String, std::time::Duration)> = report.frames.iter().collect();
    slowest.sort_by_key(|(_, d)| std::cmp::Reverse(*d));
    let named: Vec<String> = slowest
        .iter()
        .take(3)
        .map(|(k, d)| format!("{k} {:.2} ms", ms(*d)))
        .collect();
    println!("slowest keys: {}", named.join(", "));
    // A frame within 16 ms keeps up with a 60 Hz screen: every key over it, by its place in the session.
    let over: Vec<String> = (report.frames.iter().enumerate())
        .filter(|(_, (_, d))| d.as_millis() > 16)
        .map(|(i, (k, d))| format!("#{} {k} {:.1} ms", i + 1, ms(*d)))
        .collect();
    println!("keys over 16 ms: {} {}", over.len(), over.join(", "));
    println!(
        "screens read while no key came (between keys, untimed above): {:.1} ms",
        ms(report.idle)
    );
    Ok(())
}
