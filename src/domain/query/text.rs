//! Free text as the search index sees it: a description's words are its runs of letters, folded (lower
//! case, accents taken off), so "Café Olé" holds `cafe` and `ole`; digits are not words, and are found
//! as they are written.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The words of `text`: each run of letters, in lower case without accents, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    // Accents are taken off first (a decomposed "é" is an "e" and a mark that continues the word).
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphabetic() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The runs of ASCII digits in `text`, in order (`#1234-5` holds `1234` and `5`).
pub fn digit_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect()
}

/// Whether `description` holds the free text: its words in a row (the last one only the start of a
/// word unless `phrase`), and each of its runs of digits anywhere.
pub fn text_matches(text: &str, phrase: bool, description: &str) -> bool {
    if !digit_runs(text).iter().all(|digits| description.contains(digits)) {
        return false;
    }
    let wanted = words(text);
    let Some((last, before)) = wanted.split_last() else {
        return true;
    };
    let have = words(description);
    have.windows(wanted.len()).any(|run| match run.split_last() {
        Some((run_last, run_before)) => {
            run_before == before
                && if phrase {
                    run_last == last
                } else {
                    run_last.starts_with(last.as_str())
                }
        }
        None => false,
    })
}
