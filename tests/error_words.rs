//! Below the front ends no message names a command-line flag or a `pfos …` command: the domain, store,
//! ledger and io say what is wrong and carry what to do as hints, which the command line and the app word.

use std::path::{Path, PathBuf};

/// The layers under the front ends.
const LAYERS: &[&str] = &["src/domain", "src/store", "src/ledger", "src/io"];

#[test]
fn no_string_below_the_front_ends_names_a_flag_or_a_pfos_command() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for layer in LAYERS {
        rust_files(&root.join(layer), &mut files);
    }
    assert!(files.len() > 50, "the layers were found ({} files)", files.len());
    let test_only = test_only_files(&files);
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !test_only.iter().any(|t| f.starts_with(t))) {
        let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let lexed = lex(&source);
        let skipped = inline_test_modules(&lexed.code);
        for literal in &lexed.strings {
            if skipped.iter().any(|(a, b)| (*a..*b).contains(&literal.at)) {
                continue;
            }
            if names_the_command_line(&literal.text) {
                let line = source[..literal.at].matches('\n').count() + 1;
                let shown = file.strip_prefix(root).unwrap_or(file).display();
                found.push(format!("{shown}:{line}: {:?}", literal.text));
            }
        }
    }
    assert!(
        found.is_empty(),
        "these strings name a flag or a pfos command; give the refusal a Hint instead:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_finds_what_it_looks_for_and_skips_comments_and_tests() {
    let source = r##"
//! A doc comment may name `pfos close --force`.
fn a() -> &'static str { "run 'pfos close 2025-11 --force'" }
fn b() -> String { format!("give --from {x}") }
fn c() -> &'static str { r#"fine: a - b -- c"# }
fn d() -> char { '"' }
fn e() -> &'static str { "--amount" }
#[cfg(test)]
mod tests {
    fn f() -> &'static str { "'pfos unarchive X'" }
}
"##;
    let lexed = lex(source);
    let skipped = inline_test_modules(&lexed.code);
    let named: Vec<&str> = lexed
        .strings
        .iter()
        .filter(|s| !skipped.iter().any(|(a, b)| (*a..*b).contains(&s.at)))
        .filter(|s| names_the_command_line(&s.text))
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(
        named,
        ["run 'pfos close 2025-11 --force'", "give --from {x}", "--amount"]
    );
}

/// A `'pfos …'` command, or a `--flag` (also one made with a placeholder, `--{side}`).
fn names_the_command_line(text: &str) -> bool {
    if text.contains("'pfos ") {
        return true;
    }
    text.match_indices("--").any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + 2..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
            && after.is_some_and(|c| c.is_ascii_lowercase() || c == '{')
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The files and folders of modules declared `#[cfg(test)] mod name;`.
fn test_only_files(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        let code = lex(&source).code;
        let lines: Vec<&str> = code.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        for pair in lines.windows(2) {
            let Some(name) = pair[1]
                .strip_prefix("mod ")
                .or_else(|| pair[1].strip_prefix("pub mod "))
                .and_then(|rest| rest.strip_suffix(';'))
            else {
                continue;
            };
            if pair[0] != "#[cfg(test)]" {
                continue;
            }
            let Some(dir) = file.parent() else { continue };
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let base = if stem == "mod" {
                dir.to_path_buf()
            } else {
                dir.join(stem)
            };
            out.push(base.join(format!("{name}.rs")));
            out.push(base.join(name));
        }
    }
    out
}

/// Byte ranges of `#[cfg(test)] mod name { … }` in code with comments and strings blanked out.
fn inline_test_modules(code: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("#[cfg(test)]") {
        let rest = &code[at + "#[cfg(test)]".len()..];
        let trimmed = rest.trim_start();
        let is_mod = trimmed.starts_with("mod ") || trimmed.starts_with("pub mod ");
        let Some(open) = rest.find(['{', ';']).filter(|_| is_mod) else {
            continue;
        };
        if rest.as_bytes()[open] != b'{' {
            continue;
        }
        let start = at + "#[cfg(test)]".len() + open;
        let mut depth = 0usize;
        let mut end = code.len();
        for (i, c) in code[start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push((at, end));
    }
    out
}

/// A string literal's text and where it starts.
struct Literal {
    at: usize,
    text: String,
}

/// The source with comments and literals blanked (same byte offsets), and its string literals.
struct Lexed {
    code: String,
    strings: Vec<Literal>,
}

/// A small Rust lexer: enough to tell strings (plain, raw, byte) from comments, chars and lifetimes.
fn lex(source: &str) -> Lexed {
    let bytes = source.as_bytes();
    let mut code = bytes.to_vec();
    let mut strings = Vec::new();
    let blank = |code: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut code[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| i + p);
            blank(&mut code, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let end = source[i + 2..].find("*/").map_or(bytes.len(), |p| i + 2 + p + 2);
            blank(&mut code, i, end);
            i = end;
        } else if let Some((open, hashes)) = raw_string_start(rest) {
            let body = i + open;
            let close = format!("\"{}", "#".repeat(hashes));
            let end = source[body..].find(&close).map_or(bytes.len(), |p| body + p);
            strings.push(Literal {
                at: i,
                text: source[body..end].to_string(),
            });
            let after = (end + close.len()).min(bytes.len());
            blank(&mut code, i, after);
            i = after;
        } else if rest.starts_with(b"\"") || rest.starts_with(b"b\"") {
            let body = i + if rest[0] == b'b' { 2 } else { 1 };
            let mut j = body;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            let end = j.min(bytes.len());
            strings.push(Literal {
                at: i,
                text: source[body..end].to_string(),
            });
            let after = (end + 1).min(bytes.len());
            blank(&mut code, i, after);
            i = after;
        } else if rest[0] == b'\'' {
            // A char literal ('x', '\n', '"') or a lifetime ('a).
            let len = if rest.get(1) == Some(&b'\\') {
                rest.iter().skip(2).position(|b| *b == b'\'').map(|p| p + 3)
            } else {
                let c = source[i + 1..].chars().next().map_or(1, char::len_utf8);
                (rest.get(1 + c) == Some(&b'\'')).then_some(c + 2)
            };
            match len {
                Some(n) => {
                    blank(&mut code, i, i + n);
                    i += n;
                }
                None => i += 1,
            }
        } else {
            i += source[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    Lexed {
        code: String::from_utf8(code).unwrap_or_default(),
        strings,
    }
}

/// `r"`, `r#"`, `br##"`…: the length up to the opening quote and the number of `#`.
fn raw_string_start(rest: &[u8]) -> Option<(usize, usize)> {
    let after_b = if rest.starts_with(b"br") {
        2
    } else if rest.starts_with(b"r") {
        1
    } else {
        return None;
    };
    let hashes = rest[after_b..].iter().take_while(|b| **b == b'#').count();
    (rest.get(after_b + hashes) == Some(&b'"')).then_some((after_b + hashes + 1, hashes))
}
