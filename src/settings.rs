//! The person's settings: `config.toml` in the config directory, or the file `--config FILE` or
//! `PFOS_CONFIG` names (`PFOS_CONFIG=` empty: none). It holds how amounts are shown (`number_format`,
//! `currency`) and the app's colours (`theme`). Each setting remembers where it came from, for
//! `pfos config`. A bad value is refused naming the file, the key and what it may be.

use crate::domain::money_format::{Currency, Display, NumberFormat};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The app's palettes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Default,
    /// Bright colours, bold titles and no dimmed text: for low-contrast screens.
    HighContrast,
    /// No colour at all (as `NO_COLOR`).
    Mono,
}

impl ThemeName {
    pub const ALL: [(ThemeName, &'static str); 3] = [
        (ThemeName::Default, "default"),
        (ThemeName::HighContrast, "high-contrast"),
        (ThemeName::Mono, "mono"),
    ];

    pub fn name(self) -> &'static str {
        ThemeName::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("default", |(_, n)| n)
    }
}

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
}

/// The settings in force, each with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub display: Display,
    pub theme: ThemeName,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// (key, source) for `number_format`, `currency`, `theme`.
    pub sources: Vec<(&'static str, Source)>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            display: Display::default(),
            theme: ThemeName::Default,
            file: None,
            sources: KEYS.iter().map(|k| (*k, Source::Default)).collect(),
        }
    }
}

const KEYS: [&str; 3] = ["number_format", "currency", "theme"];

/// The file to read: `flag`, else `$PFOS_CONFIG` (empty: none), else `config.toml` in the config
/// directory when it exists.
pub fn config_path(flag: Option<&Path>, env: Option<&str>) -> Option<PathBuf> {
    if let Some(path) = flag {
        return Some(path.to_path_buf());
    }
    match env {
        Some("") => None,
        Some(path) => Some(PathBuf::from(path)),
        None => directories::ProjectDirs::from("", "", "pfos")
            .map(|d| d.config_dir().join("config.toml"))
            .filter(|p| p.exists()),
    }
}

/// Reads the settings from `path` (none: the defaults).
pub fn load(path: Option<&Path>) -> Result<Settings> {
    let Some(path) = path else {
        return Ok(Settings::default());
    };
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text, path)
}

fn bad(path: &Path, what: String) -> Error {
    Error::refusal(format!("{}: {what}", path.display()))
}

fn quoted(names: impl Iterator<Item = &'static str>) -> String {
    names.map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// The settings a file's text gives; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Settings> {
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| bad(path, format!("not a valid TOML file: {}", e.message().trim())))?;
    let mut settings = Settings {
        file: Some(path.to_path_buf()),
        ..Settings::default()
    };
    for (key, value) in &table {
        let source = Source::File(path.to_path_buf());
        match key.as_str() {
            "number_format" => {
                let allowed = || quoted(NumberFormat::ALL.iter().map(|(_, n)| *n));
                let name = value
                    .as_str()
                    .ok_or_else(|| bad(path, format!("number_format must be a string, one of {}", allowed())))?;
                settings.display.format = NumberFormat::from_name(name).ok_or_else(|| {
                    bad(
                        path,
                        format!(
                            "number_format \"{name}\" is not one pfos knows; use one of {}",
                            allowed()
                        ),
                    )
                })?;
            }
            "currency" => settings.display.currency = Some(currency(value, path)?),
            "theme" => {
                let allowed = || quoted(ThemeName::ALL.iter().map(|(_, n)| *n));
                let name = value
                    .as_str()
                    .ok_or_else(|| bad(path, format!("theme must be a string, one of {}", allowed())))?;
                settings.theme = ThemeName::ALL
                    .iter()
                    .find(|(_, n)| *n == name)
                    .map(|(t, _)| *t)
                    .ok_or_else(|| {
                        bad(
                            path,
                            format!("theme \"{name}\" is not one pfos has; use one of {}", allowed()),
                        )
                    })?;
            }
            other => {
                return Err(bad(
                    path,
                    format!("'{other}' is not a setting; the settings are {}", KEYS.join(", ")),
                ))
            }
        }
        if let Some(entry) = settings.sources.iter_mut().find(|(k, _)| *k == key.as_str()) {
            entry.1 = source;
        }
    }
    Ok(settings)
}

