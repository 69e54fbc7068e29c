//! The layers hold: a lower layer never names a higher one. domain (pure) < store (SQLite) < ledger
//! (use cases) < cli and tui (the front ends), with io (the file formats) below ledger beside store;
//! error and text sit at the bottom with domain. The test reads every source file (up to its unit
//! tests) and fails on any `crate::` path that reaches up, naming the file and line.

use std::path::{Path, PathBuf};

/// What each part of `src/` may name (besides itself and outside crates).
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("text", &[]),
    ("error", &["domain"]),
    ("store", &["domain", "error", "text"]),
    ("io", &["domain", "error", "text"]),
    ("ledger", &["domain", "store", "io", "error", "text"]),
    ("settings", &["domain", "error"]),
    ("demo", &["domain", "ledger", "error"]),
    (
        "cli",
        &["domain", "store", "io", "ledger", "error", "text", "settings", "demo"],
    ),
    ("tui", &["domain", "ledger", "error", "text", "settings"]),
];

const PARTS: &[&str] = &[
    "domain", "text", "error", "store", "io", "ledger", "settings", "demo", "cli", "tui",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
    {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The part a source file belongs to: its folder under `src/`, or its own name (`src/text.rs`).
fn part_of(src: &Path, file: &Path) -> Option<&'static str> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    PARTS.iter().copied().find(|p| *p == name)
}

/// Every `crate::PART` a line of code names (comments and doc comments left out).
fn named_parts(line: &str) -> Vec<&'static str> {
    let code = line.split("//").next().unwrap_or("");
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if let Some(p) = PARTS.iter().copied().find(|p| *p == name) {
            found.push(p);
        }
        rest = after;
    }
    found
}

/// The back-edges in `src`: (file, line number, the part it belongs to, the higher part it names).
fn back_edges(src: &Path) -> Vec<(PathBuf, usize, &'static str, &'static str)> {
    let mut all = Vec::new();
    files(src, &mut all);
    let mut edges = Vec::new();
    for file in all {
        let Some(part) = part_of(src, &file) else { continue };
        let allowed = ALLOWED.iter().find(|(p, _)| *p == part).map_or(&[][..], |(_, a)| *a);
        // Unit tests may compare layers (the two front ends' wording): a test module, or a file of
        // tests, is not part of its layer's code.
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (n, line) in text.lines().enumerate().take_while(|(_, l)| l.trim() != "#[cfg(test)]") {
            for named in named_parts(line) {
                if named != part && !allowed.contains(&named) {
                    edges.push((file.clone(), n + 1, part, named));
                }
            }
        }
    }
    edges
}

#[test]
fn no_layer_names_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = back_edges(&src);
    let shown: Vec<String> = edges
        .iter()
        .map(|(f, n, part, named)| format!("{}:{n}: {part} names crate::{named}", f.display()))
        .collect();
    assert!(shown.is_empty(), "back-edges:\n{}", shown.join("\n"));
}

#[test]
fn the_scan_finds_a_back_edge_and_ignores_comments() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let domain = dir.path().join("domain");
    std::fs::create_dir(&domain).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        domain.join("money.rs"),
        "//! Uses crate::ledger in a comment only.\nuse crate::domain::Month;\nfn f() { crate::ledger::Ledger::open(); } // crate::tui\n#[cfg(test)]\nmod tests { use crate::cli::run; }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("text.rs"), "pub fn visible() {}\n").unwrap_or_else(|e| panic!("{e}"));
    let edges = back_edges(dir.path());
    assert_eq!(edges.len(), 1, "{edges:?}");
    assert_eq!((edges[0].1, edges[0].2, edges[0].3), (3, "domain", "ledger"));
}
