//! Completing a typed name from a list of names: suggestions, picking with ↑/↓, and a prefix only one
//! name starts with. Shared by the quick-add form, the import dialog and the category prompt.

/// Names starting with what is typed (case-insensitive), other than the exact text; at most five.
pub fn suggestions(names: &[String], typed: &str) -> Vec<String> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return Vec::new();
    }
    names
        .iter()
        .filter(|n| {
            let lower = n.to_lowercase();
            lower.starts_with(&typed) && lower != typed
        })
        .take(5)
        .cloned()
        .collect()
}

/// The index of the name `step` away from `current` (wrapping), or the first (last, going up) when
/// `current` is none of them; `None` when there are no names.
pub fn pick(names: &[String], current: &str, step: isize) -> Option<usize> {
    if names.is_empty() {
        return None;
    }
    let at = names.iter().position(|n| n.eq_ignore_ascii_case(current));
    Some(match at {
        Some(i) => (i as isize + step).rem_euclid(names.len() as isize) as usize,
        None if step < 0 => names.len() - 1,
        None => 0,
    })
}

/// The one name `typed` is the start of (case-insensitive), when exactly one is and none is `typed` itself.
pub fn unique(names: &[String], typed: &str) -> Option<String> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() || names.iter().any(|n| n.to_lowercase() == typed) {
        return None;
    }
    let mut matches = names.iter().filter(|n| n.to_lowercase().starts_with(&typed));
    match (matches.next(), matches.next()) {
        (Some(only), None) => Some(only.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        ["Checking", "Café", "Visa", "Vacation"].map(String::from).to_vec()
    }

    #[test]
    fn suggests_by_prefix_without_the_exact_text() {
        assert_eq!(suggestions(&names(), "v"), ["Visa", "Vacation"]);
        assert_eq!(suggestions(&names(), "VISA"), Vec::<String>::new());
        assert_eq!(suggestions(&names(), " "), Vec::<String>::new());
    }

    #[test]
    fn picks_around_the_list() {
        assert_eq!(pick(&names(), "", 1), Some(0));
        assert_eq!(pick(&names(), "", -1), Some(3));
        assert_eq!(pick(&names(), "vacation", 1), Some(0));
        assert_eq!(pick(&[], "x", 1), None);
    }

    #[test]
    fn completes_only_a_prefix_one_name_has() {
        assert_eq!(unique(&names(), "ch").as_deref(), Some("Checking"));
        assert_eq!(unique(&names(), "v"), None);
        assert_eq!(unique(&names(), "visa"), None);
        assert_eq!(unique(&names(), "x"), None);
    }
}
