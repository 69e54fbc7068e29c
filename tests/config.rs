//! The settings file through the real binary: amounts shown in the chosen format and currency in human
//! output only (JSON and typed amounts stay plain decimals), `pfos config` with each source, and bad
//! values refused naming the file, the key and the choices.

mod common;

use common::TestDb;

fn with_config(db: &TestDb, config: &std::path::Path, args: &[&str]) -> std::process::Output {
    db.cmd(args)
        .env("PFOS_CONFIG", config)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn human_output_follows_the_number_format_and_currency_and_json_does_not() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "number_format = \"1.234,56\"\ncurrency = { symbol = \"€\", position = \"after\" }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    db.ok(&[
        "account",
        "add",
        "Checking",
        "--kind",
        "checking",
        "--opening",
        "12345.60",
    ]);
    // Amounts are typed as plain decimals whatever the display.
    let added = with_config(
        &db,
        &config,
        &["add", "expense", "1234.50", "--from", "Checking", "--category", "Rent"],
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert!(String::from_utf8_lossy(&added.stdout).contains("1.234,50 €"));
    let shown = with_config(&db, &config, &["accounts"]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(text.contains("11.111,10 €"), "{text}");
    let json = with_config(&db, &config, &["accounts", "--json"]);
    let json = String::from_utf8_lossy(&json.stdout);
    assert!(json.contains("\"11111.10\"") && !json.contains('€'), "{json}");
    // --config wins over the variable; `pfos config` says where each setting comes from.
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "theme = \"high-contrast\"\n").unwrap_or_else(|e| panic!("{e}"));
    let out = db
        .cmd(&["config", "--config", other.to_str().unwrap_or("")])
        .env("PFOS_CONFIG", &config)
        .output();
    let out = out.unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |key: &str| text.lines().find(|l| l.contains(key)).unwrap_or("").to_string();
    assert!(
        line("theme").contains("high-contrast") && line("theme").contains("other.toml"),
        "{text}"
    );
    assert!(
        line("number_format").contains("1,234.56") && line("number_format").contains("default"),
        "{text}"
    );
    let plain = db.ok(&["config"]);
    assert!(plain.contains("settings file: none"), "{plain}");
}

#[test]
fn a_bad_setting_names_the_file_the_key_and_what_it_may_be() {
    let db = TestDb::new();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (text, needles) in [
        (
            "number_format = \"1234,56\"\n",
            &["number_format", "\"1.234,56\"", "\"12,34,567.89\""][..],
        ),
        ("theme = \"neon\"\n", &["theme \"neon\"", "\"high-contrast\""][..]),
        (
            "currency = { symbol = \"€\", position = \"middle\" }\n",
            &["currency.position", "\"after\""][..],
        ),
        (
            "font = \"big\"\n",
            &["'font' is not a setting", "number_format, currency, theme"][..],
        ),
    ] {
        let config = dir.path().join("config.toml");
        std::fs::write(&config, text).unwrap_or_else(|e| panic!("{e}"));
        let out = with_config(&db, &config, &["accounts"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{text}");
        assert!(
            err.starts_with("error: ") && err.contains(&config.display().to_string()),
            "{err}"
        );
        for needle in needles {
            assert!(err.contains(needle), "{text}: {err}");
        }
    }
    let missing = db
        .cmd(&["accounts"])
        .env("PFOS_CONFIG", dir.path().join("none.toml"))
        .output();
    let missing = missing.unwrap_or_else(|e| panic!("{e}"));
    assert!(!missing.status.success() && String::from_utf8_lossy(&missing.stderr).contains("none.toml"));
}
