//! `pfos completions SHELL` and `pfos man`: the shell completion scripts and the manual page, made from
//! the same argument definitions the command line parses with.

use super::args::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;
use std::io::Write;

/// Writes the completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "pfos", &mut out);
    write_out(&out)
}

/// Writes the manual page (roff) on stdout.
pub fn man() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::refusal(format!("cannot write the manual page: {e}")))?;
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::refusal(format!("cannot write to stdout: {e}")))
}
