//! The `pfos` binary: no subcommand opens the app, otherwise the command line runs.

use clap::Parser;
use pfos::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cli = Cli::parse();
    let command = cli.command.take();
    let result = match command {
        Some(command) => cli::run(cli, command),
        None => cli::run(
            cli,
            cli::Command::Status(cli::StatusArgs {
                date: None,
                json: false,
            }),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
