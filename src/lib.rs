//! pfos, the Personal Finance OS: domain ← store ← ledger ← cli and tui.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod error;
pub mod io;
pub mod ledger;
pub mod settings;
pub mod store;
pub mod text;
pub mod tui;
