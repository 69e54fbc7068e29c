//! `pfos completions` and `pfos man` through the real binary: bash completes `pfos ad` to `pfos add`
//! with the script sourced, and the manual page is roff.

mod common;

use common::TestDb;

#[test]
fn bash_completes_a_subcommand_from_the_sourced_script() {
    let db = TestDb::new();
    let script = db.ok(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("pfos.bash");
    std::fs::write(&file, script).unwrap_or_else(|e| panic!("{e}"));
    // The completion function bash would call for `pfos ad<Tab>`.
    let probe = format!(
        "source '{}'; COMP_WORDS=(pfos ad); COMP_CWORD=1; COMP_LINE='pfos ad'; COMP_POINT=7; _pfos pfos ad pfos; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
        .unwrap_or_else(|e| panic!("bash: {e}"));
    let words = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(words.lines().collect::<Vec<_>>(), ["add"], "{words}");
}

#[test]
fn every_shell_gets_a_script_and_the_manual_is_roff() {
    let db = TestDb::new();
    for (shell, needle) in [
        ("bash", "complete -F _pfos"),
        ("zsh", "#compdef pfos"),
        ("fish", "complete -c pfos"),
        ("elvish", "edit:completion:arg-completer[pfos]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = db.ok(&["completions", shell]);
        assert!(script.contains(needle), "{shell}: {script:.200}");
    }
    let man = db.ok(&["man"]);
    assert!(man.starts_with(".ie") || man.contains(".TH pfos"), "{man:.200}");
    assert!(man.contains("Personal Finance OS"));
    let err = db.fails(&["completions", "tcsh"]);
    assert!(err.contains("tcsh") && err.contains("bash"), "{err}");
    db.assert_empty();
}
