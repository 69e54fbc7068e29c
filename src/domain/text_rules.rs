//! Which characters stored text may hold, the same at every entrance (command line, app, CSV, JSON):
//! a description keeps what a bank wrote, anything but NUL; a category, a place name or a tag holds no
//! control characters (Unicode category Cc: tab, newline, ESC, NUL, U+0085…). Whatever is stored is shown
//! through `text::visible` and round-trips through every export.

/// Why a piece of text cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("a description cannot hold a NUL character (U+0000); remove it")]
    NulInDescription,
    #[error("a {what} cannot hold control characters (tab, newline, escape and the like; here {found}); remove them")]
    ControlInLabel { what: &'static str, found: String },
}

/// Checks a description: any text but NUL.
pub fn check_description(text: &str) -> Result<(), TextError> {
    if text.contains('\0') {
        return Err(TextError::NulInDescription);
    }
    Ok(())
}

/// Checks a short label (`what`: "category", "place name"): no control characters.
pub fn check_label(text: &str, what: &'static str) -> Result<(), TextError> {
    match text.chars().find(|c| c.is_control()) {
        Some(c) => Err(TextError::ControlInLabel {
            what,
            found: format!("U+{:04X}", u32::from(c)),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_keep_everything_but_nul() {
        for ok in ["Café\tOlé", "line\nbreak", "\u{1b}[2J", "\u{85}next", "\u{202e}evil"] {
            assert_eq!(check_description(ok), Ok(()), "{ok:?}");
        }
        assert_eq!(check_description("a\0b"), Err(TextError::NulInDescription));
    }

    #[test]
    fn labels_refuse_every_control_character() {
        for bad in ["Gro\tceries", "a\nb", "\u{1b}]0;x\u{7}", "x\u{85}", "\0"] {
            assert!(check_label(bad, "category").is_err(), "{bad:?}");
        }
        assert_eq!(
            check_label("Épicerie \u{202e}", "category"),
            Ok(()),
            "format characters are shown safely"
        );
        let message = check_label("a\u{1b}b", "category").map_err(|e| e.to_string());
        assert!(message.is_err_and(|m| m.contains("U+001B")));
    }
}
