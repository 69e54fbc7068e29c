//! Shared helpers for CLI tests: a temporary database and the real `pfos` binary.

#![allow(dead_code)]

pub mod tmux;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temporary folder holding one pfos database, removed when dropped.
pub struct TestDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("pfos.db");
        TestDb { dir, path }
    }

    /// `pfos --db FILE ARGS…` with today fixed to 2025-11-15.
    pub fn cmd(&self, args: &[&str]) -> Command {
        pfos(&self.path, args)
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap_or_else(|e| panic!("run pfos: {e}"));
        assert!(
            out.status.success(),
            "pfos {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a command that must fail with `error: …` on stderr, and returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().unwrap_or_else(|e| panic!("run pfos: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!out.status.success(), "pfos {args:?} should have failed");
        assert!(
            stderr.starts_with("error: "),
            "stderr of {args:?} does not start with 'error: ': {stderr}"
        );
        assert!(!stderr.contains("panicked"), "pfos {args:?} panicked: {stderr}");
        stderr
    }

    /// The output of each command of `views` (space-separated words), to prove nothing changed.
    pub fn views(&self, views: &[&str]) -> String {
        views
            .iter()
            .map(|c| self.ok(&c.split(' ').collect::<Vec<_>>()))
            .collect()
    }

    /// Nothing was imported: no transaction and no place.
    pub fn assert_empty(&self) {
        assert_eq!(
            self.json(&["txn", "list", "--json"]),
            serde_json::json!([]),
            "no transaction was imported"
        );
        assert_eq!(
            self.json(&["accounts", "--json"]),
            serde_json::json!([]),
            "no place was imported"
        );
    }

    /// Runs a command that must be refused with a message containing every `needle`, leaving every view
    /// of `views` exactly as it was.
    pub fn refuses(&self, args: &[&str], needles: &[&str], views: &[&str]) {
        let before = self.views(views);
        let stderr = self.fails(args);
        for needle in needles {
            assert!(stderr.contains(needle), "stderr of {args:?} lacks {needle:?}: {stderr}");
        }
        assert_eq!(self.views(views), before, "{args:?} changed the data");
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).unwrap_or_else(|e| panic!("JSON from {args:?}: {e}"))
    }

    /// Writes `text` as the file `name` in the test's folder and returns its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        path.to_str().unwrap_or("").to_string()
    }

    /// Feeds every `pfos …` line of a scenario file to the binary.
    pub fn run_script(&self, script: &str) {
        for line in script
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let words = shlex::split(line).unwrap_or_else(|| panic!("cannot split {line}"));
            assert_eq!(words.first().map(String::as_str), Some("pfos"), "{line}");
            let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
            self.ok(&args);
        }
    }
}

pub fn pfos(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("pfos").unwrap_or_else(|e| panic!("binary: {e}"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env("PFOS_TODAY", "2025-11-15")
        // No settings file, whatever the machine has: amounts show as 1,234.56.
        .env("PFOS_CONFIG", "")
        .env_remove("PFOS_DB");
    cmd
}