/// `currency = { symbol = "€", position = "after" }`.
fn currency(value: &toml::Value, path: &Path) -> Result<Currency> {
    let usage =
        "currency must be a table like { symbol = \"€\", position = \"after\" } (position: \"before\" or \"after\")";
    let table = value.as_table().ok_or_else(|| bad(path, usage.to_string()))?;
    if let Some(key) = table.keys().find(|k| !matches!(k.as_str(), "symbol" | "position")) {
        return Err(bad(path, format!("currency has no '{key}'; {usage}")));
    }
    let symbol = table
        .get("symbol")
        .and_then(|s| s.as_str())
        .filter(|s| {
            !s.trim().is_empty() && s.chars().count() <= 5 && !s.chars().any(|c| c.is_control() || c.is_ascii_digit())
        })
        .ok_or_else(|| {
            bad(
                path,
                format!("currency.symbol must be 1 to 5 characters, no digits; {usage}"),
            )
        })?;
    let before = match table.get("position").map(|p| p.as_str()) {
        None | Some(Some("before")) => true,
        Some(Some("after")) => false,
        Some(_) => {
            return Err(bad(
                path,
                format!("currency.position must be \"before\" or \"after\"; {usage}"),
            ))
        }
    };
    Ok(Currency {
        symbol: symbol.to_string(),
        before,
    })
}

impl Settings {
    /// What `pfos config` prints: each setting, its value and where it came from.
    pub fn describe(&self) -> Vec<(String, String, String)> {
        let source = |key: &str| match self.sources.iter().find(|(k, _)| *k == key).map(|(_, s)| s) {
            Some(Source::File(p)) => p.display().to_string(),
            _ => "default".to_string(),
        };
        let currency = match &self.display.currency {
            None => "none".to_string(),
            Some(c) => format!("{} {}", c.symbol, if c.before { "before" } else { "after" }),
        };
        vec![
            (
                "number_format".into(),
                self.display.format.name().into(),
                source("number_format"),
            ),
            ("currency".into(), currency, source("currency")),
            ("theme".into(), self.theme.name().into(), source("theme")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("/home/ana/.config/pfos/config.toml")
    }

    #[test]
    fn a_file_sets_each_key_and_remembers_where_from() {
        let s = parse(
            "number_format = \"1.234,56\"\ncurrency = { symbol = \"€\", position = \"after\" }\ntheme = \"high-contrast\"\n",
            p(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.display.format, NumberFormat::DotComma);
        assert_eq!(
            s.display.currency,
            Some(Currency {
                symbol: "€".into(),
                before: false
            })
        );
        assert_eq!(s.theme, ThemeName::HighContrast);
        assert!(s.sources.iter().all(|(_, src)| *src == Source::File(p().to_path_buf())));
        let partial = parse("theme = \"mono\"", p()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            partial.describe()[0],
            ("number_format".into(), "1,234.56".into(), "default".into())
        );
        assert_eq!(partial.describe()[2].2, p().display().to_string());
    }

    #[test]
    fn bad_values_name_the_file_the_key_and_the_choices() {
        let err = |text: &str| parse(text, p()).err().map(|e| e.to_string()).unwrap_or_default();
        let e = err("number_format = \"1234.56\"");
        assert!(
            e.starts_with(&p().display().to_string()) && e.contains("number_format") && e.contains("\"1'234.56\""),
            "{e}"
        );
        let e = err("theme = \"neon\"");
        assert!(e.contains("theme \"neon\"") && e.contains("\"high-contrast\""), "{e}");
        assert!(err("currency = \"€\"").contains("currency must be a table"));
        assert!(err("currency = { symbol = \"€\", position = \"left\" }").contains("\"before\" or \"after\""));
        assert!(err("currency = { symbol = \"12\" }").contains("no digits"));
        assert!(err("colour = 1").contains("'colour' is not a setting"));
        assert!(err("number_format = ").contains("not a valid TOML file"));
        assert!(err("number_format = 3").contains("must be a string"));
    }

    #[test]
    fn the_file_is_the_flag_then_the_variable_then_none_when_empty() {
        let flag = Path::new("/tmp/a.toml");
        assert_eq!(config_path(Some(flag), Some("/tmp/b.toml")), Some(flag.to_path_buf()));
        assert_eq!(
            config_path(None, Some("/tmp/b.toml")),
            Some(PathBuf::from("/tmp/b.toml"))
        );
        assert_eq!(config_path(None, Some("")), None);
        assert_eq!(load(None).ok(), Some(Settings::default()));
    }
}
