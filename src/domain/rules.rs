//! Import rules: a pattern on the description that sets a category or turns a row into a transfer.

use super::place::PlaceId;
use regex::{Regex, RegexBuilder};

/// What a matching rule does to an imported row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleAction {
    Category(String),
    /// The row becomes a transfer between the imported place and this one.
    Transfer(PlaceId),
}

/// An import rule as stored (its pattern checked, not compiled).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: i64,
    pub pattern: String,
    pub is_regex: bool,
    pub action: RuleAction,
}

/// A stored rule; rules are tried in order and the first match wins.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: i64,
    pub pattern: String,
    pub is_regex: bool,
    pub action: RuleAction,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    Substring(String),
    Regex(Regex),
}

impl Rule {
    /// Builds a rule, refusing an empty pattern or a regex that does not compile.
    pub fn new(id: i64, pattern: &str, is_regex: bool, action: RuleAction) -> Result<Rule, String> {
        if pattern.trim().is_empty() {
            return Err("a rule needs a pattern to look for in descriptions".into());
        }
        let matcher = if is_regex {
            let re = RegexBuilder::new(pattern)
                .case_insensitive(true)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| format!("pattern '{pattern}' is not a valid regular expression: {e}"))?;
            Matcher::Regex(re)
        } else {
            Matcher::Substring(pattern.to_lowercase())
        };
        Ok(Rule {
            id,
            pattern: pattern.to_string(),
            is_regex,
            action,
            matcher,
        })
    }

    pub fn matches(&self, description: &str) -> bool {
        match &self.matcher {
            Matcher::Substring(needle) => description.to_lowercase().contains(needle.as_str()),
            Matcher::Regex(re) => re.is_match(description),
        }
    }
}

/// The first rule (in order) whose pattern is in the description.
pub fn first_match<'a>(rules: &'a [Rule], description: &str) -> Option<&'a Rule> {
    rules.iter().find(|r| r.matches(description))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(pattern: &str, regex: bool, category: &str) -> Rule {
        Rule::new(1, pattern, regex, RuleAction::Category(category.into())).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn substring_and_regex_rules_match_in_any_case_first_one_wins() {
        let rules = vec![
            rule("trader joe", false, "Groceries"),
            rule(r"^uber\b", true, "Transport"),
            rule("e", false, "Other"),
        ];
        assert_eq!(
            first_match(&rules, "TRADER JOE'S #552").map(|r| &r.action),
            Some(&RuleAction::Category("Groceries".into()))
        );
        assert_eq!(
            first_match(&rules, "Uber trip").map(|r| &r.action),
            Some(&RuleAction::Category("Transport".into()))
        );
        assert_eq!(
            first_match(&rules, "my uber").map(|r| &r.action),
            Some(&RuleAction::Category("Other".into())),
            "the regex is anchored, so the later rule wins"
        );
        assert!(first_match(&rules, "zzz").is_none());
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(Rule::new(1, "  ", false, RuleAction::Transfer(2)).is_err());
        assert!(Rule::new(1, "(unclosed", true, RuleAction::Transfer(2))
            .is_err_and(|e| e.contains("not a valid regular expression")));
    }
}
