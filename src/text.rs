//! Showing stored text safely: control and direction-override characters become visible symbols, so a
//! description can never move the cursor, recolour the terminal or reorder a table's columns.

use std::borrow::Cow;

/// `text` with every control character shown as its Unicode control picture (`\n` → `␊`) and every
/// invisible direction override shown as `�`. Text without them is returned as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_replacing) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                c if needs_replacing(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// [`visible`] line by line: the line breaks of a message stay, everything else that could move the cursor,
/// recolour the terminal or reorder text is shown as a symbol. For messages and tables built around stored
/// text (a name inside "added card 'X'").
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && needs_replacing(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split('\n').map(visible).collect::<Vec<_>>().join("\n"))
}

fn needs_replacing(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// The words of `text`, a figure kept with the word before it (`Dining 420.00`, `(Nov 2025)`), so that a
/// line never breaks between a name and its amount.
pub fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let figure = word
            .trim_start_matches(['-', '+', '('])
            .starts_with(|c: char| c.is_ascii_digit());
        match out.last_mut() {
            Some(last) if figure && !word.starts_with('(') => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_overrides_become_visible_and_the_rest_stays() {
        assert_eq!(visible("line\nbreak\ttab\x1b[31m"), "line␊break␉tab␛[31m");
        assert_eq!(visible("abc\u{202e}cba"), "abc\u{fffd}cba");
        assert_eq!(visible("\u{85}x"), "\u{fffd}x");
        let plain = "寿司 🍣 مرحبا Robert'); DROP TABLE txns;--";
        assert!(matches!(visible(plain), Cow::Borrowed(_)));
        assert_eq!(visible(plain), plain);
    }

    #[test]
    fn messages_keep_their_line_breaks_and_nothing_else() {
        assert_eq!(
            visible_lines("added 'Gro\u{1b}[2Jceries'\nnext line"),
            "added 'Gro␛[2Jceries'\nnext line"
        );
        assert!(matches!(visible_lines("two\nlines"), Cow::Borrowed(_)));
    }
}
